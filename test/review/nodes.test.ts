import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareCibs } from "../../src/review/compare.js";
import { readLiveCib } from "../../src/review/live.js";
import { renderChanges } from "../../src/review/render.js";
import { PLAN_TARGETS } from "../../src/review/targets/index.js";
import { analyzeText, hacc, havePacemaker } from "../helpers.js";

/**
 * Node attributes and utilization in diff and plan: a plan changes a node's
 * attributes only where the site declares some for that node, and never
 * removes a run-time standby or maintenance the site does not declare.
 */
const OLD = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = false;
  attributes n1 rack = 1, old = x;
  utilization n1 memory = 1024;
}
`;
const NEW = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = false;
  attributes n1 rack = 2, site = east;
  attributes g1 rack = 3;
  utilization n1 memory = 2048;
}
guest g1 on n1 prefer 200, n2 100;
`;

function cibOf(text: string) {
  const r = analyzeText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

/** OLD compiled --full, then an operator's run-time settings: n1 and n2 in standby, n2 with rack=9. */
function liveText(dir: string): string {
  const site = join(dir, "old.ha");
  writeFileSync(site, OLD);
  const live = join(dir, "live.xml");
  expect(hacc(["compile", site, "--target", "cib", "--full", "-o", live]).code).toBe(0);
  const text = readFileSync(live, "utf8").replace(
    /<node id="n1" uname="n1">\n(\s*)<instance_attributes id="nodes-n1">\n/,
    '<node id="n1" uname="n1">\n$1<instance_attributes id="nodes-n1">\n$1  <nvpair id="nodes-n1-standby" name="standby" value="on"/>\n',
  ).replace(
    /<node id="n2" uname="n2"\/>/,
    '<node id="n2" uname="n2"><instance_attributes id="nodes-n2"><nvpair id="nodes-n2-standby" name="standby" value="on"/><nvpair id="nodes-n2-rack" name="rack" value="9"/></instance_attributes></node>',
  );
  expect(text).toContain('name="standby"');
  writeFileSync(live, text);
  return live;
}

describe("node attributes in diff and plan", () => {
  it("diff between two sites compares every node", () => {
    const lines = renderChanges(compareCibs(cibOf(OLD), cibOf(NEW)));
    const nodes = lines.slice(lines.indexOf("nodes:") + 1);
    expect(nodes).toEqual([
      "  ~ node n1 attribute rack: 1 -> 2",
      "  + node n1 attribute site = east",
      "  - node n1 attribute old (was x)",
      "  ~ node n1 utilization memory: 1024 -> 2048",
      "  + node g1 attribute rack = 3",
    ]);
  });

  it("against a live cluster: keeps an undeclared run-time standby, leaves a node the site gives no attributes alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-nodes-plan-"));
    const live = readLiveCib(readFileSync(liveText(dir), "utf8"));
    if ("error" in live) throw new Error("unreadable");
    const cs = compareCibs(live.value.cib, cibOf(NEW), { live: true });
    expect(cs.nodes.map((n) => [n.node, n.attributes.map((v) => `${v.name}:${v.from ?? ""}->${v.to ?? ""}`), n.kept.map((k) => k.what)])).toEqual([
      ["n1", ["rack:1->2", "site:->east", "old:x->"], ["standby=on"]],
      ["g1", ["rack:->3"], []],
    ]);
    // Declared by the site, standby is the site's: it changes like any attribute.
    const declared = compareCibs(live.value.cib, cibOf(NEW.replace("site = east", "site = east, standby = off")), { live: true });
    expect(declared.nodes[0]!.attributes.map((v) => `${v.name}:${v.from ?? ""}->${v.to ?? ""}`)).toContain("standby:on->off");
    expect(declared.nodes[0]!.kept).toEqual([]);
  });

  it("a node's sets chosen by a rule or a score: diff names each added, changed or removed; the live reader keeps them apart from the plain set; plan refuses a cluster node without an entry", () => {
    const withSets = (body: string) => cibOf(OLD.replace("  utilization n1 memory = 1024;\n", `  utilization n1 memory = 1024;\n${body}`));
    const a = withSets("  attributes n1 score 5 when date gt 2001-01-01 { rack = 4; }\n  utilization n1 score 2 named small { memory = 512; }\n");
    const b = withSets("  attributes n1 score 6 when date gt 2001-01-01 { rack = 4; }\n  attributes n1 when date lt 2001-01-01 { rack = 5; }\n");
    const lines = renderChanges(compareCibs(a, b));
    expect(lines).toContain("  ~ node n1 attributes set nodes-n1-1");
    expect(lines).toContain("  + node n1 attributes set nodes-n1-2");
    expect(lines).toContain("  - node n1 utilization set small");
    const dir = mkdtempSync(join(tmpdir(), "hacc-nodes-plan-"));
    const site = join(dir, "a.ha");
    writeFileSync(site, OLD.replace("  utilization n1 memory = 1024;\n", "  utilization n1 memory = 1024;\n  attributes n1 score 5 when date gt 2001-01-01 { rack = 4; }\n"));
    const full = join(dir, "a.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", full]).code).toBe(0);
    const live = readLiveCib(readFileSync(full, "utf8"));
    if ("error" in live) throw new Error("unreadable");
    // Read apart, the live set is the site's: nothing to change.
    expect(compareCibs(live.value.cib, cibOf(readFileSync(site, "utf8")), { live: true }).nodes).toEqual([]);
    writeFileSync(site, readFileSync(site, "utf8").replace("rack = 4", "rack = 7"));
    const plan = hacc(["plan", site, "--live", full]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("~ node n1 attributes set nodes-n1-1");
    // A cluster node without an entry (not joined yet) has nowhere to hold a set: refused, said why.
    const bare = join(dir, "bare.xml");
    writeFileSync(bare, readFileSync(full, "utf8").replace(/<node id="n1" uname="n1">[\s\S]*?<\/node>/, ""));
    const refused = hacc(["plan", site, "--live", bare]);
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toContain("node `n1` has no entry in the live CIB (a cluster node has one once it has joined the cluster), so its sets nodes-n1-1 have nowhere to go");
  });
});

