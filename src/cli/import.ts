import type { Command } from "commander";
import { analyze } from "../compile.js";
import { decodeSource, hasErrors } from "../diagnostics/index.js";
import { importCib } from "../import/import.js";
import type { CliKit } from "./kit.js";
import { readInput, readSource, readStdlib, writeAtomic } from "./io.js";

/** Registers `hacc import CIB.xml|- [-o SITE.ha]`. */
export function registerImport(program: Command, kit: CliKit): void {
  program
    .command("import")
    .description("write a .ha site from a whole CIB (`cibadmin --query`), one that compiles back to the same configuration")
    .argument("<cib>", "the CIB, as `cibadmin --query` prints it (- for standard input)")
    .option("-o, --output <file>", "write the site to this file (- for standard output, the default)")
    .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
    .action(async (file: string, opts: { output?: string; lib?: string[] }) => {
      const name = file === "-" ? "<stdin>" : file;
      const decoded = decodeSource(name, readInput(file));
      const bad = decoded.diagnostics[0];
      if (bad !== undefined) {
        process.stderr.write(`hacc: ${name}:${bad.span.line}:${bad.span.column}: ${bad.message}\n`);
        process.exitCode = kit.EXIT.input;
        return;
      }
      const r = importCib(decoded.value.text);
      if ("error" in r) {
        process.stderr.write(`hacc: ${name}: ${r.error}\n`);
        process.exitCode = kit.EXIT.input;
        return;
      }
      if (r.text === undefined) {
        for (const x of r.refusals) process.stderr.write(`error: ${name}: ${x.path}: ${x.reason}\n`);
        process.stderr.write(`hacc: ${r.refusals.length} element${r.refusals.length === 1 ? "" : "s"} of ${name} cannot be said in the language; nothing written\n`);
        process.exitCode = kit.EXIT.input;
        return;
      }
      // The site must check before it is written: a CIB Pacemaker takes may break one of hacc's rules.
      const site = { file: opts.output !== undefined && opts.output !== "-" ? opts.output : "<imported>", text: r.text };
      const library = [...readStdlib(), ...(opts.lib ?? []).map(readSource)];
      const checked = analyze(library, [site]);
      if (hasErrors(checked.diagnostics)) {
        kit.printDiagnostics(
          checked.diagnostics.filter((d) => d.severity === "error"),
          new Map([...library, site].map((s) => [s.file, s])),
        );
        process.stderr.write(`hacc: the site imported from ${name} does not check (above); nothing written\n`);
        process.exitCode = kit.EXIT.input;
        return;
      }
      // Laid out by the formatter itself (long lists break as `hacc fmt` breaks them); loaded here, as `fmt` does.
      const { formatSource } = await import("../format/index.js");
      const formatted = await formatSource(site);
      writeAtomic(opts.output ?? "-", formatted.value ?? r.text);
      process.exitCode = kit.EXIT.ok;
    });
}
