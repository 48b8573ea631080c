import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { lower } from "../../src/ir/lower.js";
import { readStatus, simulateSteps } from "../../src/simulate/crm.js";
import { analyzeText, codesAt, expectAt, havePacemaker } from "../helpers.js";

/** An opt-in cluster header with `props` added (each `key = value`). */
function header(...props: string[]): string {
  return `cluster c {\n  nodes n1, n2;\n  property symmetric-cluster = false;\n${props.map((p) => `  ${p};\n`).join("")}}\n`;
}
const NOFENCE = "property stonith-enabled = false";

describe("fencing (HA4020, HA4024)", () => {
  it("fencing on with no device is an error at the property", () => {
    expectAt("cluster c {\n  nodes n1, n2;\n  property symmetric-cluster = false;\n  property <|stonith-enabled = yes|>;\n}\nresource a ocf:heartbeat:Dummy on n1;\n", ["HA4020"]);
  });

  it("a stonith device satisfies it", () => {
    const r = analyzeText(header("property stonith-enabled = true") + "resource a ocf:heartbeat:Dummy on n1;\nresource f stonith:fence_dummy on n2;\n");
    expect(r.diagnostics.map((d) => d.code)).not.toContain("HA4020");
  });

  it("fencing off warns once, at the setting, naming the shared targets and not the unshared ones", () => {
    const target = (name: string, shared: boolean) =>
      `resource ${name} ocf:heartbeat:Filesystem { device = "/dev/${name}"; directory = "/${name}"; fstype = "ext4";${shared ? " shared; mmp 60s;" : ""} } on n1 prefer 100, n2 50;\n`;
    const one = analyzeText(header(NOFENCE) + target("t0", true) + target("t1", false)).diagnostics.filter((d) => d.code === "HA4024");
    expect(one.map((d) => [d.message, d.span.line])).toEqual([["fencing is off and `t0` is shared storage", 4]]);
    expect(one[0]!.related?.map((r) => r.span.line)).toEqual([6]);
    const many = analyzeText(header(NOFENCE) + ["t0", "t1", "t2", "t3", "t4"].map((t) => target(t, true)).join("")).diagnostics.filter((d) => d.code === "HA4024");
    expect(many.map((d) => d.message)).toEqual(["fencing is off and `t0`, `t1`, `t2` and 2 more are shared storage"]);
    expect(many[0]!.related).toHaveLength(3);
  });
});

describe("failures that expire (HA4021)", () => {
  const site = (ft: string, mt: string, interval: string) =>
    header(NOFENCE, `defaults migration-threshold = ${mt}, failure-timeout = ${ft}`) + `resource a ocf:heartbeat:Dummy { op monitor interval ${interval}; } on n1 prefer 100, n2 50;\nresource b ocf:heartbeat:Dummy { op monitor interval ${interval}; } on n1;\n`;

  it("the seed's 10 s against 10 s monitors: one warning at the setting, naming both resources", () => {
    const ds = analyzeText(site("10s", "5", "10s")).diagnostics.filter((d) => d.code === "HA4021");
    expect(ds).toHaveLength(1);
    expect(ds[0]!.span.line).toBe(5);
    expect(ds[0]!.message).toContain("`a` and `b` are restarted in place and never moved");
    expect(ds[0]!.hint).toContain("at least 50s");
  });

  it("is quiet when failures can add up, or one failure moves the resource", () => {
    expect(codesAt(analyzeText(site("10min", "5", "10s")).diagnostics)).toEqual([]);
    expect(codesAt(analyzeText(site("10s", "1", "10s")).diagnostics)).toEqual([]);
    expect(analyzeText(site("PT5S", "3", "P10S")).diagnostics.filter((d) => d.code === "HA4021")).toHaveLength(1);
  });
});

