import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFragment } from "../../src/emit/cib/cib.js";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import type { Cib } from "../../src/ir/types.js";
import { analyzeText, expectGolden, ROOT } from "../helpers.js";

/**
 * Locations by pattern (`rsc-pattern`) and rule tests comparing with a
 * resource's `param`/`meta` (`value-source`) in the three targets: goldens of
 * test/fixtures/location-patterns.ha (test/pacemaker/location-patterns.test.ts
 * applies them with cibadmin, pcs and crmsh and asks crm_simulate).
 */
const SITE = join(ROOT, "test", "fixtures", "location-patterns.ha");
const GOLDEN = join(ROOT, "test", "golden");

function site(): Cib {
  const r = analyzeText(readFileSync(SITE, "utf8"));
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

describe("locations by pattern and value-source: goldens", () => {
  it("CIB fragment: rsc-pattern in place of rsc, value-source on the expression", () => {
    const xml = emitCibFragment(site());
    expect(xml).toContain('<rsc_location id="vms-n2" rsc-pattern="^vm-(.*)$" node="n2" score="1000"/>');
    expect(xml).toContain('attribute="fake" operation="gt" type="integer" value="fake" value-source="param"/>');
    expectGolden(join(GOLDEN, "cib", "location-patterns.xml"), xml);
  });

  for (const version of ["0.9", "0.10", "0.11"]) {
    it(`pcs ${version}: regexp%PATTERN where pcs can, cibadmin for value-source (and for every pattern in 0.9)`, () => {
      const r = emitPcs(site(), { pcsVersion: version, sourceName: SITE });
      expect(r.diagnostics).toEqual([]);
      if (version !== "0.9") expect(r.value).toContain("constraint location add vms-n2 'regexp%^vm-(.*)$' n2 1000");
      expect(r.value).toContain(version === "0.9" ? "# cibadmin, as the pcs 0.9 dialect writes a location by pattern as the CIB does" : "# cibadmin, as pcs's rule syntax has no value-source");
      expectGolden(join(GOLDEN, "pcs", `location-patterns-${version}.sh`), r.value);
    });
  }

  it("crmsh: /PATTERN/ and param{NAME}", () => {
    const r = emitCrmsh(site(), { sourceName: SITE });
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toContain("location vms-n2 /^vm-(.*)$/ 1000: n2");
    expect(r.value).toContain("fake integer:gt param{fake}");
    expectGolden(join(GOLDEN, "crmsh", "location-patterns.crm"), r.value);
  });
});
