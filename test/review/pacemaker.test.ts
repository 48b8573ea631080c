import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Cib } from "../../src/ir/types.js";
import { readLiveCib } from "../../src/review/live.js";
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
function liveCluster(dir: string, site = EXAMPLE): string {
  const cib = join(dir, "empty.xml");
  writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  const env = { CIB_file: cib };
  const frag = join(dir, "site.xml");
  expect(hacc(["compile", site, "--target", "cib", "-o", frag]).code).toBe(0);
  ok("cibadmin", ["--modify", "--xml-file", frag], env);
  ok("cibadmin", ["--create", "-o", "nodes", "-X", '<node id="1" uname="nio005"/>'], env);
  ok("cibadmin", ["--create", "-o", "nodes", "-X", '<node id="2" uname="nio006"><instance_attributes id="nodes-2"><nvpair id="nodes-2-rack" name="rack" value="r2"/></instance_attributes></node>'], env);
  ok("crm_attribute", ["--type", "crm_config", "--name", "dc-version", "--update", "2.1.5-test"], env);
  ok("crm_attribute", ["--type", "crm_config", "--name", "cluster-infrastructure", "--update", "corosync"], env);
  const live = join(dir, "live.xml");
  ok("crm_simulate", ["-x", cib, "-S", "-q", "true", "-u", "nio005", "-u", "nio006", "-O", live]);
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
    ok("cibadmin", ["--create", "-o", "constraints", "-X", '<rsc_order id="set-order"><resource_set id="set-order-1"><resource_ref id="ost1"/><resource_ref id="lwfsd-vnio006"/></resource_set></rsc_order>'], { CIB_file: live });
    // The site unchanged: the set is listed as left alone; nothing else changes.
    const same = hacc(["plan", EXAMPLE, "--live", live]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("no changes");
    expect(same.stdout).toContain("/cib/configuration/constraints/rsc_order[@id='set-order']: resource sets are not supported by hacc");
    // Removing lwfsd-vnio006 would leave the set pointing at nothing: refused, and no script is written.
    const out = join(d, "plan.sh");
    const r = hacc(["plan", EDITED, "--live", live, "--target", "cib", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("hacc: plan refused: removing `lwfsd-vnio006` would leave /cib/configuration/constraints/rsc_order[@id='set-order']");
    expect(() => readFileSync(out)).toThrow();
    // Keeping undeclared objects removes nothing, so nothing dangles.
    const kept = hacc(["plan", EDITED, "--live", live, "--keep-undeclared"]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain("= primitive vm-vnio006 (ocf:heartbeat:VirtualDomain, guest node vnio006): kept, not declared by the site");
    expect(kept.stdout).toContain("3 to add, 2 to change, 0 to remove");
  });
});
