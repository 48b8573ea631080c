import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { failoverReport } from "../../src/placement/index.js";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { readStatus, simulateSteps } from "../../src/simulate/crm.js";
import { analyzeText, CONTRACT, havePacemaker, ROOT } from "../helpers.js";
import { generate } from "./sites.js";

/**
 * The N-1 check's predictions held to Pacemaker's: for every single host
 * failure, where hacc says a resource runs, crm_simulate runs it there.
 */
const tools = havePacemaker(["crm_simulate"]);

function crm(dir: string, args: readonly string[]): string {
  const r = spawnSync("crm_simulate", [...args], { cwd: dir, encoding: "utf8" });
  expect(r.status, r.stderr + r.stdout).toBe(0);
  return r.stdout;
}

/** Pacemaker's placement of the predicted resources: id -> node, or "stopped". */
function pacemakerPlacement(out: string, ids: readonly string[]): Record<string, string> {
  const st = readStatus(out);
  return Object.fromEntries(ids.map((id) => {
    const s = st.find((x) => x.id === id);
    return [id, s && s.state === "Started" && s.nodes.length === 1 ? s.nodes[0]! : "stopped"];
  }));
}

function hold(text: string): { scenarios: number; moves: number } {
  const r = analyzeText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const site = r.value.site!;
  const report = failoverReport(site);
  const ids = report.plan.placeables.map((p) => p.id);
  const ours = (p: ReadonlyMap<string, string | undefined>) => Object.fromEntries(ids.map((id) => [id, p.get(id) ?? "stopped"]));
  const dir = mkdtempSync(join(tmpdir(), "hacc-n1-"));
  writeFileSync(join(dir, "full.xml"), emitCibFull(r.value.cib!));
  const up = crm(dir, simulateSteps(site.nodes, [], [])[0]!.args);
  expect(ours(report.allUp), "all hosts up").toEqual(pacemakerPlacement(up, ids));
  let moves = 0;
  for (const sc of report.scenarios) {
    const out = crm(dir, ["-x", "up.xml", "-S", "-q", "true", "-d", sc.failed]);
    expect(ours(sc.after), `after ${sc.failed} fails`).toEqual(pacemakerPlacement(out, ids));
    moves += sc.moves.length;
  }
  return { scenarios: report.scenarios.length, moves };
}

describe.skipIf(!tools)("N-1 predictions agree with crm_simulate", () => {
  it("for the example site", () => {
    const r = hold(readFileSync(join(ROOT, "examples", "storage-cluster.ha"), "utf8"));
    expect(r.scenarios).toBe(2);
    expect(r.moves).toBeGreaterThanOrEqual(4);
  });

  it("for the contract site", () => {
    hold(readFileSync(CONTRACT, "utf8"));
  });

  // A sample of generated sites, and the ones that once disagreed (kept as regressions):
  // seed 3, a chain of four negative colocations (dependents' dependents weigh in);
  // seed 12 and 390, placement-strategy = utilization (resources sorted, guests as their
  // connections); seed 232, guests taken in the CIB's order, so a tie goes to the emptier host.
  const cases = [
    { hosts: 3, guestsPerHost: 2, seed: 1 },
    { hosts: 3, guestsPerHost: 3, seed: 2, colocations: true },
    { hosts: 4, guestsPerHost: 2, seed: 3, colocations: true },
    { hosts: 4, guestsPerHost: 3, seed: 4 },
    { hosts: 2, guestsPerHost: 3, seed: 5, colocations: true },
    { hosts: 3, guestsPerHost: 2, seed: 6, symmetric: true },
    { hosts: 4, guestsPerHost: 2, seed: 7, symmetric: true, colocations: true },
    { hosts: 3, guestsPerHost: 2, seed: 10, capacity: true, strategy: "utilization" },
    { hosts: 3, guestsPerHost: 3, seed: 12, capacity: true, strategy: "utilization", colocations: true },
    { hosts: 5, guestsPerHost: 3, seed: 232, colocations: true },
    { hosts: 4, guestsPerHost: 2, seed: 390, capacity: true, strategy: "utilization" },
    { hosts: 4, guestsPerHost: 2, seed: 13, capacity: true, strategy: "minimal", symmetric: true, colocations: true },
  ];
  for (const c of cases) {
    it(`for a generated site: ${JSON.stringify(c)}`, () => {
      const { text } = generate(c);
      const r = hold(text);
      expect(r.scenarios).toBe(c.hosts);
      expect(r.moves).toBeGreaterThan(0);
    });
  }
});
