import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, hacc, HEADER } from "../helpers.js";

const R = "resource web ocf:heartbeat:Dummy on n1;\n";

describe("location statements: what the checker catches", () => {
  it("a comparison, a type or a typed value that is not one, and/or mixed in one rule (HA3070)", () => {
    expectAt(
      HEADER + R +
        "location a for web { rule 1 when cpus <|gtt|> 4; }\n" +
        "location b for web { rule 1 when cpus gt <|int|> 4; }\n" +
        "location c for web { rule 1 when cpus gt integer <|four|>; }\n" +
        "location d for web { rule 1 when defined a and defined b <|or|> defined c; }\n" +
        "location e for web { rule 1 when <|date gt 2025-01-01 to 2026-01-01|>; }\n",
      ["HA3070", "HA3070", "HA3070", "HA3070", "HA3070"],
    );
  });

  it("a group in parentheses: and/or mixed inside it, a bad test inside it, a group in a defaults rule (HA3070, HA3071, syntax)", () => {
    expectAt(
      HEADER + R +
        "location a for web { rule 1 when defined a and (defined b or defined c <|and|> defined d); }\n" +
        "location b for web { rule 1 when (defined a or (cpus <|gtt|> 4)) and defined b; }\n" +
        "location c for web { rule 1 when defined a or (date lt <|2025-13-01|>); }\n",
      ["HA3070", "HA3070", "HA3071"],
    );
    const ds = analyzeText(HEADER.replace("}", "  defaults when (date gt 2025-01-01) { priority = 1; }\n}") + R).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(["HA1003"]);
  });

  it("a location named as another's rule or group is HA2005: one id space, which crm_verify would refuse", () => {
    const ds = expectAt(HEADER + R + "location w for web { rule 1 when a eq 1 and (b eq 1 or c eq 1); }\nlocation <|w-rule-rule|> for web on n1 5;\nlocation <|w-rule|> for web { rule 1 when d eq 1; }\n", ["HA2005", "HA2005"]);
    expect(ds.map((d) => d.message)).toEqual([
      "the id `w-rule-rule` of constraint `w-rule-rule` is already taken by a rule or test of location `w`",
      "the id `w-rule` of constraint `w-rule` is already taken by a rule or test of location `w`",
    ]);
  });

  it("a group is a rule inside the rule, named as pcs names it: RULE-rule, RULE-rule-1, beside RULE-expr, RULE-expr-1", () => {
    const r = analyzeText(HEADER + R + 'location w for web {\n  rule 10 when "#uname" eq n1 and (defined a or defined b) and ((defined c));\n}\n');
    expect(r.diagnostics).toEqual([]);
    const loc = r.value.cib!.constraints.find((c) => c.id === "w");
    expect(loc && loc.kind === "location-rule" && loc.rules[0]).toEqual({
      id: "w-rule",
      score: "10",
      booleanOp: "and",
      expressions: [
        { kind: "expression", id: "w-rule-expr", attribute: "#uname", operation: "eq", value: "n1" },
        {
          kind: "rule",
          id: "w-rule-rule",
          booleanOp: "or",
          expressions: [
            { kind: "expression", id: "w-rule-rule-expr", attribute: "a", operation: "defined" },
            { kind: "expression", id: "w-rule-rule-expr-1", attribute: "b", operation: "defined" },
          ],
        },
        { kind: "rule", id: "w-rule-rule-1", expressions: [{ kind: "rule", id: "w-rule-rule-1-rule", expressions: [{ kind: "expression", id: "w-rule-rule-1-rule-expr", attribute: "c", operation: "defined" }] }] },
      ],
    });
  });

  it("a date Pacemaker cannot read (HA3071)", () => {
    expectAt(
      HEADER + R + 'location a for web { rule 1 when date lt <|2025-13-01|> or date gt <|"2025-01-01 25:00"|> or date in_range 2024-02-29 to 2025-W52-7; }\n',
      ["HA3071", "HA3071"],
    );
  });

  it("a date spec: its fields in Pacemaker's order, each with its range, in the rule's ids", () => {
    const r = analyzeText(HEADER + R + "location a for web { rule 1 when date spec weekdays 1-5 hours 9-16 minutes -30 years 2026- moon 0; }\n");
    expect(r.diagnostics).toEqual([]);
    const c = r.value.cib!.constraints.find((x) => x.id === "a");
    expect(c).toMatchObject({
      rules: [
        {
          expressions: [
            {
              kind: "date",
              id: "a-rule-expr",
              operation: "date_spec",
              spec: {
                id: "a-rule-expr-datespec",
                fields: [
                  { name: "years", range: "2026-" },
                  { name: "hours", range: "9-16" },
                  { name: "minutes", range: "-30" },
                  { name: "weekdays", range: "1-5" },
                  { name: "moon", range: "0" },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it("a date spec Pacemaker would read as no condition or as never met (HA3073)", () => {
    const ds = expectAt(
      HEADER + R +
        "location a for web { rule 1 when date spec hours <|24|>; }\n" +
        "location b for web { rule 1 when date spec <|hour|> 9; }\n" +
        "location c for web { rule 1 when date spec hours <|16-9|>; }\n" +
        "location d for web { rule 1 when date spec weekdays <|mon|>; }\n" +
        "location e for web { rule 1 when date spec hours 9 <|hours|> 10; }\n" +
        "location f for web { rule 1 when date spec hours 9 <|weekdays|>; }\n" +
        "location g for web { rule 1 when <|date spec|>; }\n" +
        "location h for web { rule 1 when date spec monthdays <|0-31|>; }\n",
      ["HA3073", "HA3073", "HA3073", "HA3073", "HA3073", "HA3073", "HA3073", "HA3073"],
    );
    expect(ds[0]!.message).toBe("`24` is not a range of `hours`: 24 is no value of `hours`, which runs 0-23, so it never matches");
    expect(ds[1]!.hint).toMatch(/^did you mean `hours`\?/);
  });

  it("a value after a date where none belongs (HA3070)", () => {
    expectAt(HEADER + R + "location a for web { rule 1 when date gt 2025-01-01 <|2026-01-01|>; }\n", ["HA3070"]);
  });

  it("a location of a resource set: its members resolved and named once, its lead a role, its other options ignored by Pacemaker", () => {
    const T = "resource db ocf:heartbeat:Dummy on n2;\n";
    const r = analyzeText(HEADER + R + T + "location both for (promoted web, db) on n1 100;\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.value.cib!.constraints.find((x) => x.id === "both")).toEqual({
      kind: "location", id: "both", rsc: "", node: "n1", score: "100", set: { id: "both-0", resources: ["web", "db"], role: "Promoted" },
    });
    expectAt(HEADER + R + T + "location a for (web, <|nope|>) on n1 100;\n", ["HA2002"]);
    expectAt(HEADER + R + T + "location a for (web, <|web|>) on n1 100;\n", ["HA2080"]);
    expectAt(HEADER + R + T + "location a for (web, db <|independent|>) on n1 100;\n", ["HA3082"]);
  });

  it("a role or a discovery mode that is none (HA3072), with a suggestion", () => {
    const ds = expectAt(HEADER + R + "location a for web <|Promted|> on n1 5;\nlocation b for web discovery <|exclusiv|> on n1 5;\n", ["HA3072", "HA3072"]);
    expect(ds.map((d) => d.hint)).toEqual([
      "did you mean `Promoted`? roles: Started, Promoted, Unpromoted, Master, Slave",
      "did you mean `exclusive`? resource-discovery modes: always, never, exclusive",
    ]);
  });

  it("unknown resources and nodes, a bad name, a name taken twice", () => {
    expectAt(
      HEADER + R +
        "location a for <|wbe|> on n1 5;\nlocation b for web on <|n9|> 5;\nlocation <|-c|> for web on n1 5;\n" +
        "location d for web on n2 5;\nlocation <|d|> for web on n3 5;\n",
      ["HA2002", "HA2001", "HA3005", "HA2005"],
    );
  });

  it("a resource that only a rule places is not 'can never run' in an opt-in cluster", () => {
    const r = analyzeText(HEADER + "resource web ocf:heartbeat:Dummy;\nlocation a for web { rule 100 when pingd gt 0; }\n");
    expect(r.diagnostics).toEqual([]);
    const role = analyzeText(HEADER + "resource web ocf:heartbeat:Dummy;\nlocation a for web Promoted on n1 100;\n");
    expect(role.diagnostics.map((d) => d.code).sort()).toEqual(["HA4006", "HA4070"]);
  });

  it("lowers to the IR as the CIB has it: rules, their ids, roles, discovery, boolean-op as written", () => {
    const r = analyzeText(
      HEADER + R +
        'location w for web discovery never {\n  rule Started 10 when "#uname" eq n1 or date in_range to 2030-01-01;\n  rule score-attribute pingd when defined pingd;\n}\n',
    );
    expect(r.diagnostics).toEqual([]);
    const loc = r.value.cib!.constraints.find((c) => c.id === "w");
    expect(loc).toEqual({
      kind: "location-rule",
      id: "w",
      rsc: "web",
      discovery: "never",
      rules: [
        {
          id: "w-rule",
          score: "10",
          role: "Started",
          booleanOp: "or",
          expressions: [
            { kind: "expression", id: "w-rule-expr", attribute: "#uname", operation: "eq", value: "n1" },
            { kind: "date", id: "w-rule-expr-1", operation: "in_range", end: "2030-01-01" },
          ],
        },
        { id: "w-rule-1", scoreAttribute: "pingd", expressions: [{ kind: "expression", id: "w-rule-1-expr", attribute: "pingd", operation: "defined" }] },
      ],
    });
  });
});

describe("`named ID` in an `on` list", () => {
  it("gives that entry's location the id; one that is no id is HA3005, one another constraint has is HA2005", () => {
    const r = analyzeText(HEADER + "resource web ocf:heartbeat:Dummy on n1 prefer 500 named location-web-n1-500;\n");
    expect(r.diagnostics).toEqual([]);
    expectAt(
      HEADER + R + "resource db ocf:heartbeat:Dummy on n1 named <|location-web-n1|>;\nresource f ocf:heartbeat:Dummy on n1 10 named <|\"1x\"|>;\n",
      ["HA2005", "HA3005"],
    );
  });
});

describe("an id the CIB would hold twice (HA2005): a name the site chose that hacc also writes for another element", () => {
  it("an op's id, the ownership tag's, the properties' set's: one HA2005 each, at the name; `hacc check` finds them as compile does", () => {
    const site =
      HEADER +
      "resource d ocf:heartbeat:Dummy { op monitor interval 10s; } on n1 50 named d-monitor-interval-10s;\n" +
      "resource e ocf:heartbeat:Dummy on n1 named hacc-c;\n" +
      "order d then e named cib-bootstrap-options;\n";
    const ds = analyzeText(site).diagnostics;
    expect(ds.map((d) => [d.code, d.span.line, d.message])).toEqual([
      ["HA2005", 5, "the id `d-monitor-interval-10s` is in the CIB twice: hacc also writes it for an element of `d` (an op, an attribute set, a rule)"],
      ["HA2005", 6, "the id `hacc-c` is in the CIB twice: hacc also writes it for the site's ownership tag"],
      ["HA2005", 7, "the id `cib-bootstrap-options` is in the CIB twice: hacc also writes it for the cluster properties' set"],
    ]);
    // A resource named as another's op.
    expect(analyzeText(HEADER + "resource d ocf:heartbeat:Dummy { op monitor interval 10s; } on n1;\nresource d-monitor-interval-10s ocf:heartbeat:Dummy on n2;\n").diagnostics.map((d) => [d.code, d.span.line])).toEqual([["HA2005", 6]]);
    const dir = mkdtempSync(join(tmpdir(), "hacc-ids-"));
    writeFileSync(join(dir, "s.ha"), site);
    const c = hacc(["check", join(dir, "s.ha")]);
    expect(c.code).toBe(1);
    expect(c.stderr.match(/error\[HA2005\]/g)).toHaveLength(3);
    // Without the names, nothing.
    expect(analyzeText(HEADER + "resource d ocf:heartbeat:Dummy { op monitor interval 10s; } on n1 50 named d-home;\n").diagnostics).toEqual([]);
  });
});
