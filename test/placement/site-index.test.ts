import { describe, expect, it } from "vitest";
import { planOf } from "../../src/placement/index.js";
import { analyzeText } from "../helpers.js";

/**
 * The index of the site: which resources placement predicts, the nodes each
 * may run on and its location score there. These are what `allowedNodes`
 * works out (symmetric-cluster, bans, resources placed inside guests), so they
 * hold whatever replaces it to the same answers.
 */
function site(symmetric: boolean): string {
  return `cluster c {
  nodes n1, n2, n3;
  property stonith-enabled = false;
  property symmetric-cluster = ${symmetric};
  defaults resource-stickiness = 100;
}
guest g1 on n1 prefer 500, n2 -INFINITY, n3 20;
lwfsd on g1 after vm;
resource r1 ocf:heartbeat:Dummy { meta priority = 7; } on n2 prefer 100;
resource r2 ocf:heartbeat:Dummy on n3 prefer INFINITY, n1 -50;
resource a ocf:heartbeat:Dummy;
resource b ocf:heartbeat:Dummy;
group grp a, b on n1 prefer 10;
colocate r1 with vm-g1 -200;
`;
}

/** Each placed resource: its nodes and scores, by node name. */
function allowed(symmetric: boolean): Record<string, Record<string, number>> {
  const r = analyzeText(site(symmetric));
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const plan = planOf(r.value.site!);
  return Object.fromEntries(plan.placeables.map((p) => [p.id, Object.fromEntries(p.on.map((n, i) => [plan.nodes[n]!, p.base[i]!]))]));
}

describe("the index of the site", () => {
  it("in an opt-in cluster: the nodes a location names, with their scores (a negative one too); a ban is no node", () => {
    expect(allowed(false)).toEqual({
      "vm-g1": { n1: 500, n3: 20 },
      r1: { n2: 100 },
      r2: { n1: -50, n3: 1_000_000 },
    });
  });

  it("in a symmetric cluster: every node at 0, guest nodes too (never for a guest's VM), with the locations added on; a ban is no node", () => {
    expect(allowed(true)).toEqual({
      "vm-g1": { n1: 500, n3: 20 },
      r1: { n1: 0, n2: 100, n3: 0, g1: 0 },
      r2: { n1: -50, n2: 0, n3: 1_000_000, g1: 0 },
    });
  });

  it("leaves out services inside guests and members of groups, and reads priority, stickiness and colocations", () => {
    const r = analyzeText(site(true));
    const plan = planOf(r.value.site!);
    expect(plan.placeables.map((p) => p.id)).toEqual(["vm-g1", "r1", "r2"]);
    expect(plan.byId.get("vm-g1")!.guest).toBe("g1");
    expect(plan.placeables.map((p) => [p.priority, p.stickiness])).toEqual([[0, 100], [7, 100], [0, 100]]);
    expect(plan.withOthers[plan.byId.get("r1")!.index]!.map((c) => [c.dep.id, c.prim.id, c.score])).toEqual([["r1", "vm-g1", -200]]);
    expect(plan.withThis[plan.byId.get("vm-g1")!.index]!.map((c) => c.dep.id)).toEqual(["r1"]);
    // Three hosts and the resources that may share them form one part.
    expect(plan.parts.map((part) => part.map((p) => p.id))).toEqual([["vm-g1", "r1", "r2"]]);
  });
});
