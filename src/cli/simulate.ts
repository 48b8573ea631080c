import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { analyze } from "../compile.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { emitCibFull } from "../emit/cib/cib.js";
import { readSimulation, readStatus, renderSimulation, simulateSteps } from "../simulate/crm.js";
import { collectList, type CliKit } from "./kit.js";
import { UsageError } from "./io.js";

/** How to get crm_simulate, said when it is missing. */
export const INSTALL_HINT =
  "hacc simulate runs Pacemaker's own scheduler through `crm_simulate`, which is not installed here.\n" +
  "Install Pacemaker's command-line tools:\n" +
  "  Debian, Ubuntu:     apt-get install pacemaker-cli-utils\n" +
  "  RHEL, Fedora, SUSE: dnf install pacemaker-cli   (zypper install pacemaker-cli)\n";

/** `hacc simulate SITE [--fail HOST]... [--json]`: Pacemaker's placement before and after host failures. */
export function registerSimulate(program: Command, kit: CliKit): void {
  program
    .command("simulate")
    .description("show where Pacemaker places every resource with all hosts up, and after the --fail hosts fail (runs crm_simulate)")
    .argument("<file>", "the site, or - for standard input")
    .option("-f, --fail <host>", "a host that fails (repeat, or separate with commas)", collectList, [] as string[])
    .option("--json", "print the result as JSON on stdout")
    .option("-L, --lib <file...>", "extra .ha files declaring agents and service kinds")
    .action((file: string, opts: { fail: string[]; json?: boolean; lib?: string[] }) => {
      const { library, sources, all } = kit.loadAll(file, opts.lib ?? []);
      const r = analyze(library, sources, { n1: false });
      const site = r.value.site;
      if (hasErrors(r.diagnostics) || r.value.cib === undefined || site === undefined) {
        kit.printDiagnostics(r.diagnostics, all);
        process.exitCode = kit.EXIT.input;
        return;
      }
      for (const f of opts.fail) {
        if (!site.nodes.includes(f)) throw new UsageError(`--fail ${f}: not a node of cluster \`${site.name}\` (its nodes: ${site.nodes.join(", ")})`);
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
        writeFileSync(join(dir, "full.xml"), emitCibFull(r.value.cib));
        const run = (args: readonly string[]): string => {
          const p = spawnSync("crm_simulate", [...args], { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
          if (p.status !== 0) throw new UsageError(`crm_simulate ${args.join(" ")} failed (exit ${p.status}):\n${p.stderr}${p.stdout}`);
          return p.stdout;
        };
        // Bring the hosts up first, then exactly the guests whose VMs started.
        const first = simulateSteps(site.nodes, [], [])[0]!;
        let before = run(first.args);
        const started = [...vmOf].filter(([vm]) => readStatus(before).some((s) => s.id === vm && s.state === "Started")).map(([, g]) => g);
        const steps = simulateSteps(site.nodes, started, opts.fail).slice(1);
        let after: string | undefined;
        for (const step of steps) {
          const out = run(step.args);
          if (step.purpose === "guests-up") before = out;
          else after = out;
        }
        const sim = readSimulation(before, after, opts.fail, { vmOf, guests: [...vmOf.values()] });
        kit.printDiagnostics(r.diagnostics, all);
        process.stdout.write(opts.json ? JSON.stringify(sim, null, 2) + "\n" : renderSimulation(sim));
        process.exitCode = kit.EXIT.ok;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
}
