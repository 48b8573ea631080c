import { describe, expect, it } from "vitest";
import { analyzeText, expectAt } from "../../helpers.js";

/** A cluster block with `lines` inside, and one resource. */
const site = (...lines: string[]) => `cluster c {\n  nodes n1, n2;\n${lines.map((l) => `  ${l}\n`).join("")}}\nresource d ocf:pacemaker:Dummy on n1;\n`;

describe("property sets chosen by a rule or ranked by a score (HA3140, HA4140, HA4141, HA4143)", () => {
  it("lowers each block to a <cluster_property_set> of its own, after cib-bootstrap-options, ids cluster-options-N", () => {
    const r = analyzeText(site("property stonith-enabled = false;", "property score 100 when date in_range 2026-12-24 to 2026-12-27 { maintenance-mode = true; }", "property score 10 { maintenance-mode = false; }"));
    expect(r.diagnostics).toEqual([]);
    expect(r.value.cib?.properties.pairs.map((p) => p.name)).toEqual(["stonith-enabled"]);
    expect(r.value.cib?.propertySets).toEqual([
      {
        id: "cluster-options-1",
        score: "100",
        rule: { id: "cluster-options-1-rule", score: "INFINITY", booleanOp: "and", expressions: [{ kind: "date", id: "cluster-options-1-rule-expr", operation: "in_range", start: "2026-12-24", end: "2026-12-27" }] },
        pairs: [{ id: "cluster-options-1-maintenance-mode", name: "maintenance-mode", value: "true" }],
      },
      { id: "cluster-options-2", score: "10", pairs: [{ id: "cluster-options-2-maintenance-mode", name: "maintenance-mode", value: "false" }] },
    ]);
  });

  it("checks each name and value as a plain property's (HA3012, HA3016, HA3017)", () => {
    expectAt(site("property score 5 { <|stonith-enable|> = false; }"), ["HA3012"]);
    expectAt(site("property score 5 { <|dc-version|> = 2.1; }"), ["HA3016"]);
    expectAt(site("property score 5 { stonith-enabled = <|maybe|>; }"), ["HA3017"]);
  });

  it("refuses a resource or op test (they never hold there: crm_simulate), an empty set, and one without when or score", () => {
    expectAt(site("property when <|resource ocf:pacemaker:Dummy|> { maintenance-mode = true; }"), ["HA3140"]);
    expectAt(site("property when <|op monitor|> { maintenance-mode = true; }"), ["HA3140"]);
    expectAt(site("<|property score 5 { }|>"), ["HA3140"]);
    expectAt(site("<|property { maintenance-mode = true; }|>"), ["HA3140"]);
  });

  it("warns of a node attribute test (no node: crm_simulate), a name the plain property also sets, and two sets of one score", () => {
    expectAt(site("property when <|\"#uname\"|> eq n1 { maintenance-mode = true; }"), ["HA4141"]);
    expectAt(site("property maintenance-mode = false;", "property score 5 { <|maintenance-mode|> = true; }"), ["HA4143"]);
    expectAt(site("property when date gt 2026-01-01 { cluster-delay = 10s; }", "property when date lt 2027-01-01 { <|cluster-delay|> = 20s; }"), ["HA4140"]);
  });

  it("does not mix a property set with a defaults set of the same score (HA4140 is per section)", () => {
    const r = analyzeText(site("property score 5 { cluster-delay = 10s; }", "defaults score 5 { priority = 1; }", "property score 6 { cluster-delay = 20s; }"));
    expect(r.diagnostics).toEqual([]);
  });
});
