import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { readSource, readStdlib, stdlibDir } from "./io.js";
import type { CliKit } from "./kit.js";

/**
 * `hacc lsp --stdio`: the language server, over standard input and output
 * (see docs/editor.md). The server (src/lsp/) and vscode-languageserver are
 * loaded only here, so other commands do not pay for them at start-up.
 */
export function registerLsp(program: Command, _kit: CliKit): void {
  program
    .command("lsp")
    .description("run the language server for editors (LSP over standard input and output)")
    .option("--stdio", "talk LSP over standard input and output (the one transport; editors pass it)")
    .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
    .option("--no-n1", "skip the N-1 check (every single host failure)")
    .action(async (opts: { lib?: string[]; n1: boolean }) => {
      const [{ createConnection, ProposedFeatures }, { serve }] = await Promise.all([
        import("vscode-languageserver/node"),
        import("../lsp/server.js"),
      ]);
      const libs = opts.lib ?? [];
      const library = [...readStdlib(), ...libs.map(readSource)];
      const uris = new Map<string, string>();
      for (const s of library) {
        const path = s.file.startsWith("<stdlib>/") ? join(stdlibDir(), s.file.slice("<stdlib>/".length)) : resolve(s.file);
        uris.set(s.file, pathToFileURL(path).href);
      }
      // Given the streams themselves (not readers over them), the library also ends the process when the
      // editor closes stdin without `shutdown`: exit 1, as the protocol says.
      const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
      serve(connection, { library, uriOf: (file) => uris.get(file), n1: opts.n1 });
      // The connection ends the process on the client's `exit` notification (0 after `shutdown`).
      await new Promise<never>(() => {});
    });
}
