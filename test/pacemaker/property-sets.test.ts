import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { emptyCib, run, section as shared, started } from "../pacemaker-tools.js";

/**
 * Property sets with rules and scores, judged by Pacemaker's own tools: the
 * CIB fragment, the pcs script (cibadmin) and crmsh build the same
 * `<crm_config>` (the ids crmsh chooses for a rule's tests aside),
 * crm_verify accepts it, crm_simulate applies the sets as docs/language.md
 * says (cib-bootstrap-options first whatever the scores, then the higher
 * score, then the later set; a node attribute test never holds), and the
 * CIB imports back to the same blocks.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs", "crm"]);
const SITE = join(ROOT, "test", "fixtures", "property-sets.ha");
const FREE = new Set(["nvpair", "expression", "date_expression"]);

const head = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n";
/** `<crm_config>` with ids of pairs and tests left out (crmsh names the tests itself), and boolean-op="and" (crmsh leaves Pacemaker's default out). */
const crmConfig = (xml: string) => shared(xml, "crm_config", { free: FREE, dropAnd: true });
const tail = "}\nresource a ocf:pacemaker:Dummy on n1;\n";
const stopAll = (v: boolean) => `stop-all-resources = ${v}; `;

describe.skipIf(!tools)("property sets, judged by Pacemaker", () => {
  it("the pcs script builds the CIB fragment's <crm_config>, which crm_verify accepts and the importer reads back", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-props-"));
    expect(hacc(["compile", SITE, "--target", "cib", "-o", join(dir, "fragment.xml")]).code).toBe(0);
    const ref = emptyCib(dir, "cib.xml");
    const m = run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: ref });
    expect(m.code, m.out).toBe(0);
    expect(hacc(["compile", SITE, "--target", "pcs", "-o", join(dir, "apply.sh")]).code).toBe(0);
    const viaPcs = emptyCib(dir, "pcs.xml");
    const p = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(p.code, p.out).toBe(0);
    const want = crmConfig(readFileSync(ref, "utf8"));
    expect(want).toContain('<cluster_property_set id="cluster-options-1" score="100">');
    expect(crmConfig(readFileSync(viaPcs, "utf8"))).toBe(want);
    for (const cib of [ref, viaPcs]) {
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, v.out).toBe(0);
    }
    const back = importCib(readFileSync(viaPcs, "utf8"));
    expect("text" in back && back.text).toContain("  property score 100 when date in_range 2026-12-24 to 2026-12-27 {\n    maintenance-mode = true;\n  }\n");
    // pcs 0.11 reads the CIB and lists every set's pairs as one, rules and scores aside (the last set read gives a
    // name's value: here the score-10 set's maintenance-mode, whatever the date).
    const shown = run("pcs", ["-f", viaPcs, "property", "config"]);
    expect(shown.code, shown.out).toBe(0);
    expect(shown.out).toContain(" cluster-delay: 90s\n");
    expect(shown.out).toContain(" maintenance-mode: false\n");
  });

  it("crmsh builds the CIB target's set with a date rule", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-props-"));
    const file = join(dir, "site.ha");
    writeFileSync(file, `${head}  property when date gt 2026-01-01 or date lt 2000-01-01 { cluster-delay = 90s; }\n${tail}`);
    expect(hacc(["compile", file, "--target", "cib", "-o", join(dir, "fragment.xml")]).code).toBe(0);
    const ref = emptyCib(dir, "cib.xml");
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: ref }).code).toBe(0);
    expect(hacc(["compile", file, "--target", "crmsh", "-o", join(dir, "site.crm")]).code).toBe(0);
    const viaCrm = emptyCib(dir, "crm.xml");
    const c = run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
    expect(c.code, c.out).toBe(0);
    const want = crmConfig(readFileSync(ref, "utf8"));
    expect(want).toContain("<rule");
    expect(crmConfig(readFileSync(viaCrm, "utf8"))).toBe(want);
    expect(run("crm_verify", ["--xml-file", viaCrm]).code).toBe(0);
  });

  it("a set whose date rule holds applies; one whose rule fails does not", () => {
    expect(started(`${head}${tail}`)).toEqual(["a"]);
    expect(started(`${head}  property when date gt 2001-01-01 { ${stopAll(true)}}\n${tail}`)).toEqual([]);
    expect(started(`${head}  property when date lt 2001-01-01 { ${stopAll(true)}}\n${tail}`)).toEqual(["a"]);
  });

  it("the plain properties win over every set, whatever its score (HA4143 says so)", () => {
    const site = `${head}  property stop-all-resources = false;\n  property score 100 { ${stopAll(true)}}\n${tail}`;
    expect(started(site)).toEqual(["a"]);
    const r = hacc(["check", "-"], { input: site });
    expect(r.stdout + r.stderr).toContain("warning[HA4143]");
  });

  it("of two sets, the higher score wins; of one score, the later set (HA4140 says so)", () => {
    expect(started(`${head}  property score 10 { ${stopAll(true)}}\n  property score 100 { ${stopAll(false)}}\n${tail}`)).toEqual(["a"]);
    expect(started(`${head}  property score 100 { ${stopAll(true)}}\n  property score 10 { ${stopAll(false)}}\n${tail}`)).toEqual([]);
    const tie = `${head}  property score 5 { ${stopAll(false)}}\n  property score 5 { ${stopAll(true)}}\n${tail}`;
    expect(started(tie)).toEqual([]);
    expect(started(`${head}  property score 5 { ${stopAll(true)}}\n  property score 5 { ${stopAll(false)}}\n${tail}`)).toEqual(["a"]);
    const r = hacc(["check", "-"], { input: tie });
    expect(r.stdout + r.stderr).toContain("warning[HA4140]");
  });

  it("a node attribute test never holds in a property set, not even `ne` or `not_defined` (HA4141)", () => {
    for (const test of ['"#uname" eq n1', '"#uname" ne n1', "not_defined rack"]) {
      expect(started(`${head}  property when ${test} { ${stopAll(true)}}\n${tail}`), test).toEqual(["a"]);
    }
  });
});
