import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { readLiveCib } from "../../src/review/live.js";
import { BIN, havePacemaker, ROOT } from "../helpers.js";
import { canonicalConfiguration } from "./normalise.js";

const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");

function hacc(args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", ...(input !== undefined ? { input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("hacc import", () => {
  it("a CIB cut short is HA1007 where the text ends, saying which tags it lacks (not the validator's list at 1:1)", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const cut = join(d, "cut.xml");
    writeFileSync(cut, '<cib>\n  <configuration>\n    <resources>\n      <primitive id="a" class="ocf"');
    const r = hacc(["import", cut]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[HA1007]: the CIB is not well-formed XML: the XML ends inside the tag `<primitive`: expected the rest of it and `>`, then `</resources>`, `</configuration>`, `</cib>`");
    expect(r.stderr).toContain(`--> ${cut}:4:36`);
    expect(r.stderr).not.toContain("Invalid '[");
    writeFileSync(cut, '<cib>\n  <configuration>\n    <resources>\n      <primitive id="a" class="ocf"/>\n');
    const closed = hacc(["import", cut]);
    expect(closed.stderr).toContain("the XML ends with 3 elements not closed: expected `</resources>`, `</configuration>`, `</cib>`");
    expect(closed.stderr).toContain(`--> ${cut}:4:38`);
  });

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
    expect(text).toContain("colocate web with ip -20 node-attribute rack;");
    expect(text).toContain('  description "the web site\'s \\"front\\" & more";\n');
    expect(text).toMatch(/clone ping-clone of ping \{\n\s+description "ping, on every node";\n/);
    expect(text).toContain("order promote db-clone then ip one-way;");
    expect(text).toMatch(/op monitor interval 3600s timeout 120s \{\n\s+OCF_CHECK_LEVEL = 10;\n\s+\}/);
    expect(text).toMatch(/op monitor interval 11s role Promoted timeout 20s \{\n\s+depth = 0;\n\s+\}/);
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(canonicalConfiguration(readFileSync(again, "utf8"), { dropOwnerTag: true })).toBe(canonicalConfiguration(readFileSync(cib, "utf8"), { dropOwnerTag: true }));
    expect(readFileSync(again, "utf8")).toContain('<nvpair id="db-monitor-interval-3600s-instance_attributes-OCF_CHECK_LEVEL" name="OCF_CHECK_LEVEL" value="10"/>');
  });

  it("bundles come back as bundle statements, byte for byte, their mappings with their ids", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const cib = join(d, "bundles.xml");
    expect(hacc(["compile", join(ROOT, "test", "fixtures", "bundles.ha"), "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    const site = join(d, "bundles.ha");
    const imp = hacc(["import", cib, "-o", site]);
    expect(imp.stderr).toBe("");
    expect(imp.status).toBe(0);
    const text = readFileSync(site, "utf8");
    expect(text).toMatch(/^bundle httpd-bundle of httpd \{$/m);
    expect(text).toContain("  port-map id = httpd-bundle-port-map-80, port = 80;\n");
    expect(text).toContain("  docker image = pcmk:http,\n");
    expect(text).toMatch(/^bundle cache-bundle \{$/m);
    expect(text.indexOf("resource httpd ")).toBeLessThan(text.indexOf("bundle httpd-bundle"));
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    // Byte for byte but for the bundle's target-role=Started, Pacemaker's default for a run-time setting: left out, said in a comment.
    expect(text).toContain("# meta of httpd-bundle: target-role = Started is Pacemaker's default for a run-time setting operators own (not imported)");
    expect(readFileSync(again, "utf8")).toBe(readFileSync(cib, "utf8").replace(/\s*<nvpair id="[^"]*" name="target-role" value="Started"\/>/, ""));
  });

  it("refuses what a bundle holds that the language cannot say, by its path", () => {
    const bundle = (inner: string) =>
      `<cib><configuration><crm_config/><nodes/><resources><bundle id="b">${inner}</bundle></resources><constraints/></configuration></cib>`;
    const refused = (inner: string) => {
      const r = importCib(bundle(inner));
      return "refusals" in r ? r.refusals.map((x) => `${x.path}: ${x.reason}`) : [];
    };
    expect(refused('<docker image="x"/><instance_attributes id="i"/>')).toEqual(["/cib/configuration/resources/bundle[@id='b']: <instance_attributes> inside a bundle is not supported by hacc"]);
    expect(refused('<docker image="x" flavour="y"/>')).toEqual(["/cib/configuration/resources/bundle[@id='b']: attribute `flavour` on <docker> is not supported by hacc"]);
    expect(refused('<docker image="x"/><network/>')).toEqual(["/cib/configuration/resources/bundle[@id='b']/network: an empty <network> has no form in the language"]);
    expect(refused('<network control-port="3121"/>')).toEqual(["/cib/configuration/resources/bundle[@id='b']: a bundle without a container (docker, podman or rkt)"]);
  });

  it("fencing levels and alerts come back as fencing-level and alert statements, a recipient named as pcs names it too", () => {
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
    // A recipient as pcs names it (`pcs alert recipient add`): its id is the tool's choice, and the site compiles back to the same alert.
    const pcsNamed = xml.replace('id="notify-recipient-1"', 'id="notify-recipient"');
    const renamed = importCib(pcsNamed);
    expect("text" in renamed && renamed.text).toContain('alert notify "/var/lib/pacemaker/notify.sh" to "/run/crm/alert.log";');
    writeFileSync(site, (renamed as { text: string }).text);
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(canonicalConfiguration(readFileSync(again, "utf8"), { dropOwnerTag: true })).toBe(canonicalConfiguration(pcsNamed, { dropOwnerTag: true }));
  });

  it("ACLs come back as acl statements and compile back to the same <acls>; a permission id hacc would not give is named", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const cib = join(d, "acl.xml");
    expect(hacc(["compile", join(ROOT, "test", "fixtures", "acl.ha"), "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    const xml = readFileSync(cib, "utf8");
    const r = importCib(xml);
    const text = (r as { text: string }).text;
    expect(text).toContain('acl role viewer {\n  read xpath "/cib/configuration/resources";\n  read id location-db-n1;\n}');
    expect(text).toContain("  write type primitive attribute target-role;");
    expect(text).toContain("acl user alice roles operator, viewer;");
    expect(text).toContain("acl group ops roles viewer;");
    const site = join(d, "acl.ha");
    writeFileSync(site, text);
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(canonicalConfiguration(readFileSync(again, "utf8"), { dropOwnerTag: true })).toBe(canonicalConfiguration(xml, { dropOwnerTag: true }));
    const renamed = importCib(xml.replace('id="viewer-read-1"', 'id="viewer-ref"'));
    expect((renamed as { text: string }).text).toContain('acl role viewer {\n  read xpath "/cib/configuration/resources";\n  read id location-db-n1 named viewer-ref;\n}');
    // A keyword as the permission's id is written as a string, and comes back.
    const keyword = importCib(xml.replace('id="viewer-read-1"', 'id="order"'));
    const kwText = (keyword as { text: string }).text;
    expect(kwText).toContain('  read id location-db-n1 named "order";');
    writeFileSync(site, kwText);
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(readFileSync(again, "utf8")).toContain('<acl_permission id="order" kind="read" reference="location-db-n1"/>');
  });

  it("an ACL object type or attribute that is a keyword comes back quoted, and the site compiles back to the same <acls>", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const src = join(d, "kw.ha");
    writeFileSync(src, 'cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nacl role r {\n  write type "group";\n  read type "resource" attribute "meta";\n  deny type "clone" attribute "on";\n  write type primitive;\n}\nacl user alice roles r;\n');
    const cib = join(d, "kw.xml");
    expect(hacc(["compile", src, "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    const xml = readFileSync(cib, "utf8");
    expect(xml).toContain('object-type="group"');
    const site = join(d, "site.ha");
    const r = hacc(["import", cib, "-o", site]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(site, "utf8");
    expect(text).toContain('acl role r {\n  write type "group";\n  read type "resource" attribute "meta";\n  deny type "clone" attribute "on";\n  write type primitive;\n}');
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(canonicalConfiguration(readFileSync(again, "utf8"), { dropOwnerTag: true })).toBe(canonicalConfiguration(xml, { dropOwnerTag: true }));
  });

  it("a quoted string names an ACL user or group: it compiles for cib and pcs, imports back quoted when it is no name, and compiles back the same", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const src = join(d, "users.ha");
    writeFileSync(src, 'cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nacl role r { read xpath "/cib"; }\nacl user "AD\\\\john" roles r;\nacl user "john smith" roles r;\nacl user "root" roles r;\nacl group "ops" roles r;\n');
    const cib = join(d, "users.xml");
    const c = hacc(["compile", src, "--target", "cib", "--full", "-o", cib]);
    expect(c.status, c.stderr).toBe(0);
    const xml = readFileSync(cib, "utf8");
    for (const id of ["AD\\john", "john smith", "root"]) expect(xml).toContain(`<acl_target id="${id}">`);
    expect(xml).toContain('<acl_group id="ops">');
    expect(hacc(["compile", src, "--target", "pcs"]).stdout).toContain("acl user create 'john smith' r");
    const site = join(d, "site.ha");
    const r = hacc(["import", cib, "-o", site]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(site, "utf8");
    expect(text).toContain('acl user "AD\\\\john" roles r;\nacl user "john smith" roles r;\nacl user root roles r;\nacl group ops roles r;');
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(canonicalConfiguration(readFileSync(again, "utf8"), { dropOwnerTag: true })).toBe(canonicalConfiguration(xml, { dropOwnerTag: true }));
    // A group is an XML id: a quoted one with a space is HA3005; a user with no name is too.
    writeFileSync(src, 'cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nacl role r { read xpath "/cib"; }\nacl group "the ops" roles r;\nacl user "" roles r;\n');
    const bad = hacc(["check", src]);
    expect(bad.stderr.match(/error\[HA\d+\]/g)).toEqual(["error[HA3005]", "error[HA3005]"]);
  });

  it("a guest's and a remote node's utilization come back as utilization lines of the cluster block", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const src = join(d, "g.ha");
    writeFileSync(src, "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  utilization g1 memory = 4096;\n  attributes r1 rack = 2;\n  utilization r1 memory = 2048;\n}\nguest g1 on n1 prefer 200, n2 100;\nresource r1 ocf:pacemaker:remote { server = 192.0.2.5; } on n1;\n");
    const cib = join(d, "g.xml");
    expect(hacc(["compile", src, "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    const xml = readFileSync(cib, "utf8");
    const text = (importCib(xml) as { text: string }).text;
    expect(text.split("\n").filter((l) => /^ {2}(utilization|attributes) /.test(l))).toEqual(["  utilization r1 memory = 2048;", "  utilization g1 memory = 4096;", "  attributes r1 rack = 2;"]);
    const site = join(d, "back.ha");
    writeFileSync(site, text);
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(canonicalConfiguration(readFileSync(again, "utf8"), { dropOwnerTag: true })).toBe(canonicalConfiguration(xml, { dropOwnerTag: true }));
  });

  it("refuses a colocation role spelt otherwise than Pacemaker's schema, which would not come back as written", () => {
    const xml =
      '<cib><configuration><crm_config/><nodes/><resources><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>' +
      '<primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></resources><constraints>' +
      '<rsc_colocation id="c" rsc="a" with-rsc="b" score="10" with-rsc-role="master"/></constraints></configuration></cib>';
    const r = importCib(xml);
    expect("refusals" in r && r.refusals.map((x) => x.path)).toEqual(["/cib/configuration/constraints/rsc_colocation[@id='c']"]);
  });

  it("refuses what Pacemaker 2.1.5 ignores or corrects, saying what it does: a colocation without a score, an order of an unknown kind", () => {
    const two = '<primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/>';
    const r = importCib(`<cib><configuration><crm_config/><nodes/><resources>${two}</resources><constraints><rsc_colocation id="c" rsc="a" with-rsc="b" rsc-role="Promoted"/><rsc_order id="o" first="a" then="b" kind="foo"/></constraints></configuration></cib>`);
    expect("refusals" in r ? r.refusals : r).toEqual([
      { path: "/cib/configuration/constraints/rsc_colocation[@id='c']", reason: "a colocation without `score` does nothing (Pacemaker 2.1.5 reads its score as 0 and ignores it); remove it, or give it the score meant" },
      { path: "/cib/configuration/constraints/rsc_order[@id='o']", reason: "order kind `foo` is none of Pacemaker's (Mandatory, Optional, Serialize): its schema refuses it, and with validation off Pacemaker 2.1.5 reads it as Mandatory with a configuration error; write the kind meant" },
    ]);
  });

  it("a colocation's node-attribute and influence come back as written, Pacemaker's `#uname` as a string", () => {
    const xml =
      '<cib><configuration><crm_config/><nodes/><resources><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>' +
      '<primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></resources><constraints>' +
      '<rsc_colocation id="colocation-a-b" rsc="a" with-rsc="b" score="-10" node-attribute="#uname" influence="false"/></constraints></configuration></cib>';
    const r = importCib(xml);
    expect("text" in r && r.text).toContain('colocate a with b -10 node-attribute "#uname" influence false;');
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
    expect(text).toMatch(/^\} on n2 500 named location-api-n2-500, n3 100;$/m);
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
<primitive id="p1" template="t1"/>
</resources><constraints><rsc_colocation id="o" rsc="a" with-rsc="a" score="10" rsc-instance="1"/></constraints>
</configuration><status/></cib>`,
    );
    const out = join(d, "t.ha");
    const r = hacc(["import", cib, "-o", out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`error: ${cib}: /cib/configuration/resources/primitive[@id='p1']: a primitive made from \`t1\`, which is no template of the configuration\n`);
    expect(r.stderr).toContain(`/cib/configuration/constraints/rsc_colocation[@id='o']: attribute \`rsc-instance\` on <rsc_colocation> is not supported by hacc\n`);
    expect(r.stderr).toContain("2 elements of");
    expect(existsSync(out)).toBe(false);
  });

  it("writes a shared op list (`<operations id-ref>`) out as each primitive's own ops, as Pacemaker reads it; hacc plan's reader still refuses it", () => {
    const xml = `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes>
<resources><primitive id="a" class="ocf" provider="pacemaker" type="Dummy"><operations id="shared"><op id="shared-m" name="monitor" interval="10s" timeout="20s"/></operations></primitive>
<primitive id="b" class="ocf" provider="pacemaker" type="Dummy"><operations id-ref="shared"/></primitive>
<primitive id="c" class="ocf" provider="pacemaker" type="Dummy"><operations id-ref="nowhere"/></primitive></resources>
<constraints/></configuration></cib>`;
    const r = importCib(xml);
    expect(r).toMatchObject({ refusals: [{ path: "/cib/configuration/resources/primitive[@id='c']", reason: "<operations> with attributes other than an id (id-ref) is not supported by hacc" }] });
    const ok = importCib(xml.replace(/<primitive id="c"[^]*?<\/primitive>/, ""));
    expect("text" in ok && ok.text).toContain("resource b ocf:pacemaker:Dummy {\n  exact-ops;\n  op monitor interval 10s timeout 20s;\n}\n");
    const live = readLiveCib(xml);
    expect("value" in live && live.value.unsupported.map((u) => u.id)).toEqual(["b", "c"]);
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
        // Its location's id is not `location-u-n1`: `named` keeps it.
        "resource u systemd:getty@tty1 {",
        "  exact-ops;",
        "} on n1 INFINITY named l;",
        "ticket T for u loss-policy stop named tk;",
        "",
      ].join("\n"),
      refusals: [],
      setAside: [],
      runtime: [],
      guests: [],
      notGuests: new Map(),
      nodeEntries: true,
      origins: expect.any(Array),
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
      setAside: [],
      runtime: [{ where: "node n1 attribute", name: "standby", value: "on", pairId: "a1", path: "/cib/configuration/nodes/node[@uname='n1']/instance_attributes/nvpair[@name='standby']" }],
      guests: [],
      notGuests: new Map(),
      nodeEntries: true,
      origins: expect.any(Array),
    });
  });

  it("refuses a node attribute set in two of a node's sets, and a remote node entry with nothing to say", () => {
    const r = importCib(`<cib><configuration><crm_config/>
<nodes><node id="1" uname="n1"><instance_attributes id="a"><nvpair id="a1" name="standby" value="on"/></instance_attributes>
<instance_attributes id="b"><nvpair id="b1" name="standby" value="off"/></instance_attributes></node>
<node id="r1" uname="r1" type="remote"/></nodes><resources/><constraints/></configuration></cib>`);
    expect("refusals" in r ? r.refusals : r).toEqual([
      { path: "/cib/configuration/nodes/node[@id='1']/instance_attributes[@id='b']/nvpair[@name='standby']", reason: "a node attribute set twice in the node's <instance_attributes> sets" },
      { path: "/cib/configuration/nodes/node[@id='r1']", reason: "a remote node entry that no resource makes and that sets nothing (Pacemaker lists the node offline and can place nothing there) has no form in the language" },
    ]);
  });
  it("a location of a group member is a location statement with the CIB's id, and compiles back to it; one of a clone's child is refused", () => {
    const xml = `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>
<resources><group id="g"><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></group>
<clone id="cc"><primitive id="c" class="ocf" provider="heartbeat" type="Dummy"/></clone></resources>
<constraints><rsc_location id="lb" rsc="b" node="n2" score="100"/><rsc_location id="la" rsc="a" resource-discovery="never" node="n1" score="-INFINITY"/>
<rsc_location id="g-n1" rsc="g" node="n1" score="10"/>
<rsc_location id="lar" rsc="a"><rule id="lar-r" score="5"><expression id="lar-e" attribute="rack" operation="eq" value="1"/></rule></rsc_location></constraints></configuration></cib>`;
    const r = importCib(xml);
    expect("text" in r && r.text).toContain("group g a, b on n1 10 named g-n1;\n");
    expect("text" in r && r.text).toContain(["clone cc of c;", "location lb for b on n2 100;", "location la for a discovery never on n1 -INFINITY;", "location lar for a {", "  rule 5 when rack eq 1;", "}"].join("\n"));
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "in.xml"), xml);
    expect(hacc(["import", join(d, "in.xml"), "-o", join(d, "s.ha")]).status).toBe(0);
    const back = hacc(["compile", join(d, "s.ha"), "--target", "cib", "--full"]);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain('<rsc_location id="lb" rsc="b" node="n2" score="100"/>');
    expect(canonicalConfiguration(xml, { dropOwnerTag: false })).toBe(canonicalConfiguration(back.stdout, { dropOwnerTag: true }));

    const refused = importCib(xml.replace('<rsc_location id="lb" rsc="b"', '<rsc_location id="lb" rsc="c"'));
    expect("refusals" in refused ? refused.refusals : refused).toEqual([
      { path: "/cib/configuration/constraints/rsc_location[@id='lb']", reason: "a location of `c`, inside clone `cc`, which Pacemaker's scheduler ignores (hacc's HA2011: a placement names the clone)" },
    ]);
  });
  it("a date spec is `date spec FIELD RANGE ...` in Pacemaker's field order, and compiles back to it; a field Pacemaker does not read is refused", () => {
    const xml = (spec: string) => `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes>
<resources><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/></resources>
<constraints><rsc_location id="l" rsc="a"><rule id="l-r" score="5"><date_expression id="l-e" operation="date_spec"><date_spec id="l-s" ${spec}/></date_expression></rule></rsc_location></constraints></configuration></cib>`;
    const r = importCib(xml('weekdays="1-5" hours="9-16"'));
    expect("text" in r && r.text).toContain(["location l for a {", '  rule 5 when date spec hours 9-16 weekdays 1-5;', "}"].join("\n"));
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "in.xml"), xml('weekdays="1-5" hours="9-16"'));
    expect(hacc(["import", join(d, "in.xml"), "-o", join(d, "s.ha")]).status).toBe(0);
    const back = hacc(["compile", join(d, "s.ha"), "--target", "cib", "--full"]);
    expect(back.status, back.stderr).toBe(0);
    expect(canonicalConfiguration(xml('weekdays="1-5" hours="9-16"'), { dropOwnerTag: false })).toBe(canonicalConfiguration(back.stdout, { dropOwnerTag: true }));
    const refused = importCib(xml('hour="9"'));
    expect("refusals" in refused ? refused.refusals : refused).toEqual([{ path: "/cib/configuration/constraints/rsc_location[@id='l']/rule[@id='l-r']", reason: "a date spec field `hour` is not one Pacemaker reads" }]);
  });
  it("a name set again in a resource's set keeps its first value, set again by a later set the later one's, as Pacemaker reads them, and says so in a comment; in properties it is refused", () => {
    const xml = (props: string) => `<cib><configuration><crm_config><cluster_property_set id="p">${props}</cluster_property_set></crm_config><nodes><node id="1" uname="n1"/></nodes>
<resources><clone id="cc"><meta_attributes id="cm"><nvpair id="u1" name="globally-unique" value="false"/><nvpair id="m1" name="clone-max" value="2"/></meta_attributes>
<meta_attributes id="cm2"><nvpair id="u2" name="globally-unique" value="true"/></meta_attributes>
<primitive id="c" class="ocf" provider="heartbeat" type="Dummy"><instance_attributes id="ci"><nvpair id="c1" name="fake" value="a"/><nvpair id="c2" name="fake" value="b c"/></instance_attributes></primitive></clone></resources><constraints/></configuration></cib>`;
    const r = importCib(xml(""));
    expect("text" in r && r.text?.split("\n").slice(0, 2)).toEqual([
      // crm_simulate's transition graph of this clone carries CRM_meta_globally_unique="true": the later set wins.
      "# globally-unique = false of <meta_attributes id=cm> is set again by the later <meta_attributes id=cm2>, which Pacemaker reads (not imported)",
      '# fake = "b c", set again in <instance_attributes id=ci>, is ignored by Pacemaker (the first counts; not imported)',
    ]);
    expect("text" in r && r.text).toContain("  fake = a;\n");
    expect("text" in r && r.text).toContain("  meta globally-unique = true, clone-max = 2;\n");
    const twice = importCib(xml('<nvpair id="p1" name="no-quorum-policy" value="stop"/><nvpair id="p2" name="no-quorum-policy" value="ignore"/>'));
    expect("refusals" in twice ? twice.refusals.map((x) => x.reason) : twice).toEqual(["`no-quorum-policy` is set twice in <cluster_property_set>"]);
  });
  it("an order given twice alike under ids the language cannot keep is written once, the second as a comment; an empty parameter set in a group means nothing", () => {
    const xml = `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes>
<resources><group id="g"><instance_attributes id="gi"/><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/></group>
<primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></resources>
<constraints><rsc_order id="ordre-à" first="g" then="b" kind="Optional"/><rsc_order id="ordre-é" first="g" first-action="start" then="b" kind="Optional"/>
<rsc_order id="o3" first="g" then="b" kind="Mandatory" then-action="stop"/></constraints></configuration></cib>`;
    const r = importCib(xml);
    expect("text" in r && r.text?.split("\n").filter((l) => l.includes("order"))).toEqual([
      "order g then b optional;",
      "# order g then b optional again (ordre-é): the same actions ordered alike, which Pacemaker reads once; not imported",
      "order g then stop b named o3;",
    ]);
    expect("text" in r && r.text).toContain("group g a;\n");
  });
  it("a group or location whose id is a keyword comes back as a string (`group \"group\"`), and the site compiles back to the same configuration", () => {
    const xml = `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>
<resources><clone id="ms"><meta_attributes id="m"><nvpair id="m1" name="promotable" value="true"/></meta_attributes><group id="group">
<primitive id="a" class="ocf" provider="pacemaker" type="Stateful"/></group></clone><primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></resources>
<constraints><rsc_location id="location" rsc="ms"><rule id="location-rule" score="-INFINITY"><expression id="location-rule-expr" attribute="#uname" operation="ne" value="n1"/></rule></rsc_location>
<rsc_order id="order" first="ms" then="b" first-action="promote" then-action="start" kind="Optional"/></constraints></configuration></cib>`;
    const r = importCib(xml);
    const text = (r as { text: string }).text;
    expect(text).toContain('promotable ms of "group" {');
    expect(text).toContain('group "group" a;');
    expect(text).toContain('location "location" for ms {');
    expect(text).toContain('order promote ms then b optional named "order";');
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "kw.ha"), text);
    const back = spawnSync("node", [BIN, "compile", join(d, "kw.ha"), "--target", "cib", "--full"], { encoding: "utf8" });
    expect(back.status, back.stderr).toBe(0);
    expect(canonicalConfiguration(back.stdout, { dropOwnerTag: true })).toBe(canonicalConfiguration(xml, { dropOwnerTag: false }));
  });
  it("a set member or ticket that is a keyword is written as a string, in a location's, an order's, a colocation's and a ticket's sets, and the site compiles back", () => {
    const xml = `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes>
<resources><primitive id="group" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="order" class="ocf" provider="heartbeat" type="Dummy"/></resources>
<constraints><rsc_location id="L" node="n1" score="100"><resource_set id="L-0"><resource_ref id="group"/><resource_ref id="order"/></resource_set></rsc_location>
<rsc_order id="O"><resource_set id="O-0"><resource_ref id="group"/></resource_set><resource_set id="O-1"><resource_ref id="order"/></resource_set></rsc_order>
<rsc_colocation id="C" score="INFINITY"><resource_set id="C-0"><resource_ref id="order"/></resource_set><resource_set id="C-1"><resource_ref id="group"/></resource_set></rsc_colocation>
<rsc_ticket id="T" ticket="location"><resource_set id="T-0"><resource_ref id="group"/></resource_set></rsc_ticket></constraints></configuration></cib>`;
    const r = importCib(xml);
    const text = (r as { text: string }).text;
    expect(text.split("\n").filter((l) => /^(location|order|colocate|ticket)/.test(l))).toEqual([
      'location L for ("group", "order") on n1 100;',
      'order ("group") then ("order") named O;',
      'colocate ("order") with ("group") INFINITY named C;',
      'ticket "location" for ("group") named T;',
    ]);
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "kw.ha"), text);
    const back = spawnSync("node", [BIN, "compile", join(d, "kw.ha"), "--target", "cib", "--full"], { encoding: "utf8" });
    expect(back.status, back.stderr).toBe(0);
    expect(canonicalConfiguration(back.stdout, { dropOwnerTag: true })).toBe(canonicalConfiguration(xml, { dropOwnerTag: false }));
    // fmt keeps the strings: a second format changes nothing.
    writeFileSync(join(d, "fmt.ha"), text);
    expect(spawnSync("node", [BIN, "fmt", "--check", join(d, "fmt.ha")], { encoding: "utf8" }).status).toBe(0);
  });
  it("keeps a constraint's id that is not the derived one as `named`: two colocations of a pair with different roles come back", () => {
    const xml = `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes>
<resources><primitive id="ip" class="ocf" provider="heartbeat" type="Dummy"/><clone id="ms"><meta_attributes id="m"><nvpair id="m1" name="promotable" value="true"/></meta_attributes>
<primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/></clone></resources>
<constraints><rsc_colocation id="ip_primary" rsc="ip" score="101" with-rsc="ms" with-rsc-role="Promoted"/>
<rsc_colocation id="ip_secondary" rsc="ip" score="1000" with-rsc="ms" with-rsc-role="Unpromoted"/>
<rsc_order id="order-ms-ip" first="ms" then="ip"/></constraints></configuration></cib>`;
    const r = importCib(xml);
    expect("text" in r && r.text?.split("\n").filter((l) => /^(order|colocate)/.test(l))).toEqual([
      "colocate ip with promoted ms 101 named ip_primary;",
      "colocate ip with unpromoted ms 1000 named ip_secondary;",
      "order ms then ip;",
    ]);
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "in.xml"), xml);
    expect(hacc(["import", join(d, "in.xml"), "-o", join(d, "s.ha")]).status).toBe(0);
    const back = hacc(["compile", join(d, "s.ha"), "--target", "cib", "--full"]);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain('<rsc_colocation id="ip_secondary"');
    expect(canonicalConfiguration(xml, { dropOwnerTag: false })).toBe(canonicalConfiguration(back.stdout, { dropOwnerTag: true }));
  });
  it("an empty entry of a node a resource makes is the cluster's own: a comment, and the site compiles back to the same configuration", () => {
    const xml = `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/><node id="remote1" uname="remote1" type="remote"/><node id="g1" uname="g1" type="remote"/></nodes>
<resources><primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
<primitive id="vm" class="ocf" provider="heartbeat" type="Dummy"><meta_attributes id="vm-m"><nvpair id="vm-m1" name="remote-node" value="g1"/></meta_attributes></primitive></resources>
<constraints/></configuration></cib>`;
    const r = importCib(xml);
    expect("text" in r && r.text?.split("\n").slice(0, 2)).toEqual([
      "# node remote1 has an empty entry (type remote), which the cluster makes for its resource's node (not imported)",
      "# node g1 has an empty entry (type remote), which the cluster makes for its resource's node (not imported)",
    ]);
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "in.xml"), xml);
    expect(hacc(["import", join(d, "in.xml"), "-o", join(d, "s.ha")]).status).toBe(0);
    const back = hacc(["compile", join(d, "s.ha"), "--target", "cib", "--full"]);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).not.toContain('<node id="remote1"');
    expect(canonicalConfiguration(xml, { dropOwnerTag: false })).toBe(canonicalConfiguration(back.stdout, { dropOwnerTag: true }));
    // Pacemaker writes an empty <instance_attributes> into such an entry itself: an empty set says nothing either.
    const withSet = xml.replace('<node id="remote1" uname="remote1" type="remote"/>', '<node id="remote1" uname="remote1" type="remote"><instance_attributes id="nodes-remote1"/></node>');
    const r2 = importCib(withSet);
    expect("text" in r2 && r2.text?.split("\n")[0]).toBe("# node remote1 has an empty entry (type remote), which the cluster makes for its resource's node (not imported)");
    expect(canonicalConfiguration(withSet, { dropOwnerTag: false })).toBe(canonicalConfiguration(back.stdout, { dropOwnerTag: true }));
    // An entry of a node no resource makes still says something (a stale node): refused.
    const stale = importCib(xml.replace('<node id="g1" uname="g1" type="remote"/>', '<node id="g2" uname="g2" type="remote"/>'));
    expect("refusals" in stale ? stale.refusals.map((x) => x.reason) : stale).toEqual(["a remote node entry that no resource makes and that sets nothing (Pacemaker lists the node offline and can place nothing there) has no form in the language"]);
  });

  it("a node's sets with a rule or a score come back as the language writes them, after the plain line, and compile back to the same configuration", () => {
    const xml = `<cib><configuration><crm_config/><nodes><node id="1" uname="n1">
<instance_attributes id="nodes-1"><nvpair id="p1" name="rack" value="1"/></instance_attributes>
<instance_attributes id="nodes-1-a" score="10"><nvpair id="a1" name="standby" value="off"/></instance_attributes>
<utilization id="u" score="100"><rule id="u-r" score="INFINITY"><date_expression id="u-d" operation="gt" start="2019-09-23"/></rule><nvpair id="u1" name="cpu" value="5"/></utilization>
<instance_attributes id="nodes-n1-1"><rule id="r" score="0"><date_expression id="d" operation="lt" end="2005-001"/></rule><nvpair id="g" name="group" value="g2"/></instance_attributes>
</node><node id="2" uname="n2"/></nodes><resources/><constraints/></configuration></cib>`;
    const r = importCib(xml);
    expect("text" in r && r.text).toBe(
      [
        "cluster imported {",
        "  nodes n1, n2;",
        "  attributes n1 rack = 1;",
        "  attributes n1 score 10 named nodes-1-a {",
        "    standby = off;",
        "  }",
        "  attributes n1 when date lt 2005-001 {",
        "    group = g2;",
        "  }",
        "  utilization n1 score 100 when date gt 2019-09-23 named u {",
        "    cpu = 5;",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "in.xml"), xml);
    expect(hacc(["import", join(d, "in.xml"), "-o", join(d, "s.ha")]).status).toBe(0);
    const back = hacc(["compile", join(d, "s.ha"), "--target", "cib", "--full"]);
    expect(back.status, back.stderr).toBe(0);
    expect(canonicalConfiguration(xml, { dropOwnerTag: false })).toBe(canonicalConfiguration(back.stdout, { dropOwnerTag: true }));
    // A plain set after one of score 0 that sets a name it sets too would move before it: refused.
    const moved = importCib(xml.replace('<instance_attributes id="nodes-1"><nvpair id="p1" name="rack" value="1"/></instance_attributes>', "").replace("</node><node", '<instance_attributes id="late"><nvpair id="late1" name="group" value="g9"/></instance_attributes></node><node'));
    expect("refusals" in moved ? moved.refusals.map((x) => x.reason) : moved).toEqual([expect.stringContaining("hacc writes the plain set first")]);
  });

  it("a node's own score is refused, saying what Pacemaker does with it", () => {
    const r = importCib(`<cib><configuration><crm_config/><nodes><node id="1" uname="n1" score="100"/></nodes><resources/><constraints/></configuration></cib>`);
    expect("refusals" in r ? r.refusals.map((x) => x.reason) : r).toEqual(["a node's own score (Pacemaker adds it to every resource's score on the node) has no form in the language"]);
  });

  it("resource sets come back as the language writes them, and compile back to the same constraints", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const cib = join(d, "sets.xml");
    expect(hacc(["compile", join(ROOT, "test", "fixtures", "sets.ha"), "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    const site = join(d, "sets.ha");
    const imp = hacc(["import", cib, "-o", site]);
    expect(imp.stderr).toBe("");
    expect(imp.status).toBe(0);
    const text = readFileSync(site, "utf8");
    expect(text).toContain("order (base-clone) then (fs1, fs2 independent require-any) then (vm1, vm2, vm3) then (promote db-clone);");
    expect(text).toContain("colocate (app) with (promoted db-clone) with (fs1, fs2 independent) 500;");
    expect(text).toContain("order (stop app) then (stop fs1, fs2 independent) optional one-way;");
    expect(text).toContain("ticket site-a for (started app, vm1), (promoted db-clone) loss-policy demote;");
    const again = join(d, "again.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", again]).status).toBe(0);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(cib, "utf8"));
  });

  it("refuses a resource set the language cannot say: a set's own score, a role spelt otherwise than the schema", () => {
    const head =
      '<cib><configuration><crm_config/><nodes/><resources><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>' +
      '<primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></resources><constraints>';
    const tail = "</constraints></configuration></cib>";
    const score = importCib(head + '<rsc_colocation id="c" score="10"><resource_set id="s" score="5"><resource_ref id="a"/><resource_ref id="b"/></resource_set></rsc_colocation>' + tail);
    expect("refusals" in score && score.refusals.map((x) => x.reason)).toEqual(["a resource set's own `score` has no form in the language"]);
    const role = importCib(head + '<rsc_ticket id="t" ticket="T"><resource_set id="s" role="promoted"><resource_ref id="a"/></resource_set></rsc_ticket>' + tail);
    expect("refusals" in role && role.refusals.map((x) => x.path)).toEqual(["/cib/configuration/constraints/rsc_ticket[@id='t']"]);
  });


  it("keeps a set constraint's id as pcs chose it (`named`), so a plan finds the constraint instead of adding a second", () => {
    const head =
      '<cib><configuration><crm_config/><nodes/><resources><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>' +
      '<primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></resources><constraints>';
    const xml =
      head +
      '<rsc_order id="order_set_aabb"><resource_set id="pcs_rsc_set_a"><resource_ref id="a"/></resource_set><resource_set id="pcs_rsc_set_b"><resource_ref id="b"/></resource_set></rsc_order>' +
      '<rsc_ticket id="ticket_set_aabb" ticket="TT"><resource_set id="pcs_rsc_set_a_b"><resource_ref id="a"/><resource_ref id="b"/></resource_set></rsc_ticket>' +
      "</constraints></configuration></cib>";
    const r = importCib(xml);
    const text = "text" in r ? (r.text ?? "") : "";
    expect(text).toContain("order (a) then (b) named order_set_aabb;");
    expect(text).toContain("ticket TT for (a, b) named ticket_set_aabb;");
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "s.ha"), text);
    const back = hacc(["compile", join(d, "s.ha"), "--target", "cib"]);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain('<rsc_order id="order_set_aabb"');
    expect(back.stdout).toContain('<rsc_ticket id="ticket_set_aabb" ticket="TT"');
  });

  it("says once that a <configuration> fragment is not a whole CIB, beside the nodes it names and does not declare", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "f.ha"), "cluster c { nodes n1, n2; property stonith-enabled = false; }\nresource a ocf:pacemaker:Dummy on n1 100;\n");
    expect(hacc(["compile", join(d, "f.ha"), "--target", "cib", "-o", join(d, "frag.xml")]).status).toBe(0);
    const r = hacc(["import", join(d, "frag.xml"), "-o", join(d, "back.ha")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[HA2001]");
    expect(r.stderr).toContain(`hacc: ${join(d, "frag.xml")} has no node entries: hacc import reads a whole CIB (cibadmin --query, or hacc compile --full), not a fragment\n`);
    expect(existsSync(join(d, "back.ha"))).toBe(false);
    // The importer's own reading says so, not the raw text: a `<node>` in a comment is no node entry (rev #7).
    const frag = readFileSync(join(d, "frag.xml"), "utf8");
    writeFileSync(join(d, "commented.xml"), frag.replace("<configuration>", '<configuration>\n  <!-- was: <nodes><node id="1" uname="n1"/></nodes> -->'));
    const c = hacc(["import", join(d, "commented.xml")]);
    expect(c.status).toBe(1);
    expect(c.stderr).toContain(`hacc: ${join(d, "commented.xml")} has no node entries`);
  });
});