/** Each node's attributes and utilization as `uname set name=value`, sorted. */
function nodeValues(xml: string): string[] {
  const out: string[] = [];
  for (const m of (/<nodes>([\s\S]*?)<\/nodes>/.exec(xml)?.[1] ?? "").matchAll(/<node [^>]*uname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/node>)/g)) {
    for (const s of (m[3] ?? "").matchAll(/<(instance_attributes|utilization) [^>]*>([\s\S]*?)<\/\1>/g)) {
      for (const p of s[2]!.matchAll(/<nvpair ([^>]*)\/>/g)) out.push(`${m[1]} ${s[1]} ${/name="([^"]*)"/.exec(p[1]!)![1]}=${/value="([^"]*)"/.exec(p[1]!)![1]}`);
    }
  }
  return out.sort();
}

const TOOL: Readonly<Record<string, string>> = { cib: "cibadmin", pcs: "pcs", crmsh: "crm" };

/** Each node's sets chosen by a rule or a score, one line each: `uname tag id score rule-text pairs`. */
function nodeSetLines(xml: string): string[] {
  const out: string[] = [];
  for (const m of (/<nodes>([\s\S]*?)<\/nodes>/.exec(xml)?.[1] ?? "").matchAll(/<node [^>]*uname="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/node>)/g)) {
    for (const s of (m[3] ?? "").matchAll(/<(instance_attributes|utilization) ([^>]*)>([\s\S]*?)<\/\1>/g)) {
      if (!/<rule|score=/.test(s[0])) continue;
      const id = /id="([^"]*)"/.exec(s[2]!)![1];
      const score = /score="([^"]*)"/.exec(s[2]!)?.[1] ?? "";
      const rule = [...s[3]!.matchAll(/<date_expression [^>]*operation="([^"]*)"[^>]*(?:start|end)="([^"]*)"/g)].map((d) => `${d[1]} ${d[2]}`).join(" ");
      const pairs = [...s[3]!.matchAll(/<nvpair [^>]*name="([^"]*)" value="([^"]*)"/g)].map((p) => `${p[1]}=${p[2]}`).join(",");
      out.push(`${m[1]} ${s[1]} ${id} ${score} ${rule} ${pairs}`.replace(/ +/g, " "));
    }
  }
  return out.sort();
}
for (const target of Object.keys(PLAN_TARGETS)) {
  describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_diff", "crm_attribute", TOOL[target] ?? target]))(`the ${target} plan and node attributes`, () => {
    it("sets and (with --prune) removes the site's node attributes by name, keeps the operator's standby and the undeclared node, and converges", { timeout: 240_000 }, () => {
      const dir = mkdtempSync(join(tmpdir(), `hacc-nodes-${target}-`));
      const live = liveText(dir);
      const site = join(dir, "new.ha");
      writeFileSync(site, NEW);
      const script = join(dir, "plan.sh");
      // Without --prune a plan keeps an attribute the site does not declare (an agent's, docs/review.md): `old` stays.
      expect(hacc(["plan", site, "--live", live]).stdout).toContain("= node n1 old=x  (kept, not declared by the site; --prune removes it)");
      const made = hacc(["plan", site, "--live", live, "--prune", "--target", target, "-o", script]);
      expect(made.code, made.stderr).toBe(0);
      const run = spawnSync("bash", [script, live], { encoding: "utf8" });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(nodeValues(readFileSync(live, "utf8"))).toEqual([
        "g1 instance_attributes rack=3",
        "n1 instance_attributes rack=2",
        "n1 instance_attributes site=east",
        "n1 instance_attributes standby=on",
        "n1 utilization memory=2048",
        "n2 instance_attributes rack=9",
        "n2 instance_attributes standby=on",
      ]);
      const again = hacc(["plan", site, "--live", live, "--exit-code"]);
      expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
      expect(again.code).toBe(0);
    });
  });
}

