import { describe, expect, it } from "vitest";
import { forecast } from "../../src/simulate/hacc.js";
import { TIED } from "../../src/simulate/hacc.js";
import { analyzeText } from "../helpers.js";

/** The rows of hacc's prediction for all up and after each host fails: resource -> after, or "not predicted". */
function runs(text: string) {
  const site = analyzeText(text).value.site!;
  const f = forecast(site, site.nodes.map((n) => [n]));
  const read = (rows: typeof f.first.rows) => Object.fromEntries(rows.map((r) => [r.resource, r.predicted === false ? "not predicted" : (r.after[0] ?? "stopped")]));
  return { first: read(f.first.rows), after: Object.fromEntries(site.nodes.map((n, i) => [n, read(f.runs[i]!.rows)])), f };
}

const ORDERED = (strategy: string) => `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
  property symmetric-cluster = false;
  ${strategy}
}
resource a ocf:pacemaker:Dummy on n1 prefer 100;
resource b ocf:pacemaker:Dummy on n2 prefer 100;
resource c ocf:pacemaker:Dummy on n2 prefer 100;
resource d ocf:pacemaker:Dummy on n2 prefer 100, n1 50;
resource e ocf:pacemaker:Dummy on n2 prefer 100;
order a then b;
order b then c;
order a then e optional;
colocate d with b INFINITY;
`;

describe("what a mandatory order keeps from starting (test/fidelity/cases/order-first-stopped.ha, as crm_simulate 2.1.5 does)", () => {
  for (const [name, strategy] of [
    ["without a placement-strategy", ""],
    ["under placement-strategy=utilization", "property placement-strategy = utilization;"],
  ] as const) {
    it(`stops what starts after a resource that runs nowhere, and what is colocated with it at INFINITY, ${name}`, () => {
      const r = runs(ORDERED(strategy));
      expect(r.first).toEqual({ a: "n1", b: "n2", c: "n2", d: "n2", e: "n2" });
      // n1 fails: a runs nowhere, so b cannot start, nor c after it, nor d with it; e's order is optional.
      expect(r.after["n1"]).toEqual({ a: "stopped", b: "stopped", c: "stopped", d: "stopped", e: "n2" });
      // n2 fails: b has no node left, and d (with b at INFINITY) none either.
      expect(r.after["n2"]).toEqual({ a: "n1", b: "stopped", c: "stopped", d: "stopped", e: "stopped" });
      const b = r.f.runs[0]!.rows.find((row) => row.resource === "b")!;
      expect(b.why).toBe("a mandatory order starts it after a, which runs nowhere");
    });
  }
});

describe("a choice Pacemaker makes in its hash table's order", () => {
  // Neither node has room for r1 and r2 together: Pacemaker prefers the one with most free room,
  // and h1 and h2 have the same, so which it takes is the order it walks its node table in.
  const TIE = `cluster c {
  nodes h1, h2;
  property stonith-enabled = false;
  property symmetric-cluster = false;
  property placement-strategy = utilization;
  utilization h1 memory = 4;
  utilization h2 memory = 4;
}
resource r0 ocf:pacemaker:Dummy { utilization memory = 1; } on h1 prefer 10, h2 10;
resource r1 ocf:pacemaker:Dummy { utilization memory = 3; } on h1 prefer 100, h2 100;
resource r2 ocf:pacemaker:Dummy { utilization memory = 2; } on h1 prefer 100, h2 100;
colocate r2 with r1 INFINITY;
`;
  it("is reported as not predicted, with the reason, for what is placed from then on", () => {
    const r = runs(TIE);
    // r1 (highest scores) is placed first, then r2 with it, then r0 into what room is left.
    expect(r.first).toEqual({ r0: "not predicted", r1: "not predicted", r2: "not predicted" });
    const row = r.f.first.rows.find((x) => x.resource === "r1")!;
    expect(row.why).toBe(TIED);
    expect(r.f.first.notes.join("\n")).toContain("hacc does not predict r0, r1, r2 in this run");
  });

  it("is not doubted where one node has more room than each other", () => {
    const r = runs(TIE.replace("utilization h2 memory = 4;", "utilization h2 memory = 5;"));
    expect(r.first["r1"]).toBe("h2");
    expect(r.first["r2"]).toBe("h2");
  });
});

describe("a colocation by a node attribute, or without influence (not modelled)", () => {
  const SITE = (option: string) => `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
  property symmetric-cluster = false;
}
resource a ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
resource b ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
resource d ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
resource x ocf:pacemaker:Dummy on n2 prefer 100;
colocate a with b -100 ${option};
colocate d with a;
`;
  for (const option of ["node-attribute rack", "influence false"]) {
    it(`reports both resources of \`${option}\` and what follows them as not predicted, and the rest as before`, () => {
      const r = runs(SITE(option));
      expect(r.first).toEqual({ a: "not predicted", b: "not predicted", d: "not predicted", x: "n2" });
      expect(runs(SITE("")).first).toEqual({ a: "n2", b: "n1", d: "n2", x: "n2" });
    });
  }
});
