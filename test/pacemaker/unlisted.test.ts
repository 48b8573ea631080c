import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";
import { applied, run, scratch, section } from "../pacemaker-tools.js";

/**
 * `unlisted-nodes`, judged by Pacemaker's own tools: a location and a fencing
 * level naming a node `<nodes>` does not list are accepted (crm_verify passes)
 * whichever target wrote them, and crm_simulate ignores the location (no node
 * of that name: pcmk_sched_location.c drops it), which is what hacc predicts.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs", "crm"]);
const SITE = `cluster c {
  nodes n1, n2;
  unlisted-nodes gone;
  property stonith-enabled = false;
}
resource fence stonith:fence_dummy;
resource a ocf:pacemaker:Dummy on n1 10, gone 100;
fencing-level 1 for gone with fence;
`;
const NODES = '<nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>';

describe.skipIf(!tools)("unlisted nodes, judged by Pacemaker", () => {
  it("the CIB fragment, the pcs script and the crmsh text each write the location and the fencing level, no node entry, and crm_verify accepts the result", () => {
    const dir = scratch("unlisted");
    const site = join(dir, "site.ha");
    writeFileSync(site, SITE);
    for (const target of ["cib", "pcs", "crmsh"] as const) {
      const cib = readFileSync(applied(site, target, dir, NODES), "utf8");
      expect(section(cib, "nodes", { free: new Set() }), target).toBe('<nodes>\n  <node id="1" uname="n1">\n  <node id="2" uname="n2">');
      expect(cib, target).toMatch(/<rsc_location [^>]*node="gone"/);
      expect(cib, target).toMatch(/<fencing-level [^>]*target="gone"/);
      const v = run("crm_verify", ["--xml-file", join(dir, `${target}.xml`)]);
      expect(v.code, `${target}: ${v.out}`).toBe(0);
    }
    // The whole CIB hacc writes (--full) too.
    const full = join(dir, "full.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", full]).code).toBe(0);
    const v = run("crm_verify", ["--xml-file", full]);
    expect(v.code, v.out).toBe(0);
  });

  it("crm_simulate leaves `a` on n1 with n1 and n2 up (the location to `gone` counts for nothing), as hacc predicts", () => {
    const dir = scratch("unlisted");
    const site = join(dir, "site.ha");
    writeFileSync(site, SITE);
    const full = join(dir, "full.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", full]).code).toBe(0);
    const s = run("crm_simulate", ["-x", full, "-S", "-q", "true", "-u", "n1", "-u", "n2"]);
    expect(s.code, s.out).toBe(0);
    expect(s.out).toMatch(/\* Start\s+a\s+\(\s*n1\s*\)/);
    // The same location to a listed node moves it: the score is read when the node exists.
    writeFileSync(full, readFileSync(full, "utf8").replace('node="gone"', 'node="n2"'));
    expect(run("crm_simulate", ["-x", full, "-S", "-q", "true", "-u", "n1", "-u", "n2"]).out).toMatch(/\* Start\s+a\s+\(\s*n2\s*\)/);
    const h = hacc(["simulate", site, "--engine", "hacc"]);
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout).toMatch(/^a\s+n1$/m);
    expect(h.stdout).not.toContain("gone");
    const fail = hacc(["simulate", site, "--engine", "hacc", "--fail", "gone"]);
    expect(fail.code).toBe(2);
    expect(fail.stderr).toBe("hacc: --fail gone: an unlisted node of cluster `c`, never up, so nothing there can fail (its nodes: n1, n2)\n");
  });
});
