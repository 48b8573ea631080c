import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFragment } from "../../src/emit/cib/cib.js";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import type { Cib } from "../../src/ir/types.js";
import { analyzeText, expectGolden, ROOT } from "../helpers.js";

/**
 * A resource's params and meta sets with rules and scores, and a group's and
 * a clone's parameters, in the three targets: goldens of
 * test/fixtures/resource-sets.ha (test/pacemaker/resource-sets.test.ts
 * applies them with cibadmin, pcs and crmsh and holds them to crm_verify and
 * crm_simulate).
 */
const SITE = join(ROOT, "test", "fixtures", "resource-sets.ha");
const GOLDEN = join(ROOT, "test", "golden");

function site(): Cib {
  const r = analyzeText(readFileSync(SITE, "utf8"));
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

describe("params and meta sets: goldens", () => {
  it("CIB fragment", () => expectGolden(join(GOLDEN, "cib", "resource-sets.xml"), emitCibFragment(site())));

  for (const version of ["0.10", "0.11"]) {
    it(`pcs ${version}`, () => {
      const r = emitPcs(site(), { pcsVersion: version, sourceName: SITE });
      expect(r.diagnostics).toEqual([]);
      expectGolden(join(GOLDEN, "pcs", `resource-sets-${version}.sh`), r.value);
    });
  }

  it("crmsh", () => {
    const r = emitCrmsh(site(), { sourceName: SITE });
    expect(r.diagnostics).toEqual([]);
    expectGolden(join(GOLDEN, "crmsh", "resource-sets.crm"), r.value);
  });
});
