import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { canonicalConfiguration } from "../import/normalise.js";
import { hacc, havePacemaker } from "../helpers.js";
import { emptyCib, run, scratch } from "../pacemaker-tools.js";

/**
 * A name that is a keyword is written as a string (`group "group" ...`): Pacemaker's own inputs name a
 * group `group` and a location `location` (promoted-13.xml). Each target must build those ids, crm_verify
 * accept them, and the import of the CIB write them back quoted and compile back to the same configuration.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "pcs", "crm"]);

const SITE = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = false;
}
resource a ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; }
resource b ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; }
group "group" a, b on n1 100;
resource db ocf:pacemaker:Stateful { exact-ops; op monitor interval 10s; op monitor interval 11s role Promoted; }
promotable "clone" of db;
location "location" for "group" {
  rule -INFINITY when "#uname" ne n1 and "#uname" ne n2;
}
order promote "clone" then "group" optional named "order";
colocate "group" with promoted "clone";
`;

/** An empty CIB file (`emptyCib`) with the nodes n1 and n2. */
function cib(dir: string, name: string): string {
  const path = emptyCib(dir, name);
  expect(run("cibadmin", ["--replace", "-o", "nodes", "-X", '<nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>'], { CIB_file: path }).code).toBe(0);
  return path;
}

/** The ids of groups, clones and constraints in a CIB, sorted. */
function ids(xml: string): string[] {
  return [...xml.matchAll(/<(group|clone|rsc_location|rsc_order|rsc_colocation) [^>]*?\bid="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`).sort();
}

describe.skipIf(!tools)("names that are keywords, written as strings", () => {
  it("every target builds the ids `group`, `clone`, `location`, `order`; crm_verify accepts each; the import writes them quoted and compiles back the same", () => {
    const dir = scratch("kwnames");
    writeFileSync(join(dir, "site.ha"), SITE);
    const compile = (target: string, out: string, full = false) => {
      const r = hacc(["compile", join(dir, "site.ha"), "--target", target, ...(full ? ["--full"] : []), "-o", join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
    };
    compile("cib", "fragment.xml");
    const viaCib = cib(dir, "cib.xml");
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: viaCib }).code).toBe(0);
    const expected = ids(readFileSync(viaCib, "utf8"));
    expect(expected).toEqual(["clone clone", "group group", "rsc_colocation colocation-group-clone", "rsc_location location", "rsc_location location-group-n1", "rsc_order order"]);

    compile("pcs", "apply.sh");
    const viaPcs = cib(dir, "pcs.xml");
    const pcs = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(pcs.code, pcs.out).toBe(0);
    expect(ids(readFileSync(viaPcs, "utf8")), "pcs").toEqual(expected);

    compile("crmsh", "site.crm");
    const viaCrm = cib(dir, "crmsh.xml");
    const crm = run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
    expect(crm.code, crm.out).toBe(0);
    expect(ids(readFileSync(viaCrm, "utf8")), "crmsh").toEqual(expected);

    for (const f of [viaCib, viaPcs, viaCrm]) {
      const v = run("crm_verify", ["--xml-file", f]);
      expect(v.code, `${f}: ${v.out}`).toBe(0);
    }

    compile("cib", "full.xml", true);
    const xml = readFileSync(join(dir, "full.xml"), "utf8");
    const r = importCib(xml);
    const text = (r as { text: string }).text;
    expect(text).toContain('group "group" a, b on n1 100;');
    expect(text).toContain('promotable "clone" of db {');
    expect(text).toContain('location "location" for "group" {\n  rule -INFINITY when "#uname" ne n1 and "#uname" ne n2;\n}');
    expect(text).toContain('order promote "clone" then "group" optional named "order";');
    expect(text).toContain('colocate "group" with promoted "clone" INFINITY;');
    writeFileSync(join(dir, "back.ha"), text);
    const back = hacc(["compile", join(dir, "back.ha"), "--target", "cib", "--full", "-o", join(dir, "back.xml")]);
    expect(back.code, back.stderr).toBe(0);
    expect(canonicalConfiguration(readFileSync(join(dir, "back.xml"), "utf8"), { dropOwnerTag: true })).toBe(canonicalConfiguration(xml, { dropOwnerTag: true }));
  });
});