describe("guests (HA4022, HA4023, HA4025)", () => {
  it("a start timeout above the connection timeout warns at the timeout; setting the meta attribute clears it", () => {
    expectAt(header(NOFENCE) + "guest g on n1 prefer 100, n2 50 {\n  op start <|timeout 900s|>;\n}\n", ["HA4022"]);
    expect(codesAt(analyzeText(header(NOFENCE) + "guest g on n1 prefer 100, n2 50 {\n  op start timeout 900s;\n  meta remote-connect-timeout = 900s;\n}\n").diagnostics)).toEqual([]);
    // VirtualDomain's own default start timeout is not the site's choice.
    expect(codesAt(analyzeText(header(NOFENCE) + "guest g on n1 prefer 100, n2 50;\n").diagnostics)).toEqual([]);
  });

  it("guests left at the default connection timeout give one warning together; one setting of their own gives its own", () => {
    const guest = (n: string, body: string) => `guest ${n} on n1 prefer 100, n2 50 {\n  op start timeout ${body};\n}\n`;
    const ds = analyzeText(header(NOFENCE) + guest("g1", "900s") + guest("g2", "20min") + guest("g3", "120s") + guest("g4", "300s") + "guest g5 on n1 prefer 100, n2 50 {\n  op start timeout 900s;\n  meta remote-connect-timeout = 2min;\n}\n").diagnostics.filter((d) => d.code === "HA4022");
    expect(ds.map((d) => [d.message, d.span.line])).toEqual([
      // At the longest start (g2's 20min), which the message names; the others are notes.
      ["guests `g1`, `g2`, `g3` and 1 more may take up to 20min to start but Pacemaker gives up connecting to them after 60 s (the default)", 10],
      ["guest `g5` may take 900s to start but Pacemaker gives up connecting to it after 2min", 19],
    ]);
    expect(ds[0]!.hint).toContain("`meta remote-connect-timeout = 20min;` to each of them");
    expect(ds[0]!.related?.map((r) => r.span.line)).toEqual([7, 13]);
    expect(ds[1]!.related?.map((r) => r.span.line)).toEqual([20]);
  });

  it("a bare number is seconds to Pacemaker, and the message says so (`900 s`, not `900`)", () => {
    const ds = analyzeText(header(NOFENCE) + "guest g on n1 prefer 100, n2 50 {\n  op start timeout 900;\n  meta remote-connect-timeout = 120;\n}\n").diagnostics.filter((d) => d.code === "HA4022");
    expect(ds.map((d) => d.message)).toEqual(["guest `g` may take 900 s to start but Pacemaker gives up connecting to it after 120 s"]);
  });

  it("a symmetric cluster with guests warns unless each host resource bans every guest", () => {
    const sym = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nguest g on n1 prefer 100, n2 50;\n";
    const ds = analyzeText(sym + "resource a ocf:heartbeat:Dummy on n1;\nlwfsd on g;\n").diagnostics;
    expect(ds.map((d) => d.message)).toEqual(["the cluster is symmetric and has guest nodes: `a` may be placed or recovered inside a guest"]);
    expect(codesAt(analyzeText(sym + "resource a ocf:heartbeat:Dummy on n1, g -INFINITY;\n").diagnostics)).toEqual([]);
    expect(codesAt(analyzeText(header(NOFENCE) + "guest g on n1 prefer 100, n2 50;\nresource a ocf:heartbeat:Dummy on n1;\n").diagnostics)).toEqual([]);
  });

  it("allow-migrate with VFs warns; without VFs it does not", () => {
    expectAt(header(NOFENCE) + "guest g on n1 prefer 100, n2 50 {\n  ib 0000:82:01.0 at 00:05.0;\n  meta <|allow-migrate = true|>;\n}\n", ["HA4025"]);
    expect(codesAt(analyzeText(header(NOFENCE) + "guest g on n1 prefer 100, n2 50 {\n  meta allow-migrate = true;\n}\n").diagnostics)).toEqual([]);
  });
});

describe("placements of a clone's child (HA2011)", () => {
  it("is an error at the placement", () => {
    expectAt(header(NOFENCE) + "resource p ocf:heartbeat:Dummy on <|n1|>, n2;\nclone pc of p on n1;\n", ["HA2011"]);
  });
});

describe("duplicate orders", () => {
  it("name both statements", () => {
    const ds = analyzeText(header(NOFENCE) + "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\norder a then b;\norder a then b optional;\n").diagnostics;
    expect(ds.map((d) => d.message)).toEqual(["`order a then b optional` orders the same actions as `order a then b`: hacc names an order after its two actions, so both would be the constraint `order-a-b`"]);
  });
});

