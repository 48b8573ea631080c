import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { analyze } from "../compile.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { emitCibFull } from "../emit/cib/cib.js";
import { replicaNodes } from "../check/model.js";
import { forSimulation, INVALID, pacemakerRuns, readSimulation, renderSimulation, type Simulation } from "../simulate/crm.js";
import { predictSimulation } from "../simulate/hacc.js";
import { collectList, type CliKit } from "./kit.js";
import { UsageError } from "./io.js";

/** How to get crm_simulate, said when it is missing. */
export const INSTALL_HINT =
  "hacc simulate runs Pacemaker's own scheduler through `crm_simulate`, which is not installed here.\n" +
  "Install Pacemaker's command-line tools:\n" +
  "  Debian, Ubuntu:     apt-get install pacemaker-cli-utils\n" +
  "  RHEL, Fedora, SUSE: dnf install pacemaker-cli   (zypper install pacemaker-cli)\n";

/** The engines `--engine` names: Pacemaker's scheduler through crm_simulate (the default), or hacc's own prediction. */
const ENGINES = ["pacemaker", "hacc"] as const;

/** `hacc simulate SITE [--fail HOST]... [--engine pacemaker|hacc] [--json]`: the placement before and after host failures. */
export function registerSimulate(program: Command, kit: CliKit): void {
  program
    .command("simulate")
    .description("show where Pacemaker places every resource with all hosts up, and after the --fail hosts fail (runs crm_simulate, or hacc's own prediction with --engine hacc)")
    .argument("<file>", "the site, or - for standard input")
    .option("-f, --fail <host>", "a host that fails (repeat, or separate with commas)", collectList, [] as string[])
    .option("--engine <engine>", "who answers: pacemaker (crm_simulate) or hacc (its own prediction, no Pacemaker needed)", "pacemaker")
    .option("--json", "print the result as JSON on stdout")
    .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
    .action((file: string, opts: { fail: string[]; engine: string; json?: boolean; lib?: string[] }) => {
      if (!(ENGINES as readonly string[]).includes(opts.engine)) throw new UsageError(`--engine ${opts.engine}: not an engine (choose ${ENGINES.join(" or ")})`);
      const { library, sources, all } = kit.loadAll(file, opts.lib ?? []);
      const r = analyze(library, sources, { n1: false });
      const site = r.value.site;
      if (hasErrors(r.diagnostics) || r.value.cib === undefined || site === undefined) {
        kit.printDiagnostics(r.diagnostics, all);
        process.exitCode = kit.EXIT.input;
        return;
      }
      for (const f of opts.fail) {
        if ((site.unlistedNodes ?? []).includes(f)) throw new UsageError(`--fail ${f}: an unlisted node of cluster \`${site.name}\`, never up, so nothing there can fail (its nodes: ${site.nodes.join(", ")})`);
        if (!site.nodes.includes(f)) throw new UsageError(`--fail ${f}: not a node of cluster \`${site.name}\` (its nodes: ${site.nodes.join(", ")})`);
      }
      const print = (sim: Simulation) => {
        kit.printDiagnostics(r.diagnostics, all);
        process.stdout.write(opts.json ? JSON.stringify(sim, null, 2) + "\n" : renderSimulation(sim));
        process.exitCode = kit.EXIT.ok;
      };
      if (opts.engine === "hacc") {
        print(predictSimulation(site, opts.fail));
        return;
      }
      const probe = spawnSync("crm_simulate", ["--version"], { encoding: "utf8" });
      if (probe.error !== undefined) {
        process.stderr.write(INSTALL_HINT);
        process.exitCode = kit.EXIT.usage;
        return;
      }
      const vmOf = new Map<string, string>();
      for (const res of site.resources) if (res.kind === "primitive" && res.guest) vmOf.set(res.id, res.guest.name);
      const dir = mkdtempSync(join(tmpdir(), "hacc-simulate-"));
      try {
        // A bundle's replicas are guest nodes too: with their entries they come online as in a cluster.
        const replicas = site.resources.flatMap((b) => (b.kind === "bundle" ? replicaNodes(b.id, b.container.settings, b.child !== undefined) : []));
        writeFileSync(join(dir, "full.xml"), forSimulation(emitCibFull(r.value.cib), [...vmOf.values(), ...replicas]));
        const run = (args: readonly string[]): string => {
          const p = spawnSync("crm_simulate", [...args], { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
          if (p.status !== 0 && p.stderr.includes(INVALID)) throw new UsageError(invalidTransition(args, p.stdout));
          if (p.status !== 0) throw new UsageError(`crm_simulate ${args.join(" ")} failed (exit ${p.status}):\n${p.stderr}${p.stdout}`);
          return p.stdout;
        };
        const guests = { vmOf, guests: [...vmOf.values()] };
        const runs = pacemakerRuns(site.nodes, guests, opts.fail.length > 0 ? [opts.fail] : []);
        let step = runs.next();
        while (!step.done) step = runs.next(run(step.value));
        const { before, after } = step.value;
        print(readSimulation(before, after[0], opts.fail, guests));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
}

/**
 * What to say when crm_simulate plans a transition it then cannot carry out
 * ("An invalid transition was produced"): a limit of its simulation (it stops
 * half way, where no cluster stays), not a fault of the site. Says at which
 * run, what Pacemaker's scheduler planned there, and where to turn instead.
 */
function invalidTransition(args: readonly string[], stdout: string): string {
  const out = args[args.indexOf("-O") + 1];
  const when = out === "up.xml" ? "with every host up" : out === "guests.xml" ? "when the guest nodes came up" : out?.startsWith("settled-") ? "when it ran again to settle" : "after the failure";
  const at = stdout.indexOf("Transition Summary:");
  const plan = at < 0 ? "" : stdout.slice(at).split(/\n\s*\n/)[0]!.trimEnd();
  return (
    `crm_simulate could not carry out the transition Pacemaker's scheduler planned ${when} ("An invalid transition was produced"), ` +
    `so it reached no placement to show: a limit of crm_simulate's simulation, not a mistake in the site.\n` +
    (plan === "" ? "" : `What the scheduler planned:\n${plan}\n`) +
    `\`hacc simulate --engine hacc\` gives hacc's own prediction.`
  );
}
