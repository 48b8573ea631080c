import { Option, type Command } from "commander";
import { analyze } from "../compile.js";
import { decodeSource, hasErrors } from "../diagnostics/index.js";
import type { Source } from "../diagnostics/span.js";
import type { Cib, Origins } from "../ir/types.js";
import { compareCibs, isEmpty } from "../review/compare.js";
import { readLiveCib, type LiveCib } from "../review/live.js";
import { planAgainstLive, renderPlan } from "../review/plan.js";
import { changesToJson, paint, renderChanges, summaryLine } from "../review/render.js";
import { PLAN_TARGETS } from "../review/targets/index.js";
import { PCS_PLAN_VERSIONS } from "../review/targets/pcs.js";
import { colorOption, DETAILED_EXITCODE, useColor, type CliKit } from "./kit.js";
import { readInput, UsageError, writeAtomic } from "./io.js";
import { shownName } from "../util/name.js";

/** Compiles one site to IR, printing its diagnostics; no IR when it has errors. */
function compileSite(kit: CliKit, file: string, libs: readonly string[]): { cib?: Cib; origins?: Origins; all: Map<string, Source> } {
  const { library, sources, all } = kit.loadAll(file, libs);
  const r = analyze(library, sources);
  kit.printDiagnostics(r.diagnostics, all);
  return hasErrors(r.diagnostics) || r.value.cib === undefined ? { all } : { cib: r.value.cib, ...(r.value.origins ? { origins: r.value.origins } : {}), all };
}

function readLive(path: string): LiveCib | string {
  const name = path === "-" ? "<stdin>" : shownName(path);
  const decoded = decodeSource(name, readInput(path));
  const bad = decoded.diagnostics[0];
  if (bad !== undefined) return `${name}:${bad.span.line}:${bad.span.column}: ${bad.message}`;
  // A shared op list (`<operations id-ref>`) read as each primitive's own copy, as Pacemaker reads it (plan.ts refuses to change one);
  // a name set twice in a set read as Pacemaker reads it, the first counting, as import reads it (shadowed.ts refuses to change one).
  const r = readLiveCib(decoded.value.text, { expandOpsRefs: true, firstOfTwice: true });
  if ("error" in r) {
    return r.error.kind === "xml" ? `${name}:${r.error.error.line}:${r.error.error.column}: ${r.error.error.refused ? "refused" : "not well-formed XML"}: ${r.error.error.message}` : `${name}: ${r.error.message}`;
  }
  return r.value;
}

function emit(text: string, output: string | undefined): void {
  if (output !== undefined) writeAtomic(output, text);
  else process.stdout.write(text);
}

/** Review lines as text, coloured when `color`. */
function lines(ls: readonly string[], color: boolean): string {
  return (color ? ls.map(paint) : ls).join("\n") + "\n";
}

/** The exit code of a review that found no error: `--detailed-exitcode` (0 none, 2 changes), `--exit-code` (0 none, 1 changes), else 0. */
function changesExit(changed: boolean, opts: { exitCode?: boolean; detailedExitcode?: boolean }): number {
  if (!changed) return 0;
  return opts.detailedExitcode ? 2 : opts.exitCode ? 1 : 0;
}

