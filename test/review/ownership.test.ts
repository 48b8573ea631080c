import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLiveCib, type LiveCib } from "../../src/review/live.js";
import { PLAN_TARGETS } from "../../src/review/targets/index.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * A plan changes and deletes only what the site owns. The live CIB here was
 * configured by hand (no ownership tag yet): two fence devices, fencing
 * levels that use both, an ACL permission on a resource the site does not
 * declare, an operator's order, and run-time settings (maintenance-mode,
 * stop-all-resources, is-managed=false and target-role=Stopped defaults).
 * The site declares one fence device and one app.
 */
const LIVE = join(ROOT, "test", "fixtures", "review", "fenced-live.xml");
/** `../shared/corpus` beside the clone (CI), or beside the directory of worktrees. */
const CORPUS = [join(ROOT, "..", "shared", "corpus", "pacemaker-cts"), join(ROOT, "..", "..", "shared", "corpus", "pacemaker-cts")].find((p) => existsSync(p)) ?? "";
const tools = havePacemaker(["cibadmin", "crm_verify", "crm_diff"]);
const TOOL: Readonly<Record<string, string>> = { cib: "cibadmin", pcs: "pcs", crmsh: "crm" };

const SITE = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = true;
}
resource fence-a stonith:fence_dummy {
  op monitor interval 60s;
}
resource app ocf:pacemaker:Dummy {
  op monitor interval 10s timeout 20s;
} on n1 prefer 100;
`;

function tmp(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), "hacc-own-")), name);
  writeFileSync(p, text);
  return p;
}

function read(path: string): LiveCib {
  const r = readLiveCib(readFileSync(path, "utf8"));
  if ("error" in r) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function section(xml: string, tag: string): string {
  return new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`).exec(xml)?.[0] ?? "";
}

/** The changes a plan prints, one line each (`+`, `-`, `~`, `=`). */
function lines(out: string): string[] {
  return out.split("\n").filter((l) => /^\s+[-+~=] /.test(l));
}

