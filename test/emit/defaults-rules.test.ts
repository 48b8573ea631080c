import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFragment } from "../../src/emit/cib/cib.js";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import type { Cib } from "../../src/ir/types.js";
import { analyzeText, expectGolden, ROOT } from "../helpers.js";

/**
 * Defaults sets with rules and scores in the three targets: goldens of
 * test/fixtures/defaults-rules.ha (test/pacemaker/defaults-rules.test.ts
 * applies them with cibadmin and pcs and holds them to crm_verify), and what
 * pcs 0.9 and crmsh cannot write.
 */
const SITE = join(ROOT, "test", "fixtures", "defaults-rules.ha");
const GOLDEN = join(ROOT, "test", "golden");

function cibOf(text: string): Cib {
  const r = analyzeText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

const site = () => cibOf(readFileSync(SITE, "utf8"));

describe("defaults sets: goldens", () => {
  it("CIB fragment", () => expectGolden(join(GOLDEN, "cib", "defaults-rules.xml"), emitCibFragment(site())));

  for (const version of ["0.10", "0.11"]) {
    it(`pcs ${version}`, () => {
      const r = emitPcs(site(), { pcsVersion: version, sourceName: SITE });
      expect(r.diagnostics).toEqual([]);
      expectGolden(join(GOLDEN, "pcs", `defaults-rules-${version}.sh`), r.value);
    });
  }
});

describe("defaults sets: what each target writes", () => {
  const dated = "cluster c {\n  nodes n1, n2;\n  defaults when date gt 2026-01-01 or defined rack { priority = 5; }\n}\n";

  it("pcs writes the rule after the pairs, in pcs's own words for resource and op tests", () => {
    const text = emitPcs(site(), { pcsVersion: "0.11" }).value;
    expect(text).toContain("pcs_f resource defaults set create id=rsc-options-3 meta priority=5 rule resource stonith::fence_xvm or resource ocf:heartbeat:\n");
    expect(text).toContain("pcs_f resource op defaults set create id=op-options-1 meta timeout=8s rule op monitor interval=10s and resource ocf:heartbeat:IPaddr2\n");
    expect(text).toContain("pcs_f resource op defaults set create id=op-options-2 score=5 meta record-pending=true\n");
  });

  it("pcs 0.9 has no `defaults set create`: HA5070, one per set", () => {
    const r = emitPcs(site(), { pcsVersion: "0.9" });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA5070", "HA5070", "HA5070", "HA5070", "HA5070"]);
  });

  it("HA5070's hint names crmsh only for a set crmsh writes (no score, no resource or op test)", () => {
    const hints = (cib: Cib) => emitPcs(cib, { pcsVersion: "0.9" }).diagnostics.map((d) => d.hint);
    expect(hints(cibOf(dated))).toEqual(["pcs 0.10.7 and later write it (`--pcs-version 0.10`); or use the CIB or crmsh target"]);
    expect(emitCrmsh(cibOf(dated), {}).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(hints(site())[0]).toBe("pcs 0.10.7 and later write it (`--pcs-version 0.10`); or use the CIB target (crmsh cannot write its score or resource and op tests either)");
  });

  it("crmsh writes a set with a date or node attribute rule, with hacc's ids", () => {
    const r = emitCrmsh(cibOf(dated), {});
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.value).toContain("rsc_defaults rsc-options-1: \\\n    rule $id=rsc-options-1-rule INFINITY: date gt 2026-01-01 or defined rack \\\n    priority=5\n");
  });

  it("crmsh cannot write a set's score or a resource or op test: HA5071, naming the set", () => {
    const r = emitCrmsh(site(), {});
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA5071", "HA5071", "HA5071", "HA5071", "HA5071"]);
    expect(r.diagnostics[1]!.message).toBe("resource defaults set `rsc-options-2` has its score 10, which crmsh cannot write");
    expect(r.value).not.toContain("rsc-options-1");
  });
});
