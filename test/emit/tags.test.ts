import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFragment } from "../../src/emit/cib/cib.js";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import type { Cib } from "../../src/ir/types.js";
import { analyzeText, expectGolden, ROOT } from "../helpers.js";

/**
 * Tags in the three targets: goldens of test/fixtures/tags.ha (which
 * test/pacemaker/tags.test.ts applies with cibadmin, pcs and crmsh and holds
 * to crm_verify and crm_simulate).
 */
const SITE = join(ROOT, "test", "fixtures", "tags.ha");
const GOLDEN = join(ROOT, "test", "golden");

function site(): Cib {
  const r = analyzeText(readFileSync(SITE, "utf8"), SITE);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

describe("tags: goldens", () => {
  it("CIB fragment: the site's tags before the ownership tag, constraints naming them as written", () => {
    const xml = emitCibFragment(site());
    expect(xml).toMatch(/<tags>\s*<tag id="web">\s*<obj_ref id="r1"\/>\s*<obj_ref id="r2"\/>\s*<\/tag>\s*<tag id="mixed">[\s\S]*<tag id="hacc-lab">/);
    expect(xml).toContain('<rsc_location id="web-on-n2" rsc="web" node="n2" score="100"/>');
    expectGolden(join(GOLDEN, "cib", "tags.xml"), xml);
  });

  it("crmsh: tag NAME: MEMBERS after the resources", () => {
    const r = emitCrmsh(site(), { sourceName: SITE });
    // The fixture declares primitive `d1` after group `g`, which crmsh's load moves ahead (HA5080).
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA5080"]);
    expect(r.value).toContain("tag web: \\\n    r1 r2\n");
    expectGolden(join(GOLDEN, "crmsh", "tags.crm"), r.value);
  });

  for (const version of ["0.9", "0.10", "0.11"]) {
    it(`pcs ${version}: the tags (pcs tag create, or cibadmin for 0.9), and cibadmin for the constraints naming them`, () => {
      const r = emitPcs(site(), { pcsVersion: version, sourceName: SITE });
      expect(r.diagnostics).toEqual([]);
      if (version === "0.9") expect(r.value).not.toContain("pcs_f tag create");
      else expect(r.value).toContain("pcs_f tag create web r1 r2\n");
      expect(r.value).toContain(`cib_f cibadmin --create -o constraints -X '<rsc_colocation id="colocation-web-r3" rsc="web" with-rsc="r3" score="INFINITY"/>'`);
      expectGolden(join(GOLDEN, "pcs", `tags-${version}.sh`), r.value);
    });
  }
});