const CAPACITY = (need: number) =>
  header(NOFENCE, "property placement-strategy = utilization", "utilization n1 memory = 1024", "utilization n2 memory = 4096") +
  `resource a ocf:heartbeat:Dummy { utilization memory = ${need}; } on n1 prefer 100, n2 -INFINITY;\n`;

describe("capacity (HA4006)", () => {
  it("a resource bigger than every host it may run on can never run", () => {
    const ds = analyzeText(CAPACITY(2048)).diagnostics;
    expect(ds.map((d) => [d.code, d.message])).toEqual([["HA4006", "`a` can never run: its utilization fits on none of the hosts it may run on (`n1` offers memory 1024 < 2048)"]]);
    expect(codesAt(analyzeText(CAPACITY(1024)).diagnostics)).toEqual([]);
  });

  it("is quiet when placement-strategy is default (Pacemaker ignores utilization then)", () => {
    expect(codesAt(analyzeText(CAPACITY(2048).replace("placement-strategy = utilization", "placement-strategy = default")).diagnostics.filter((d) => d.code === "HA4006"))).toEqual([]);
  });
});

/** Where crm_simulate runs `id` with every host (then every guest) up, for a site compiled whatever hacc says of it; undefined when stopped. */
function runs(text: string, id: string): string | undefined {
  const site = analyzeText(text).value.site!;
  const dir = mkdtempSync(join(tmpdir(), "hacc-pcmk-"));
  writeFileSync(join(dir, "full.xml"), emitCibFull(lower(site)));
  let out = "";
  for (const step of simulateSteps(site.nodes, site.guests.map((g) => g.name), [])) {
    const sim = spawnSync("crm_simulate", step.args, { cwd: dir, encoding: "utf8" });
    expect(sim.status, sim.stderr).toBe(0);
    out = sim.stdout;
  }
  const st = readStatus(out).find((s) => s.id === id);
  return st?.state === "Started" ? st.nodes[0] : undefined;
}

function starts(text: string, id: string): boolean {
  return runs(text, id) !== undefined;
}

describe.skipIf(!havePacemaker(["crm_simulate"]))("the errors agree with crm_simulate", () => {
  it("fencing on without a device: nothing starts", () => {
    const text = header("property stonith-enabled = true") + "resource a ocf:heartbeat:Dummy on n1;\n";
    expect(analyzeText(text).diagnostics.map((d) => d.code)).toEqual(["HA4020"]);
    expect(starts(text, "a")).toBe(false);
    expect(starts(text.replace("= true", "= false"), "a")).toBe(true);
  });

  it("a resource bigger than its hosts stays stopped; one that fits starts", () => {
    expect(starts(CAPACITY(2048), "a")).toBe(false);
    expect(starts(CAPACITY(1024), "a")).toBe(true);
  });

  it("a symmetric cluster runs a host resource inside a guest node, as HA4023 warns", () => {
    const text = 'cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nguest g on n1 prefer 100, n2 50;\nresource a ocf:heartbeat:Dummy on n1 -INFINITY, n2 -INFINITY;\n';
    expect(analyzeText(text).diagnostics.map((d) => d.code)).toEqual(["HA4023"]);
    expect(runs(text, "a")).toBe("g");
    expect(runs(text.replace("n2 -INFINITY", "n2 -INFINITY, g -INFINITY"), "a")).toBeUndefined();
  });
});

describe("guest and remote nodes named as cluster nodes (HA2006)", () => {
  it("a remote resource, a `remote-node` or a guest with a cluster node's name, exactly or but for case, is one HA2006 each", () => {
    const site =
      "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  property symmetric-cluster = false;\n}\n" +
      'resource n1 ocf:pacemaker:remote { server = "10.0.0.1"; } on n2;\n' +
      "resource x ocf:heartbeat:Dummy { meta remote-node = N2; } on n1;\n" +
      "guest N1 on n2 prefer 100;\n";
    const ds = analyzeText(site).diagnostics;
    expect(ds.map((d) => [d.code, d.message])).toEqual([
      ["HA2006", "remote node `n1` (a resource of ocf:pacemaker:remote) has the name of a cluster node"],
      ["HA2006", "guest node `N2` (the `remote-node` of `x`) differs from cluster node `n2` only in case"],
      ["HA2006", "guest `N1` differs from cluster node `n1` only in case"],
    ]);
  });
});
