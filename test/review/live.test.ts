import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareCibs, isEmpty } from "../../src/review/compare.js";
import { readLiveCib, type LiveCib } from "../../src/review/live.js";
import { analyzeText, ROOT } from "../helpers.js";

function read(text: string): LiveCib {
  const r = readLiveCib(text);
  if ("error" in r) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const cib = (config: string, status = ""): string =>
  `<cib validate-with="pacemaker-3.9" admin_epoch="1" epoch="42" num_updates="7"><configuration>${config}</configuration>${status}</cib>`;

describe("readLiveCib", () => {
  it("reads the committed CIB of the example back into the IR the site compiles to", () => {
    const live = read(readFileSync(join(ROOT, "examples/storage-cluster.cib.xml"), "utf8"));
    const site = analyzeText(readFileSync(join(ROOT, "examples/storage-cluster.ha"), "utf8")).value.cib!;
    expect(live.unsupported).toEqual([]);
    expect(isEmpty(compareCibs(live.cib, site))).toBe(true);
    // Not just "no semantic change": every id the emitter chose is read back as it is.
    expect(live.cib.resources.map((r) => r.id)).toEqual(site.resources.map((r) => r.id));
    expect(live.cib.constraints).toEqual(site.constraints);
    expect(live.version).toBeUndefined();
  });

  it("takes the version of a whole <cib>, skips nodes, status and tool-set properties", () => {
    const live = read(
      cib(
        `<crm_config><cluster_property_set id="cib-bootstrap-options">
           <nvpair id="o1" name="dc-version" value="2.1.5"/><nvpair id="o2" name="cluster-infrastructure" value="corosync"/>
           <nvpair id="o3" name="cluster-name" value="c"/><nvpair id="o4" name="have-watchdog" value="false"/>
           <nvpair id="o5" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
         <nodes><node id="1" uname="n1"><instance_attributes id="na"><nvpair id="na1" name="rack" value="2"/></instance_attributes></node></nodes>`,
        `<status><node_state id="1" uname="n1"/></status>`,
      ),
    );
    expect(live.version).toEqual({ adminEpoch: "1", epoch: "42", numUpdates: "7" });
    expect(live.cib.properties.pairs).toEqual([{ id: "o5", name: "stonith-enabled", value: "false" }]);
    expect(live.cib.nodes).toEqual(["n1"]);
    expect(live.unsupported).toEqual([]);
  });

  it("decodes entities and character references in values exactly", () => {
    const live = read(
      cib(`<resources><primitive id="d" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="d-ia">
        <nvpair id="d-ia-x" name="x" value="a&amp;b&lt;c&gt;&quot;d&apos;e&#10;f&#x9;g$(h)"/></instance_attributes><operations/></primitive></resources>`),
    );
    const p = live.cib.resources[0]!;
    expect(p.kind === "primitive" && p.instance?.pairs[0]?.value).toBe("a&b<c>\"d'e\nf\tg$(h)");
  });

  it("merges rule-less sets and reads defaults, groups, promotable clones and old-style constraints", () => {
    const live = read(
      cib(`<resources>
          <group id="g"><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="b" class="systemd" type="chronyd"/></group>
          <clone id="c"><meta_attributes id="c-m"><nvpair id="c-m-p" name="promotable" value="true"/></meta_attributes>
            <primitive id="s" class="ocf" provider="pacemaker" type="Stateful"><operations><op id="s-mon" name="monitor" interval="10" timeout="20s" role="Promoted"/></operations></primitive></clone>
        </resources>
        <constraints>
          <rsc_order id="o" first="g" then="c"/>
          <rsc_location id="l" rsc="g" node="n1" score="+INFINITY"/>
          <rsc_location id="r" rsc="g"><rule id="r-r" score="-INFINITY"><expression id="r-e" attribute="#uname" operation="ne" value="n1"/></rule></rsc_location>
        </constraints>
        <rsc_defaults><meta_attributes id="d1"><nvpair id="d1a" name="resource-stickiness" value="1"/></meta_attributes>
          <meta_attributes id="d2"><nvpair id="d2a" name="migration-threshold" value="3"/></meta_attributes></rsc_defaults>`),
    );
    expect(live.unsupported).toEqual([]);
    expect(live.cib.resources.map((r) => r.kind)).toEqual(["group", "clone"]);
    const clone = live.cib.resources[1]!;
    expect(clone.kind === "clone" && clone.promotable).toBe(true);
    expect(live.cib.constraints[0]).toEqual({ kind: "order", id: "o", first: "g", firstAction: "start", then: "c", thenAction: "start", orderKind: "Mandatory" });
    expect(live.cib.constraints[1]).toMatchObject({ kind: "location", score: "INFINITY" });
    expect(live.cib.constraints[2]).toMatchObject({
      kind: "location-rule",
      rules: [{ id: "r-r", score: "-INFINITY", expressions: [{ kind: "expression", id: "r-e", attribute: "#uname", operation: "ne", value: "n1" }] }],
    });
    expect(live.cib.rscDefaults?.pairs.map((p) => `${p.name}=${p.value}`)).toEqual(["resource-stickiness=1", "migration-threshold=3"]);
  });

  it("reports what hacc cannot represent, precisely, and keeps the rest", () => {
    const live = read(
      cib(`<resources>
          <primitive id="ok" class="ocf" provider="heartbeat" type="Dummy"/>
          <primitive id="deep" class="ocf" provider="heartbeat" type="Dummy"><operations><op id="deep-m" name="monitor" interval="10s"><meta_attributes id="deep-m-i"><nvpair id="deep-m-i-l" name="timeout" value="10"/></meta_attributes></op></operations></primitive>
          <master id="ms"><primitive id="st" class="ocf" provider="pacemaker" type="Stateful"/></master>
          <bundle id="bu"/>
        </resources>
        <constraints>
          <rsc_order id="set"><resource_set id="set-1" kind="Optional"><resource_ref id="ok"/><resource_ref id="st"/></resource_set></rsc_order>
          <rsc_location id="two" rsc="ok"><rule id="two-r" score="10" boolean-op="or"><expression id="e1" attribute="a" operation="eq" value="1"/><rule id="in" score="0"><expression id="e2" attribute="b" operation="eq" value="2" value-source="bogus"/></rule></rule></rsc_location>
          <rsc_colocation id="roles" rsc="ok" with-rsc="ms" score="INFINITY" rsc-instance="1"/>
          <rsc_ticket id="t" ticket="T"><resource_set id="t-1"><resource_ref id="ok"/></resource_set></rsc_ticket>
        </constraints>
        <alerts><alert id="al" path="/x"/><alert id="sel" path="/y"><select><select_nodes/></select></alert></alerts>`),
    );
    expect(live.cib.resources.map((r) => r.id)).toEqual(["ok"]);
    // A ticket on a resource set is read (docs/language.md, "Resource sets"); a set's own kind is not.
    expect(live.cib.constraints).toEqual([{ kind: "ticket-set", id: "t", ticket: "T", sets: [{ id: "t-1", resources: ["ok"] }] }]);
    expect(live.unsupported.map((u) => [u.path, u.id, u.refs])).toEqual([
      ["/cib/configuration/resources/primitive[@id='deep']", "deep", ["deep"]],
      ["/cib/configuration/resources/master[@id='ms']", "ms", ["ms", "st"]],
      ["/cib/configuration/resources/bundle[@id='bu']", "bu", ["bu"]],
      ["/cib/configuration/constraints/rsc_order[@id='set']", "set", ["ok", "st"]],
      ["/cib/configuration/constraints/rsc_location[@id='two']", "two", ["ok"]],
      ["/cib/configuration/constraints/rsc_colocation[@id='roles']", "roles", ["ms", "ok"]],
      ["/cib/configuration/alerts/alert[@id='sel']", "sel", []],
    ]);
    // An alert hacc reads is in the IR; one with a <select> is not.
    expect(live.cib.alerts?.map((a) => a.id)).toEqual(["al"]);
    expect(live.unsupported[6]!.reason).toBe("<select> in an <alert> is not supported by hacc");
    expect(live.unsupported[0]!.reason).toContain("<meta_attributes> inside op");
    expect(live.unsupported[3]!.reason).toBe("a resource set's own `kind` has no form in the language");
    // A rule inside a rule is read (a group in parentheses), and what it holds is held to the same reader.
    expect(live.unsupported[4]!.reason).toBe('`value-source="bogus"` is not `param`, `meta` or `literal`');
    expect(live.unsupported[5]!.reason).toBe("attribute `rsc-instance` on <rsc_colocation> is not supported by hacc");
  });

  it("says where a document is not well-formed, and refuses other roots", () => {
    const bad = readLiveCib("<cib>\n  <configuration>\n  </cib>");
    expect("error" in bad && bad.error.kind === "xml" && bad.error.error.line).toBe(3);
    const other = readLiveCib("<status/>");
    expect("error" in other && other.error.kind === "shape" && other.error.message).toContain("<status>");
  });
});
