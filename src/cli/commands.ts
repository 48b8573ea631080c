import type { Command } from "commander";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Source } from "../diagnostics/span.js";
import { registerReview } from "./review.js";
import { registerFmt } from "./fmt.js";
import { registerGraph } from "./graph.js";
import { registerSimulate } from "./simulate.js";

/** What the core CLI lends to the commands registered here. */
export interface CliKit {
  readonly loadAll: (file: string, libs: readonly string[]) => { library: Source[]; sources: Source[]; all: Map<string, Source> };
  readonly printDiagnostics: (ds: readonly Diagnostic[], all: ReadonlyMap<string, Source>) => void;
  readonly EXIT: { readonly ok: 0; readonly input: 1; readonly usage: 2; readonly bug: 3 };
}

/**
 * Commands beyond `compile` and `check` (fmt, diff, plan, ...) register here,
 * one line each, each from its own module under src/cli/.
 */
export function registerCommands(program: Command, kit: CliKit): void {
  void program;
  void kit;
  registerReview(program, kit);
  registerFmt(program, kit);
  registerSimulate(program, kit);
  registerGraph(program, kit);
}
