import { describe, expect, it } from "vitest";
import { analyzeText, expectAt } from "../../helpers.js";

/** A cluster block with `lines` inside, and one resource. */
const site = (...lines: string[]) => `cluster c {\n  nodes n1, n2;\n${lines.map((l) => `  ${l}\n`).join("")}}\nresource d ocf:pacemaker:Dummy on n1;\n`;

describe("defaults sets chosen by a rule or ranked by a score (HA3140, HA4140, HA4141)", () => {
  it("lowers each block to a set of its own, after the plain set, with pcs's ids and the rule's score INFINITY", () => {
    const r = analyzeText(site("defaults priority = 1;", "defaults score 10 when resource ocf:pacemaker:Dummy or date gt 2026-01-01 { is-managed = false; }", "op-defaults when op monitor interval 10s { timeout = 8s; }"));
    expect(r.diagnostics).toEqual([]);
    expect(r.value.cib?.rscDefaults?.pairs.map((p) => p.name)).toEqual(["priority"]);
    expect(r.value.cib?.rscDefaultSets).toEqual([
      {
        id: "rsc-options-1",
        score: "10",
        rule: {
          id: "rsc-options-1-rule",
          score: "INFINITY",
          booleanOp: "or",
          expressions: [
            { kind: "rsc", id: "rsc-options-1-rule-expr", standard: "ocf", provider: "pacemaker", type: "Dummy" },
            { kind: "date", id: "rsc-options-1-rule-expr-1", operation: "gt", start: "2026-01-01" },
          ],
        },
        pairs: [{ id: "rsc-options-1-is-managed", name: "is-managed", value: "false" }],
      },
    ]);
    expect(r.value.cib?.opDefaultSets?.[0]?.rule?.expressions).toEqual([{ kind: "op", id: "op-options-1-rule-expr", name: "monitor", interval: "10s" }]);
  });

  it("leaves a part of an agent pattern empty to match any, and takes a score alone", () => {
    const r = analyzeText(site("defaults when resource stonith::fence_xvm { priority = 5; }", "op-defaults score -5 { timeout = 9s; }"));
    expect(r.diagnostics).toEqual([]);
    expect(r.value.cib?.rscDefaultSets?.[0]?.rule?.expressions).toEqual([{ kind: "rsc", id: "rsc-options-1-rule-expr", standard: "stonith", type: "fence_xvm" }]);
    expect(r.value.cib?.opDefaultSets?.[0]).toEqual({ id: "op-options-1", score: "-5", pairs: [{ id: "op-options-1-timeout", name: "timeout", value: "9s" }] });
  });

  it("refuses an op test in resource defaults and resource or op tests in a location, at the test", () => {
    expectAt(site("defaults when <|op monitor|> { timeout = 30s; }"), ["HA3140"]);
    expectAt(`${site()}location l for d {\n  rule 10 when <|resource ocf:pacemaker:Dummy|>;\n}\n`, ["HA3070"]);
  });

  it("refuses a bad agent pattern, interval, score, mixed boolean operators, a name set twice, and a block without when or score", () => {
    expectAt(site("defaults when resource <|ocf:pacemaker|> { priority = 1; }"), ["HA3140"]);
    expectAt(site("op-defaults when op monitor interval <|soon|> { timeout = 1s; }"), ["HA3140"]);
    expectAt(site("defaults score <|high|> { priority = 1; }"), ["HA3001"]);
    expectAt(site("defaults when date gt 2026-01-01 and date lt 2027-01-01 <|or|> date gt 2028-01-01 { priority = 1; }"), ["HA3140"]);
    expectAt(site("defaults score 1 { priority = 1; <|priority|> = 2; }"), ["HA3140"]);
    expectAt(site("<|defaults { priority = 1; }|>"), ["HA3140"]);
    expectAt(site("defaults <|scor|> 10 { priority = 1; }"), ["HA3140"]);
    expectAt(site("op-defaults when op monitor <|every|> 10s { timeout = 1s; }"), ["HA3140"]);
  });

  it("warns of two blocks of one score setting one name (the later wins), not of blocks on different ops", () => {
    expectAt(site("defaults when resource ocf:pacemaker:Dummy { priority = 1; }", "defaults when date gt 2026-01-01 { <|priority|> = 2; }"), ["HA4140"]);
    expect(analyzeText(site("defaults score 1 when resource ocf:pacemaker:Dummy { priority = 1; }", "defaults when date gt 2026-01-01 { priority = 2; }")).diagnostics).toEqual([]);
    expect(analyzeText(site("op-defaults when op start { timeout = 1s; }", "op-defaults when op stop { timeout = 2s; }")).diagnostics).toEqual([]);
  });

  it("warns that a resource test without a provider matches no OCF agent on Pacemaker 2.1", () => {
    expectAt(site('defaults when resource <|"::IPaddr2"|> { priority = 5; }'), ["HA4142"]);
    expectAt(site("defaults when resource <|ocf::|> { priority = 5; }"), ["HA4142"]);
  });

  it("warns that a node attribute test in defaults never holds", () => {
    expectAt(site('defaults when <|"#uname"|> eq n1 { target-role = Stopped; }'), ["HA4141"]);
    expectAt(site("op-defaults when defined <|rack|> { timeout = 1s; }"), ["HA4141"]);
  });
});
