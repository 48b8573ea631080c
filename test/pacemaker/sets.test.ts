import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { analyzeText, havePacemaker } from "../helpers.js";

/**
 * The order-cycle check (HA4004) reads an order of resource sets as
 * Pacemaker unpacks it: held to crm_simulate. Each case is an order of sets
 * and a plain order; hacc's verdict (a cycle or none) must be Pacemaker's
 * (some of the resources never start in the transition, or all start).
 */
const tools = havePacemaker(["crm_simulate"]);
const HEAD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n" + ["a", "b", "c", "d"].map((r) => `resource ${r} ocf:pacemaker:Dummy;\n`).join("");

/** Whether every resource starts in the first transition of the site with `plain` added (first, then) as a plain order. */
function allStart(sets: string, plain: readonly [string, string]): boolean {
  const r = analyzeText(HEAD + sets + "\n");
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const xml = emitCibFull(r.value.cib!).replace("</constraints>", `<rsc_order id="plain" first="${plain[0]}" then="${plain[1]}" kind="Mandatory"/></constraints>`);
  const dir = mkdtempSync(join(tmpdir(), "hacc-sets-"));
  writeFileSync(join(dir, "cib.xml"), xml);
  const s = spawnSync("crm_simulate", ["-x", "cib.xml", "-S", "-q", "true", "-u", "n1", "-u", "n2"], { cwd: dir, encoding: "utf8" });
  // A loop leaves actions pending: crm_simulate then says "Transition failed: terminated" and exits non-zero.
  expect(s.stdout, s.stderr).toContain("Transition Summary");
  const started = new Set([...s.stdout.matchAll(/Resource action: (\S+)\s+start on/g)].map((m) => m[1]));
  return ["a", "b", "c", "d"].every((x) => started.has(x));
}

/** Whether hacc reports an order cycle for the same site. */
function haccCycle(sets: string, plain: readonly [string, string]): boolean {
  return analyzeText(HEAD + sets + `\norder ${plain[0]} then ${plain[1]};\n`).diagnostics.some((d) => d.code === "HA4004");
}

const CASES: readonly (readonly [string, readonly [string, string], boolean])[] = [
  ["order (a, b) then (c, d);", ["c", "a"], true],
  ["order (a, b independent) then (c);", ["c", "b"], true],
  ["order (a, b independent require-any) then (c);", ["c", "a"], true],
  ["order (a, b independent);", ["b", "a"], false],
  ["order (a, b) then (c, d);", ["b", "d"], false],
  ["order (a) then (b, c independent) then (d);", ["c", "d"], false],
];

describe.skipIf(!tools)("order cycles through resource sets agree with crm_simulate", () => {
  for (const [sets, plain, cycle] of CASES) {
    it(`${sets} with order ${plain[0]} then ${plain[1]}: ${cycle ? "a cycle" : "no cycle"}`, () => {
      expect(haccCycle(sets, plain)).toBe(cycle);
      expect(allStart(sets, plain)).toBe(!cycle);
    });
  }
});
