import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Cib } from "../../src/ir/types.js";
import { compareCibs, isEmpty, summarize } from "../../src/review/compare.js";
import { readLiveCib } from "../../src/review/live.js";
import { renderChanges } from "../../src/review/render.js";
import { analyzeText, HEADER, ROOT } from "../helpers.js";

function compile(text: string): Cib {
  const r = analyzeText(text);
  if (!r.value.cib) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.value.cib;
}

function live(config: string): Cib {
  const r = readLiveCib(`<cib admin_epoch="0" epoch="1" num_updates="0"><configuration>${config}</configuration></cib>`);
  if ("error" in r) throw new Error(JSON.stringify(r.error));
  return r.value.cib;
}

const example = readFileSync(join(ROOT, "examples/storage-cluster.ha"), "utf8");

describe("compareCibs", () => {
  it("sees no change when only layout and comments change", () => {
    const relaid = example
      .replace(/#.*$/gm, "")
      .replace(/\n\s*\n/g, "\n")
      .replace(/prefer 500, nio006 100/g, "prefer   500 ,\n   nio006 100");
    expect(relaid).not.toBe(example);
    expect(isEmpty(compareCibs(compile(example), compile(relaid)))).toBe(true);
  });

  it("names a score change as the issue words it", () => {
    const next = example.replace("guest vnio006 on nio006 prefer 500", "guest vnio006 on nio006 prefer 400");
    expect(renderChanges(compareCibs(compile(example), compile(next)))).toEqual(["constraints:", "  ~ location vm-vnio006 on nio006: 500 -> 400"]);
  });

  it("sees a colocation's role, an order's one-way and an op's parameter change", () => {
    const base = `${HEADER}resource s ocf:pacemaker:Stateful { op monitor interval 60s { OCF_CHECK_LEVEL = 10; } }\npromotable sc of s on n1, n2;\nresource w ocf:pacemaker:Dummy on n1;\n`;
    const a = compile(base + "colocate w with promoted sc;\norder promote sc then w;\n");
    const b = compile(base.replace("OCF_CHECK_LEVEL = 10", "OCF_CHECK_LEVEL = 20") + "colocate w with unpromoted sc;\norder promote sc then w one-way;\n");
    const out = renderChanges(compareCibs(a, b)).join("\n");
    expect(out).toContain("param OCF_CHECK_LEVEL");
    expect(out).toContain("colocation w with unpromoted sc");
    expect(out).toContain("order sc promote then w start");
    expect(isEmpty(compareCibs(a, compile(base + "colocate w with promoted sc;\norder promote sc then w;\n")))).toBe(true);
  });

  it("sees a colocation's node-attribute and influence change, and reads them back from the live CIB", () => {
    const base = `${HEADER}resource a ocf:pacemaker:Dummy on n1;\nresource b ocf:pacemaker:Dummy on n1;\n`;
    const a = compile(base + "colocate a with b node-attribute rack;\n");
    const b = compile(base + "colocate a with b node-attribute site influence false;\n");
    expect(renderChanges(compareCibs(a, b)).join("\n")).toContain("colocation a with b node-attribute site influence false");
    expect(isEmpty(compareCibs(a, compile(base + "colocate a with b node-attribute rack;\n")))).toBe(true);
    expect(isEmpty(compareCibs(a, compile(base + "colocate a with b;\n")))).toBe(false);
  });

  it("sees a description added, changed or removed, and writes the element anew for it", () => {
    const base = `${HEADER}resource a ocf:pacemaker:Dummy on n1;\nresource b ocf:pacemaker:Dummy;\ngroup g b on n1;\n`;
    const a = compile(base);
    const b = compile(base.replace("Dummy on n1;", 'Dummy { description "first"; } on n1;').replace("group g b on n1;", 'group g b { description "the group"; } on n1;'));
    const ch = compareCibs(a, b);
    const out = renderChanges(ch).join("\n");
    expect(out).toContain("description");
    expect(out).toContain("first");
    expect(ch.resources.map((r) => [r.id, r.rebuild])).toEqual([
      ["a", "its description changes"],
      ["g", "its description changes"],
    ]);
    expect(compareCibs(b, a).resources.map((r) => r.id)).toEqual(["a", "g"]);
    expect(isEmpty(compareCibs(b, compile(base.replace("Dummy on n1;", 'Dummy { description "first"; } on n1;').replace("group g b on n1;", 'group g b { description "the group"; } on n1;'))))).toBe(true);
  });

  it("names parameter, meta, utilization and op changes of one resource", () => {
    const a = `${HEADER}resource d ocf:pacemaker:Dummy { state = "/a"; meta priority = 1; op monitor interval 10s timeout 20s; } on n1 prefer 1;\n`;
    const b = `${HEADER}resource d ocf:pacemaker:Dummy { state = "/b"; fake = "x y"; op monitor interval 10s timeout 30s; op monitor interval 60s timeout 20s; } on n1 prefer 1;\n`;
    const ca = compile(a);
    const cb = compile(b);
    const lines = renderChanges(compareCibs(ca, cb));
    expect(lines[0]).toBe("resources:");
    expect(lines[1]).toBe("  ~ primitive d (ocf:pacemaker:Dummy)");
    expect(lines).toContain('      + param fake = "x y"');
    expect(lines).toContain("      ~ param state: /a -> /b");
    expect(lines).toContain("      - meta priority (was 1)");
    expect(lines).toContain("      ~ op monitor 10s: timeout 20s -> 30s");
    expect(lines).toContain("      + op monitor 60s (timeout 20s)");
  });

  it("ignores what tools choose freely: nvpair and op ids, set ids, element order, equal durations, default remote-addr", () => {
    const site = live(`<resources><primitive id="v" class="ocf" provider="heartbeat" type="VirtualDomain">
        <instance_attributes id="v-ia"><nvpair id="v-ia-config" name="config" value="/x"/><nvpair id="v-ia-h" name="hypervisor" value="qemu:///system"/></instance_attributes>
        <meta_attributes id="v-ma"><nvpair id="v-ma-rn" name="remote-node" value="g"/></meta_attributes>
        <operations><op id="v-start" name="start" interval="0s" timeout="90s"/><op id="v-mon" name="monitor" interval="10s" timeout="30s"/></operations></primitive></resources>
        <constraints><rsc_location id="l1" rsc="v" node="n1" score="INFINITY"/></constraints>`);
    const byTools = live(`<constraints><rsc_location id="location-v-n1-INFINITY" rsc="v" node="n1" score="+INFINITY"/></constraints>
        <resources><primitive id="v" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="v-meta_attributes"><nvpair id="x1" name="remote-node" value="g"/><nvpair id="x2" name="remote-addr" value="g"/></meta_attributes>
        <instance_attributes id="v-instance_attributes"><nvpair id="x3" name="hypervisor" value="qemu:///system"/><nvpair id="x4" name="config" value="/x"/></instance_attributes>
        <operations><op id="o1" name="monitor" interval="10" timeout="30"/><op id="o2" name="start" interval="0" timeout="90"/></operations></primitive></resources>`);
    const cs = compareCibs(byTools, site);
    // The only difference left is the constraint's id, which hacc names.
    expect(renderChanges(cs)).toEqual(["constraints:", "  ~ location v on n1: INFINITY  [id location-v-n1-INFINITY -> l1]"]);
  });

  it("leaves run-time meta attributes of a live cluster alone, but not in a diff of two sites", () => {
    const running = live(`<resources><primitive id="d" class="ocf" provider="pacemaker" type="Dummy"><meta_attributes id="m"><nvpair id="m1" name="target-role" value="Stopped"/></meta_attributes></primitive></resources>`);
    const site = live(`<resources><primitive id="d" class="ocf" provider="pacemaker" type="Dummy"/></resources>`);
    expect(isEmpty(compareCibs(running, site, { live: true }))).toBe(true);
    expect(renderChanges(compareCibs(running, site))).toContain("      - meta target-role (was Stopped)");
  });

  it("removes what the new side does not declare, or keeps it when asked", () => {
    const old = live(`<crm_config><cluster_property_set id="p"><nvpair id="p1" name="maintenance-mode" value="false"/></cluster_property_set></crm_config>
      <resources><primitive id="x" class="ocf" provider="pacemaker" type="Dummy"/></resources>
      <constraints><rsc_location id="lx" rsc="x" node="n1" score="5"/></constraints>`);
    const none = live("");
    expect(summarize(compareCibs(old, none))).toEqual({ add: 0, change: 0, remove: 3 });
    const kept = compareCibs(old, none, { keepUndeclared: true });
    expect(summarize(kept)).toEqual({ add: 0, change: 0, remove: 0 });
    expect(renderChanges(kept)).toEqual([
      "properties:",
      "  = maintenance-mode = false  (kept, not declared by the site)",
      "resources:",
      "  = primitive x (ocf:pacemaker:Dummy): kept, not declared by the site",
      "constraints:",
      "  = location x on n1: 5  (kept, not declared by the site)",
    ]);
  });

  it("rebuilds what cannot change in place: a new agent, new group members", () => {
    const a = live(`<resources><group id="g"><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></group></resources>`);
    const b = live(`<resources><group id="g"><primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="a" class="systemd" type="a"/></group></resources>`);
    const cs = compareCibs(a, b);
    expect(cs.resources[0]!.rebuild).toBe("its members change");
    expect(renderChanges(cs)).toEqual([
      "resources:",
      "  ~ group g (members b, a)",
      '      ~ members: "a, b" -> "b, a"',
      "      ~ primitive a (systemd:a)",
      "          ~ agent: ocf:heartbeat:Dummy -> systemd:a",
      "          (deleted and created again, because its agent changes)",
      "      (deleted and created again, because its members change)",
    ]);
  });
});

describe("the summary counts a group's new and dropped members", () => {
  it("a resource added to a group is one to add, one dropped from it one to remove, one moved into it from the top level neither", () => {
    const site = (body: string) => compile("cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n" + body);
    const one = site("resource a ocf:heartbeat:Dummy;\nresource c ocf:heartbeat:Dummy;\ngroup grp a on n1;\n");
    expect(summarize(compareCibs(one, site("resource a ocf:heartbeat:Dummy;\nresource b ocf:heartbeat:Dummy;\nresource c ocf:heartbeat:Dummy;\ngroup grp a, b on n1;\n")))).toEqual({ add: 1, change: 1, remove: 0 });
    expect(summarize(compareCibs(site("resource a ocf:heartbeat:Dummy;\nresource b ocf:heartbeat:Dummy;\ngroup grp a, b on n1;\n"), site("resource a ocf:heartbeat:Dummy;\ngroup grp a on n1;\n")))).toEqual({ add: 0, change: 1, remove: 1 });
    // c was a top-level resource (removed there) and is now a member: one change, one removal, no addition.
    expect(summarize(compareCibs(one, site("resource a ocf:heartbeat:Dummy;\nresource c ocf:heartbeat:Dummy;\ngroup grp a, c on n1;\n")))).toEqual({ add: 0, change: 1, remove: 1 });
  });
});
