import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { applied, run, scratch, section } from "../pacemaker-tools.js";

/**
 * Locations of resource sets (`location NAME for (a, b) on n2 2000;`),
 * judged by Pacemaker's own tools: the CIB fragment, the pcs script (which
 * writes them with cibadmin: pcs has no form) and the crmsh text (`location
 * L { a b } 2000: n2`) of test/fixtures/location-sets.ha build the same
 * constraints (free ids aside), crm_verify accepts each, the CIB imports
 * back to the same statements, and crm_simulate places every member.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs", "crm"]);
const SITE = join(ROOT, "test", "fixtures", "location-sets.ha");
const FREE = new Set(["rule", "expression", "resource_set"]);

/** The `<constraints>` of a CIB, free ids left out, as text. */
function constraints(xml: string): string {
  return section(xml, "constraints", { free: FREE });
}

describe.skipIf(!tools)("locations of resource sets, judged by Pacemaker", () => {
  it("the CIB fragment, the pcs script and the crmsh text build the same constraints, which crm_verify accepts and the importer reads back", () => {
    const dir = scratch("locsets");
    const [ref, viaPcs, viaCrm] = (["cib", "pcs", "crmsh"] as const).map((t) => applied(SITE, t, dir));
    expect(readFileSync(join(dir, "pcs.out"), "utf8")).toContain("# cibadmin, as pcs has no location of a resource set");
    const text = readFileSync(join(dir, "crmsh.out"), "utf8");
    expect(text).toContain("location ab-n2 { a b } 2000: n2");
    expect(text).toContain("location d-n1 { d:Started } rule $id=d-n1-rule 100: #uname eq n1");
    const want = constraints(readFileSync(ref!, "utf8"));
    expect(want).toMatch(/<rsc_location id="ab-n2" node="n2" score="2000">\n\s+<resource_set>\n\s+<resource_ref id="a">\n\s+<resource_ref id="b">/);
    expect(want).toMatch(/<rsc_location id="d-n1">\n\s+<resource_set role="Started">/);
    expect(constraints(readFileSync(viaPcs!, "utf8"))).toBe(want);
    expect(constraints(readFileSync(viaCrm!, "utf8"))).toBe(want);
    for (const cib of [ref!, viaPcs!, viaCrm!]) {
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, v.out).toBe(0);
    }
    const back = importCib(readFileSync(viaCrm!, "utf8"));
    expect("text" in back && back.text).toContain("location ab-n2 for (a, b) on n2 2000;\n");
    expect("text" in back && back.text).toContain("location d-n1 for (started d) {\n");
  });

  it("crm_simulate places every resource of the set by the location's score", () => {
    const dir = scratch("locsets");
    const cib = join(dir, "cib.xml");
    const c = hacc(["compile", SITE, "--target", "cib", "--full", "-o", cib]);
    expect(c.code, c.stderr).toBe(0);
    const s = run("crm_simulate", ["-x", cib, "-S", "-u", "n1", "-u", "n2"]);
    expect(s.code, s.out).toBe(0);
    const placed = Object.fromEntries([...s.out.matchAll(/\* Start\s+(\S+)\s+\(\s*(\S+)\s*\)/g)].map((m) => [m[1]!, m[2]!]));
    expect(placed).toEqual({ a: "n2", b: "n2", d: "n1" });
    // Without the set's location of n2, both fall back to n1: the score is every member's.
    const off = readFileSync(cib, "utf8").replace('score="2000"', 'score="-INFINITY"');
    writeFileSync(cib, off);
    const t = run("crm_simulate", ["-x", cib, "-S", "-u", "n1", "-u", "n2"]);
    expect(Object.fromEntries([...t.out.matchAll(/\* Start\s+(\S+)\s+\(\s*(\S+)\s*\)/g)].map((m) => [m[1]!, m[2]!]))).toEqual({ a: "n1", b: "n1", d: "n1" });
  });
});
