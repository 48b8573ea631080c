import { describe, expect, it } from "vitest";
import { analyzeText, expectAt } from "../../helpers.js";

const CLUSTER = (items: string) => `cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n${items}}\n`;

describe("node attributes (`attributes NODE k = v;`, the declaration pass)", () => {
  it("takes cluster nodes, guests, a resource's remote-node and remote connections, and lowers them with Pacemaker's ids", () => {
    const r = analyzeText(
      CLUSTER("  attributes n1 rack = 1, standby = on;\n  attributes g rack = 2;\n  attributes r1 site = east;\n  attributes vm2 site = west;\n  attributes n1 site = east;\n") +
        "guest g on n1;\n" +
        "resource r1 ocf:pacemaker:remote;\n" +
        "resource v2 ocf:heartbeat:Dummy { meta remote-node = vm2; }\n",
    );
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.value.cib!.nodeAttributes).toEqual([
      {
        node: "n1",
        attributes: {
          id: "nodes-n1",
          pairs: [
            { id: "nodes-n1-rack", name: "rack", value: "1" },
            { id: "nodes-n1-standby", name: "standby", value: "on" },
            { id: "nodes-n1-site", name: "site", value: "east" },
          ],
        },
      },
      { node: "g", attributes: { id: "nodes-g", pairs: [{ id: "nodes-g-rack", name: "rack", value: "2" }] }, remote: true },
      { node: "r1", attributes: { id: "nodes-r1", pairs: [{ id: "nodes-r1-site", name: "site", value: "east" }] }, remote: true },
      { node: "vm2", attributes: { id: "nodes-vm2", pairs: [{ id: "nodes-vm2-site", name: "site", value: "west" }] }, remote: true },
    ]);
  });

  it("takes names with `:` (a clone instance's, `master-db:0`), written `.` in the nvpair's id as pcs and crm_attribute write it", () => {
    const r = analyzeText(CLUSTER("  attributes n1 master-db:0 = 10, master-db:1 = 5;\n"));
    expect(r.diagnostics).toEqual([]);
    expect(r.value.cib!.nodeAttributes![0]!.attributes.pairs).toEqual([
      { id: "nodes-n1-master-db.0", name: "master-db:0", value: "10" },
      { id: "nodes-n1-master-db.1", name: "master-db:1", value: "5" },
    ]);
  });

  it("reports two attributes of a node that would have one id (HA2005): `a:0` and `a.0`", () => {
    const [d] = expectAt(CLUSTER("  attributes n1 a.0 = 1;\n  attributes n2 a:0 = 1;\n  attributes n1 <|a:0|> = 2;\n"), ["HA2005"]);
    expect(d!.message).toBe("the attributes `a.0` and `a:0` of node `n1` would have one id, `nodes-n1-a.0`");
  });

  it("reports a node that is none of those (HA2001), with the nearest name", () => {
    const [d] = expectAt(CLUSTER("  attributes <|n3|> rack = 1;\n"), ["HA2001"]);
    expect(d!.hint).toBe("did you mean `n1`?");
  });

  it("reports an attribute set twice for one node, in one line or in two (HA3050), pointing back at the first", () => {
    const ds = expectAt(CLUSTER("  attributes n1 rack = 1, <|rack|> = 2;\n  attributes n2 standby = on;\n  attributes n2 <|standby|> = off;\n  attributes n1 standby = off;\n"), [
      "HA3050",
      "HA3050",
    ]);
    expect(ds.map((d) => d.related?.[0]?.span.line)).toEqual([4, 5]);
  });

  it("reports standby or maintenance that Pacemaker would not read as a boolean (HA3051), and takes every spelling it reads", () => {
    expectAt(CLUSTER("  attributes n1 standby = <|maybe|>, maintenance = <|2|>;\n"), ["HA3051", "HA3051"]);
    for (const v of ["on", "off", "true", "FALSE", "yes", "no", "y", "n", "1", "0"]) {
      expect(analyzeText(CLUSTER(`  attributes n1 standby = ${v};\n`)).diagnostics, v).toEqual([]);
    }
  });

  it("reports an attribute name Pacemaker cannot take (HA3005)", () => {
    expectAt(CLUSTER("  attributes n1 <|.rack = 1|>;\n"), ["HA3005"]);
  });
});

describe("node capacity of a guest or remote node (`utilization NODE k = v;`)", () => {
  it("takes guests, a resource's remote-node and remote connections, in their remote entry; the prediction's capacities stay the cluster nodes'", () => {
    const r = analyzeText(
      CLUSTER("  utilization n1 memory = 8192;\n  utilization g memory = 4096;\n  utilization r1 memory = 2048;\n  utilization vm2 cpus = 2;\n") +
        "guest g on n1;\nresource r1 ocf:pacemaker:remote;\nresource v2 ocf:heartbeat:Dummy { meta remote-node = vm2; }\n",
    );
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.value.site!.capacities!.map((c) => c.node)).toEqual(["n1"]);
    expect(r.value.cib!.nodeUtilization!.map((u) => `${u.node}${u.remote ? " remote" : ""} ${u.utilization.id}`)).toEqual([
      "n1 nodes-n1-utilization",
      "g remote nodes-g-utilization",
      "r1 remote nodes-r1-utilization",
      "vm2 remote nodes-vm2-utilization",
    ]);
  });

  it("an unknown node is HA2001 at its name; a guest's capacity twice HA2004", () => {
    expectAt(CLUSTER("  utilization <|gg|> memory = 1;\n") + "guest g on n1;\n", ["HA2001"]);
    expectAt(CLUSTER("  utilization g memory = 1;\n  utilization <|g|> cpus = 1;\n") + "guest g on n1;\n", ["HA2004"]);
  });
});
