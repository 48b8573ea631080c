import { describe, expect, it } from "vitest";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { failoverReport } from "../../src/placement/index.js";
import { analyzeText, expectAt } from "../helpers.js";

/**
 * `unlisted-nodes NAME, ...;`: node names constraints and fencing levels may
 * name although `<nodes>` has no entry for them (a node removed, or not
 * joined yet). Pacemaker accepts them and ignores a location to such a node;
 * hacc writes nothing for them, predicts them never up, and still reports a
 * misspelt node.
 */
const HEAD = (unlisted: string, extra = "") => `cluster c {
  nodes n1, n2;
  unlisted-nodes ${unlisted};
  property stonith-enabled = false;${extra}
}
resource ipmi stonith:fence_ipmilan { ip = "192.0.2.1"; };
`;

describe("unlisted-nodes: names constraints may give nodes without an entry", () => {
  it("lets a placement, a location statement and a fencing level name one, and writes the constraints but no node for it", () => {
    const r = analyzeText(HEAD("gone, later") + "resource a ocf:pacemaker:Dummy on n1 10, gone 100;\nlocation keep-off for a on later -INFINITY;\nfencing-level 1 for gone with ipmi;\n");
    expect(r.diagnostics).toEqual([]);
    const cib = r.value.cib!;
    expect(cib.nodes).toEqual(["n1", "n2"]);
    const full = emitCibFull(cib);
    expect(full).toContain('<rsc_location id="location-a-gone" rsc="a" node="gone" score="100"/>');
    expect(full).toContain('<rsc_location id="keep-off" rsc="a" node="later" score="-INFINITY"/>');
    expect(full).toContain('<fencing-level id="fl-gone-1" index="1" target="gone" devices="ipmi"/>');
    expect(full).not.toMatch(/<node [^>]*uname="(gone|later)"/);
    // pcs and crmsh: the constraints only (pcs adds nodes with `pcs cluster node add`, crmsh with `node`: neither is written).
    const pcs = emitPcs(cib, {}).value!;
    expect(pcs).toContain("constraint location add location-a-gone a gone 100");
    expect(pcs).not.toMatch(/node add|add-guest .*gone/);
    const crm = emitCrmsh(cib, {}).value!;
    expect(crm).toContain("location location-a-gone a 100: gone");
    expect(crm).not.toMatch(/^node /m);
  });

  it("still reports a misspelt node (HA2001, HA2101), with the unlisted names among the hints", () => {
    const ds = expectAt(HEAD("gone") + "resource a ocf:pacemaker:Dummy on n1 10, gone 5, <|gnoe|> 100;\nfencing-level 1 for <|goen|> with ipmi;\n", ["HA2001", "HA2101"]);
    expect(ds.map((d) => d.hint)).toEqual(["did you mean `gone`?", "did you mean `gone`?"]);
  });

  it("refuses one in `nodes` too, twice, or differing from a node or another only in case (HA2004: Pacemaker compares node names without case)", () => {
    expectAt(HEAD("<|n1|>, gone") + "resource a ocf:pacemaker:Dummy on gone 1;\n", ["HA2004"]);
    expectAt(HEAD("gone, <|gone|>") + "resource a ocf:pacemaker:Dummy on gone 1;\n", ["HA2004"]);
    const ds = expectAt(HEAD("<|N2|>, gone, <|Gone|>") + "resource a ocf:pacemaker:Dummy on gone 1;\n", ["HA2004", "HA2004"]);
    expect(ds[0]!.message).toBe("unlisted node `N2` differs from node `n2` only in case");
    expect(ds[1]!.message).toBe("unlisted node `Gone` differs from unlisted node `gone` only in case");
  });

  it("refuses one that is a guest, a remote node or a `remote-node` (HA2004): that node has its entry", () => {
    const guest = analyzeText(HEAD("vm1") + "guest vm1 on n1;\n").diagnostics.filter((d) => d.code === "HA2004");
    expect(guest.map((d) => d.message)).toEqual(["unlisted node `vm1` is a guest"]);
    for (const made of ["resource rem ocf:pacemaker:remote;\n", "resource vm ocf:heartbeat:VirtualDomain { config = \"/x.xml\"; meta remote-node = rem; }\n"]) {
      const ds = analyzeText(HEAD("rem") + made).diagnostics.filter((d) => d.code === "HA2004");
      expect(ds.map((d) => d.message), made).toEqual(["unlisted node `rem` is a node a resource makes (a remote node, a `remote-node`, a bundle's replica)"]);
    }
  });

  it("refuses attributes or utilization of one: it has no entry to hold them (HA2001, with a hint)", () => {
    const ds = expectAt(HEAD("gone", "\n  attributes <|gone|> rack = 1;\n  utilization <|gone|> cpu = 2;\n  attributes <|gone|> score 5 { rack = 2; }") + "resource a ocf:pacemaker:Dummy on gone 1;\n", ["HA2001", "HA2001", "HA2001"]);
    expect(ds[0]!.message).toBe("`gone` is an unlisted node: it has no entry to hold attributes");
    expect(ds[1]!.message).toBe("`gone` is an unlisted node: it has no entry to hold a capacity");
    expect(ds[0]!.hint).toBe("list it in `nodes` to give it an entry (Pacemaker's `<node>`), or remove this line");
  });

  it("warns of one that nothing names (HA2014), at its name", () => {
    const ds = expectAt(HEAD("gone, <|spare|>") + "resource a ocf:pacemaker:Dummy on gone 1;\n", ["HA2014"]);
    expect(ds[0]!.severity).toBe("warning");
  });

  it("is never up: a location to one places nothing, it is no host of the failover check, and in an opt-in cluster a resource allowed only there never runs", () => {
    const r = analyzeText(HEAD("gone") + "resource a ocf:pacemaker:Dummy on n1 10, gone 100;\n");
    const report = failoverReport(r.value.site!);
    expect(report.allUp.get("a")).toBe("n1");
    expect(report.scenarios.map((s) => s.failed)).toEqual(["n1", "n2"]);
    expect(report.plan.nodes).toEqual(["n1", "n2"]);
    const optIn = analyzeText(HEAD("gone", "\n  property symmetric-cluster = false;") + "resource a ocf:pacemaker:Dummy on gone 100;\n");
    expect(optIn.diagnostics.filter((d) => d.severity === "error" && d.message.startsWith("`a`")).map((d) => d.code)).toEqual(["HA4006"]);
  });
});
