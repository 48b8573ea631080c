import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

describe("names (the scope and declaration passes)", () => {
  it("reports unknown nodes, guests and resources where they are written", () => {
    expectAt(
      HEADER +
        "guest g on n1 prefer 500, <|n9|> 100;\n" +
        "lwfsd on <|g2|> after vm;\n" +
        "resource r ocf:heartbeat:Dummy on n1;\n" +
        "order <|rr|> then r;\n" +
        "colocate r with <|vm-g2|>;\n",
      ["HA2001", "HA2003", "HA2002", "HA2002"],
    );
  });

  it("reports two cluster nodes whose names differ only in case, once (Pacemaker's pe_find_node ignores case)", () => {
    // crm_simulate on such a CIB, with only `ha` brought up, starts a resource located on `Ha`: one node to it.
    const site = "cluster c {\n  nodes ha, <|Ha|>, n1;\n  property stonith-enabled = false;\n}\nresource r ocf:heartbeat:Dummy on Ha 100;\n";
    expectAt(site, ["HA2004"]);
    const [d] = analyzeText(site.replace(/<\||\|>/g, "")).diagnostics.filter((x) => x.severity === "error");
    expect(d!.message).toBe("node `Ha` differs from node `ha` only in case");
    expect(analyzeText("cluster c {\n  nodes ha, hb;\n  property stonith-enabled = false;\n}\n").diagnostics.filter((x) => x.severity === "error")).toEqual([]);
  });

  it("lets resources run on guest nodes but not guests inside guests", () => {
    expectAt(HEADER + "guest g on n1;\nresource r ocf:heartbeat:Dummy on g;\nguest h on <|g|>;\n", ["HA2001"]);
  });

  it("lets locations name remote nodes and guest nodes made by `remote-node` (declared before or after), but no guest run there", () => {
    const site =
      HEADER +
      "resource d ocf:heartbeat:Dummy on remote1 100, lxc1-node 50, n1 -INFINITY;\n" +
      "location d-off for d discovery never on remote1 -INFINITY;\n" +
      "resource remote1 ocf:pacemaker:remote { server = 10.0.0.5; } on n1;\n" +
      "resource lxc1 ocf:heartbeat:Dummy { meta remote-node = lxc1-node; } on n1;\n";
    const r = analyzeText(site);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const locs = r.value.cib!.constraints.filter((c) => c.kind === "location" && c.rsc === "d");
    expect(locs.map((c) => (c.kind === "location" ? `${c.id} ${c.node} ${c.score}` : ""))).toEqual([
      "location-d-remote1 remote1 100",
      "location-d-lxc1-node lxc1-node 50",
      "location-d-n1 n1 -INFINITY",
      "d-off remote1 -INFINITY",
    ]);
    expectAt(site + "guest g on <|remote1|>;\nresource e ocf:heartbeat:Dummy on <|remote2|>;\n", ["HA2001", "HA2001"]);
  });

  it("takes a constraint's own id (`named`): two orders of the same actions, two colocations of a pair; an id that is none or is taken is reported", () => {
    const base = HEADER + "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\n";
    const r = analyzeText(base + "order a then b named o1;\norder a then b optional named o2;\ncolocate a with b 10 named c1;\ncolocate a with b -5;\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.value.cib!.constraints.filter((c) => c.kind === "order" || c.kind === "colocation").map((c) => c.id)).toEqual(["o1", "o2", "c1", "colocation-a-b"]);
    expectAt(base + "order a then b named <|1st|>;\norder a then b named o;\ncolocate b with a named <|o|>;\ncolocate b with a named <|a|>;\n", ["HA3005", "HA2005", "HA2005"]);
    // Without `named`, two orders of the same actions still clash on the derived id.
    expectAt(base + "order a then b;\n<|order a then b optional;|>\n", ["HA2005"]);
  });

  it("says what a name clashes with when a bundle or group takes a resource's name", () => {
    const base = HEADER + "resource x ocf:heartbeat:Dummy on n1;\n";
    const [d] = expectAt(base + 'bundle <|x|> { docker image = "i"; } on n1;\n', ["HA2004"]);
    expect(d!.message).toBe("bundle `x` has the name of a resource");
    const [g] = expectAt(base + "resource y ocf:heartbeat:Dummy on n1;\ngroup <|x|> y on n1;\n", ["HA2004"]);
    expect(g!.message).toBe("group `x` has the name of a resource");
    // The same kind twice is a duplicate.
    const [r] = expectAt(base + "resource <|x|> ocf:heartbeat:Dummy on n1;\n", ["HA2004"]);
    expect(r!.message).toBe("duplicate resource `x`");
  });

  it("takes `named` on tickets and on orders, colocations and tickets of resource sets (pcs names those order_set_..., colocation_set_...)", () => {
    const base = HEADER + "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\n";
    const r = analyzeText(base + "order (a) then (b) named order_set_aabb;\ncolocate (a, b) 100 named cs1;\nticket T for (a, b) named ts1;\nticket T for a named t1;\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.value.cib!.constraints.filter((c) => c.kind !== "location").map((c) => c.id)).toEqual(["order_set_aabb", "cs1", "ts1", "t1"]);
    expectAt(base + "order (a) then (b) named <|1x|>;\nticket T for a named order_set_aabb;\norder (b) then (a) named <|order_set_aabb|>;\n", ["HA3005", "HA2005"]);
    // Two set constraints of one derived id: the hint says how to part them.
    const [d] = expectAt(base + "order (a, b);\n<|order (a, b) optional;|>\n", ["HA2005"]);
    expect(d!.message).toBe("this constraint would have the id `order-set-a-b`, which another constraint has");
    expect(d!.hint).toContain("`named ID`");
  });

  it("resolves references to resources declared later", () => {
    expect(analyzeText(HEADER + "order a then b;\nresource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\n").diagnostics).toEqual([]);
  });

  it("reports a duplicate at each later occurrence, pointing back at the first", () => {
    const ds = expectAt(
      HEADER + "resource r ocf:heartbeat:Dummy on n1;\nresource <|r|> ocf:heartbeat:Dummy on n1;\nresource <|r|> ocf:heartbeat:Dummy on n2;\n",
      ["HA2004", "HA2004"],
    );
    expect(ds.map((d) => d.related?.[0]?.span.line)).toEqual([5, 5]);
  });

  it("reports generated ids that collide, and guests named like nodes or resources", () => {
    expectAt(
      HEADER +
        "guest g on n1;\nresource <|vm-g|> ocf:heartbeat:Dummy on n1;\n" +
        "guest <|n2|> on n1;\n" +
        "resource web ocf:heartbeat:Dummy on n1;\nguest <|web|> on n1;\n",
      ["HA2005", "HA2006", "HA2006"],
    );
  });
});
