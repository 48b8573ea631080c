import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Cib } from "../../src/ir/types.js";
import { compareCibs, isEmpty } from "../../src/review/compare.js";
import { readLiveCib } from "../../src/review/live.js";
import { PLAN_TARGETS } from "../../src/review/targets/index.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * `hacc plan` against CIBs that Pacemaker's own tools made: the live cluster
 * is the example's CIB with node entries, node attributes, tool-set
 * properties and a status section (crm_simulate's); the plan is applied with
 * the script it writes and judged by reading the result back.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "crm_attribute", "crm_diff"]);
const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");
const EDITED = join(ROOT, "test", "review", "sites", "storage-edited.ha");
const SMALL_BEFORE = join(ROOT, "test", "review", "sites", "small-before.ha");
const SMALL_AFTER = join(ROOT, "test", "review", "sites", "small-after.ha");
const DESCRIBED_BEFORE = join(ROOT, "test", "review", "sites", "described-before.ha");
const DESCRIBED_AFTER = join(ROOT, "test", "review", "sites", "described-after.ha");
/** The tool each plan target's script drives, beside Pacemaker's own. */
const TOOL: Readonly<Record<string, string>> = { cib: "cibadmin", pcs: "pcs", crmsh: "crm" };

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

function ok(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = run(cmd, args, env);
  expect(r.code, `${cmd} ${args.join(" ")}\n${r.out}`).toBe(0);
  return r.stdout;
}

/** The example as it runs: its fragment applied to an empty CIB, with nodes, a node attribute, tool-set properties and status. */
function liveCluster(dir: string, site = EXAMPLE, nodes: readonly string[] = ["nio005", "nio006"]): string {
  const cib = join(dir, "empty.xml");
  writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  const env = { CIB_file: cib };
  const frag = join(dir, "site.xml");
  expect(hacc(["compile", site, "--target", "cib", "-o", frag]).code).toBe(0);
  ok("cibadmin", ["--modify", "--xml-file", frag], env);
  ok("cibadmin", ["--create", "-o", "nodes", "-X", `<node id="1" uname="${nodes[0]}"/>`], env);
  ok("cibadmin", ["--create", "-o", "nodes", "-X", `<node id="2" uname="${nodes[1]}"><instance_attributes id="nodes-2"><nvpair id="nodes-2-rack" name="rack" value="r2"/></instance_attributes></node>`], env);
  ok("crm_attribute", ["--type", "crm_config", "--name", "dc-version", "--update", "2.1.5-test"], env);
  ok("crm_attribute", ["--type", "crm_config", "--name", "cluster-infrastructure", "--update", "corosync"], env);
  const live = join(dir, "live.xml");
  ok("crm_simulate", ["-x", cib, "-S", "-q", "true", ...nodes.flatMap((n) => ["-u", n]), "-O", live]);
  return live;
}

function readCib(path: string): Cib {
  const r = readLiveCib(readFileSync(path, "utf8"));
  if ("error" in r) throw new Error(JSON.stringify(r.error));
  expect(r.value.unsupported).toEqual([]);
  return r.value.cib;
}

