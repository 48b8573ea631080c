import type { Command } from "commander";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Source } from "../diagnostics/span.js";
import type { CliKit } from "./kit.js";
import { InputError, readSource, UsageError, writeAtomic } from "./io.js";
import { shownName } from "../util/name.js";

/**
 * `hacc fmt [--check] FILE...|-`: lays files out the one canonical way.
 * FILE is rewritten in place (atomically, and only when it changes); `-`
 * reads standard input and writes the result to standard output. With
 * `--check` nothing is written: the files that would change are named on
 * stdout and the exit code is 1. A file with syntax errors is never touched;
 * its errors are reported as `hacc check` reports them (exit 1). A file that
 * cannot be read or written is exit 2, after the other files are done.
 */
export function registerFmt(program: Command, kit: CliKit): void {
  program
    .command("fmt")
    .description("format .ha files in place (or check that they are formatted)")
    .argument("<files...>", "the files to format, or - to format standard input to standard output")
    .option("--check", "write nothing; name each file that would change and exit 1 if any would")
    .action(async (files: string[], opts: { check?: boolean }) => {
      // Loaded here so that other commands do not pay for Prettier at start-up.
      const { formatSource } = await import("../format/index.js");
      const diagnostics: Diagnostic[] = [];
      const all = new Map<string, Source>();
      const unformatted: string[] = [];
      let usage = false;
      for (const path of files) {
        try {
          const source = readSource(path);
          all.set(source.file, source);
          const r = await formatSource(source);
          diagnostics.push(...r.diagnostics);
          const text = r.value;
          if (text === undefined) continue;
          if (opts.check) {
            if (text !== source.text) unformatted.push(source.file);
          } else if (path === "-") process.stdout.write(text);
          else if (text !== source.text) writeAtomic(path, text, { inPlace: true });
        } catch (e) {
          if (e instanceof InputError) {
            diagnostics.push(...e.diagnostics);
            for (const [k, v] of e.sources) all.set(k, v);
            continue;
          }
          if (!(e instanceof UsageError)) throw e;
          process.stderr.write(`hacc: ${e.message}\n`);
          usage = true;
        }
      }
      kit.printDiagnostics(diagnostics, all);
      for (const f of unformatted) process.stdout.write(`${shownName(f)}\n`);
      if (unformatted.length > 0) {
        const n = unformatted.length;
        process.stderr.write(`hacc: ${n} file${n === 1 ? "" : "s"} not formatted; \`hacc fmt FILE...\` rewrites ${n === 1 ? "it" : "them"}\n`);
      }
      const inputErrors = unformatted.length > 0 || diagnostics.some((d) => d.severity === "error");
      process.exitCode = usage ? kit.EXIT.usage : inputErrors ? kit.EXIT.input : kit.EXIT.ok;
    });
}
