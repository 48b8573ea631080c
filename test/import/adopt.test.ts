import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers.js";
import { canonicalConfiguration } from "./normalise.js";

/** Defects an admin found adopting clusters pcs and crmsh built (`hacc import`, `hacc check --libvirt`). */

function hacc(args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000, ...(input !== undefined ? { input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cibWith(config: string, props = ""): string {
  return `<cib validate-with="pacemaker-3.9" epoch="3" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">${props}</cluster_property_set>
    </crm_config>
${config}
  </configuration>
  <status/>
</cib>
`;
}

function tmp(name: string, text: string): string {
  const d = mkdtempSync(join(tmpdir(), "hacc-adopt-"));
  const f = join(d, name);
  writeFileSync(f, text);
  return f;
}

describe("hacc import: the cluster's name", () => {
  it("names the cluster after `cluster-name` (kept as a comment too), as docs/import.md says", () => {
    const cib = tmp("live.xml", cibWith(`    <nodes><node id="1" uname="n1"/></nodes>
    <resources><primitive id="r1" class="ocf" provider="heartbeat" type="Dummy"/></resources>
    <constraints/>`, `<nvpair id="cib-bootstrap-options-cluster-name" name="cluster-name" value="prod"/>`));
    const r = hacc(["import", cib]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("# property cluster-name = prod is the cluster's own (not imported)\ncluster prod {\n");
  });

  it("a cluster-name that is no id names the site `imported`, and a comment says why", () => {
    const cib = tmp("live.xml", cibWith(`    <nodes><node id="1" uname="n1"/></nodes>
    <resources/>
    <constraints/>`, `<nvpair id="cib-bootstrap-options-cluster-name" name="cluster-name" value="prod cluster"/>`));
    const r = hacc(["import", cib]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# cluster-name "prod cluster" is no id (a letter or `_`, then letters, digits, `_ . -`): the site is named `imported`\ncluster imported {\n');
  });
});

describe("directories that cannot be made", () => {
  it("compile --target libvirt -o /proc/foo exits 2 with the reason, and returns (Node's recursive mkdir loops there)", () => {
    const r = hacc(["compile", join(ROOT, "examples", "storage-cluster.ha"), "--target", "libvirt", "-o", "/proc/hacc-no-such-dir/x"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("hacc: cannot create directory /proc/hacc-no-such-dir/x: no such file or directory");
  });

  it("init /proc/foo exits 2 with the reason", () => {
    const r = hacc(["init", "/proc/hacc-no-such-dir"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("hacc: cannot make /proc/hacc-no-such-dir: no such file or directory");
  });
});

describe("hacc import of XML that is no CIB", () => {
  it("a libvirt domain is HA1010 at its root element, with a caret and a hint, exit 1, nothing written", () => {
    const dom = tmp("vm1.xml", '<?xml version="1.0"?>\n<domain type="kvm">\n  <name>vm1</name>\n</domain>\n');
    const out = join(dom, "..", "site.ha");
    const r = hacc(["import", dom, "-o", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[HA1010]: the root element is `<domain>`, not `<cib>` (or `<configuration>`): this is not a CIB");
    expect(r.stderr).toContain(`--> ${dom}:2:1`);
    expect(r.stderr).toContain("2 | <domain type=\"kvm\">\n  | ^^^^^^^");
    expect(r.stderr).toContain("hint: this is a libvirt domain");
    expect(existsSync(out)).toBe(false);
  });
});

describe("an op written twice (one name and interval)", () => {
  const ops = (second: string) =>
    cibWith(
      `    <nodes><node id="1" uname="n1"/></nodes>
    <resources>
      <primitive class="systemd" id="mongodb" type="mongod">
        <operations>
          <op id="mongodb-start-timeout-300s" interval="0s" name="start" timeout="300s"/>
          <op id="mongodb-monitor-interval-60s" interval="60s" name="monitor"/>
          ${second}
        </operations>
      </primitive>
    </resources>
    <constraints/>`,
      `<nvpair id="o-s" name="stonith-enabled" value="false"/>`,
    );

  it("the checker refuses two ops of one name and interval, whatever their roles (HA3018), at the second", () => {
    const site = tmp("site.ha", "cluster c {\n  nodes n1;\n}\nresource m systemd:mongod {\n  exact-ops;\n  op start interval 0s timeout 300s;\n  op start interval 0 timeout 120s;\n}\n");
    const r = hacc(["check", site]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[HA3018]: a second `start` op with interval `0` in one resource");
    expect(r.stderr).toContain(`--> ${site}:7:3`);
    const roles = tmp("site.ha", "cluster c {\n  nodes n1;\n}\nresource db ocf:pacemaker:Stateful {\n  op monitor interval 10s role Promoted;\n  op monitor interval 10000ms role Unpromoted;\n  op monitor interval 11s role Started;\n}\npromotable db-clone of db;\n");
    const two = hacc(["check", roles]);
    expect(two.status).toBe(1);
    expect(two.stderr.match(/error\[HA3018\]/g)).toHaveLength(1);
    expect(two.stderr).toContain("a second `monitor` op with interval `10000ms` in one resource");
  });

  it("a second start is not imported, as Pacemaker reads the first (a comment says so); the plan against it removes the second", () => {
    const cib = tmp("live.xml", ops('<op id="mongodb-name-start-timeout-120s" interval="0s" name="start" timeout="120s"/>'));
    const site = join(cib, "..", "site.ha");
    const r = hacc(["import", cib, "-o", site]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const text = readFileSync(site, "utf8");
    expect(text).toContain("  op start interval 0s timeout 300s;\n  op monitor interval 60s;\n  # op start interval 0s again (mongodb-name-start-timeout-120s), after mongodb-start-timeout-300s: Pacemaker reads the first; not imported\n");
    expect(hacc(["check", site]).status).toBe(0);
    const compiled = hacc(["compile", site, "--target", "cib"]);
    expect(compiled.stdout.match(/id="mongodb-start-interval-0s"/g)).toHaveLength(1);
    const plan = hacc(["plan", site, "--live", cib]);
    expect(plan.stdout).toContain("  ~ primitive mongodb (systemd:mongod)\n      - op start 0s\n");
    expect(plan.stdout).not.toContain("timeout 120s -> 300s");
  });

  it("a second recurring op is refused: Pacemaker refuses both (crm_verify), so no site says the cluster", () => {
    const cib = tmp("live.xml", ops('<op id="m2" interval="1min" name="monitor" role="Stopped"/>'));
    const r = hacc(["import", cib]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("/cib/configuration/resources/primitive[@id='mongodb']/operations/op[@id='m2']: a second `monitor` op with interval `1min` (the first is `mongodb-monitor-interval-60s`): Pacemaker refuses both");
  });
});

describe("an imported site that does not check", () => {
  it("each error names the CIB element it came from, and the caret is in the site as it would be written, not in the -o file", () => {
    const cib = tmp(
      "live.xml",
      cibWith(`    <nodes><node id="1" uname="n1"/></nodes>
    <resources><primitive id="fence" class="ocf" provider="pacemaker" type="Dummy"/></resources>
    <constraints/>
    <fencing-topology>
      <fencing-level id="fl-n1-1" index="1" target="n1" devices="fence"/>
    </fencing-topology>`),
    );
    const out = join(cib, "..", "site.ha");
    const r = hacc(["import", cib, "-o", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[HA2102]: resource `fence` is not a fencing device, from /cib/configuration/fencing-topology/fencing-level[@id='fl-n1-1']");
    expect(r.stderr).toMatch(new RegExp(`--> <site imported from ${cib.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}>:\\d+:\\d+\\n`));
    expect(r.stderr).toContain("| fencing-level 1 for n1 with fence;");
    expect(r.stderr).not.toContain(`--> ${out}`);
    expect(r.stderr).toContain("nothing written");
    expect(existsSync(out)).toBe(false);
  });
});

describe("hacc import --libvirt of guests pcs and crmsh built", () => {
  const DOMAIN = "<domain><name>g1</name><devices><hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x82' slot='0x01' function='0x4'/></source><address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/></hostdev></devices></domain>\n";
  const guestCib = (meta: string, locationId: string) =>
    cibWith(
      `    <nodes><node id="1" uname="hv1"/><node id="2" uname="hv2"/></nodes>
    <resources>
      <primitive id="vm-g1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <instance_attributes id="vm-g1-instance_attributes">
          <nvpair name="config" value="/etc/libvirt/qemu/g1.xml" id="vm-g1-instance_attributes-config"/>
          <nvpair name="hypervisor" value="qemu:///system" id="vm-g1-instance_attributes-hypervisor"/>
        </instance_attributes>
        <meta_attributes id="vm-g1-meta_attributes">${meta}</meta_attributes>
        <operations><op name="monitor" interval="30s" timeout="30s" id="vm-g1-monitor-30s"/></operations>
      </primitive>
    </resources>
    <constraints><rsc_location id="${locationId}" rsc="vm-g1" score="100" node="hv1"/></constraints>`,
      `<nvpair name="stonith-enabled" value="false" id="cib-bootstrap-options-stonith-enabled"/>`,
    );
  const dir = (): string => {
    const d = join(mkdtempSync(join(tmpdir(), "hacc-adopt-")), "dom");
    mkdirSync(d);
    writeFileSync(join(d, "g1.xml"), DOMAIN);
    return d;
  };

  it("remote-node after remote-addr (as pcs cluster node add-guest writes them) is still the guest: its VF is imported", () => {
    const cib = tmp("live.xml", guestCib('<nvpair name="remote-addr" value="10.0.0.5" id="vm-g1-meta_attributes-remote-addr"/><nvpair name="remote-node" value="g1" id="vm-g1-meta_attributes-remote-node"/>', "location-vm-g1-hv1"));
    const r = hacc(["import", cib, "--libvirt", dir()]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('guest g1 on hv1 100 {\n  config "/etc/libvirt/qemu/g1.xml";\n  hypervisor qemu:///system;\n  ib 0000:82:01.4 at 00:07.0;\n');
    expect(r.stdout).toContain("  meta remote-addr = 10.0.0.5;\n");
    // And it compiles back to the same configuration (where remote-node stands in the meta means nothing).
    const site = join(cib, "..", "site.ha");
    writeFileSync(site, r.stdout);
    const back = hacc(["compile", site, "--target", "cib", "--full"]);
    expect(back.status).toBe(0);
    expect(canonicalConfiguration(back.stdout, { dropOwnerTag: true })).toBe(canonicalConfiguration(readFileSync(cib, "utf8"), { dropOwnerTag: true }));
  });

  it("a guest whose location pcs named `location-vm-g1-hv1-100` is still the guest: `named` keeps the id, its VF is imported, and it compiles back", () => {
    const cib = tmp("live.xml", guestCib('<nvpair name="remote-node" value="g1" id="vm-g1-meta_attributes-remote-node"/>', "location-vm-g1-hv1-100"));
    const r = hacc(["import", cib, "--libvirt", dir()]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('guest g1 on hv1 100 named location-vm-g1-hv1-100 {\n  config "/etc/libvirt/qemu/g1.xml";\n  hypervisor qemu:///system;\n  ib 0000:82:01.4 at 00:07.0;\n');
    const site = join(cib, "..", "site.ha");
    writeFileSync(site, r.stdout);
    const back = hacc(["compile", site, "--target", "cib", "--full"]);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain('<rsc_location id="location-vm-g1-hv1-100" rsc="vm-g1" node="hv1" score="100"/>');
    expect(canonicalConfiguration(back.stdout, { dropOwnerTag: true })).toBe(canonicalConfiguration(readFileSync(cib, "utf8"), { dropOwnerTag: true }));
    // The plan against the cluster it came from changes nothing.
    expect(hacc(["plan", site, "--live", cib]).stdout).toContain("no changes");
  });

  it("a guest placed only by a location the `on` list cannot say (resource-discovery): the warning names the location and why", () => {
    const cib = tmp("live.xml", guestCib('<nvpair name="remote-node" value="g1" id="vm-g1-meta_attributes-remote-node"/>', "l1").replace('score="100"', 'score="100" resource-discovery="never"'));
    const d = dir();
    const r = hacc(["import", cib, "--libvirt", d]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`warning: ${join(d, "g1.xml")}: domain \`g1\` is the guest node of ${cib}, but not written as \`guest g1\` (its location \`l1\` says what a guest's \`on\` list cannot (a role or resource-discovery)): its VF is not imported; make the CIB match`);
  });
});

describe("a <master> (crmsh 4.4's `ms`) and what refers to it", () => {
  it("the <master> is refused with what to do; its location is refused as following from it, not as naming nothing", () => {
    const cib = tmp("live.xml", cibWith(`    <nodes><node id="1" uname="n1"/></nodes>
    <resources><master id="ms"><primitive id="s" class="ocf" provider="pacemaker" type="Stateful"/></master></resources>
    <constraints><rsc_location id="l" rsc="ms" node="n1" score="10"/><rsc_location id="l2" rsc="s" node="n1" score="5"/></constraints>`));
    const r = hacc(["import", cib]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("/cib/configuration/resources/master[@id='ms']: the deprecated <master> element is not supported by hacc (a promotable <clone> is; crmsh 4.4's `ms` writes <master>): make it a promotable clone");
    expect(r.stderr).toContain("/cib/configuration/constraints/rsc_location[@id='l']: a location of `ms`, whose resource cannot be imported (its own error says why)");
    expect(r.stderr).toContain("/cib/configuration/constraints/rsc_location[@id='l2']: a location of `s`, whose resource cannot be imported (its own error says why)");
  });
});

describe("a date range that ends after a <duration>", () => {
  it("is refused naming the duration (what the language lacks), not its start", () => {
    const cib = tmp("live.xml", cibWith(`    <nodes><node id="1" uname="n1"/></nodes>
    <resources><primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/></resources>
    <constraints><rsc_location id="l" rsc="d"><rule id="l-r" score="10"><date_expression id="l-e" operation="in_range" start="2025-01-01"><duration id="l-e-d" months="6"/></date_expression></rule></rsc_location></constraints>`));
    const r = hacc(["import", cib]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("a date range that ends after a <duration> (pcs `date in_range START to duration months=6`) has no form in the language yet; write its end date");
    expect(r.stderr).not.toContain("attribute `start`");
  });
});
