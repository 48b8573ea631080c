import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { lower } from "../../src/ir/lower.js";
import { readStatus } from "../../src/simulate/crm.js";
import { analyzeText, havePacemaker } from "../helpers.js";

/**
 * hacc's order-cycle verdict held to Pacemaker's: each site is compiled to a
 * whole CIB (even when hacc reports the cycle) and started with every host
 * up. A cycle Pacemaker sees leaves resources stopped; without one, all start.
 */
const tools = havePacemaker(["crm_simulate"]);

/** An opt-in cluster without fencing (Pacemaker starts nothing when fencing is on and no device is declared). */
const HEADER = "cluster c {\n  nodes n1, n2, n3;\n  property symmetric-cluster = false;\n  property stonith-enabled = false;\n}\n";
const RESOURCES = ["a", "b", "c"].map((n) => `resource ${n} ocf:heartbeat:Dummy on n1;\n`).join("");

function verdicts(orders: string, resources = RESOURCES, ids = ["a", "b", "c"]): { hacc: boolean; pacemaker: boolean } {
  const r = analyzeText(HEADER + resources + orders);
  const codes = r.diagnostics.map((d) => d.code);
  expect(codes.filter((c) => c !== "HA4004")).toEqual([]);
  const dir = mkdtempSync(join(tmpdir(), "hacc-cycle-"));
  writeFileSync(join(dir, "full.xml"), emitCibFull(lower(r.value.site!)));
  const sim = spawnSync("crm_simulate", ["-x", "full.xml", "-S", "-q", "true", "-u", "n1", "-u", "n2", "-u", "n3"], { cwd: dir, encoding: "utf8" });
  // A loop of actions leaves them pending: the transition fails ("An invalid transition was produced", exit 1).
  expect([0, 1], sim.stderr).toContain(sim.status);
  const st = readStatus(sim.stdout);
  const started = ids.every((id) => st.find((s) => s.id === id)?.state === "Started");
  expect(started, sim.stderr).toBe(sim.status === 0);
  return { hacc: codes.includes("HA4004"), pacemaker: !started };
}

const CASES: readonly [string, string, boolean][] = [
  ["the seed's pair: an order and its own inverse", "order a then b;\norder stop b then stop a;\n", false],
  ["a chain", "order a then b;\norder b then c;\n", false],
  ["two orders the other way round", "order a then b;\norder b then a;\n", true],
  ["a three-order loop", "order a then b;\norder b then c;\norder c then a;\n", true],
  ["an order against another's inverse", "order a then b;\norder stop a then stop b;\n", true],
  ["optional orders in a loop", "order a then b optional;\norder b then a optional;\n", true],
  ["serialize orders in a loop", "order a then b serialize;\norder b then a serialize;\n", true],
  ["serialize against a mandatory order", "order a then b serialize;\norder b then a;\n", true],
  ["a stop ordered before another's start", "order stop a then start b;\norder a then c;\n", false],
];

describe.skipIf(!tools)("order cycles agree with crm_simulate", () => {
  for (const [name, orders, cycle] of CASES) {
    it(`${name}: ${cycle ? "a cycle" : "no cycle"}`, () => {
      expect(verdicts(orders)).toEqual({ hacc: cycle, pacemaker: cycle });
    });
  }
});
