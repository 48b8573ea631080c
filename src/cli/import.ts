import type { Command } from "commander";
import { analyze } from "../compile.js";
import { decodeSource, hasErrors, type Diagnostic } from "../diagnostics/index.js";
import { importCib } from "../import/import.js";
import { setAsideDiagnostic } from "../import/set-aside.js";
import { keptRuntimeDiagnostic } from "../import/runtime.js";
import { notCibDiagnostic, xmlErrorDiagnostic } from "../import/xml-error.js";
import type { CliKit } from "./kit.js";
import { readInput, readSource, readStdlib, writeAtomic } from "./io.js";
import { readLibvirtDir } from "./libvirt.js";
import type { LibvirtProblem } from "../libvirt/index.js";

/** Registers `hacc import CIB.xml|- [-o SITE.ha]`. */
export function registerImport(program: Command, kit: CliKit): void {
  program
    .command("import")
    .description("write a .ha site from a whole CIB (`cibadmin --query`), one that compiles back to the same configuration")
    .argument("<cib>", "the CIB, as `cibadmin --query` prints it (- for standard input)")
    .option("-o, --output <file>", "write the site to this file (- for standard output, the default)")
    .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
    .option("--libvirt <dir>", "fill each guest's ib lines from its domain XML in DIR (the `virsh dumpxml` files, *.xml)")
    .action(async (file: string, opts: { output?: string; lib?: string[]; libvirt?: string }) => {
      const name = file === "-" ? "<stdin>" : file;
      const decoded = decodeSource(name, readInput(file));
      const bad = decoded.diagnostics[0];
      if (bad !== undefined) {
        process.stderr.write(`hacc: ${name}:${bad.span.line}:${bad.span.column}: ${bad.message}\n`);
        process.exitCode = kit.EXIT.input;
        return;
      }
      // The domains first: a directory that cannot be read is a usage error (exit 2) before any work.
      const domains = opts.libvirt !== undefined ? readLibvirtDir(opts.libvirt) : undefined;
      const ib = new Map((domains?.guests ?? []).map((g) => [g.guest, g.ib]));
      const r = importCib(decoded.value.text, ib);
      if ("error" in r) {
        if (r.xml) kit.printDiagnostics([xmlErrorDiagnostic(name, decoded.value.text, r.xml)], new Map([[name, { file: name, text: decoded.value.text }]]));
        else if (r.root !== undefined) kit.printDiagnostics([notCibDiagnostic(name, decoded.value.text, r.root)], new Map([[name, { file: name, text: decoded.value.text }]]));
        else process.stderr.write(`hacc: ${name}: ${r.error}\n`);
        process.exitCode = kit.EXIT.input;
        return;
      }
      // Each domain's problems, then what the domains and the CIB's guests do not share: nothing is dropped without a word.
      const problems: LibvirtProblem[] = [...(domains?.problems ?? [])];
      if (domains !== undefined && r.text !== undefined) {
        const written = new Set(r.guests);
        for (const g of domains.guests) {
          if (written.has(g.guest)) continue;
          const vfs = g.ib.length === 1 ? "its VF is" : `its ${g.ib.length} VFs are`;
          const why = r.notGuests.get(g.guest);
          // A VM of the CIB that is a guest node, but not in the form `guest` writes: say which part, and what to do.
          if (why !== undefined) problems.push({ file: g.file, message: `domain \`${g.guest}\` is the guest node of ${name}, but not written as \`guest ${g.guest}\` (${why}): ${vfs} not imported; make the CIB match (or edit the site into a \`guest\` statement and add the \`ib\` lines), then import again`, severity: "warning" });
          else problems.push({ file: g.file, message: `domain \`${g.guest}\` is not a guest of ${name}: ${vfs} not imported`, severity: "warning" });
        }
        for (const g of r.guests) {
          if (!ib.has(g)) problems.push({ file: opts.libvirt!, message: `guest \`${g}\` has no domain XML here (a *.xml whose <name> is ${g}): its ib lines are not imported`, severity: "warning" });
        }
      }
      for (const p of problems) process.stderr.write(`${p.severity}: ${p.file}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ""}: ${p.message}\n`);
      const domainErrors = problems.filter((p) => p.severity === "error").length;
      if (r.text === undefined || domainErrors > 0) {
        for (const x of r.refusals) process.stderr.write(`error: ${name}: ${x.path}: ${x.reason}\n`);
        if (r.text !== undefined) {
          process.stderr.write(`hacc: ${domainErrors} error${domainErrors === 1 ? "" : "s"} in the domain XML of ${opts.libvirt}; nothing written\n`);
          process.exitCode = kit.EXIT.input;
          return;
        }
        process.stderr.write(`hacc: ${r.refusals.length} element${r.refusals.length === 1 ? "" : "s"} of ${name} cannot be said in the language; nothing written\n`);
        process.exitCode = kit.EXIT.input;
        return;
      }
      // The site must check before it is written: a CIB Pacemaker takes may break one of hacc's rules.
      // Checked under a name that is no file: the site is written only when it checks, so a caret into `site.ha` would
      // point into a file that is not there. Each error names the CIB element its statement came from.
      const site = { file: `<site imported from ${name}>`, text: r.text };
      const library = [...readStdlib(), ...(opts.lib ?? []).map(readSource)];
      const checked = analyze(library, [site]);
      if (hasErrors(checked.diagnostics)) {
        const from = (d: Diagnostic): Diagnostic => {
          const o = d.span.file === site.file ? r.origins.find((x) => x.line <= d.span.line && d.span.line <= x.endLine) : undefined;
          return o === undefined ? d : { ...d, message: `${d.message}, from ${o.path}` };
        };
        kit.printDiagnostics(
          checked.diagnostics.filter((d) => d.severity === "error").map(from),
          new Map([...library, site].map((s) => [s.file, s])),
        );
        // A `<configuration>` fragment (hacc compile without --full, cibadmin --query --scope configuration of a
        // cluster whose nodes are elsewhere) names nodes it does not declare: say so once, beside the unknown nodes.
        if (!r.nodeEntries && checked.diagnostics.some((d) => d.code === "HA2001" || d.code === "HA2101")) {
          process.stderr.write(`hacc: ${name} has no node entries: hacc import reads a whole CIB (cibadmin --query, or hacc compile --full), not a fragment\n`);
        }
        process.stderr.write(`hacc: the site imported from ${name} does not check (above: its lines as they would be written, each error with the CIB element it came from); nothing written\n`);
        process.exitCode = kit.EXIT.input;
        return;
      }
      // An operator's ban or move is left out, each with a warning at its place in the CIB.
      if (r.setAside.length > 0) {
        kit.printDiagnostics(r.setAside.map((x) => setAsideDiagnostic(name, decoded.value.text, x)), new Map([[name, { file: name, text: decoded.value.text }]]));
      }
      // A run-time setting at another value than Pacemaker's default is kept: the site now owns it, with a warning each.
      if (r.runtime.length > 0) {
        kit.printDiagnostics(r.runtime.map((x) => keptRuntimeDiagnostic(name, decoded.value.text, x)), new Map([[name, { file: name, text: decoded.value.text }]]));
      }
      // Laid out by the formatter itself (long lists break as `hacc fmt` breaks them); loaded here, as `fmt` does.
      const { formatSource } = await import("../format/index.js");
      const formatted = await formatSource(site);
      writeAtomic(opts.output ?? "-", formatted.value ?? r.text);
      process.exitCode = kit.EXIT.ok;
    });
}
