import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFragment } from "../../src/emit/cib/cib.js";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import type { Cib } from "../../src/ir/types.js";
import { analyzeText, expectGolden, ROOT } from "../helpers.js";

/**
 * Templates in the three targets: goldens of test/fixtures/templates.ha
 * (which test/pacemaker/templates.test.ts applies with cibadmin, pcs and
 * crmsh and holds to crm_verify and crm_resource).
 */
const SITE = join(ROOT, "test", "fixtures", "templates.ha");
const GOLDEN = join(ROOT, "test", "golden");

function site(): Cib {
  const r = analyzeText(readFileSync(SITE, "utf8"), SITE);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

describe("templates: goldens", () => {
  it("CIB fragment", () => expectGolden(join(GOLDEN, "cib", "templates.xml"), emitCibFragment(site())));

  it("crmsh", () => {
    const r = emitCrmsh(site(), { sourceName: SITE });
    expect(r.diagnostics).toEqual([]);
    expectGolden(join(GOLDEN, "crmsh", "templates.crm"), r.value);
  });

  for (const version of ["0.10", "0.11"]) {
    it(`pcs ${version}`, () => {
      const r = emitPcs(site(), { pcsVersion: version, sourceName: SITE });
      expect(r.diagnostics).toEqual([]);
      expectGolden(join(GOLDEN, "pcs", `templates-${version}.sh`), r.value);
    });
  }
});

describe("templates: what each target writes", () => {
  it("pcs 0.9 cannot make a promotable clone of a resource made from a template (HA5002): Pacemaker 1.1 promotes a <master> only", () => {
    const r = emitPcs(site(), { pcsVersion: "0.9", sourceName: SITE });
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(["HA5002 pcs 0.9 cannot make promotable clone `s1-clone` of `s1`, made from a template"]);
  });

  it("pcs: a promotable clone of a resource made from a template is a clone, then cibadmin sets promotable", () => {
    const text = emitPcs(site(), { pcsVersion: "0.11" }).value;
    expect(text).toContain("pcs_f resource clone s1 s1-clone\n");
    expect(text).toContain(`cib_f cibadmin --modify -X '<clone id="s1-clone"><meta_attributes id="s1-clone-meta_attributes"><nvpair id="s1-clone-meta_attributes-promotable" name="promotable" value="true"/></meta_attributes></clone>'`);
  });

  it("the CIB writes the template first and a resource made from it with its own settings alone", () => {
    const xml = emitCibFragment(site());
    expect(xml.indexOf("<template id=\"dummy-t\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">")).toBeLessThan(xml.indexOf("<primitive id=\"d1\""));
    expect(xml).toContain('<primitive id="d2" template="dummy-t"/>');
    expect(xml).toMatch(/<group id="g">\n\s*<primitive id="d3" template="dummy-t">\n\s*<utilization id="d3-utilization">/);
  });

  it("crmsh: rsc_template, and primitive ID @TEMPLATE", () => {
    const text = emitCrmsh(site(), {}).value;
    expect(text).toMatch(/^rsc_template dummy-t ocf:pacemaker:Dummy \\$/m);
    expect(text).toMatch(/^primitive d2 @dummy-t$/m);
  });

  it("pcs: cibadmin creates the template and the resources made from it, pcs groups them", () => {
    const text = emitPcs(site(), { pcsVersion: "0.11" }).value;
    expect(text).toContain("cib_f cibadmin --create -o resources -X '<template id=\"dummy-t\"");
    expect(text).toContain("cib_f cibadmin --create -o resources -X '<primitive id=\"d2\" template=\"dummy-t\"/>'");
    expect(text.indexOf("<primitive id=\"d3\"")).toBeLessThan(text.indexOf("resource group add g d3"));
  });
});
