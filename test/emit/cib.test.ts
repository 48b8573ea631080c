import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFragment, emitCibFull } from "../../src/emit/cib/cib.js";
import { escapeXml } from "../../src/util/xml.js";
import { analyzeText, CONTRACT, expectGolden, HEADER, ROOT } from "../helpers.js";

const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");

function cibOf(text: string) {
  const r = analyzeText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

describe("CIB target", () => {
  it("compiles the contract (golden)", () => {
    const cib = cibOf(readFileSync(CONTRACT, "utf8"));
    expectGolden(join(ROOT, "test", "golden", "cib", "contract.xml"), emitCibFragment(cib));
    expectGolden(join(ROOT, "test", "golden", "cib", "contract.full.xml"), emitCibFull(cib));
  });

  it("compiles roles on colocations, one-way orders and op parameters (golden)", () => {
    const cib = cibOf(readFileSync(join(ROOT, "test", "fixtures", "roles.ha"), "utf8"));
    expectGolden(join(ROOT, "test", "golden", "cib", "roles.xml"), emitCibFragment(cib));
  });

  it("compiles orders, colocations and tickets of resource sets (golden)", () => {
    const cib = cibOf(readFileSync(join(ROOT, "test", "fixtures", "sets.ha"), "utf8"));
    expectGolden(join(ROOT, "test", "golden", "cib", "sets.xml"), emitCibFragment(cib));
  });

  it("compiles the features site (golden): node attributes and utilization in --full, a guest's entry in the fragment too", () => {
    const cib = cibOf(readFileSync(join(ROOT, "test", "golden", "pcs", "features.ha"), "utf8"));
    expectGolden(join(ROOT, "test", "golden", "cib", "features.xml"), emitCibFragment(cib));
    expectGolden(join(ROOT, "test", "golden", "cib", "features.full.xml"), emitCibFull(cib));
  });

  it("keeps the example's committed CIB up to date", () => {
    const cib = cibOf(readFileSync(EXAMPLE, "utf8"));
    expectGolden(join(ROOT, "examples", "storage-cluster.cib.xml"), emitCibFragment(cib));
  });

  it("lowers a guest the seed's way", () => {
    const xml = emitCibFragment(cibOf(HEADER + 'guest vnio006 on n2 prefer 500, n1 100 { config "/root/vnio006.xml"; op start timeout 900s; }\n'));
    expect(xml).toContain('<primitive id="vm-vnio006" class="ocf" provider="heartbeat" type="VirtualDomain">');
    expect(xml).toContain('<nvpair id="vm-vnio006-instance_attributes-config" name="config" value="/root/vnio006.xml"/>');
    expect(xml).toContain('<nvpair id="vm-vnio006-instance_attributes-hypervisor" name="hypervisor" value="qemu:///system"/>');
    expect(xml).toContain('<nvpair id="vm-vnio006-meta_attributes-remote-node" name="remote-node" value="vnio006"/>');
    expect(xml).toContain('<op id="vm-vnio006-start-interval-0s" name="start" interval="0s" timeout="900s"/>');
    expect(xml).toContain('<rsc_location id="location-vm-vnio006-n2" rsc="vm-vnio006" node="n2" score="500"/>');
  });

  it("orders an in-guest service after its guest and keeps it there", () => {
    const sym = "cluster c {\n  nodes n1, n2;\n}\n";
    const xml = emitCibFragment(cibOf(sym + "guest g on n1;\nlwfsd on g after vm;\n"));
    expect(xml).toContain('<rsc_order id="order-vm-g-lwfsd-g" first="vm-g" first-action="start" then="lwfsd-g" then-action="start" kind="Mandatory"/>');
    expect(xml).toContain('<rsc_location id="location-lwfsd-g-g" rsc="lwfsd-g" node="g" score="INFINITY"/>');
    // In a symmetric cluster a rule keeps it off every other node.
    expect(xml).toContain('<expression id="location-lwfsd-g-only-g-rule-expr" attribute="#uname" operation="ne" value="g"/>');
  });

  it("writes groups, clones and promotable clones", () => {
    const xml = emitCibFragment(
      cibOf(
        HEADER +
          "resource a ocf:heartbeat:Dummy;\nresource b ocf:heartbeat:Dummy;\ngroup web a, b { meta target-role = Started; } on n1;\n" +
          "resource st ocf:pacemaker:Stateful;\npromotable st-clone of st { meta promoted-max = 1; } on n1, n2;\n",
      ),
    );
    expect(xml).toMatch(/<group id="web">\n\s+<meta_attributes id="web-meta_attributes">[\s\S]*<primitive id="a"[\s\S]*<primitive id="b"[\s\S]*<\/group>/);
    expect(xml).toContain('<nvpair id="st-clone-meta_attributes-promotable" name="promotable" value="true"/>');
    expect(xml).toMatch(/<clone id="st-clone">[\s\S]*<primitive id="st" class="ocf" provider="pacemaker" type="Stateful">/);
  });

  it("escapes every value", () => {
    expect(escapeXml(`a<b>&"c'\n`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;&#10;");
    const xml = emitCibFragment(cibOf(HEADER + 'resource r ocf:heartbeat:Dummy { state = "<x a=\\"1\\"> & \\\\"; } on n1;\n'));
    expect(xml).toContain('value="&lt;x a=&quot;1&quot;&gt; &amp; \\"');
  });

  it("is deterministic, and a one-line change moves only the lines that depend on it", () => {
    const text = readFileSync(EXAMPLE, "utf8");
    const a = emitCibFragment(cibOf(text));
    expect(emitCibFragment(cibOf(text))).toBe(a);
    const b = emitCibFragment(cibOf(text.replace("colocate vm-vnio006 with vm-vnio005 -50;", "colocate vm-vnio006 with vm-vnio005 -80;")));
    const al = a.split("\n");
    const bl = b.split("\n");
    expect(bl.length).toBe(al.length);
    const changed = al.map((l, i) => (l === bl[i] ? null : `${l} => ${bl[i]}`)).filter((x) => x !== null);
    expect(changed).toEqual([
      '    <rsc_colocation id="colocation-vm-vnio006-vm-vnio005" rsc="vm-vnio006" with-rsc="vm-vnio005" score="-50"/> => ' +
        '    <rsc_colocation id="colocation-vm-vnio006-vm-vnio005" rsc="vm-vnio006" with-rsc="vm-vnio005" score="-80"/>',
    ]);
  });
});
