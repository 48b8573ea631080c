import type { Command } from "commander";
import { registerReview } from "./review.js";
import { registerFmt } from "./fmt.js";
import { registerGraph } from "./graph.js";
import { registerImport } from "./import.js";
import type { CliKit } from "./kit.js";
import { registerLsp } from "./lsp.js";
import { registerSimulate } from "./simulate.js";
import { registerInit } from "./init.js";
import { registerCompletion } from "./completion.js";

/**
 * Commands beyond `compile` and `check` (fmt, diff, plan, ...) register here,
 * one line each, each from its own module under src/cli/.
 */
export function registerCommands(program: Command, kit: CliKit): void {
  registerReview(program, kit);
  registerFmt(program, kit);
  registerSimulate(program, kit);
  registerGraph(program, kit);
  registerLsp(program, kit);
  registerImport(program, kit);
  registerInit(program, kit);
  registerCompletion(program);
}
