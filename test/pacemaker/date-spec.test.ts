import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { emptyCib, run, scratch, section } from "../pacemaker-tools.js";

/**
 * Date specs (`date spec hours 9-16 weekdays 1-5`), judged by Pacemaker's own
 * tools: the CIB fragment, the pcs script and the crmsh text of
 * test/fixtures/date-spec.ha build the same constraints and defaults (ids
 * aside), crm_verify accepts each, the CIB imports back to the same tests,
 * and crm_simulate at fixed times (`-t`) places the resource as the spec
 * says.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs", "crm"]);
const SITE = join(ROOT, "test", "fixtures", "date-spec.ha");
const FREE = new Set(["rule", "expression", "date_expression", "date_spec"]);

/** The `<constraints>` and `<rsc_defaults>` of a CIB, free ids and the default boolean-op (crmsh writes none) left out, as text. */
function rules(xml: string): string {
  return ["constraints", "rsc_defaults"].map((t) => section(xml, t, { free: FREE, dropAnd: true })).join("\n");
}

/** Where crm_simulate starts `db` at `time` with n1 and n2 up. */
function placedAt(cib: string, time: string): string[] {
  const s = run("crm_simulate", ["-x", cib, "-S", "-u", "n1", "-u", "n2", "-t", time]);
  expect(s.code, s.out).toBe(0);
  return [...s.out.matchAll(/\* Start\s+db\s+\(\s*(\S+)\s*\)/g)].map((m) => m[1]!);
}

describe.skipIf(!tools)("date specs, judged by Pacemaker", () => {
  it("the CIB fragment, the pcs script and the crmsh text build the same rules, which crm_verify accepts and the importer reads back", () => {
    const dir = scratch("datespec");
    expect(hacc(["compile", SITE, "--target", "cib", "-o", join(dir, "fragment.xml")]).code).toBe(0);
    const ref = emptyCib(dir, "cib.xml");
    const m = run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: ref });
    expect(m.code, m.out).toBe(0);
    const script = hacc(["compile", SITE, "--target", "pcs", "-o", join(dir, "apply.sh")]);
    expect(script.code, script.stderr).toBe(0);
    const text = readFileSync(join(dir, "apply.sh"), "utf8");
    expect(text).toContain("'#uname' eq n1 and date-spec hours=9-16 weekdays=1-5");
    expect(text).toContain("rule date-spec weekdays=6-7");
    const viaPcs = emptyCib(dir, "pcs.xml");
    const p = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(p.code, p.out).toBe(0);
    const crm = hacc(["compile", SITE, "--target", "crmsh", "-o", join(dir, "site.crm")]);
    expect(crm.code, crm.stderr).toBe(0);
    expect(readFileSync(join(dir, "site.crm"), "utf8")).toContain("date spec months=12 monthdays=24-26");
    const viaCrm = emptyCib(dir, "crm.xml");
    run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
    const want = rules(readFileSync(ref, "utf8"));
    expect(want).toMatch(/<date_expression operation="date_spec">\n\s+<date_spec hours="9-16" weekdays="1-5">/);
    expect(rules(readFileSync(viaPcs, "utf8"))).toBe(want);
    expect(rules(readFileSync(viaCrm, "utf8"))).toBe(want);
    for (const cib of [ref, viaPcs, viaCrm]) {
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, v.out).toBe(0);
    }
    const back = importCib(readFileSync(viaCrm, "utf8"));
    expect("text" in back && back.text).toContain('  rule 100 when "#uname" eq n1 and date spec hours 9-16 weekdays 1-5;\n');
    expect("text" in back && back.text).toContain("defaults when date spec weekdays 6-7 {");
  });

  it("a spec pcs's rule syntax lacks (minutes, an open range) goes through cibadmin, and pcs itself refuses it", () => {
    const dir = scratch("datespec");
    const site = join(dir, "site.ha");
    writeFileSync(site, "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nresource db ocf:pacemaker:Dummy;\nlocation l for db {\n  rule 100 when date spec hours 9- minutes 0-29;\n}\n");
    const script = hacc(["compile", site, "--target", "pcs", "-o", join(dir, "apply.sh")]);
    expect(script.code, script.stderr).toBe(0);
    expect(readFileSync(join(dir, "apply.sh"), "utf8")).toContain('<date_spec id="l-rule-expr-datespec" hours="9-" minutes="0-29"/>');
    const viaPcs = emptyCib(dir, "pcs.xml");
    const p = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(p.code, p.out).toBe(0);
    expect(readFileSync(viaPcs, "utf8")).toMatch(/<date_spec id="l-rule-expr-datespec" hours="9-" minutes="0-29"\/>/);
    run("pcs", ["-f", viaPcs, "resource", "create", "x", "ocf:pacemaker:Dummy"]);
    for (const spec of ["minutes=0-29", "hours=9-"]) {
      const r = run("pcs", ["-f", viaPcs, "constraint", "location", "x", "rule", "score=1", "date-spec", spec]);
      expect(r.code, r.out).not.toBe(0);
    }
  });

  it("crm_simulate places the resource as the spec says at each time: its hours include the last hour's minutes, not the next hour", () => {
    const dir = scratch("datespec");
    const cib = join(dir, "cib.xml");
    const c = hacc(["compile", SITE, "--target", "cib", "--full", "-o", cib]);
    expect(c.code, c.stderr).toBe(0);
    // 2026-12-01 is a Tuesday, 2026-12-05 a Saturday.
    expect(placedAt(cib, "2026-12-01 10:00:00")).toEqual(["n1"]);
    expect(placedAt(cib, "2026-12-01 16:59:59")).toEqual(["n1"]);
    expect(placedAt(cib, "2026-12-01 17:00:00")).toEqual(["n2"]);
    expect(placedAt(cib, "2026-12-05 10:00:00")).toEqual(["n2"]);
    // Christmas: 200 on n2 beats 100 on n1 (Thursday 2026-12-24, in office hours).
    expect(placedAt(cib, "2026-12-24 10:00:00")).toEqual(["n2"]);
  });
});
