import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectGolden, hacc, ROOT, stripSeedWarnings } from "../helpers.js";

const EXAMPLE = "examples/storage-cluster.ha";
const EDITED = "test/review/sites/storage-edited.ha";
/**
 * The example's CIB as Pacemaker's tools left it: nodes, a node attribute, dc-version, status. Made with
 * `cibadmin --empty`, then with CIB_file set: `cibadmin --modify --xml-file examples/storage-cluster.cib.xml`,
 * `cibadmin --create -o nodes` (nio005; nio006 with a node attribute), `crm_attribute -t crm_config` (dc-version,
 * cluster-infrastructure), then `crm_simulate -x ... -S -q true -u nio005 -u nio006 -O storage-live.xml`.
 * Make it again that way when the example's compiled CIB changes (test/review/pacemaker.test.ts builds its own).
 */
const LIVE = "test/review/sites/storage-live.xml";
const GOLDEN = join(ROOT, "test", "golden", "review");

function tmp(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), "hacc-review-")), name);
  writeFileSync(p, text);
  return p;
}

describe("hacc diff", () => {
  it("prints the change between two versions of the example (golden), exit 0", () => {
    const r = hacc(["diff", EXAMPLE, EDITED]);
    expect(stripSeedWarnings(r.stderr)).toBe("");
    expect(r.code).toBe(0);
    expectGolden(join(GOLDEN, "storage-edited.diff.txt"), r.stdout);
  });

  it("--exit-code exits 1 when there are changes and 0 when there are none", () => {
    expect(hacc(["diff", "--exit-code", EXAMPLE, EDITED]).code).toBe(1);
    const same = hacc(["diff", "--exit-code", EXAMPLE, EXAMPLE]);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe(`hacc diff: ${EXAMPLE} -> ${EXAMPLE}\nno changes\n`);
  });

  it("--json gives tools the same changes", () => {
    const r = hacc(["diff", "--json", EXAMPLE, EDITED]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toEqual({ add: 3, change: 2, remove: 8 });
    expect(j.properties).toEqual([{ op: "change", name: "no-quorum-policy", from: "stop", to: "freeze" }]);
    expect(j.constraints[0]).toMatchObject({ op: "change", id: "location-ost0-nio006", text: "location ost0 on nio006", fields: [{ name: "score", from: "100", to: "200" }] });
    expect(j.resources.map((x: { op: string; id: string }) => `${x.op} ${x.id}`)).toEqual(["add ip-mgmt", "remove lwfsd-vnio006", "remove vm-vnio006"]);
  });

  it("reports errors in either site and exits 1", () => {
    const bad = tmp("bad.ha", "cluster c { nodes n1; }\nresource x ocf:heartbeat:Nope on n9 prefer 1;\n");
    const r = hacc(["diff", EXAMPLE, bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("bad.ha:2:");
  });
});

describe("hacc plan", () => {
  it("against an up-to-date CIB made by the tools: no changes, exit 0 even with --exit-code", () => {
    const r = hacc(["plan", EXAMPLE, "--live", LIVE, "--exit-code"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`hacc plan: ${EXAMPLE} against ${LIVE} (admin_epoch 0, epoch 8)\nno changes: the live configuration already is what the site declares\n`);
  });

  it("prints the plan for the edited site (golden) and its cib script (golden)", () => {
    const r = hacc(["plan", EDITED, "--live", LIVE]);
    expect(r.code).toBe(0);
    expectGolden(join(GOLDEN, "storage-edited.plan.txt"), r.stdout);
    const s = hacc(["plan", EDITED, "--live", LIVE, "--target", "cib"]);
    expect(s.code).toBe(0);
    expectGolden(join(GOLDEN, "storage-edited.plan-cib.sh"), s.stdout);
    expect(hacc(["plan", EDITED, "--live", LIVE, "--exit-code"]).code).toBe(1);
  });

  it("reads the live CIB from standard input", () => {
    const r = hacc(["plan", EXAMPLE, "--live", "-"], { input: "<configuration><crm_config/></configuration>" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("hacc plan: examples/storage-cluster.ha against <stdin>\n");
    expect(r.stdout).toContain("+ primitive vm-vnio005 (ocf:heartbeat:VirtualDomain, guest node vnio005)");
  });

  it("--json lists changes, what was left alone and refusals", () => {
    const live = tmp("live.xml", '<cib admin_epoch="0" epoch="3" num_updates="0"><configuration><crm_config/><alerts><alert id="a" path="/bin/true"/></alerts></configuration></cib>');
    const r = hacc(["plan", EXAMPLE, "--live", live, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.version).toEqual({ adminEpoch: "0", epoch: "3", numUpdates: "0" });
    expect(j.refusals).toEqual([]);
    // hacc reads alerts: one the site does not declare is kept (a plan removes it only with --prune); an <acls> section it leaves alone.
    expect(j.leftAlone).toEqual([]);
    expect(j.admin).toEqual([{ kind: "alert", op: "keep", text: "alert a /bin/true  (kept, not declared by the site (a plan removes fencing levels and alerts only with --prune))", fields: [], kept: "not declared by the site (a plan removes fencing levels and alerts only with --prune)" }]);
    expect(j.summary.add).toBeGreaterThan(0);
  });

  it("says where a live CIB is not well-formed (exit 1), and an unreadable one is a usage error (exit 2)", () => {
    const broken = tmp("broken.xml", "<cib>\n<configuration>\n</cib>\n");
    const r = hacc(["plan", EXAMPLE, "--live", broken]);
    expect(r.code).toBe(1);
    expect(stripSeedWarnings(r.stderr)).toMatch(/^hacc: .*broken\.xml:3:\d+: not well-formed XML: /);
    const missing = hacc(["plan", EXAMPLE, "--live", "/nonexistent/cib.xml"]);
    expect(missing.code).toBe(2);
    expect(stripSeedWarnings(missing.stderr)).toBe("hacc: cannot read /nonexistent/cib.xml: no such file or directory\n");
    expect(hacc(["plan", EXAMPLE]).code).toBe(2);
    expect(hacc(["plan", EXAMPLE, "--live", LIVE, "--target", "nope"]).code).toBe(2);
  });

  it("refuses when the site declares an object the live CIB holds in a form hacc cannot read", () => {
    const live = tmp(
      "live.xml",
      `<cib admin_epoch="0" epoch="3" num_updates="0"><configuration><resources><primitive id="ost0" class="ocf" provider="lustre" type="Lustre" x-note="x"/></resources></configuration></cib>`,
    );
    const r = hacc(["plan", EXAMPLE, "--live", live]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("hacc: plan refused: the site declares `ost0`, but the live /cib/configuration/resources/primitive[@id='ost0'] cannot be read by hacc (attribute `x-note` on <primitive> is not supported by hacc)");
    expect(r.stdout).toContain("REFUSED");
  });

  it("--target pcs refuses a value pcs cannot set (empty), where cib and crmsh carry it", () => {
    const site = tmp("empty.ha", 'cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nresource d ocf:pacemaker:Dummy { state = ""; } on n1 prefer 1;\n');
    const live = tmp(
      "live.xml",
      `<cib admin_epoch="0" epoch="1" num_updates="0"><configuration><crm_config><cluster_property_set id="cib-bootstrap-options"><nvpair id="p1" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
      <resources><primitive id="d" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="d-ia"><nvpair id="d-ia-s" name="state" value="/a"/></instance_attributes>
      <operations><op id="d-start-interval-0s" name="start" interval="0s" timeout="20s"/><op id="d-stop-interval-0s" name="stop" interval="0s" timeout="20s"/><op id="d-monitor-interval-10s" name="monitor" interval="10s" timeout="20s"/></operations></primitive></resources>
      <constraints><rsc_location id="location-d-n1" rsc="d" node="n1" score="1"/></constraints></configuration></cib>`,
    );
    const text = hacc(["plan", site, "--live", live]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('      ~ param state: /a -> ""');
    const pcs = hacc(["plan", site, "--live", live, "--target", "pcs"]);
    expect(pcs.code).toBe(1);
    expect(pcs.stdout).toBe("");
    expect(pcs.stderr).toContain("error[HA5001]: resource `d`, attribute `state` is empty, and pcs cannot set an empty value");
    expect(hacc(["plan", site, "--live", live, "--target", "cib"]).stdout).toContain('name="state" value=""');
    expect(hacc(["plan", site, "--live", live, "--target", "crmsh"]).stdout).toContain("params state=''");
  });
});
