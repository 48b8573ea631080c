import { describe, expect, it } from "vitest";
import { predictSimulation } from "../../src/simulate/hacc.js";
import { analyzeText } from "../helpers.js";

/**
 * A resource hacc's prediction does not place says why, naming what is at
 * fault (the tag, the template, the property or defaults block, the set, the
 * group), not a list of everything the model leaves out (the review's #10).
 */
const HEAD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n";

function whys(body: string, head = HEAD + "}\n"): Record<string, string | undefined> {
  const r = analyzeText(head + body);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  const sim = predictSimulation(r.value.site!, ["n1"]);
  return Object.fromEntries(sim.rows.filter((x) => x.predicted === false).map((x) => [x.resource, x.why]));
}

describe("why hacc does not predict a resource", () => {
  it("a constraint naming a tag or a template: the constraint and the name", () => {
    const w = whys(
      [
        "resource a ocf:pacemaker:Dummy on n1;",
        "resource t1 ocf:pacemaker:Dummy on n1;",
        "resource t2 ocf:pacemaker:Dummy on n2;",
        "tag tt = t1, t2;",
        "colocate a with tt 100;",
        "template base ocf:pacemaker:Dummy { }",
        "resource m1 from base on n1;",
        "resource b ocf:pacemaker:Dummy on n2;",
        "colocate b with base 100;",
        "resource free ocf:pacemaker:Dummy on n1;",
        "",
      ].join("\n"),
    );
    for (const id of ["a", "t1", "t2"]) expect(w[id]).toBe("constraint `colocation-a-tt` names tag `tt`, which the prediction does not expand");
    for (const id of ["m1", "b"]) expect(w[id]).toBe("constraint `colocation-b-base` names template `base`, which the prediction does not expand");
    expect(w.free).toBeUndefined();
  });

  it("a property block that sets a placement property, a defaults block that may set a placement meta", () => {
    const prop = whys("resource a ocf:pacemaker:Dummy on n1;\n", HEAD + "  property score 5 { stop-all-resources = true; }\n}\n");
    expect(prop.a).toBe("a `property` block chosen by a rule or a score sets stop-all-resources, which hacc does not evaluate");
    const defs = whys("resource a ocf:pacemaker:Dummy on n1;\nresource b ocf:pacemaker:Dummy { meta resource-stickiness = 5; } on n1;\n", HEAD + "  defaults score 5 { resource-stickiness = 100; }\n}\n");
    expect(defs.a).toBe("a `defaults` block chosen by a rule or a score may set its resource-stickiness, which hacc does not evaluate");
    expect(defs.b).toBeUndefined();
  });

  it("a node's set chosen by a date rule: its standby or capacity leaves every resource unpredicted; a location reading an attribute it sets says so", () => {
    const standby = whys("resource a ocf:pacemaker:Dummy on n1;\n", HEAD + "  attributes n1 when date gt 2001-01-01 { standby = on; }\n}\n");
    expect(standby.a).toBe("node set `nodes-n1-1` of n1, chosen by a rule or a score, sets its standby, which hacc does not evaluate");
    const cap = whys("resource a ocf:pacemaker:Dummy on n1;\n", HEAD + "  property placement-strategy = utilization;\n  utilization n1 cap = 2;\n  utilization n1 score 5 named cheap { cap = 1; }\n}\n");
    expect(cap.a).toBe("node set `cheap` of n1, chosen by a rule or a score, sets its cap, which hacc does not evaluate");
    // Capacity is not read under the default strategy: the resource is predicted.
    expect(whys("resource a ocf:pacemaker:Dummy on n1;\n", HEAD + "  utilization n1 score 5 { cap = 1; }\n}\n").a).toBeUndefined();
    const rule = whys("resource a ocf:pacemaker:Dummy;\nlocation L for a {\n  rule score-attribute pref when defined pref;\n}\n", HEAD + "  attributes n1 when date gt 2001-01-01 { pref = 100; }\n}\n");
    expect(rule.a).toBe("location `L` places it by a rule on the node attribute pref, which node set `nodes-n1-1` chosen by a rule or a score may set; hacc evaluates neither");
  });

  it("a set, a group, a clone, an unmanaged resource, and a chain back to its cause", () => {
    const w = whys(
      [
        "resource s1 ocf:pacemaker:Dummy on n1;",
        "resource s2 ocf:pacemaker:Dummy on n2;",
        "order (s1, s2) then (s1b) named ord-set;",
        "resource s1b ocf:pacemaker:Dummy on n1;",
        "resource w ocf:pacemaker:Dummy;",
        "group g w on n1;",
        "resource x ocf:pacemaker:Dummy on n1;",
        "colocate x with g;",
        "resource y ocf:pacemaker:Dummy on n1;",
        "colocate y with x 100;",
        "resource u ocf:pacemaker:Dummy { meta is-managed = false; } on n2;",
        "",
      ].join("\n"),
    );
    expect(w.s1).toBe("it is in a resource set of `ord-set`, which hacc does not expand");
    expect(w.w).toBe("it is in group `g`, which hacc does not place");
    expect(w.x).toBe("colocation `colocation-x-g` ties it to group `g`, which hacc does not place");
    expect(w.y).toBe("a colocation or mandatory order ties it to `x`, which is not predicted: colocation `colocation-x-g` ties it to group `g`, which hacc does not place");
    expect(w.u).toBe("it is not managed (is-managed=false)");
  });
});
