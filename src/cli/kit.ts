import { Option } from "commander";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Source } from "../diagnostics/span.js";

/**
 * What the commands registered in commands.ts share: the kit the core CLI
 * (main.ts) lends them, and option parsers more than one of them uses. Both
 * commands.ts and each command module import it, so neither imports the other.
 */

/** What the core CLI lends to the commands registered in commands.ts. */
export interface CliKit {
  readonly loadAll: (file: string, libs: readonly string[]) => { library: Source[]; sources: Source[]; all: Map<string, Source> };
  readonly printDiagnostics: (ds: readonly Diagnostic[], all: ReadonlyMap<string, Source>) => void;
  readonly EXIT: { readonly ok: 0; readonly input: 1; readonly usage: 2; readonly bug: 3 };
}

/** A repeatable option whose values may also be separated by commas (`--fail a --fail b,c`): commander's argParser, empty items dropped. */
export function collectList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").filter((x) => x !== "")];
}

/** `--color auto|always|never`: colour on a terminal only, unless told (NO_COLOR turns `auto` off). */
export function colorOption(): Option {
  return new Option("--color <when>", "colour the output: on a terminal (auto, unless NO_COLOR is set), always, or never").choices(["auto", "always", "never"]).default("auto");
}

/** Whether text written to `stream` is coloured, for `--color WHEN`. Never for a file: the caller passes no stream then. */
export function useColor(when: string, stream: { isTTY?: boolean } | undefined): boolean {
  if (stream === undefined || when === "never") return false;
  if (when === "always") return true;
  return stream.isTTY === true && process.env["NO_COLOR"] === undefined && process.env["TERM"] !== "dumb";
}

/**
 * `--detailed-exitcode`, as Terraform's: 0 when nothing changes, 2 when
 * something does, 1 on any error (a usage error too: see main.ts).
 */
export const DETAILED_EXITCODE = ["--detailed-exitcode", "exit 0 when nothing changes, 2 when something does, 1 on errors (as terraform plan -detailed-exitcode)"] as const;
