import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { applied, run, scratch, section } from "../pacemaker-tools.js";

/**
 * Locations by pattern (`location NAME for pattern "^vm-(.*)$" ...`) and rule
 * tests comparing with a resource's `param`/`meta`, judged by Pacemaker's own
 * tools: the CIB fragment, the pcs script (`regexp%PATTERN`, cibadmin for
 * value-source) and the crmsh text (`/PATTERN/`, `param{NAME}`) of
 * test/fixtures/location-patterns.ha build the same constraints, crm_verify
 * accepts each, the CIB imports back to the same statements, and
 * crm_simulate places each resource as the fixture's comments say, which is
 * what hacc predicts for the pattern it can (vm-a, vm-b).
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs", "crm"]);
const SITE = join(ROOT, "test", "fixtures", "location-patterns.ha");
const FREE = new Set(["rule", "expression"]);
const NODES = '<nodes><node id="1" uname="n1"/><node id="2" uname="n2"/><node id="3" uname="n3"/></nodes>';

/** The `<constraints>` of a CIB, free ids left out, attributes sorted, as text. */
const constraints = (xml: string): string => section(xml, "constraints", { free: FREE });

const starts = (out: string): Record<string, string> => Object.fromEntries([...out.matchAll(/\* Start\s+(\S+)\s+\(\s*(\S+)\s*\)/g)].map((m) => [m[1]!, m[2]!]));

describe.skipIf(!tools)("locations by pattern and value-source, judged by Pacemaker", () => {
  it("the CIB fragment, the pcs script and the crmsh text build the same constraints, which crm_verify accepts and the importer reads back", () => {
    const dir = scratch("patterns");
    const [ref, viaPcs, viaCrm] = (["cib", "pcs", "crmsh"] as const).map((t) => applied(SITE, t, dir, NODES));
    expect(readFileSync(join(dir, "pcs.out"), "utf8")).toContain("constraint location add vms-n2 'regexp%^vm-(.*)$' n2 1000");
    const want = constraints(readFileSync(ref!, "utf8"));
    expect(want).toContain('<rsc_location id="vms-n2" node="n2" rsc-pattern="^vm-(.*)$" score="1000">');
    expect(want).toContain('<expression attribute="fake" operation="gt" type="integer" value="fake" value-source="param">');
    expect(want).toContain('<expression attribute="rack" operation="eq" value="rack" value-source="meta">');
    expect(constraints(readFileSync(viaPcs!, "utf8"))).toBe(want);
    expect(constraints(readFileSync(viaCrm!, "utf8"))).toBe(want);
    for (const cib of [ref!, viaPcs!, viaCrm!]) {
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, v.out).toBe(0);
    }
    const back = importCib(readFileSync(viaCrm!, "utf8"));
    expect("text" in back && back.text).toContain('location vms-n2 for pattern "^vm-(.*)$" on n2 1000;\n');
    expect("text" in back && back.text).toContain('location by-fake for pattern "^rsc[0-9]$" {\n  rule INFINITY when fake gt integer param fake;\n}\n');
    expect("text" in back && back.text).toContain("rule INFINITY when rack eq meta rack;");
  });

  it("crm_simulate places by the pattern (top-level resources only), the submatch and the resources' own values; hacc predicts the pattern's plain location alike", () => {
    const dir = scratch("patterns");
    const cib = join(dir, "cib.xml");
    const c = hacc(["compile", SITE, "--target", "cib", "--full", "-o", cib]);
    expect(c.code, c.stderr).toBe(0);
    const s = run("crm_simulate", ["-x", cib, "-S", "-u", "n1", "-u", "n2", "-u", "n3"]);
    expect(s.code, s.out).toBe(0);
    const placed = starts(s.out);
    // rsc1 (fake 150) to a node whose fake is above: n2 or n3 (both INFINITY); rsc2 (250) to n3.
    expect(["n2", "n3"]).toContain(placed["rsc1"]);
    expect(placed).toMatchObject({ rsc2: "n3", "invert-match": "n1", "meta-rsc": "n3", "vm-a": "n2", "vm-b": "n2", "web-a": "n1" });
    // Without value-source the rule compares with the word `fake` itself: rsc2 no longer goes to n3 by INFINITY.
    writeFileSync(cib, readFileSync(cib, "utf8").replaceAll(' value-source="param"', ""));
    expect(starts(run("crm_simulate", ["-x", cib, "-S", "-u", "n1", "-u", "n2", "-u", "n3"]).out)["invert-match"]).not.toBe("n1");
    const h = hacc(["simulate", SITE, "--engine", "hacc"]);
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).toMatch(/^vm-a\s+n2$/m);
    expect(h.stdout).toMatch(/^vm-b\s+n2$/m);
    expect(h.stdout).toMatch(/^rsc1\s+not predicted\n  why: location `by-fake` \(its pattern `\^rsc\[0-9\]\$` applies to `rsc1`\) places it by a rule/m);
  });

  it("a pattern matches the group, not its member: crm_simulate and the checker (HA4071) agree", () => {
    const dir = scratch("patterns");
    const site = (pattern: string) =>
      `cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nresource vm-a ocf:pacemaker:Dummy;\ngroup vms vm-a;\nresource vm-b ocf:pacemaker:Dummy;\nlocation to-n2 for pattern "${pattern}" on n2 1000;\n`;
    const placed: Record<string, Record<string, string>> = {};
    for (const pattern of ["^vm", "^vm-"]) {
      const ha = join(dir, "site.ha");
      writeFileSync(ha, site(pattern));
      const c = hacc(["compile", ha, "--target", "cib", "--full", "-o", join(dir, "cib.xml")]);
      expect(c.code, c.stderr).toBe(0);
      placed[pattern] = starts(run("crm_simulate", ["-x", join(dir, "cib.xml"), "-S", "-u", "n1", "-u", "n2"]).out);
    }
    // `^vm` matches the group `vms` (and vm-b); `^vm-` only vm-b: the group's member is not matched by its own id.
    expect(placed["^vm"]).toEqual({ "vm-a": "n2", "vm-b": "n2" });
    expect(placed["^vm-"]).toEqual({ "vm-a": "n1", "vm-b": "n2" });
    writeFileSync(join(dir, "member.ha"), site("^vm-a$"));
    const w = hacc(["check", join(dir, "member.ha")]);
    expect(w.stderr).toContain("warning[HA4071]: the pattern `^vm-a$` of location `to-n2` matches no top-level resource");
  });
});
