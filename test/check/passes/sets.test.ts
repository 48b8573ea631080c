import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

const RES = ["a", "b", "c", "d"].map((n) => `resource ${n} ocf:heartbeat:Dummy on n1;\n`).join("");
const PROMOTABLE = "resource s ocf:pacemaker:Stateful;\npromotable sc of s on n1, n2;\n";

/** The constraints a site compiles to, as the IR has them. */
function constraints(body: string) {
  const r = analyzeText(HEADER + RES + PROMOTABLE + body);
  expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return r.value.cib!.constraints.filter((c) => c.kind.endsWith("-set"));
}

describe("resource sets: order, colocate and ticket statements of sets", () => {
  it("gives each set its action or role, members and options, and ids from the members", () => {
    const [o, c, t] = constraints(
      "order (a) then (b, c independent require-any) then (promote sc) optional one-way;\n" +
        "colocate (a, b independent) with (Promoted sc) -500;\n" +
        "ticket T for (started a, b), (master sc) loss-policy demote;\n",
    );
    expect(o).toEqual({
      kind: "order-set", id: "order-set-a-b-c-sc", orderKind: "Optional", symmetrical: false,
      sets: [
        { id: "order-set-a-b-c-sc-0", resources: ["a"] },
        { id: "order-set-a-b-c-sc-1", resources: ["b", "c"], sequential: false, requireAll: false },
        { id: "order-set-a-b-c-sc-2", resources: ["sc"], action: "promote" },
      ],
    });
    expect(c).toEqual({
      kind: "colocation-set", id: "colocation-set-a-b-sc", score: "-500",
      sets: [
        { id: "colocation-set-a-b-sc-0", resources: ["a", "b"], sequential: false },
        { id: "colocation-set-a-b-sc-1", resources: ["sc"], role: "Promoted" },
      ],
    });
    // A role is written in any case and kept as the schema spells it (2.1's Master too).
    expect(t).toEqual({
      kind: "ticket-set", id: "ticket-T-set-a-b-sc", ticket: "T", lossPolicy: "demote",
      sets: [
        { id: "ticket-T-set-a-b-sc-0", resources: ["a", "b"], role: "Started" },
        { id: "ticket-T-set-a-b-sc-1", resources: ["sc"], role: "Master" },
      ],
    });
  });

  it("takes a single set, and a resource named like an option when commas say it is one", () => {
    const [o] = constraints("order (a, b, c sequential ordering listed);\n");
    expect(o!.kind === "order-set" && o!.sets).toEqual([{ id: "order-set-a-b-c-0", resources: ["a", "b", "c"], sequential: true, ordering: "listed" }]);
  });

  it("reports a resource named twice, in one set or two, at the second mention", () => {
    expectAt(HEADER + RES + "order (a, <|a|>) then (b);\n", ["HA2080"]);
    expectAt(HEADER + RES + "colocate (a, b) with (c, <|b|>);\n", ["HA2080"]);
  });

  it("reports unknown resources and resources inside a clone", () => {
    expectAt(HEADER + RES + "ticket T for (a, <|nope|>);\n", ["HA2002"]);
    expectAt(HEADER + RES + PROMOTABLE + "order (a) then (<|s|>);\n", ["HA2011"]);
  });

  it("reports a malformed set, an unknown or repeated option, a wrong action or role", () => {
    expectAt(HEADER + RES + "order (a) then (b <|c|>, d);\n", ["HA3080"]);
    // A comma missing before the last resource is the same mistake, one error, not an unknown option (rev #14).
    const [missing] = expectAt(HEADER + RES + "order (a <|b|>) then (c);\n", ["HA3080"]);
    expect(missing!.message).toBe("`b` follows `a` without a comma in a resource set");
    expect(missing!.hint).toMatch(/^write `a, b`/);
    expectAt(HEADER + RES + "ticket T for (a <|b|> independent);\n", ["HA3080"]);
    // A slip of an option is still one (did you mean), and a resource named like no option is a missing comma.
    expectAt(HEADER + RES + "order (a, b <|independant|>) then (c);\n", ["HA3081"]);
    expectAt(HEADER + RES + "order (a) then (b, c <|sequentail|>);\n", ["HA3081"]);
    expectAt(HEADER + RES + "order (a) then (b, c independent <|sequential|>);\n", ["HA3081"]);
    expectAt(HEADER + RES + "order (<|strat|> a) then (b);\n", ["HA3081"]);
    expectAt(HEADER + RES + "colocate (<|promted|> a) with (b);\n", ["HA3081"]);
    expectAt(HEADER + RES + "order (a) then (b) one-way <|symmetrical|>;\n", ["HA3061"]);
    expectAt(HEADER + RES + "order (a) then (b) <|require-any|>;\n", ["HA3081"]);
  });

  it("warns of an option Pacemaker ignores in a colocation's or ticket's set (HA3082)", () => {
    expectAt(HEADER + RES + "colocate (a, b <|require-all|>) with (c);\n", ["HA3082"]);
    expectAt(HEADER + RES + "ticket T for (a, b <|independent|>);\n", ["HA3082"]);
    expectAt(HEADER + RES + "order (a, b independent require-any) then (c);\ncolocate (a, b independent) with (c);\n", []);
  });

  it("holds a promoted role in a colocation set to a promotable clone (HA4060)", () => {
    expectAt(HEADER + RES + "colocate (a) with (<|promoted|> b);\n", ["HA4060"]);
  });

  it("reports a constraint id taken twice", () => {
    const ds = analyzeText(HEADER + RES + "order (a) then (b);\norder (a, b);\n").diagnostics;
    expect(ds.map((d) => d.code)).toEqual(["HA2005"]);
  });
});

describe("resource sets in the order-cycle check (HA4004)", () => {
  const cycles = (body: string) => analyzeText(HEADER + RES + body).diagnostics.map((d) => d.message);

  it("orders a sequential set's members one after another, and the last before the next set", () => {
    expect(cycles("order (a, b) then (c);\norder c then a;\n")).toEqual(["order cycle: start `a` -> start `b` -> start `c` -> start `a`"]);
    // b is ordered after a, not before: no cycle with `order b then c` and `order c then d`.
    expect(cycles("order (a, b) then (c, d);\norder b then d;\n")).toEqual([]);
  });

  it("orders every member of an independent set before the next set, and none among themselves", () => {
    expect(cycles("order (a, b independent) then (c);\norder c then b;\n")).toEqual(["order cycle: start `b` -> start `c` -> start `b`"]);
    expect(cycles("order (a, b independent);\norder b then a;\n")).toEqual([]);
  });

  it("takes the inverse of a symmetrical set order, and none of a one-way one", () => {
    expect(cycles("order (a) then (b);\norder stop a then stop b one-way;\n").length).toBe(1);
    expect(cycles("order (a) then (b) one-way;\norder stop a then stop b one-way;\n")).toEqual([]);
  });

  it("orders a require-any set's members before the next set too: a loop through one of them is a cycle", () => {
    expect(cycles("order (a, b independent require-any) then (c);\norder c then a;\n")).toEqual(["order cycle: start `a` -> start `c` -> start `a`"]);
  });

  it("names the set order in the cycle's notes", () => {
    const ds = analyzeText(HEADER + RES + "order (a, b) then (c);\norder c then a;\n").diagnostics;
    expect(ds[0]!.related!.map((r) => r.message)).toContain("the set order `order-set-a-b-c` (start `a` before start `b`) orders start `a` before start `b`");
  });
});
