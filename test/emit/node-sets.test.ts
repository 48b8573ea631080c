import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFragment, emitCibFull } from "../../src/emit/cib/cib.js";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import type { Cib } from "../../src/ir/types.js";
import { analyzeText, expectGolden, ROOT } from "../helpers.js";

/**
 * A node's attribute and utilization sets chosen by a rule or ranked by a
 * score, in the three targets: goldens of test/fixtures/node-sets.ha
 * (test/pacemaker/node-sets.test.ts applies them with cibadmin, pcs and
 * crmsh to a CIB whose nodes have corosync's ids, and holds them to
 * crm_verify and crm_simulate).
 */
const SITE = join(ROOT, "test", "fixtures", "node-sets.ha");
const GOLDEN = join(ROOT, "test", "golden");

function site(): Cib {
  const r = analyzeText(readFileSync(SITE, "utf8"));
  expect(r.diagnostics).toEqual([]);
  return r.value.cib!;
}

describe("node attribute and utilization sets: goldens", () => {
  it("whole CIB: each node's plain set of a kind, then its sets in order", () => expectGolden(join(GOLDEN, "cib", "node-sets-full.xml"), emitCibFull(site())));

  it("CIB fragment: the remote node's entry only (a cluster node's id is the cluster layer's)", () => {
    const xml = emitCibFragment(site());
    expect(xml).toContain('<instance_attributes id="nodes-r1-1" score="3">');
    expect(xml).not.toContain("nodes-n1-1");
    expectGolden(join(GOLDEN, "cib", "node-sets.xml"), xml);
  });

  for (const version of ["0.10", "0.11"]) {
    it(`pcs ${version}: cibadmin into the node's entry, found by its name`, () => {
      const r = emitPcs(site(), { pcsVersion: version, sourceName: SITE });
      expect(r.diagnostics).toEqual([]);
      expect(r.value).toContain("node_sets n1 '<instance_attributes id=\"nodes-n1-1\" score=\"5\">");
      expectGolden(join(GOLDEN, "pcs", `node-sets-${version}.sh`), r.value);
    });
  }

  it("crmsh: `attributes $id=ID SCORE: rule ...` in the node's statement", () => {
    const r = emitCrmsh(site(), { sourceName: SITE });
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toContain("attributes $id=n2-old 10: rule $id=n2-old-rule INFINITY: date lt 2001-01-01 pref=200");
    expectGolden(join(GOLDEN, "crmsh", "node-sets.crm"), r.value);
  });

  it("crmsh cannot write a range without a start (HA5072)", () => {
    const r = analyzeText("cluster c {\n  nodes n1;\n  attributes n1 when date in_range to 2030-01-01 { rack = 1; }\n}\n");
    const out = emitCrmsh(r.value.cib!, { sourceName: "x.ha" });
    expect(out.diagnostics.map((d) => d.code)).toEqual(["HA5072"]);
  });
});
