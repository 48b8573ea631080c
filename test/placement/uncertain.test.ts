import { describe, expect, it } from "vitest";
import { failoverReport } from "../../src/placement/index.js";
import { analyzeText } from "../helpers.js";

/**
 * Which predictions a resource hacc does not predict could change
 * (src/placement/uncertainty.ts): a tie on score that Pacemaker breaks by
 * resource count (pcmk_sched_nodes.c compare_nodes) is uncertain when a
 * resource hacc does not see may already sit on the node that won; a choice
 * the score decides is not.
 */
function sites(body: string, opts = "property symmetric-cluster = false;") {
  const r = analyzeText(`cluster c {\n  nodes h1, h2, h3;\n  property stonith-enabled = false;\n  ${opts}\n}\n${body}`);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return failoverReport(r.value.site!);
}

describe("uncertain placements", () => {
  it("a tie beside a resource hacc does not predict, assigned before it, is uncertain, and says which", () => {
    const r = sites(`resource u ocf:heartbeat:Dummy;
resource a ocf:heartbeat:Dummy on h1 prefer 100, h2 100;
location rule-u for u { rule 500 when "#uname" eq h1; }
`);
    expect(r.allUp.get("a")).toBe("h1");
    expect(r.allUpUncertain.get("a")).toBe("h1 and h2 tie on its score; Pacemaker then takes the node with fewer resources, and `u`, which hacc does not predict, may change that count");
  });

  it("a placement the score decides stays certain beside one", () => {
    const r = sites(`resource u ocf:heartbeat:Dummy;
resource b ocf:heartbeat:Dummy on h1 prefer 200, h2 100;
location rule-u for u { rule 500 when "#uname" eq h1; }
`);
    expect(r.allUp.get("b")).toBe("h1");
    expect(r.allUpUncertain.size).toBe(0);
  });

  it("a tie stays certain when the unseen resource comes later in Pacemaker's order, or may not run on the node that won", () => {
    const later = sites(`resource a ocf:heartbeat:Dummy on h1 prefer 100, h2 100;
resource u ocf:heartbeat:Dummy;
location rule-u for u { rule 500 when "#uname" eq h1; }
`);
    expect(later.allUp.get("a")).toBe("h1");
    expect(later.allUpUncertain.size).toBe(0);
    // Opt-in, and `u` (not managed) may run on h3 only: the tie of h1 and h2 is no business of it.
    const elsewhere = sites(`resource u ocf:heartbeat:Dummy { meta is-managed = false; } on h3 prefer 100;
resource a ocf:heartbeat:Dummy on h1 prefer 100, h2 100;
`);
    expect(elsewhere.allUpUncertain.size).toBe(0);
  });

  it("an unseen resource reaches the tie through a colocation: one declared after is assigned with one before it that depends on it", () => {
    // `w` comes after `a`, but `v`, before `a`, is colocated with it: Pacemaker assigns `w` first when it assigns `v`
    // (pcmk__primitive_assign), on h1, its only node.
    const pulled = sites(`resource v ocf:heartbeat:Dummy on h3 prefer 100;
resource a ocf:heartbeat:Dummy on h1 prefer 100, h2 100;
resource w ocf:heartbeat:Dummy on h1 prefer 100;
colocate v with w 100 node-attribute rack;
`);
    expect(pulled.allUpUncertain.get("a")).toBe("h1 and h2 tie on its score; Pacemaker then takes the node with fewer resources, and `w`, which hacc does not predict, may change that count");
    // The other way round `w` depends on `v`: assigning `v` does not assign it, so it comes after `a` and cannot count.
    const after = sites(`resource v ocf:heartbeat:Dummy on h3 prefer 100;
resource a ocf:heartbeat:Dummy on h1 prefer 100, h2 100;
resource w ocf:heartbeat:Dummy on h1 prefer 100;
colocate w with v 100 node-attribute rack;
`);
    expect(after.allUpUncertain.size).toBe(0);
  });

  it("what is colocated with an uncertain placement is uncertain, and so is what a failure moves onto its tie", () => {
    const r = sites(`resource u ocf:heartbeat:Dummy;
resource a ocf:heartbeat:Dummy on h1 prefer 100, h2 100;
resource d ocf:heartbeat:Dummy on h1 prefer 10, h2 10, h3 10;
colocate d with a 50;
location rule-u for u { rule 500 when "#uname" eq h1; }
`);
    expect(r.allUpUncertain.get("d")).toBe("it is colocated (directly or through others) with `a`, whose placement may differ");
    // With h1 failed `a` has one node left: certain again.
    const h1 = r.scenarios.find((s) => s.failed === "h1")!;
    expect(h1.after.get("a")).toBe("h2");
    expect(h1.uncertain.has("a")).toBe(false);
  });

  it("a site without resources hacc does not predict has no uncertain placement", () => {
    const r = sites(`resource a ocf:heartbeat:Dummy on h1 prefer 100, h2 100;
resource b ocf:heartbeat:Dummy on h1 prefer 100, h2 100;
`);
    expect(r.allUpUncertain.size).toBe(0);
    for (const s of r.scenarios) expect(s.uncertain.size).toBe(0);
  });
});
