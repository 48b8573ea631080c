import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { readLiveCib } from "../../src/review/live.js";
import { compareCibs, isEmpty } from "../../src/review/compare.js";

/**
 * A resource's params and meta sets, and a group's parameters, in review:
 * `hacc diff` shows a changed set and a changed parameter; `hacc plan` reads
 * them from the live CIB (an unchanged site plans nothing), and adds, changes
 * and removes a primitive's sets in place, by id, and a group's or clone's own
 * parameters in place, by name, on every target.
 */
describe("params and meta sets in diff and plan", () => {
  const dir = mkdtempSync(join(tmpdir(), "hacc-rsets-"));
  const site = join(dir, "site.ha");
  const next = join(dir, "next.ha");
  const text = readFileSync(join(ROOT, "test", "fixtures", "resource-sets.ha"), "utf8");
  writeFileSync(site, text);
  writeFileSync(next, text.replace("fake = ranked;", "fake = ranked2;").replace("fake = from-group;", "fake = fg2;"));

  it("diff shows the changed set and the group's changed parameter, each changed in place", () => {
    const r = hacc(["diff", site, next]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('~ params set d-ranked: "params score 5 when \\"#uname\\" eq n1 { fake = ranked; }" -> "params score 5 when \\"#uname\\" eq n1 { fake = ranked2; }"');
    expect(r.stdout).toContain("~ param fake: from-group -> fg2");
    expect(r.stdout).not.toContain("deleted and created again");
  });

  it("plan reads the sets back (nothing to do), and writes a change of them and of a group's parameters", () => {
    const live = join(dir, "live.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", live]).code).toBe(0);
    const same = hacc(["plan", site, "--live", live, "--target", "pcs"]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain("no changes");
    const r = hacc(["plan", next, "--live", live, "--target", "pcs"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
  });
});

const HEAD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n";
const BEFORE = `${HEAD}resource d ocf:pacemaker:Dummy {
  fake = plain;
  params when "#uname" eq n2 { fake = on-n2; }
  params score 5 when "#uname" eq n1 { fake = ranked; }
  meta when date gt 2001-01-01 { resource-stickiness = 100; }
} on n1;
resource k ocf:pacemaker:Dummy {
  params score 3 { fake = k3; }
}
resource gone ocf:pacemaker:Dummy {
  meta score 4 { priority = 4; }
}
resource k2 ocf:pacemaker:Dummy;
group g k2 {
  fake = from-group;
  other = 1;
}
resource m ocf:pacemaker:Dummy;
clone mc of m {
  fake = from-clone;
}
`;
// d: one set changes, one goes, one comes; k loses its only set; gone goes with its set; e comes with two;
// g's parameters change (one changes, one goes), mc loses its own, h comes with one.
const AFTER = `${HEAD}resource d ocf:pacemaker:Dummy {
  fake = plain;
  params when "#uname" eq n2 { fake = on-n2-new; }
  meta when date gt 2001-01-01 { resource-stickiness = 100; }
  meta score 7 { priority = 3; }
} on n1;
resource k ocf:pacemaker:Dummy;
resource e ocf:pacemaker:Dummy {
  params when "#uname" eq n1 { fake = e1; }
  meta score 2 when date gt 2002-01-01 { priority = 5; }
}
resource k2 ocf:pacemaker:Dummy;
group g k2 {
  fake = fg2;
}
resource m ocf:pacemaker:Dummy;
clone mc of m;
resource n ocf:pacemaker:Dummy;
group h n {
  fake = new-group;
}
`;
/** An administrator's resource with a set chosen by a rule, and a defaults set, made by hand: not the site's. */
const BY_HAND =
  '<configuration><resources><primitive id="x" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="x-by-hand"><rule id="x-by-hand-rule" score="INFINITY"><expression id="x-by-hand-expr" attribute="#uname" operation="eq" value="n2"/></rule><nvpair id="x-by-hand-fake" name="fake" value="mine"/></instance_attributes></primitive></resources>' +
  '<rsc_defaults><meta_attributes id="window" score="9"><nvpair id="window-p" name="priority" value="1"/></meta_attributes></rsc_defaults></configuration>';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

/** Each probe (`monitor` of interval 0) of a transition graph: `RSC@NODE=VALUE` of the parameter `name` ("-" without one). */
function probes(graph: string, name: string): string[] {
  const out: string[] = [];
  for (const m of graph.matchAll(/<rsc_op [^>]*operation_key="([^"]+)_monitor_0"[^>]*on_node="([^"]+)"[^>]*>\s*<primitive [^>]*>\s*<attributes ([^>]*)>/g)) {
    out.push(`${m[1]!.replace(/:\d+$/, "")}@${m[2]!}=${new RegExp(` ${name}="([^"]*)"`).exec(` ${m[3]!}`)?.[1] ?? "-"}`);
  }
  return [...new Set(out)].sort();
}

function read(path: string) {
  const r = readLiveCib(readFileSync(path, "utf8"));
  if ("error" in r) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** A CIB file with two nodes, configured from `site` by the tool of `target`: cibadmin (the CIB target), the pcs script, or `crm configure load update`. */
function configured(dir: string, site: string, target: string): string {
  const cib = join(dir, "live.xml");
  if (target === "cib") {
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", cib]).code).toBe(0);
    return cib;
  }
  writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  for (const [id, uname] of [["1", "n1"], ["2", "n2"]]) expect(run("cibadmin", ["--create", "-o", "nodes", "-X", `<node id="${id}" uname="${uname}"/>`], { CIB_file: cib }).code).toBe(0);
  const out = join(dir, target === "pcs" ? "site.sh" : "site.crm");
  expect(hacc(["compile", site, "--target", target, "-o", out]).code).toBe(0);
  const made = target === "pcs" ? run("bash", [out, cib]) : run("crm", ["configure", "load", "update", out], { CIB_file: cib });
  expect(made.code, made.out).toBe(0);
  return cib;
}

describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_simulate", "pcs", "crm"]))("params and meta sets in a plan, with Pacemaker's tools", () => {
  for (const target of ["cib", "pcs", "crmsh"]) {
    it(`the ${target} plan adds, changes and removes them on a CIB ${target === "cib" ? "compiled" : `made by ${target}`}, and leaves the sets it does not own as they were`, { timeout: 300_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), "hacc-rsetsplan-"));
      const before = join(d, "before.ha");
      writeFileSync(before, BEFORE);
      const live = configured(d, before, target);
      expect(run("cibadmin", ["--modify", "--allow-create", "-X", BY_HAND], { CIB_file: live }).out).toBe("");
      const after = join(d, "after.ha");
      writeFileSync(after, AFTER);
      const shown = hacc(["plan", after, "--live", live]);
      expect(shown.stdout).toContain('      ~ params set d-instance_attributes-1: "params when \\"#uname\\" eq n2 { fake = on-n2; }" -> "params when \\"#uname\\" eq n2 { fake = on-n2-new; }"');
      expect(shown.stdout).toContain('      - params set k-instance_attributes-1 (was "params score 3 { fake = k3; }")');
      expect(shown.stdout).toContain('      + meta set e-meta_attributes-1 = "meta score 2 when date gt 2002-01-01 { priority = 5; }"');
      expect(shown.stdout).toContain("      ~ param fake: from-group -> fg2\n      - param other (was 1)");
      expect(shown.stdout).not.toContain("deleted and created again");
      const script = join(d, "plan.sh");
      const planned = hacc(["plan", after, "--live", live, "--target", target, "-o", script]);
      expect(planned.code, planned.stderr).toBe(0);
      const copy = join(d, "copy.xml");
      copyFileSync(live, copy);
      const applied = run("bash", [script, copy]);
      expect(applied.code, applied.out).toBe(0);
      expect(run("crm_verify", ["--xml-file", copy]).code).toBe(0);

      // The result says what the site compiles to, sets included (hacc's reader compares them by what they say).
      const full = join(d, "full.xml");
      expect(hacc(["compile", after, "--target", "cib", "--full", "-o", full]).code).toBe(0);
      const result = read(copy).cib;
      const compiled = read(full).cib;
      const sets = (c: typeof result) => c.resources.map((r) => (r.kind === "primitive" ? [r.id, (r.instanceSets ?? []).map((s) => s.id), (r.metaSets ?? []).map((s) => s.id)] : [r.id])).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
      expect(sets(result).filter(([id]) => id !== "x")).toEqual(sets(compiled));
      expect(isEmpty(compareCibs(result, compiled, { keepUndeclared: true }))).toBe(true);
      // What the site does not own is byte for byte what it was.
      for (const xpath of ["//primitive[@id='x']", "//rsc_defaults"]) {
        const was = run("cibadmin", ["--query", "--xpath", xpath], { CIB_file: live }).stdout;
        expect(was).toContain(xpath.includes("'x'") ? "x-by-hand-fake" : "window-p");
        expect(run("cibadmin", ["--query", "--xpath", xpath], { CIB_file: copy }).stdout).toBe(was);
      }
      // Pacemaker reads the new values: each node's probe carries the value of the set that holds there.
      const graph = join(d, "graph.xml");
      expect(run("crm_simulate", ["--xml-file", copy, "--simulate", "-u", "n1", "-u", "n2", "--save-graph", graph]).code).toBe(0);
      expect(probes(readFileSync(graph, "utf8"), "fake")).toEqual([
        "d@n1=plain", "d@n2=on-n2-new", "e@n1=e1", "e@n2=-", "k2@n1=fg2", "k2@n2=fg2", "k@n1=-", "k@n2=-", "m@n1=-", "m@n2=-", "n@n1=new-group", "n@n2=new-group", "x@n1=-", "x@n2=mine",
      ]);
      const again = hacc(["plan", after, "--live", copy]);
      expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
    });
  }
});

describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_simulate", "pcs", "crm"]))("a resource's set written again keeps the sets' order where scores tie", () => {
  // Two params sets of score 5 both set `fake`: the later wins (HA4146), and a rule compares node attribute `rack`
  // with it (value-source), so where d runs says which set won: fake=2 puts it on n2 (rack 2), fake=3 on n1 (rack 3).
  const site = (first: string) =>
    "cluster lab {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  attributes n1 rack = 3;\n  attributes n2 rack = 2;\n}\n" +
    `resource d ocf:heartbeat:Dummy {\n  params score 5 { fake = ${first}; }\n  params score 5 { fake = 2; }\n} on n1 10, n2 20;\n` +
    "location d-rack for d {\n  rule 100 when rack eq param fake;\n}\n";
  const placed = (cib: string) => /\* Start\s+d\s+\(\s*(\S+)\s*\)/.exec(spawnSync("crm_simulate", ["-x", cib, "-S", "-q", "true", "-u", "n1", "-u", "n2"], { encoding: "utf8" }).stdout)?.[1];
  for (const target of ["cib", "pcs", "crmsh"]) {
    it(`the ${target} plan that changes the first writes the second again after it: crm_simulate places d as the site says`, { timeout: 120_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), "hacc-rsets-order-"));
      writeFileSync(join(d, "old.ha"), site("9"));
      const live = join(d, "live.xml");
      expect(hacc(["compile", join(d, "old.ha"), "--target", "cib", "--full", "-o", live]).code).toBe(0);
      writeFileSync(join(d, "new.ha"), site("3"));
      const fresh = join(d, "fresh.xml");
      expect(hacc(["compile", join(d, "new.ha"), "--target", "cib", "--full", "-o", fresh]).code).toBe(0);
      expect(placed(fresh)).toBe("n2");
      const script = join(d, "plan.sh");
      expect(hacc(["plan", join(d, "new.ha"), "--live", live, "--target", target, "-o", script]).code).toBe(0);
      const r = spawnSync("bash", [script, live], { encoding: "utf8" });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      const after = readFileSync(live, "utf8");
      expect(after.indexOf('id="d-instance_attributes-1"')).toBeLessThan(after.indexOf('id="d-instance_attributes-2"'));
      expect(placed(live)).toBe("n2");
      expect(hacc(["plan", join(d, "new.ha"), "--live", live]).stdout).toContain("no changes");
    });
  }
});
