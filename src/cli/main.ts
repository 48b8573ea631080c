import { Command, CommanderError, Option } from "commander";
import { compileToIr, diagnose } from "../compile.js";
import { diagnosticToJson, hasErrors, renderAll, sortDiagnostics, type Diagnostic } from "../diagnostics/index.js";
import type { Source } from "../diagnostics/span.js";
import { EMITTERS } from "../emit/index.js";
import { PCS_VERSIONS } from "../emit/pcs/dialects.js";
import { registerCommands } from "./commands.js";
import { openAtomic, readSource, readStdlib, UsageError } from "./io.js";

/** Exit codes: 0 success (warnings allowed), 1 errors in the input, 2 usage or I/O, 3 a bug in hacc. */
export const EXIT = { ok: 0, input: 1, usage: 2, bug: 3 } as const;

const VERSION = "0.1.0";

function color(): boolean {
  return process.stderr.isTTY === true && process.env["NO_COLOR"] === undefined;
}

export function loadAll(file: string, libs: readonly string[]): { library: Source[]; sources: Source[]; all: Map<string, Source> } {
  const library = [...readStdlib(), ...libs.map(readSource)];
  const sources = [readSource(file)];
  const all = new Map<string, Source>();
  for (const s of [...library, ...sources]) all.set(s.file, s);
  return { library, sources, all };
}

export function printDiagnostics(ds: readonly Diagnostic[], all: Map<string, Source>): void {
  if (ds.length > 0) process.stderr.write(renderAll(ds, all, { color: color() }));
}

const program = new Command();
program
  .name("hacc")
  .description("Check .ha files and compile them to Pacemaker configuration (CIB XML, pcs, crmsh).")
  .version(VERSION)
  .showHelpAfterError("(run `hacc help` or add --help for usage)")
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

program
  .command("compile")
  .description("check FILE and print its configuration for the chosen target")
  .argument("<file>", "the site, or - for standard input")
  .addOption(new Option("-t, --target <target>", "output format").choices(Object.keys(EMITTERS)).default("cib"))
  .option("-o, --output <file>", "write the output to this file (whole or not at all) instead of stdout")
  .option("--full", "cib: a whole <cib> document with <nodes>, for crm_verify and crm_simulate")
  .addOption(new Option("--pcs-version <version>", "pcs: the dialect to write").choices([...PCS_VERSIONS]).default("0.11"))
  .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
  .option("--no-n1", "skip the N-1 check (every single host failure)")
  .action((file: string, opts: { target: string; output?: string; full?: boolean; lib?: string[]; pcsVersion: string; n1: boolean }) => {
    const { library, sources, all } = loadAll(file, opts.lib ?? []);
    // Only the IR and the diagnostics are kept: the ASTs and the site model
    // (most of a large site's memory) can be collected while the output is made.
    const { value: cib, diagnostics } = compileToIr(library, sources, { n1: opts.n1 });
    if (hasErrors(diagnostics) || cib === undefined) {
      printDiagnostics(diagnostics, all);
      process.exitCode = EXIT.input;
      return;
    }
    // The text goes straight to the output file as it is made (or is held in
    // chunks for stdout), and is thrown away if the emitter finds an error.
    const out = opts.output !== undefined ? openAtomic(opts.output) : undefined;
    const held: string[] = [];
    let done = false;
    try {
      const sink = out ? (chunk: string) => out.write(chunk) : (chunk: string) => void held.push(chunk);
      const emitted = EMITTERS[opts.target]!(cib, { full: opts.full === true, pcsVersion: opts.pcsVersion, sourceName: sources[0]!.file, sink });
      const ds = sortDiagnostics([...diagnostics, ...emitted.diagnostics]);
      printDiagnostics(ds, all);
      if (hasErrors(ds)) {
        process.exitCode = EXIT.input;
        return;
      }
      if (out) out.commit();
      else for (const chunk of held) process.stdout.write(chunk);
      done = true;
    } finally {
      if (!done) out?.abort();
    }
  });

program
  .command("check")
  .description("check FILE and report every problem; print nothing else")
  .argument("<file>", "the site, or - for standard input")
  .option("--json", "print the diagnostics as a JSON array on stdout")
  .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
  .option("--no-n1", "skip the N-1 check (every single host failure)")
  .action((file: string, opts: { json?: boolean; lib?: string[]; n1: boolean }) => {
    const { library, sources, all } = loadAll(file, opts.lib ?? []);
    const diagnostics = diagnose(library, sources, { n1: opts.n1 });
    if (opts.json) process.stdout.write(JSON.stringify(diagnostics.map(diagnosticToJson), null, 2) + "\n");
    else printDiagnostics(diagnostics, all);
    process.exitCode = hasErrors(diagnostics) ? EXIT.input : EXIT.ok;
  });

registerCommands(program, { loadAll, printDiagnostics, EXIT });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`hacc: ${e.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`hacc: internal error: ${msg}\nThis is a bug in hacc, not in your input; please report it with the input that triggered it.\n`);
    if (process.env["HACC_DEBUG"] && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = EXIT.bug;
  }
}

await main();
