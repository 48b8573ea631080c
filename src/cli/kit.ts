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
