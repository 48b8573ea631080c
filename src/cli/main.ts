import { Command, CommanderError, Option } from "commander";
import { analyze, compileToIr, diagnose } from "../compile.js";
import { DEFAULT_MAX_ERRORS, diagnosticToJson, hasErrors, sortDiagnostics, writeDiagnostics, writeJsonArray, type Diagnostic } from "../diagnostics/index.js";
import type { Source } from "../diagnostics/span.js";
import { EMITTERS } from "../emit/index.js";
import { DIRECTORY_EMITTERS } from "../libvirt/target.js";
import { checkDomains } from "../libvirt/index.js";
import { PCS_VERSIONS } from "../emit/pcs/dialects.js";
import { registerCommands } from "./commands.js";
import { readGuestDomains, readOtherDomains, writeTargetDir } from "./libvirt.js";
import { addExamples } from "./help.js";
import { InputError, openAtomic, reason, readSource, readStdlib, UsageError } from "./io.js";

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

/** The command's `--max-errors`, read before its action runs. */
let maxErrors = DEFAULT_MAX_ERRORS;

/** Writes diagnostics to stderr one by one, at most `--max-errors` of them, then the summary. */
export function printDiagnostics(ds: readonly Diagnostic[], all: ReadonlyMap<string, Source>): void {
  writeDiagnostics(ds, all, (t) => void process.stderr.write(t), { color: color(), maxErrors });
}

/** `--max-errors N`: a whole number, 0 for no limit. */
function parseMaxErrors(v: string): number {
  if (!/^\d+$/.test(v)) throw new UsageError(`--max-errors ${v}: expected a whole number (0 shows every diagnostic)`);
  return Number(v);
}

const program = new Command();
program
  .name("hacc")
  .description("Check .ha files and compile them to Pacemaker configuration (CIB XML, pcs, crmsh).")
  .version(VERSION)
  .showHelpAfterError("(run `hacc help` or add --help for usage)")
  .exitOverride()
  // commander's own messages (a missing option, an unknown one) read like hacc's other usage errors: `hacc: ...`, not `error: ...`.
  .configureOutput({ writeErr: (s) => process.stderr.write(s.replace(/^error: /, "hacc: ")), writeOut: (s) => process.stdout.write(s) });

