import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { BIN, ROOT } from "../helpers.js";
import { canonicalConfiguration } from "./normalise.js";

const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");

function hacc(args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", ...(input !== undefined ? { input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("hacc import", () => {
  it("roles, one-way orders and op parameters come back, in the language's forms (an op's attributes in the reader's order)", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const cib = join(d, "roles.xml");
    expect(hacc(["compile", join(ROOT, "test", "fixtures", "roles.ha"), "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    const site = join(d, "roles.ha");
    const imp = hacc(["import", cib, "-o", site]);
    expect(imp.stderr).toBe("");
    expect(imp.status).toBe(0);
    const text = readFileSync(site, "utf8");
    expect(text).toContain("colocate ip with promoted db-clone INFINITY;");
    expect(text).toContain("colocate web with master db-clone 100;");
    expect(text).toContain("colocate started ping-clone with unpromoted db-clone 20;");
    expect(text).toContain("order promote db-clone then ip one-way;");
    expect(text).toMatch(/op monitor interval 3600s timeout 120s \{\n\s+OCF_CHECK_LEVEL = 10;\n\s+\}/);
    expect(text).toMatch(/op monitor interval 11s role Promoted timeout 20s \{\n\s+depth = 0;\n\s+\}/);
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(canonicalConfiguration(readFileSync(again, "utf8"), { dropOwnerTag: true })).toBe(canonicalConfiguration(readFileSync(cib, "utf8"), { dropOwnerTag: true }));
    expect(readFileSync(again, "utf8")).toContain('<nvpair id="db-monitor-interval-3600s-instance_attributes-OCF_CHECK_LEVEL" name="OCF_CHECK_LEVEL" value="10"/>');
  });

  it("fencing levels and alerts come back as fencing-level and alert statements; a recipient id hacc would not give is refused", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const cib = join(d, "fencing.xml");
    expect(hacc(["compile", join(ROOT, "test", "fixtures", "fencing.ha"), "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    const xml = readFileSync(cib, "utf8");
    const r = importCib(xml);
    expect("text" in r && r.text !== undefined).toBe(true);
    const text = (r as { text: string }).text;
    expect(text).toContain("fencing-level 2 for n1 with pdu;");
    expect(text).toContain("fencing-level 1 for n2 with ipmi-n2, pdu;");
    expect(text).toContain('fencing-level 1 for nodes "n[0-9]+" with pdu;');
    expect(text).toContain("fencing-level 1 for rack = r1 with ipmi-n1, ipmi-n2;");
    expect(text).toContain('alert notify "/var/lib/pacemaker/notify.sh" to "/run/crm/alert.log";');
    expect(text).toContain('alert snmp "/usr/share/pacemaker/alerts/alert_snmp.sh" { trap_add_hires_timestamp_oid = false; meta timeout = 10s; } to 192.0.2.100 { meta timestamp-format = "%Y-%m-%d"; }, 192.0.2.101;');
    const site = join(d, "fencing.ha");
    writeFileSync(site, text);
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(canonicalConfiguration(readFileSync(again, "utf8"), { dropOwnerTag: true })).toBe(canonicalConfiguration(xml, { dropOwnerTag: true }));
    const renamed = importCib(xml.replace('id="notify-recipient-1"', 'id="r1"'));
    expect("refusals" in renamed && renamed.refusals.map((x) => x.path)).toEqual(["/cib/configuration/alerts/alert[@id='notify']/recipient[@id='r1']"]);
  });

  it("refuses a colocation role spelt otherwise than Pacemaker's schema, which would not come back as written", () => {
    const xml =
      '<cib><configuration><crm_config/><nodes/><resources><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>' +
      '<primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></resources><constraints>' +
      '<rsc_colocation id="c" rsc="a" with-rsc="b" score="10" with-rsc-role="master"/></constraints></configuration></cib>';
    const r = importCib(xml);
    expect("refusals" in r && r.refusals.map((x) => x.path)).toEqual(["/cib/configuration/constraints/rsc_colocation[@id='c']"]);
  });

  it("the seed's cluster comes back byte for byte: compile --full, import, compile --full", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const cib = join(d, "seed.xml");
    expect(hacc(["compile", EXAMPLE, "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    const site = join(d, "seed.ha");
    const imp = hacc(["import", cib, "-o", site]);
    expect(imp.stderr).toBe("");
    expect(imp.status).toBe(0);
    const text = readFileSync(site, "utf8");
    // The language's own forms: guests and lwfsd, not plain VirtualDomain resources.
    expect(text).toMatch(/^guest vnio005 on nio005 500, nio006 100 \{$/m);
    expect(text).toMatch(/^lwfsd on vnio006 after vm \{$/m);
    expect(text).not.toMatch(/VirtualDomain/);
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(cib, "utf8"));
    // Formatted as hacc fmt would.
    expect(hacc(["fmt", "--check", site]).status).toBe(0);
    // Standard input gives the same bytes.
    const viaStdin = hacc(["import", "-"], readFileSync(cib, "utf8"));
    expect(viaStdin.status).toBe(0);
    expect(viaStdin.stdout).toBe(text);
  });

  it("locations with rules, roles and resource-discovery come back byte for byte, as location statements", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const cib = join(d, "loc.xml");
    expect(hacc(["compile", join(ROOT, "test", "fixtures", "locations.ha"), "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    const site = join(d, "loc.ha");
    const imp = hacc(["import", cib, "-o", site]);
    expect(imp.stderr).toBe("");
    const text = readFileSync(site, "utf8");
    expect(text).toContain('location web-where for web discovery exclusive {\n  rule 100 when cpus gt integer 4 and "#uname" ne n3;\n');
    expect(text).toContain("location db-promote for db-clone Promoted on n1 50;\n");
    expect(text).toMatch(/^\} on n1 10;$/m);
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(cib, "utf8"));
    expect(hacc(["fmt", "--check", site]).status).toBe(0);
  });

  it.skipIf(!existsSync(join(ROOT, "../shared/corpus/pacemaker-cts")))("lays out long lists as hacc fmt does", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const site = join(d, "p.ha");
    const r = hacc(["import", join(ROOT, "../shared/corpus/pacemaker-cts/promoted-role.xml"), "-o", site]);
    expect(r.status).toBe(0);
    expect(readFileSync(site, "utf8")).toContain("  meta promotable = true,\n    clone-max = 2,\n");
    expect(hacc(["fmt", "--check", site]).status).toBe(0);
  });

  it("refuses what the language cannot say: exit 1, one line per element with its CIB path, nothing written", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const cib = join(d, "t.xml");
    writeFileSync(
      cib,
      `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes>
<resources><primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>
<template id="t1" class="ocf" provider="pacemaker" type="Dummy"/>
</resources><constraints><rsc_colocation id="o" rsc="a" with-rsc="a" score="10" node-attribute="rack"/></constraints>
</configuration><status/></cib>`,
    );
    const out = join(d, "t.ha");
    const r = hacc(["import", cib, "-o", out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`error: ${cib}: /cib/configuration/resources/template[@id='t1']: <template> resources are not supported by hacc yet\n`);
    expect(r.stderr).toContain(`/cib/configuration/constraints/rsc_colocation[@id='o']: attribute \`node-attribute\` on <rsc_colocation> is not supported by hacc\n`);
    expect(r.stderr).toContain("2 elements of");
    expect(existsSync(out)).toBe(false);
  });

  it("keeps what it cannot import but the cluster sets itself as a comment, and ops exactly as they were", () => {
    const r = importCib(`<cib><configuration><crm_config><cluster_property_set id="p">
<nvpair id="p1" name="dc-version" value="2.1.5"/><nvpair id="p2" name="fencing-enabled" value="false"/></cluster_property_set></crm_config>
<nodes><node id="1" uname="n1" type="member"/></nodes>
<resources><primitive id="f" class="stonith" type="external/ipmi"><operations><op id="x" name="monitor" interval="3600"/></operations></primitive>
<primitive id="u" class="systemd" type="getty@tty1"/></resources>
<constraints><rsc_location id="l" rsc="u" node="n1" score="+INFINITY"/><rsc_ticket id="tk" ticket="T" rsc="u" loss-policy="stop"/></constraints></configuration></cib>`);
    expect(r).toEqual({
      text: [
        '# property dc-version = 2.1.5 is the cluster\'s own (not imported)',
        "cluster imported {",
        "  nodes n1;",
        "  property fencing-enabled = false;",
        "}",
        "resource f stonith:external/ipmi {",
        "  exact-ops;",
        "  op monitor interval 3600;",
        "}",
        "resource u systemd:getty@tty1 {",
        "  exact-ops;",
        "} on n1 INFINITY;",
        "ticket T for u loss-policy stop;",
        "",
      ].join("\n"),
      refusals: [],
    });
  });

  it("reads node attributes, of cluster nodes and of remote nodes, as `attributes` lines; several rule-less sets of a node as one", () => {
    const cib = `<cib><configuration><crm_config/>
<nodes><node id="1" uname="n1"><instance_attributes id="a"><nvpair id="a1" name="standby" value="on"/></instance_attributes>
<utilization id="u"><nvpair id="u1" name="cpu" value="2"/></utilization>
<instance_attributes id="b"><nvpair id="b1" name="rack" value="1"/></instance_attributes></node>
<node id="2" uname="n2"/>
<node id="r1" uname="r1" type="remote"><instance_attributes id="c"><nvpair id="c1" name="site" value="east"/></instance_attributes></node></nodes>
<resources><primitive id="r1" class="ocf" provider="pacemaker" type="remote"/></resources><constraints/></configuration></cib>`;
    const r = importCib(cib);
    expect(r).toEqual({
      text: [
        "cluster imported {",
        "  nodes n1, n2;",
        "  utilization n1 cpu = 2;",
        "  attributes n1 standby = on, rack = 1;",
        "  attributes r1 site = east;",
        "}",
        "resource r1 ocf:pacemaker:remote {",
        "  exact-ops;",
        "}",
        "",
      ].join("\n"),
      refusals: [],
    });
  });

  it("refuses a node attribute set in two of a node's sets, and a remote node entry with nothing to say", () => {
    const r = importCib(`<cib><configuration><crm_config/>
<nodes><node id="1" uname="n1"><instance_attributes id="a"><nvpair id="a1" name="standby" value="on"/></instance_attributes>
<instance_attributes id="b"><nvpair id="b1" name="standby" value="off"/></instance_attributes></node>
<node id="r1" uname="r1" type="remote"/></nodes><resources/><constraints/></configuration></cib>`);
    expect("refusals" in r ? r.refusals : r).toEqual([
      { path: "/cib/configuration/nodes/node[@id='1']/instance_attributes[@id='b']/nvpair[@name='standby']", reason: "a node attribute set twice in the node's <instance_attributes> sets" },
      { path: "/cib/configuration/nodes/node[@id='r1']", reason: "a remote node entry without attributes has no form in the language" },
    ]);
  });
});