/** The configuration with every id, in a fixed order: what "exactly the compiled configuration" means once element order is set aside. */
function canonical(c: Cib): unknown {
  const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));
  const props = [...c.properties.pairs].filter((p) => !["dc-version", "cluster-infrastructure"].includes(p.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  return { props, rscDefaults: c.rscDefaults, opDefaults: c.opDefaults, resources: byId(c.resources), constraints: byId(c.constraints) };
}

function section(xml: string, tag: string): string {
  return new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`).exec(xml)?.[0] ?? "";
}

describe.skipIf(!tools)("hacc plan against a CIB made by Pacemaker's tools", () => {
  it("names exactly the four edits, and its cib script turns the live CIB into the edited site's configuration", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-plan-"));
    const live = liveCluster(d);
    const before = readFileSync(live, "utf8");

    // The site unchanged: nothing to do, whatever the tools added.
    const same = hacc(["plan", EXAMPLE, "--live", live]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain("no changes: the live configuration already is what the site declares");

    const plan = hacc(["plan", EDITED, "--live", live]);
    expect(plan.code, plan.stderr).toBe(0);
    const body = plan.stdout.split("\n").filter((l) => /^\s+[-+~=] /.test(l));
    expect(body).toEqual([
      "  ~ no-quorum-policy: stop -> freeze",
      "  + primitive ip-mgmt (ocf:heartbeat:IPaddr2)",
      "      + param ip = 10.0.0.5",
      "      + param cidr_netmask = 24",
      "      + op start 0s (timeout 20s)",
      "      + op stop 0s (timeout 20s)",
      "      + op monitor 10s (timeout 20s)",
      "  - primitive lwfsd-vnio006 (ocf:heartbeat:lwfsd)",
      "  - primitive vm-vnio006 (ocf:heartbeat:VirtualDomain, guest node vnio006)",
      "  ~ location ost0 on nio006: 100 -> 200",
      "  + location ip-mgmt on nio005: 100",
      "  + location ip-mgmt on nio006: 50",
      "  - colocation vm-vnio006 with vm-vnio005: -50",
      "  - location lwfsd-vnio006 on vnio006: INFINITY",
      "  - location vm-vnio006 on nio005: 100",
      "  - location vm-vnio006 on nio006: 500",
      "  - order ost1 then lwfsd-vnio006 (optional)",
      "  - order vm-vnio006 then lwfsd-vnio006",
      "  ~ tag hacc-clustre, adds `ip-mgmt`, `location-ip-mgmt-nio005`, `location-ip-mgmt-nio006`, drops `vm-vnio006`, `lwfsd-vnio006`, `location-vm-vnio006-nio006`, `location-vm-vnio006-nio005`, `location-lwfsd-vnio006-vnio006`, `order-vm-vnio006-lwfsd-vnio006`, `order-ost1-lwfsd-vnio006`, `colocation-vm-vnio006-vm-vnio005`",
    ]);
    expect(plan.stdout).toContain("3 to add, 2 to change, 8 to remove");
    expect(plan.stdout).toContain("pcs resource disable lwfsd-vnio006 vm-vnio006 --wait");

    const script = join(d, "plan.sh");
    expect(hacc(["plan", EDITED, "--live", live, "--target", "cib", "-o", script]).code).toBe(0);
    const copy = join(d, "copy.xml");
    copyFileSync(live, copy);
    ok("bash", [script, copy]);
    const after = readFileSync(copy, "utf8");

    // Exactly the edited site's configuration, ids included...
    const compiled = join(d, "edited.xml");
    expect(hacc(["compile", EDITED, "--target", "cib", "-o", compiled]).code).toBe(0);
    expect(canonical(readCib(copy))).toEqual(canonical(readCib(compiled)));
    // ...with the tool-set properties, nodes and status as they were.
    expect(after).toContain('name="dc-version" value="2.1.5-test"');
    expect(section(after, "nodes")).toBe(section(before, "nodes"));
    expect(section(after, "status")).toBe(section(before, "status"));
    // crm_verify finds no error; its only warnings are the removed resources still running in the status section.
    const verify = run("crm_verify", ["-V", "-V", "--xml-file", copy]).out;
    expect(verify).not.toMatch(/error/i);
    const warnings = verify.split("\n").filter((l) => /warning:/.test(l) && !/Blind faith/.test(l));
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/Detected active orphan (vm-vnio006|vnio006|lwfsd-vnio006) running/);

    // A second plan against the result is empty, and its script changes nothing.
    const again = hacc(["plan", EDITED, "--live", copy, "--target", "cib", "--exit-code"]);
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain("# no changes: the live configuration already is what the site declares");
    expect(again.stdout).not.toMatch(/^cibadmin /m);
  });

  it("refuses a script whose CIB changed since the plan was made", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-plan-"));
    const live = liveCluster(d);
    const script = join(d, "plan.sh");
    expect(hacc(["plan", EDITED, "--live", live, "--target", "cib", "-o", script]).code).toBe(0);
    const copy = join(d, "copy.xml");
    copyFileSync(live, copy);
    ok("crm_attribute", ["--type", "crm_config", "--name", "batch-limit", "--update", "10"], { CIB_file: copy });
    const before = readFileSync(copy, "utf8");
    const r = run("bash", [script, copy]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("run hacc plan again");
    expect(readFileSync(copy, "utf8")).toBe(before);
  });

  it("leaves what it cannot read alone, and refuses to remove what it points at", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-plan-"));
    const live = liveCluster(d);
    ok("cibadmin", ["--create", "-o", "constraints", "-X", '<rsc_order id="set-order"><resource_set id="set-order-1" kind="Optional"><resource_ref id="ost1"/><resource_ref id="lwfsd-vnio006"/></resource_set></rsc_order>'], { CIB_file: live });
    // The site unchanged: the order (its set has a kind of its own, which hacc does not read) is listed as left alone; nothing else changes.
    const same = hacc(["plan", EXAMPLE, "--live", live]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("no changes");
    expect(same.stdout).toContain("/cib/configuration/constraints/rsc_order[@id='set-order']: a resource set's own `kind` has no form in the language");
    // Removing lwfsd-vnio006 would leave the set pointing at nothing: refused, and no script is written.
    const out = join(d, "plan.sh");
    const r = hacc(["plan", EDITED, "--live", live, "--target", "cib", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "hacc: plan refused: removing primitive `lwfsd-vnio006` would leave /cib/configuration/constraints/rsc_order[@id='set-order']/resource_set[@id='set-order-1']/resource_ref (its resource_ref) pointing at nothing",
    );
    expect(() => readFileSync(out)).toThrow();
    // Keeping undeclared objects removes nothing, so nothing dangles.
    const kept = hacc(["plan", EDITED, "--live", live, "--keep-undeclared"]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain("= primitive vm-vnio006 (ocf:heartbeat:VirtualDomain, guest node vnio006): kept, not declared by the site");
    expect(kept.stdout).toContain("3 to add, 2 to change, 0 to remove");
  });
});

/** Applies a target's plan script to a copy of `live`; returns the copy. */
function applyPlan(dir: string, site: string, live: string, target: string): string {
  const script = join(dir, `plan-${target}.sh`);
  const r = hacc(["plan", site, "--live", live, "--target", target, "-o", script]);
  expect(r.code, r.stderr).toBe(0);
  const copy = join(dir, `after-${target}.xml`);
  copyFileSync(live, copy);
  ok("bash", [script, copy]);
  return copy;
}

function expectNoError(cib: string): void {
  const verify = run("crm_verify", ["--xml-file", cib]).out;
  expect(verify).not.toMatch(/error/i);
}

for (const target of Object.keys(PLAN_TARGETS)) {
  const have = tools && havePacemaker([TOOL[target] ?? target]);
  describe.skipIf(!have)(`the ${target} plan script, applied with the real tools`, () => {
    it("turns the live storage cluster into the edited site, nodes and status intact", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-plan-${target}-`));
      const live = liveCluster(d);
      const before = readFileSync(live, "utf8");
      const copy = applyPlan(d, EDITED, live, target);
      const after = readFileSync(copy, "utf8");
      const compiled = join(d, "edited.xml");
      expect(hacc(["compile", EDITED, "--target", "cib", "-o", compiled]).code).toBe(0);
      // As a plan compares (live): node 2's rack, which the site gives no attributes, is the cluster's, not the site's.
      expect(isEmpty(compareCibs(readCib(copy), readCib(compiled), { live: true }))).toBe(true);
      expect(section(after, "nodes")).toBe(section(before, "nodes"));
      expect(section(after, "status")).toBe(section(before, "status"));
      expect(after).toContain('name="dc-version" value="2.1.5-test"');
      expectNoError(copy);
      const again = hacc(["plan", EDITED, "--live", copy, "--target", target]);
      expect(again.stdout).toContain("# no changes: the live configuration already is what the site declares");
    });

    it("takes a description away, adds one, and changes a colocation's node-attribute, then has nothing left to do", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-plan-${target}-`));
      const live = liveCluster(d, DESCRIBED_BEFORE, ["n1", "n2"]);
      const copy = applyPlan(d, DESCRIBED_AFTER, live, target);
      const compiled = join(d, "after.xml");
      expect(hacc(["compile", DESCRIBED_AFTER, "--target", "cib", "-o", compiled]).code).toBe(0);
      expect(isEmpty(compareCibs(readCib(copy), readCib(compiled), { live: true }))).toBe(true);
      const after = readFileSync(copy, "utf8");
      expect(after).not.toContain("old text");
      expect(after).toMatch(/<group id="g" description="the group">/);
      expectNoError(copy);
      expect(hacc(["plan", DESCRIBED_AFTER, "--live", copy, "--target", target]).stdout).toContain("# no changes: the live configuration already is what the site declares");
    });

    it("without an argument, pushes once to the cluster (CIB_file stands in for it)", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-push-${target}-`));
      const live = liveCluster(d);
      const before = readFileSync(live, "utf8");
      const script = join(d, "plan.sh");
      expect(hacc(["plan", EDITED, "--live", live, "--target", target, "-o", script]).code).toBe(0);
      const pushed = run("bash", [script], { CIB_file: live });
      expect(pushed.code, pushed.out).toBe(0);
      expect(pushed.out).toContain("hacc plan: pushed to the live cluster");
      const after = readFileSync(live, "utf8");
      expect(section(after, "nodes")).toBe(section(before, "nodes"));
      expect(hacc(["plan", EDITED, "--live", live, "--exit-code"]).code).toBe(0);
      // The same script again: the cluster has moved on, so it refuses and changes nothing.
      const again = run("bash", [script], { CIB_file: live });
      expect(again.code).toBe(1);
      expect(again.out).toContain("run hacc plan again");
      expect(readFileSync(live, "utf8")).toBe(after);
    });

    it("changes values in place, rebuilds a reordered group, and leaves an operator's target-role alone", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-plan-${target}-`));
      const live = liveCluster(d, SMALL_BEFORE, ["n1", "n2"]);
      ok("crm_resource", ["--resource", "b", "--meta", "--set-parameter", "target-role", "--parameter-value", "Stopped"], { CIB_file: live });
      const plan = hacc(["plan", SMALL_AFTER, "--live", live]);
      expect(plan.stdout.split("\n").filter((l) => /^\s+[-+~=] /.test(l))).toEqual([
        "  + batch-limit = 10",
        "  ~ resource-stickiness: 1 -> 2",
        "  ~ primitive a (ocf:pacemaker:Dummy)",
        `      ~ param state: /run/a.state -> "/run/a 'quoted' $(state)"`,
        "      - meta priority (was 1)",
        "      + utilization cpu = 2",
        "      ~ op monitor 10s: timeout 20s -> 30s",
        "  ~ group g (members m2, m1)",
        '      ~ members: "m1, m2" -> "m2, m1"',
      ]);
      const copy = applyPlan(d, SMALL_AFTER, live, target);
      const result = readCib(copy);
      const site = join(d, "after.xml");
      expect(hacc(["compile", SMALL_AFTER, "--target", "cib", "-o", site]).code).toBe(0);
      expect(isEmpty(compareCibs(result, readCib(site), { live: true }))).toBe(true);
      const g = result.resources.find((r) => r.id === "g");
      expect(g?.kind === "group" && g.children.map((c) => c.id)).toEqual(["m2", "m1"]);
      const a = result.resources.find((r) => r.id === "a");
      expect(a?.kind === "primitive" && a.instance?.pairs.find((p) => p.name === "state")?.value).toBe("/run/a 'quoted' $(state)");
      const b = result.resources.find((r) => r.id === "b");
      expect(b?.kind === "primitive" && b.meta?.pairs.find((p) => p.name === "target-role")?.value).toBe("Stopped");
      expectNoError(copy);
      expect(hacc(["plan", SMALL_AFTER, "--live", copy, "--exit-code"]).code).toBe(0);
    });
  });
}

/**
 * Round trips: the live cluster runs one site, the plan's script (each
 * target's) is applied to a copy, and a second plan against the result is
 * empty. Both directions, so each change is also undone. The pairs cover
 * clones (meta, child parameter), groups (members added, removed, reordered;
 * a primitive that becomes a group), guests (added, changed in place),
 * a second op of one name, properties and defaults removed and added.
 */
const ROUND_TRIPS: readonly (readonly [string, string])[] = [
  ["clone-before.ha", "clone-after.ha"],
  ["groups-before.ha", "groups-after.ha"],
  ["guests-before.ha", "guests-after.ha"],
];

for (const target of Object.keys(PLAN_TARGETS)) {
  const have = tools && havePacemaker([TOOL[target] ?? target]);
  describe.skipIf(!have)(`round trips through the ${target} plan script`, () => {
    for (const [a, b] of ROUND_TRIPS) {
      for (const [from, to] of [
        [a, b],
        [b, a],
      ] as const) {
        it(`${from} -> ${to}`, { timeout: 180_000 }, () => {
          const d = mkdtempSync(join(tmpdir(), `hacc-trip-${target}-`));
          const sites = join(ROOT, "test", "review", "sites");
          const live = liveCluster(d, join(sites, from), ["n1", "n2"]);
          const before = readFileSync(live, "utf8");
          const first = hacc(["plan", join(sites, to), "--live", live, "--exit-code"]);
          expect(first.code, first.stdout + first.stderr).toBe(1);
          const copy = applyPlan(d, join(sites, to), live, target);
          const second = hacc(["plan", join(sites, to), "--live", copy, "--exit-code"]);
          expect(second.stdout).toContain("no changes: the live configuration already is what the site declares");
          expect(second.code).toBe(0);
          const after = readFileSync(copy, "utf8");
          expect(section(after, "nodes")).toBe(section(before, "nodes"));
          expect(section(after, "status")).toBe(section(before, "status"));
          expectNoError(copy);
        });
      }
    }
  });
}
