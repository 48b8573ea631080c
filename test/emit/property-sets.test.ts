import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFragment } from "../../src/emit/cib/cib.js";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import type { Cib } from "../../src/ir/types.js";
import { analyzeText, expectGolden, ROOT } from "../helpers.js";

/**
 * Property sets with rules and scores in the three targets: goldens of
 * test/fixtures/property-sets.ha (test/pacemaker/property-sets.test.ts
 * applies them with cibadmin, pcs and crmsh and holds them to crm_verify and
 * crm_simulate), and what crmsh cannot write.
 */
const SITE = join(ROOT, "test", "fixtures", "property-sets.ha");
const GOLDEN = join(ROOT, "test", "golden");

function cibOf(text: string): Cib {
  const r = analyzeText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

const site = () => cibOf(readFileSync(SITE, "utf8"));

describe("property sets: goldens", () => {
  it("CIB fragment", () => expectGolden(join(GOLDEN, "cib", "property-sets.xml"), emitCibFragment(site())));

  for (const version of ["0.9", "0.11"]) {
    it(`pcs ${version}`, () => {
      const r = emitPcs(site(), { pcsVersion: version, sourceName: SITE });
      expect(r.diagnostics).toEqual([]);
      expectGolden(join(GOLDEN, "pcs", `property-sets-${version}.sh`), r.value);
    });
  }
});

describe("property sets: what each target writes", () => {
  const dated = "cluster c {\n  nodes n1, n2;\n  property when date gt 2026-01-01 { cluster-delay = 90s; }\n}\n";

  it("pcs: cibadmin merges each set (pcs property set writes cib-bootstrap-options only), with its ids in the script's precheck", () => {
    const text = emitPcs(site(), { pcsVersion: "0.11" }).value;
    expect(text).toContain("  # Cluster property set cluster-options-2, score 10: cibadmin, as pcs property writes no set with a rule or a score\n");
    expect(text).toContain(`cib_f cibadmin --modify --allow-create -o configuration -X '<configuration><crm_config><cluster_property_set id="cluster-options-2" score="10"><nvpair id="cluster-options-2-maintenance-mode" name="maintenance-mode" value="false"/></cluster_property_set></crm_config></configuration>'\n`);
    expect(text).toMatch(/created_ids\(\) \{[^}]*cluster-options-1-rule-expr\n/);
  });

  it("crmsh writes a set with a rule, with hacc's ids", () => {
    const r = emitCrmsh(cibOf(dated), {});
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.value).toContain("property cluster-options-1: \\\n    rule $id=cluster-options-1-rule INFINITY: date gt 2026-01-01 \\\n    cluster-delay=90s\n");
  });

  it("crmsh cannot write a set's score (it reads `score=N` as a pair): HA5071, naming the set", () => {
    const r = emitCrmsh(site(), {});
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA5071", "HA5071"]);
    expect(r.diagnostics[0]!.message).toBe("cluster property set `cluster-options-1` has its score 100, which crmsh cannot write");
  });
});