describe("hacc plan: ownership", () => {
  it("first adoption: changes what the site declares, keeps everything else (run-time settings included), writes the tag", () => {
    const site = tmp("lab.ha", SITE);
    const r = hacc(["plan", site, "--live", LIVE]);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([
      "  = batch-limit = 7  (kept, not declared by the site)",
      "  = maintenance-mode = true  (kept, a run-time setting, changed only when the site declares it)",
      "  = stop-all-resources = true  (kept, a run-time setting, changed only when the site declares it)",
      "  = is-managed = false  (kept, a run-time setting, changed only when the site declares it)",
      "  = resource-stickiness = 1  (kept, not declared by the site)",
      "  = target-role = Stopped  (kept, a run-time setting, changed only when the site declares it)",
      "  ~ primitive app (ocf:pacemaker:Dummy)",
      "      + op start 0s (timeout 20s)",
      "      + op stop 0s (timeout 20s)",
      "  = primitive db (ocf:pacemaker:Dummy): kept, not this site's (not declared; no hacc-lab yet)",
      "  = primitive fence-b (stonith:fence_dummy): kept, not this site's (not declared; no hacc-lab yet)",
      "  = location db on n2: 100  (kept, not this site's (not declared; no hacc-lab yet))",
      "  = order db then app  (kept, not this site's (not declared; no hacc-lab yet))",
      "  = fencing-level 1 for n1 with fence-a, fence-b  (kept, not declared by the site (a plan removes fencing levels and alerts only with --prune))",
      "  = fencing-level 1 for n2 with fence-b  (kept, not declared by the site (a plan removes fencing levels and alerts only with --prune))",
      "  = acl role read-db  (kept, not declared by the site (a plan never removes an ACL entry: hacc cannot tell one it made from an administrator's))",
      "  = acl user operator  (kept, not declared by the site (a plan never removes an ACL entry: hacc cannot tell one it made from an administrator's))",
      "  + tag hacc-lab: `fence-a`, `app`, `location-app-n1`",
    ]);
    expect(r.stdout).toContain("0 to add, 1 to change, 0 to remove; the ownership tag hacc-lab is written");
    expect(r.stdout).toContain("taken over (declared by the site, in the live CIB, not yet in hacc-lab): fence-a, app, location-app-n1");
    expect(r.stdout).toContain("--prune removes those the site never owned, except run-time settings, operators' bans and the templates, tags and property sets hacc-lab does not list.");
  });

  it("--prune refuses the whole plan when a deletion would leave a fencing level or an ACL pointing at nothing, naming both ends", () => {
    const site = tmp("lab.ha", SITE);
    const out = join(mkdtempSync(join(tmpdir(), "hacc-own-")), "plan.sh");
    for (const target of Object.keys(PLAN_TARGETS)) {
      const r = hacc(["plan", site, "--live", LIVE, "--prune", "--target", target, "-o", out]);
      expect(r.code).toBe(1);
      expect(existsSync(out)).toBe(false);
      expect(r.stderr.split("\n").filter((l) => l.startsWith("hacc: plan refused"))).toEqual([
        "hacc: plan refused: removing primitive `fence-b` would leave /cib/configuration/fencing-topology/fencing-level[@id='fl-n1-1'] (its devices) pointing at nothing; remove or change that by hand first, or keep primitive `fence-b`",
        "hacc: plan refused: removing primitive `fence-b` would leave /cib/configuration/fencing-topology/fencing-level[@id='fl-n2-1'] (its devices) pointing at nothing; remove or change that by hand first, or keep primitive `fence-b`",
        "hacc: plan refused: removing primitive `db` would leave /cib/configuration/acls/acl_role[@id='read-db']/acl_permission[@id='read-db-rsc'] (its reference) pointing at nothing; remove or change that by hand first, or keep primitive `db`",
      ]);
    }
    // Without the fencing levels and the ACL, --prune removes what the site never owned, but never a run-time setting.
    const bare = tmp("bare.xml", readFileSync(LIVE, "utf8").replace(/<fencing-topology>[\s\S]*<\/acls>/, ""));
    const pruned = hacc(["plan", site, "--live", bare, "--prune"]);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(lines(pruned.stdout).filter((l) => /^ {2}[-=]/.test(l))).toEqual([
      "  - batch-limit (was 7)",
      "  = maintenance-mode = true  (kept, a run-time setting, changed only when the site declares it)",
      "  = stop-all-resources = true  (kept, a run-time setting, changed only when the site declares it)",
      "  - resource-stickiness (was 1)",
      "  = is-managed = false  (kept, a run-time setting, changed only when the site declares it)",
      "  = target-role = Stopped  (kept, a run-time setting, changed only when the site declares it)",
      "  - primitive db (ocf:pacemaker:Dummy)",
      "  - primitive fence-b (stonith:fence_dummy)",
      "  - location db on n2: 100",
      "  - order db then app",
    ]);
  });

  it("with the tag in place, removes what the site owned and dropped, and refuses when another's constraint still points at it", () => {
    const tagged = readFileSync(LIVE, "utf8").replace(
      "</constraints>",
      '<rsc_location id="cli-ban-app-on-n2" rsc="app" node="n2" score="-INFINITY"/></constraints><tags><tag id="hacc-lab"><obj_ref id="fence-a"/><obj_ref id="app"/><obj_ref id="location-app-n1"/></tag></tags>',
    );
    const live = tmp("tagged.xml", tagged);
    const site = tmp("lab.ha", SITE.replace(/resource app[\s\S]*$/, ""));
    const r = hacc(["plan", site, "--live", live]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("hacc: plan refused"))).toEqual([
      "hacc: plan refused: removing primitive `app` would leave /cib/configuration/constraints/rsc_order[@id='order-db-app'] (its then) pointing at nothing; remove or change that by hand first, or keep primitive `app`",
      "hacc: plan refused: removing primitive `app` would leave /cib/configuration/constraints/rsc_location[@id='cli-ban-app-on-n2'] (its rsc) pointing at nothing; remove or change that by hand first, or keep primitive `app`",
    ]);
    // The operator's constraints gone: the site's own app and its location go; what is not the site's stays.
    const clean = tmp("clean.xml", tagged.replace(/<rsc_location id="cli-ban[^>]*>/, "").replace(/<rsc_order id="order-db-app"[^>]*>/, ""));
    const ok = hacc(["plan", site, "--live", clean]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(lines(ok.stdout).filter((l) => !l.includes("kept, not declared by the site") && !l.includes("run-time setting"))).toEqual([
      "  - primitive app (ocf:pacemaker:Dummy)",
      "  = primitive db (ocf:pacemaker:Dummy): kept, not this site's (not in hacc-lab)",
      "  = primitive fence-b (stonith:fence_dummy): kept, not this site's (not in hacc-lab)",
      "  - location app on n1: 100",
      "  = location db on n2: 100  (kept, not this site's (not in hacc-lab))",
      "  ~ tag hacc-lab, drops `app`, `location-app-n1`",
    ]);
  });
});

describe("hacc plan: a rebuilt resource", () => {
  it("refuses when another's constraint points at a resource the plan deletes and makes again (pcs and crmsh would take it along)", () => {
    const sites = join(ROOT, "test", "review", "sites");
    const full = hacc(["compile", join(sites, "small-before.ha"), "--target", "cib", "--full"]);
    expect(full.code, full.stderr).toBe(0);
    const live = tmp("small.xml", full.stdout.replace("</constraints>", '<rsc_location id="cli-ban-g-on-n2" rsc="g" node="n2" score="-INFINITY"/></constraints>'));
    const r = hacc(["plan", join(sites, "small-after.ha"), "--live", live]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "hacc: plan refused: group `g` is deleted and made again (group `g` cannot change in place), and pcs and crmsh delete what points at a deleted resource: /cib/configuration/constraints/rsc_location[@id='cli-ban-g-on-n2'] (its rsc) would be lost; remove it by hand first and make it again afterwards\n",
    );
  });
});

for (const target of Object.keys(PLAN_TARGETS)) {
  describe.skipIf(!(tools && havePacemaker([TOOL[target] ?? target])))(`the ${target} plan script keeps what the site does not own`, () => {
    it("fencing levels, ACLs, the other fence device, the operator's objects and run-time settings come through unchanged; the tag is written", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-own-${target}-`));
      const site = join(d, "lab.ha");
      writeFileSync(site, SITE);
      const script = join(d, "plan.sh");
      const made = hacc(["plan", site, "--live", LIVE, "--target", target, "-o", script]);
      expect(made.code, made.stderr).toBe(0);
      const copy = join(d, "copy.xml");
      copyFileSync(LIVE, copy);
      const run = spawnSync("bash", [script, copy], { encoding: "utf8" });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const before = readFileSync(LIVE, "utf8");
      const after = readFileSync(copy, "utf8");
      expect(section(after, "fencing-topology")).toBe(section(before, "fencing-topology"));
      expect(section(after, "acls")).toBe(section(before, "acls"));
      const old = read(LIVE).cib;
      const now = read(copy);
      for (const id of ["fence-b", "db"]) expect(now.cib.resources.find((r) => r.id === id)).toEqual(old.resources.find((r) => r.id === id));
      for (const id of ["location-db-n2", "order-db-app"]) expect(now.cib.constraints.find((c) => c.id === id)).toEqual(old.constraints.find((c) => c.id === id));
      expect(now.cib.properties.pairs.map((p) => `${p.name}=${p.value}`)).toEqual(expect.arrayContaining(["maintenance-mode=true", "stop-all-resources=true", "batch-limit=7"]));
      expect(now.cib.rscDefaults?.pairs.map((p) => `${p.name}=${p.value}`)).toEqual(["is-managed=false", "target-role=Stopped", "resource-stickiness=1"]);
      expect(now.tags).toEqual([{ id: "hacc-lab", refs: ["fence-a", "app", "location-app-n1"] }]);
      // A second plan has nothing to do and takes nothing over.
      const again = hacc(["plan", site, "--live", copy, "--exit-code"]);
      expect(again.code, again.stdout).toBe(0);
      expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
      expect(again.stdout).not.toContain("taken over");
    });
  });
}

/**
 * Pacemaker's own regression CIBs with fencing topology, ACLs, tags, tickets,
 * resource sets, templates and alerts, planned against a one-resource site.
 */
const CORPUS_FILES = [
  "allow-unhealthy-nodes.xml", // fencing-topology, alerts
  "bug-cl-5247.xml", // fencing levels on group members, unreadable locations
  "tags-ticket.xml", // tags and tickets
  "tags-coloc-order-1.xml", // tags in constraints
  "bug-5014-ordered-set-symmetrical-false.xml", // resource sets (read: they are constraints the plan keeps or prunes)
  "location-sets-templates.xml", // templates
  "bundle-connection-with-container.xml", // ACLs
];

describe.skipIf(CORPUS === "")("hacc plan against Pacemaker's regression CIBs (../shared/corpus/pacemaker-cts)", () => {
  const site = tmp("one.ha", "cluster probe {\n  nodes p1;\n  property stonith-enabled = false;\n}\nresource probe-rsc ocf:pacemaker:Dummy on p1 prefer 1;\n");
  for (const file of CORPUS_FILES) {
    it(`${file}: deletes nothing without --prune; with --prune, refuses any deletion that leaves a reference dangling`, () => {
      const path = join(CORPUS, file);
      const plain = hacc(["plan", site, "--live", path, "--json"]);
      expect(plain.code, plain.stderr).toBe(0);
      const j = JSON.parse(plain.stdout);
      expect(j.summary.remove).toBe(0);
      expect(j.refusals).toEqual([]);
      const live = read(path);
      expect(j.resources.filter((r: { op: string }) => r.op === "keep").length).toBe(live.cib.resources.length);
      expect(j.properties.filter((p: { op: string }) => p.op === "remove")).toEqual([]);

      const pruned = JSON.parse(hacc(["plan", site, "--live", path, "--json", "--prune"]).stdout);
      const removed = new Set<string>([
        ...pruned.resources.filter((r: { op: string }) => r.op === "remove").map((r: { id: string }) => r.id),
        ...pruned.constraints.filter((c: { op: string }) => c.op === "remove").map((c: { id: string }) => c.id),
      ]);
      const xml = readFileSync(path, "utf8");
      for (const refusal of pruned.refusals as string[]) {
        // Both ends named: what would go, and the element that points at it, which the file holds.
        const m = /^removing (?:\w+ `([^`]+)`|`([^`]+)` \(in \w+ `([^`]+)`\)) would leave (\/cib\/configuration\/\S+) \(its ([\w-]+)\) pointing at nothing/.exec(refusal);
        expect(m, refusal).not.toBeNull();
        const owner = m![1] ?? m![3]!;
        expect(removed.has(owner), refusal).toBe(true);
        const holder = /\[@id='([^']+)'\][^[]*$/.exec(m![4]!)?.[1];
        expect(holder === undefined || xml.includes(`id="${holder}"`), refusal).toBe(true);
        expect(xml).toMatch(new RegExp(`"([^"]*,)?${(m![1] ?? m![2]!).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(,[^"]*)?"`));
      }
      // Fence devices that fencing levels use are never pruned silently.
      if (/<fencing-level /.test(xml)) expect(pruned.refusals.length).toBeGreaterThan(0);
    });
  }
});