describe("hacc import: templates", () => {
  it("writes a <template> as `template` (every op, exact-ops) and a primitive made from it as `resource ID from T` with its own settings", () => {
    const r = importCib(`<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes>
<resources><primitive id="p" template="t"><meta_attributes id="pm"><nvpair id="pm1" name="target-role" value="Stopped"/></meta_attributes></primitive>
<template id="t" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="t-m" name="monitor" interval="10"/></operations></template>
<primitive id="q" template="t"/></resources>
<constraints><rsc_location id="l" rsc="t" node="n1" score="10"/></constraints></configuration></cib>`);
    expect("text" in r && r.text).toBe(
      [
        "cluster imported {",
        "  nodes n1;",
        "}",
        "template t ocf:pacemaker:Dummy {",
        "  exact-ops;",
        "  op monitor interval 10;",
        "}",
        "resource p from t {",
        "  meta target-role = Stopped;",
        "}",
        "resource q from t;",
        "location l for t on n1 10;",
        "",
      ].join("\n"),
    );
  });
});

describe("hacc import: tags", () => {
  it("writes a <tag> as `tag ID = MEMBERS;` after the resources, a location of it as a location statement; the ownership tag is the site's own", () => {
    const r = importCib(`<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/></nodes>
<resources><primitive id="a" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="a-m" name="monitor" interval="10"/></operations></primitive>
<primitive id="b" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="b-m" name="monitor" interval="10"/></operations></primitive></resources>
<constraints><rsc_location id="l" rsc="t" node="n1" score="10"/><rsc_colocation id="c" rsc="t" with-rsc="a" score="INFINITY"/></constraints>
<tags><tag id="t"><obj_ref id="b"/></tag><tag id="hacc-lab"><obj_ref id="a"/></tag></tags></configuration></cib>`);
    expect("text" in r && r.text).toBe(
      [
        "cluster lab {",
        "  nodes n1;",
        "}",
        "resource a ocf:pacemaker:Dummy {",
        "  exact-ops;",
        "  op monitor interval 10;",
        "}",
        "resource b ocf:pacemaker:Dummy {",
        "  exact-ops;",
        "  op monitor interval 10;",
        "}",
        "tag t = b;",
        "location l for t on n1 10;",
        "colocate t with a INFINITY named c;",
        "",
      ].join("\n"),
    );
  });

  it("refuses a tag holding other than <obj_ref id=...>", () => {
    const r = importCib(`<cib><configuration><crm_config/><nodes/><resources/><constraints/><tags><tag id="t"><other id="x"/></tag></tags></configuration></cib>`);
    expect("refusals" in r && r.refusals).toEqual([{ path: "/cib/configuration/tags/tag[@id='t']", reason: "a tag holding other than <obj_ref id=...> has no form in the language" }]);
  });
});