/** Registers `hacc diff` and `hacc plan`. */
export function registerReview(program: Command, kit: CliKit): void {
  program
    .command("diff")
    .description("show what changes between two versions of a site, object by object")
    .argument("<old>", "the site before the change")
    .argument("<new>", "the site after the change")
    .option("--json", "print the changes as JSON")
    .option("--exit-code", "exit 1 when there are changes (as git diff does), 0 when there are none")
    .option(...DETAILED_EXITCODE)
    .addOption(colorOption())
    .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
    .action((oldFile: string, newFile: string, opts: { json?: boolean; exitCode?: boolean; detailedExitcode?: boolean; color: string; lib?: string[] }) => {
      if (oldFile === "-" && newFile === "-") throw new UsageError("only one of the two sites can be standard input");
      const a = compileSite(kit, oldFile, opts.lib ?? []).cib;
      const b = compileSite(kit, newFile, opts.lib ?? []).cib;
      if (a === undefined || b === undefined) {
        process.exitCode = kit.EXIT.input;
        return;
      }
      const cs = compareCibs(a, b);
      if (opts.json) process.stdout.write(JSON.stringify({ old: oldFile, new: newFile, ...(changesToJson(cs) as object) }, null, 2) + "\n");
      else {
        const body = renderChanges(cs);
        const text = [`hacc diff: ${shownName(oldFile)} -> ${shownName(newFile)}`, summaryLine(cs), ...(body.length > 0 ? ["", ...body] : [])];
        process.stdout.write(lines(text, useColor(opts.color, process.stdout)));
      }
      process.exitCode = changesExit(!isEmpty(cs), opts);
    });

  program
    .command("plan")
    .description("show what applying the site to a live cluster would add, change and remove; with --target, write it as a script")
    .argument("<file>", "the site")
    .requiredOption("--live <cib.xml>", "the live CIB, as `cibadmin --query` or `pcs cluster cib` prints it (- for standard input)")
    .addOption(new Option("-t, --target <target>", "write the plan as a script for this target").choices(Object.keys(PLAN_TARGETS)))
    .option("-o, --output <file>", "write to this file (whole or not at all) instead of stdout")
    .addOption(new Option("--pcs-version <version>", "pcs: the dialect to write").choices([...PCS_PLAN_VERSIONS]).default("0.11"))
    .option("--prune", "also remove live resources, constraints, properties and defaults that the site never owned (run-time settings excepted)")
    .option("--keep-undeclared", "keep every live object the site does not declare, its own included: remove nothing")
    .option("--adopt <id>", "take over this live resource or constraint although another hacc site's tag lists it, or this site's tag does not (repeatable)", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option("--adopt-all", "take over every live object the site declares, whoever's tag lists it")
    .option("--json", "print the plan as JSON")
    .option("--exit-code", "exit 1 when the plan changes anything, 0 when it changes nothing")
    .option(...DETAILED_EXITCODE)
    .addOption(colorOption())
    .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
    .action((file: string, opts: { live: string; target?: string; output?: string; pcsVersion: string; prune?: boolean; keepUndeclared?: boolean; adopt: string[]; adoptAll?: boolean; json?: boolean; exitCode?: boolean; detailedExitcode?: boolean; color: string; lib?: string[] }) => {
      if (file === "-" && opts.live === "-") throw new UsageError("the site and the live CIB cannot both be standard input");
      if (opts.json && opts.target !== undefined) throw new UsageError("--json and --target cannot be combined");
      if (opts.prune && opts.keepUndeclared) throw new UsageError("--prune and --keep-undeclared cannot be combined");
      const { cib: site, origins, all } = compileSite(kit, file, opts.lib ?? []);
      const live = readLive(opts.live);
      if (typeof live === "string") process.stderr.write(`hacc: ${live}\n`);
      if (site === undefined || typeof live === "string") {
        process.exitCode = kit.EXIT.input;
        return;
      }
      const tops = new Set([...site.resources.map((r) => r.id), ...site.constraints.map((c) => c.id)]);
      for (const id of opts.adopt) if (!tops.has(id)) throw new UsageError(`--adopt ${JSON.stringify(id)}: the site declares no resource or constraint with that id`);
      const plan = planAgainstLive(live, site, { keepUndeclared: opts.keepUndeclared === true, prune: opts.prune === true, adopt: opts.adopt, adoptAll: opts.adoptAll === true });
      const names = { site: file === "-" ? "<stdin>" : shownName(file), live: opts.live === "-" ? "<stdin>" : shownName(opts.live) };
      const refused = plan.refusals.length > 0;
      if (refused) for (const r of plan.refusals) process.stderr.write(`hacc: plan refused: ${r}\n`);
      if (opts.json) {
        const json = {
          site: names.site,
          live: names.live,
          ...(live.version ? { version: live.version } : {}),
          refusals: plan.refusals,
          owner: plan.owner,
          takenOver: plan.takenOver,
          leftAlone: plan.leftAlone,
          ungrantedTickets: plan.ungranted,
          ...(changesToJson(plan.changes) as object),
        };
        emit(JSON.stringify(json, null, 2) + "\n", opts.output);
      } else if (opts.target !== undefined) {
        if (refused) {
          process.exitCode = kit.EXIT.input;
          return;
        }
        const w = PLAN_TARGETS[opts.target]!(plan, { ...names, pcsVersion: opts.pcsVersion, ...(origins ? { origins } : {}) });
        if (hasErrors(w.diagnostics)) {
          kit.printDiagnostics(w.diagnostics, all);
          process.exitCode = kit.EXIT.input;
          return;
        }
        emit(w.value, opts.output);
      } else {
        // Colour on a terminal only: never in a file (-o), whatever --color says.
        const toFile = opts.output !== undefined && opts.output !== "-";
        emit(lines(renderPlan(plan, names), useColor(opts.color, toFile ? undefined : process.stdout)), opts.output);
      }
      process.exitCode = refused ? kit.EXIT.input : changesExit(!isEmpty(plan.changes), opts);
    });
}