for (const target of Object.keys(PLAN_TARGETS)) {
  describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_diff", TOOL[target] ?? target]))(`the ${target} plan and a node's sets chosen by rules or scores`, () => {
    it("changes one by id, adds one to a cluster node and one to a guest node, leaves the operator's attributes and an undeclared set, and converges", { timeout: 240_000 }, () => {
      const dir = mkdtempSync(join(tmpdir(), `hacc-nodesets-${target}-`));
      const old = join(dir, "old.ha");
      writeFileSync(old, OLD.replace("  utilization n1 memory = 1024;\n", "  utilization n1 memory = 1024;\n  attributes n1 score 5 when date gt 2001-01-01 { rack = 4; }\n  utilization n1 score 2 named small { memory = 512; }\n") + "guest g1 on n1 prefer 200, n2 100;\n");
      const live = join(dir, "live.xml");
      expect(hacc(["compile", old, "--target", "cib", "--full", "-o", live]).code).toBe(0);
      // Live node ids are the cluster layer's, not the names; an operator's standby and an agent's attribute on n1.
      const text = readFileSync(live, "utf8")
        .replace('<node id="n1" uname="n1">', '<node id="101" uname="n1">')
        .replace('<node id="n2" uname="n2"/>', '<node id="102" uname="n2"><instance_attributes id="nodes-n2"><nvpair id="nodes-n2-standby" name="standby" value="on"/><nvpair id="nodes-n2-pgsql" name="pgsql-data-status" value="LATEST"/></instance_attributes></node>');
      expect(text).toContain('<node id="101" uname="n1">');
      writeFileSync(live, text);
      const site = join(dir, "new.ha");
      writeFileSync(site, OLD.replace("  utilization n1 memory = 1024;\n", "  utilization n1 memory = 1024;\n  attributes n1 score 7 when date gt 2001-01-01 { rack = 8; }\n  attributes n1 when date lt 2001-01-01 named old-racks { rack = 0; }\n  attributes g1 score 3 named g1-zone { zone = a; }\n") + "guest g1 on n1 prefer 200, n2 100;\n");
      const shown = hacc(["plan", site, "--live", live]);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toContain("~ node n1 attributes set nodes-n1-1");
      expect(shown.stdout).toContain("+ node n1 attributes set old-racks");
      expect(shown.stdout).toContain("+ node g1 attributes set g1-zone");
      const script = join(dir, "plan.sh");
      const made = hacc(["plan", site, "--live", live, "--target", target, "-o", script]);
      expect(made.code, made.stderr).toBe(0);
      const run = spawnSync("bash", [script, live], { encoding: "utf8" });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const after = readFileSync(live, "utf8");
      expect(nodeSetLines(after)).toEqual([
        "g1 instance_attributes g1-zone 3 zone=a",
        "n1 instance_attributes nodes-n1-1 7 gt 2001-01-01 rack=8",
        "n1 instance_attributes old-racks lt 2001-01-01 rack=0",
        // Not declared by the new site, not hacc's to remove against a live cluster.
        "n1 utilization small 2 memory=512",
      ]);
      expect(after).toContain('<node id="101" uname="n1">');
      expect(nodeValues(after)).toContain("n2 instance_attributes standby=on");
      expect(nodeValues(after)).toContain("n2 instance_attributes pgsql-data-status=LATEST");
      expect(spawnSync("crm_verify", ["--xml-file", live], { encoding: "utf8" }).status).toBe(0);
      const again = hacc(["plan", site, "--live", live, "--exit-code"]);
      expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
      expect(again.code).toBe(0);
    });
  });
}

describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_diff", "crm_simulate"]))("a node's set written again keeps the sets' order where scores tie", () => {
  it("changing the first of two sets of equal score writes the second again after it: crm_simulate places as the site says", { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-nodesets-order-"));
    // Two sets of n1 with score 5: the later wins (rack=2), so d, which prefers rack 2, runs on n1.
    const siteText = (first: string) =>
      "cluster lab {\n  nodes n1, n2;\n  property stonith-enabled = false;\n" +
      `  attributes n1 score 5 named a { rack = ${first}; }\n  attributes n1 score 5 named b { rack = 2; }\n}\n` +
      "resource d ocf:heartbeat:Dummy on n2 50;\nlocation d-rack for d {\n  rule 100 when rack eq 2;\n}\n";
    const old = join(dir, "old.ha");
    writeFileSync(old, siteText("1"));
    const live = join(dir, "live.xml");
    expect(hacc(["compile", old, "--target", "cib", "--full", "-o", live]).code).toBe(0);
    const placed = (cib: string) => /\* Start\s+d\s+\(\s*(\S+)\s*\)/.exec(spawnSync("crm_simulate", ["-x", cib, "-S", "-q", "true", "-u", "n1", "-u", "n2"], { encoding: "utf8" }).stdout)?.[1];
    expect(placed(live)).toBe("n1");
    const site = join(dir, "new.ha");
    writeFileSync(site, siteText("3"));
    const shown = hacc(["plan", site, "--live", live]);
    expect(shown.stdout).toContain("~ node n1 attributes set a\n");
    expect(shown.stdout).toContain("~ node n1 attributes set b  (unchanged, written again to keep its place after a set of equal score)");
    const script = join(dir, "plan.sh");
    expect(hacc(["plan", site, "--live", live, "--target", "cib", "-o", script]).code).toBe(0);
    const run = spawnSync("bash", [script, live], { encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const after = readFileSync(live, "utf8");
    expect(after.indexOf('<instance_attributes id="a"')).toBeLessThan(after.indexOf('<instance_attributes id="b"'));
    // As the site compiled says: b still wins on n1.
    const fresh = join(dir, "fresh.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", fresh]).code).toBe(0);
    expect(placed(fresh)).toBe("n1");
    expect(placed(live)).toBe("n1");
    expect(hacc(["plan", site, "--live", live]).stdout).toContain("no changes: the live configuration already is what the site declares");
  });
});

describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_diff"]))("a node's set the site no longer declares", () => {
  it("is kept and said without --prune, and removed with it (the cib target applied)", { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-nodesets-drop-"));
    const head = "cluster lab {\n  nodes n1, n2;\n  property stonith-enabled = false;\n";
    writeFileSync(join(dir, "old.ha"), `${head}  attributes n1 score 5 when date gt 2001-01-01 { rack = 4; }\n}\n`);
    const live = join(dir, "live.xml");
    expect(hacc(["compile", join(dir, "old.ha"), "--target", "cib", "--full", "-o", live]).code).toBe(0);
    writeFileSync(join(dir, "new.ha"), `${head}}\n`);
    const kept = hacc(["plan", join(dir, "new.ha"), "--live", live]);
    expect(kept.stdout).toContain("= node n1 attributes set nodes-n1-1  (kept, not declared by the site; --prune removes it)");
    const pruned = hacc(["plan", join(dir, "new.ha"), "--live", live, "--prune"]);
    expect(pruned.stdout).toContain("- node n1 attributes set nodes-n1-1");
    const script = join(dir, "plan.sh");
    expect(hacc(["plan", join(dir, "new.ha"), "--live", live, "--prune", "--target", "cib", "-o", script]).code).toBe(0);
    const run = spawnSync("bash", [script, live], { encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(live, "utf8")).not.toContain('id="nodes-n1-1"');
  });
});