/** The `<acls>` of a CIB file, its elements' attributes in a stable order. */
function aclsOf(file: string): string {
  const m = /<acls>[\s\S]*<\/acls>/.exec(readFileSync(file, "utf8"));
  return (m?.[0] ?? "").replace(/<(\w+)((?: [\w-]+="[^"]*")*)\s*(\/?)>/g, (_, tag: string, attrs: string, end: string) => `<${tag}${(attrs.match(/ [\w-]+="[^"]*"/g) ?? []).sort().join("")}${end}>`).replace(/>\s+</g, "><");
}

describe.skipIf(!havePacemaker(["cibadmin", "crm", "pcs"]))("hacc import of ACLs crmsh wrote", () => {
  it("names crmsh's permission ids (ROLE-0, ROLE-1, ...), and the cib, pcs and crmsh targets write them back", { timeout: 120_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    const empty = spawnSync("cibadmin", ["--empty"], { encoding: "utf8" }).stdout;
    const made = join(d, "crm.xml");
    writeFileSync(made, empty);
    const crm = join(d, "acl.crm");
    writeFileSync(crm, "node n1\nproperty stonith-enabled=false enable-acl=true\nprimitive db ocf:pacemaker:Dummy\nrole viewer read xpath:/cib deny ref:db\nrole ops write type:primitive attribute:target-role\nacl_target alice viewer ops\n");
    spawnSync("crm", ["configure", "load", "update", crm], { env: { ...process.env, CIB_file: made } });
    const crmAcls = aclsOf(made);
    // crmsh 4.4.1 numbers a role's permissions from 0, as the reviewer saw.
    expect(crmAcls).toContain('<acl_permission id="viewer-0" kind="read" xpath="/cib"/>');
    expect(crmAcls).toContain('<acl_permission id="viewer-1" kind="deny" reference="db"/>');
    const site = join(d, "site.ha");
    const r = hacc(["import", made, "-o", site]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(site, "utf8");
    expect(text).toContain('acl role viewer {\n  read xpath "/cib" named viewer-0;\n  deny id db named viewer-1;\n}');
    expect(text).toContain("  write type primitive attribute target-role named ops-0;");
    // The cib target: the fragment merged with cibadmin.
    const cib = join(d, "cib.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", cib]).status).toBe(0);
    expect(aclsOf(cib)).toBe(crmAcls);
    // The pcs target: its script applied to an empty CIB file (pcs takes no permission id: cibadmin writes the role).
    const script = join(d, "site.sh");
    expect(hacc(["compile", site, "--target", "pcs", "-o", script]).status).toBe(0);
    const viaPcs = join(d, "pcs.xml");
    writeFileSync(viaPcs, empty);
    const applied = spawnSync("bash", [script, viaPcs], { encoding: "utf8" });
    expect(applied.status, applied.stderr).toBe(0);
    expect(aclsOf(viaPcs)).toBe(crmAcls);
    // The crmsh target, loaded by crmsh.
    const out = join(d, "site.crm");
    expect(hacc(["compile", site, "--target", "crmsh", "-o", out]).status).toBe(0);
    const viaCrm = join(d, "crmsh.xml");
    writeFileSync(viaCrm, empty);
    spawnSync("crm", ["configure", "load", "update", out], { env: { ...process.env, CIB_file: viaCrm } });
    expect(aclsOf(viaCrm)).toBe(crmAcls);
  });
});

describe("hacc import: nodes the CIB names and does not list", () => {
  const cibOf = (constraints: string, extra = "") => `<cib><configuration><crm_config/><nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>
<resources><primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/><primitive id="gw" class="ocf" provider="pacemaker" type="remote"/>
<primitive id="f" class="stonith" type="fence_dummy"/></resources>
<constraints>${constraints}</constraints>${extra}</configuration><status/></cib>`;

  it("declares a location's node and a fencing level's target that no entry or resource makes as `unlisted-nodes`, once each, and the site compiles back to the CIB", () => {
    const xml = cibOf(
      '<rsc_location id="l1" rsc="a" node="gone" score="100"/><rsc_location id="l2" rsc="a" node="gw" score="5"/><rsc_location id="l3" rsc="f" node="gone" score="-INFINITY"/>',
      '<fencing-topology><fencing-level id="fl1" index="1" target="later" devices="f"/><fencing-level id="fl2" index="1" target-pattern="^x" devices="f"/><fencing-level id="fl3" index="1" target-attribute="rack" target-value="r9" devices="f"/></fencing-topology>',
    );
    const r = importCib(xml);
    expect("text" in r && r.refusals).toEqual([]);
    const text = (r as { text: string }).text;
    // `gw` is the remote node a resource makes; a pattern or an attribute names no node.
    expect(text).toContain("  nodes n1, n2;\n  unlisted-nodes gone, later;\n");
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "s.ha"), text);
    const back = hacc(["compile", join(d, "s.ha"), "--target", "cib", "--full"]);
    expect(back.status, back.stderr).toBe(0);
    expect(back.stderr).toBe("");
    expect(canonicalConfiguration(back.stdout, { dropOwnerTag: true })).toBe(canonicalConfiguration(xml, { dropOwnerTag: false }));
  });

  it("leaves a name differing from a node's only in case to the checker (HA2001): Pacemaker would find that node", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-import-"));
    writeFileSync(join(d, "c.xml"), cibOf('<rsc_location id="l1" rsc="a" node="N1" score="100"/>'));
    const r = hacc(["import", join(d, "c.xml")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[HA2001]: unknown node `N1`, from /cib/configuration/resources/primitive[@id='a']");
    expect(r.stderr).toContain("did you mean `n1`?");
    expect(r.stderr).not.toContain("unlisted-nodes");
  });
});