program
  .command("compile")
  .description("check FILE and print its configuration for the chosen target")
  .argument("<file>", "the site, or - for standard input")
  .addOption(new Option("-t, --target <target>", "output format").choices([...Object.keys(EMITTERS), ...Object.keys(DIRECTORY_EMITTERS)]).default("cib"))
  .option("-o, --output <file>", "write the output to this file (whole or not at all; - is stdout) instead of stdout; libvirt: the directory to write (required)")
  .option("--full", "cib: a whole <cib> document with <nodes>, for crm_verify and crm_simulate")
  .addOption(new Option("--pcs-version <version>", "pcs: the dialect to write").choices([...PCS_VERSIONS]).default("0.11"))
  .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
  .option("--no-n1", "skip the N-1 check (every single host failure)")
  .action((file: string, opts: { target: string; output?: string; full?: boolean; lib?: string[]; pcsVersion: string; n1: boolean }) => {
    const toDir = DIRECTORY_EMITTERS[opts.target];
    if (toDir !== undefined && (opts.output === undefined || opts.output === "-")) {
      throw new UsageError(`--target ${opts.target} writes a directory of files: name it with -o DIR`);
    }
    const { library, sources, all } = loadAll(file, opts.lib ?? []);
    if (toDir !== undefined) {
      // A directory target reads the site model, which the IR does not carry: the whole front end, kept.
      const r = analyze(library, sources, { n1: opts.n1 });
      const site = r.value.site;
      if (hasErrors(r.diagnostics) || site === undefined) {
        printDiagnostics(r.diagnostics, all);
        process.exitCode = EXIT.input;
        return;
      }
      const emitted = toDir(site, { sourceName: sources[0]!.file });
      const ds = sortDiagnostics([...r.diagnostics, ...emitted.diagnostics]);
      printDiagnostics(ds, all);
      if (hasErrors(ds)) {
        process.exitCode = EXIT.input;
        return;
      }
      writeTargetDir(opts.output!, emitted.value, site.guests.map((g) => g.name));
      return;
    }
    // Only the IR and the diagnostics are kept: the ASTs and the site model
    // (most of a large site's memory) can be collected while the output is made.
    const { value: ir, diagnostics } = compileToIr(library, sources, { n1: opts.n1 });
    if (hasErrors(diagnostics) || ir === undefined) {
      printDiagnostics(diagnostics, all);
      process.exitCode = EXIT.input;
      return;
    }
    // The text goes straight to the output file as it is made (or is held in
    // chunks for stdout), and is thrown away if the emitter finds an error.
    const out = opts.output !== undefined && opts.output !== "-" ? openAtomic(opts.output) : undefined;
    const held: string[] = [];
    let done = false;
    try {
      const sink = out ? (chunk: string) => out.write(chunk) : (chunk: string) => void held.push(chunk);
      const emitted = EMITTERS[opts.target]!(ir.cib, { full: opts.full === true, pcsVersion: opts.pcsVersion, sourceName: sources[0]!.file, sink, origins: ir.origins });
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
  .option("--libvirt <dir>", "also compare each guest's ib lines with its domain XML, DIR/GUEST.xml (virsh dumpxml)")
  .option("--strict", "fail (exit 1) on warnings too, for CI")
  .action((file: string, opts: { json?: boolean; lib?: string[]; n1: boolean; libvirt?: string; strict?: boolean }) => {
    let loaded: ReturnType<typeof loadAll>;
    try {
      loaded = loadAll(file, opts.lib ?? []);
    } catch (e) {
      if (!(opts.json && e instanceof InputError)) throw e;
      writeJsonArray(e.diagnostics.map(diagnosticToJson), (t) => void process.stdout.write(t));
      process.exitCode = EXIT.input;
      return;
    }
    const { library, sources, all } = loaded;
    let diagnostics: readonly Diagnostic[];
    if (opts.libvirt !== undefined) {
      // The same checks, keeping the site model for its guests (a site that does not elaborate has none to compare).
      const r = analyze(library, sources, { n1: opts.n1 });
      const guests = r.value.site?.guests ?? [];
      const others = readOtherDomains(opts.libvirt, guests);
      diagnostics = sortDiagnostics([...r.diagnostics, ...checkDomains(guests, readGuestDomains(opts.libvirt, guests), others.strangers, others.copies)]);
    } else diagnostics = diagnose(library, sources, { n1: opts.n1 });
    if (opts.json) writeJsonArray(diagnostics.map(diagnosticToJson), (t) => void process.stdout.write(t));
    else printDiagnostics(diagnostics, all);
    const strictFailure = opts.strict === true && !hasErrors(diagnostics) && diagnostics.length > 0;
    // Without errors the run would pass: say why it does not (stderr, so `--json` stays one array).
    if (strictFailure) process.stderr.write(`hacc: ${countOf(diagnostics)} and --strict: failing\n`);
    process.exitCode = hasErrors(diagnostics) || strictFailure ? EXIT.input : EXIT.ok;
  });

/** `3 warnings`, `1 warning and 1 note`: what --strict fails on. */
function countOf(diagnostics: readonly Diagnostic[]): string {
  const n = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
  const parts = (["warning", "note"] as const).flatMap((s) => (n(s) > 0 ? [`${n(s)} ${s}${n(s) === 1 ? "" : "s"}`] : []));
  return parts.join(" and ");
}

registerCommands(program, { loadAll, printDiagnostics, EXIT });
for (const c of program.commands) {
  if (c.name() === "init" || c.name() === "completion") continue;
  c.option("--max-errors <n>", `show at most N diagnostics, then how many more there are (0: all)`, parseMaxErrors, DEFAULT_MAX_ERRORS);
}
addExamples(program);
program.hook("preAction", (_program, action) => {
  maxErrors = (action.opts() as { maxErrors?: number }).maxErrors ?? DEFAULT_MAX_ERRORS;
});

/**
 * Output that cannot be written. A closed pipe (`hacc ... | head -1`) is the
 * reader saying it has seen enough: hacc stops quietly with the exit code it
 * had reached (0 unless it had found errors). Any other failure (a full disk,
 * an I/O error) is one line on stderr and exit 2.
 */
function outputFailed(what: string) {
  return (e: NodeJS.ErrnoException): void => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? EXIT.ok);
    if (what !== "standard error") {
      try {
        process.stderr.write(`hacc: cannot write ${what}: ${reason(e)}\n`);
      } catch {
        // stderr is gone too: the exit code still tells.
      }
    }
    process.exit(EXIT.usage);
  };
}
process.stdout.on("error", outputFailed("standard output"));
process.stderr.on("error", outputFailed("standard error"));

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = e.exitCode === 0 ? EXIT.ok : failed(EXIT.usage);
      return;
    }
    if (e instanceof InputError) {
      printDiagnostics(e.diagnostics, e.sources);
      process.exitCode = EXIT.input;
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`hacc: ${e.message}\n`);
      process.exitCode = failed(EXIT.usage);
      return;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`hacc: internal error: ${msg}\nThis is a bug in hacc, not in your input; please report it with the input that triggered it.\n`);
    if (process.env["HACC_DEBUG"] && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = failed(EXIT.bug);
  }
}

/**
 * The exit code of a failure. Under `--detailed-exitcode` (diff, plan), 2
 * means "changes", so every failure, a usage error too, is 1 as in Terraform.
 */
function failed(code: number): number {
  return process.argv.includes("--detailed-exitcode") ? EXIT.input : code;
}

await main();
