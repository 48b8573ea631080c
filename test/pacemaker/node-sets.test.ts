import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { run, scratch } from "../pacemaker-tools.js";

/**
 * A node's attribute and utilization sets chosen by a rule or ranked by a
 * score, judged by Pacemaker's own tools: the whole CIB, the pcs script and
 * crmsh, each applied to a CIB whose nodes have corosync's ids (`1`, `2`),
 * give every node the sets hacc writes (crm_verify accepts them) and the
 * same allocation scores in crm_simulate; which set gives a node its value
 * is what docs/language.md says (a date rule holds, a node test never does;
 * the higher score, then the later set, the plain set counting as score 0
 * written first); and the CIB imports back to the same blocks.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs", "crm"]);
const SITE = join(ROOT, "test", "fixtures", "node-sets.ha");

/** An empty CIB with nodes n1 and n2 under corosync's ids. */
function clusterCib(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  expect(run("cibadmin", ["--replace", "-o", "nodes", "-X", '<nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>'], { CIB_file: path }).code).toBe(0);
  return path;
}

/** `resource allocation score on node: N` lines of crm_simulate -s for `rsc`, sorted. */
function scores(cib: string, rsc: string): string[] {
  const s = run("crm_simulate", ["-x", cib, "-s", "-S", "-u", "n1", "-u", "n2"]);
  expect(s.code, s.out).toBe(0);
  return [...s.out.matchAll(new RegExp(`pcmk__primitive_assign: ${rsc} allocation score on (\\S+): (\\S+)`, "g"))].map((m) => `${m[1]}=${m[2]}`).sort();
}

/** The allocation scores of `d`, with a location reading `pref`, in the whole CIB of a cluster block's node lines. */
function prefScores(nodeLines: string): string[] {
  const dir = scratch("nodesets");
  const file = join(dir, "site.ha");
  writeFileSync(file, `cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n${nodeLines}}\nresource d ocf:pacemaker:Dummy;\nlocation L for d {\n  rule score-attribute pref when defined pref;\n}\n`);
  const c = hacc(["compile", file, "--target", "cib", "--full", "-o", join(dir, "cib.xml")]);
  expect(c.code, c.stderr).toBe(0);
  return scores(join(dir, "cib.xml"), "d");
}

describe.skipIf(!tools)("node attribute and utilization sets, judged by Pacemaker", () => {
  it("the pcs script and crmsh write the sets into the entries of nodes 1 and 2, as the whole CIB has them: crm_verify accepts each, crm_simulate scores them alike", () => {
    const dir = scratch("nodesets");
    const full = join(dir, "full.xml");
    expect(hacc(["compile", SITE, "--target", "cib", "--full", "-o", full]).code).toBe(0);
    const want = scores(full, "d");
    // n1's set of score 5 holds (a date after 2001), n2-old's does not (before 2001): 100 and n2's plain 50;
    // the remote node's set of score 3 has no rule, so it always holds.
    expect(want).toEqual(["n1=100", "n2=50", "r1=20"]);
    for (const target of ["pcs", "crmsh"] as const) {
      const cib = clusterCib(dir, `${target}.xml`);
      const out = join(dir, `${target}.out`);
      expect(hacc(["compile", SITE, "--target", target, "-o", out]).code).toBe(0);
      const r = target === "pcs" ? run("bash", [out, cib]) : run("crm", ["configure", "load", "update", out], { CIB_file: cib });
      expect(r.code, r.out).toBe(0);
      const xml = readFileSync(cib, "utf8");
      // Into the entries corosync made (ids 1 and 2), not beside them.
      expect(xml.match(/<node /g)?.length, target).toBe(3);
      for (const id of ["nodes-n1-1", "n2-old", "nodes-n1-utilization-1", "nodes-r1-1", "nodes-r1-utilization-1"]) expect(xml, `${target}: ${id}`).toContain(`id="${id}"`);
      expect(xml).toMatch(/<node id="1" uname="n1">[^]*id="nodes-n1-1" score="5"[^]*<\/node>\s*<node id="2"/);
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, `${target}: ${v.out}`).toBe(0);
      expect(scores(cib, "d"), target).toEqual(want);
    }
    const back = importCib(readFileSync(join(dir, "pcs.xml"), "utf8"));
    expect("text" in back && back.text).toContain("  attributes n1 score 5 when date gt 2001-01-01 {\n    pref = 100;\n  }\n");
    expect("text" in back && back.text).toContain("  attributes n2 score 10 when date lt 2001-01-01 named n2-old {\n    pref = 200;\n  }\n");
  });

  it("of the sets that hold the higher score wins, of one score the later, the plain set counting as score 0 written first", () => {
    expect(prefScores("  attributes n1 pref = 10;\n  attributes n1 when date gt 2001-01-01 { pref = 20; }\n")).toEqual(["n1=20", "n2=0"]);
    expect(prefScores("  attributes n1 score 1 when date gt 2001-01-01 { pref = 30; }\n  attributes n1 when date gt 2001-01-01 { pref = 40; }\n")).toEqual(["n1=30", "n2=0"]);
    expect(prefScores("  attributes n1 when date gt 2001-01-01 { pref = 30; }\n  attributes n1 when date gt 2002-01-01 { pref = 40; }\n")).toEqual(["n1=40", "n2=0"]);
    expect(prefScores("  attributes n1 pref = 10;\n  attributes n1 score -5 { pref = 60; }\n")).toEqual(["n1=10", "n2=0"]);
  });

  it("a node attribute test in a node's set never holds, not even `ne` or `not_defined` (HA4147)", () => {
    for (const test of ['"#uname" eq n1', '"#uname" ne n2', "not_defined rack"]) {
      expect(prefScores(`  attributes n1 pref = 10;\n  attributes n1 when ${test} { pref = 70; }\n`), test).toEqual(["n1=10", "n2=0"]);
    }
    const r = hacc(["check", "-"], { input: 'cluster c {\n  nodes n1, n2;\n  attributes n1 when "#uname" eq n1 { rack = 1; }\n}\n' });
    expect(r.stdout + r.stderr).toContain("warning[HA4147]");
  });
});
