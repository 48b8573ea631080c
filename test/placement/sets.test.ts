import { describe, expect, it } from "vitest";
import { hacc } from "../helpers.js";

const SITE = `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
  property symmetric-cluster = false;
}
resource a ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
resource b ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
resource c ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
resource d ocf:pacemaker:Dummy on n2 prefer 100, n1 50;
resource e ocf:pacemaker:Dummy on n2 prefer 100, n1 50;
resource f ocf:pacemaker:Dummy on n2 prefer 100, n1 50;
colocate (a, b independent) with (c) -INFINITY;
colocate e with a;
ticket T for (f);
`;

describe("the placement model and resource sets", () => {
  it("does not predict the members of a colocation of sets, nor what is colocated with one; a ticket on a set is taken as granted", () => {
    const r = hacc(["simulate", "-", "--fail", "n1", "--engine", "hacc", "--json"], { input: SITE });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { resource: string; predicted?: boolean; after: string[] }[];
    expect(rows.filter((x) => x.predicted === false).map((x) => x.resource)).toEqual(["a", "b", "c", "e"]);
    expect(rows.find((x) => x.resource === "d")!.after).toEqual(["n2"]);
    expect(rows.find((x) => x.resource === "f")!.after).toEqual(["n2"]);
    const why = Object.fromEntries(rows.filter((x) => x.predicted === false).map((x) => [x.resource, (x as { why?: string }).why]));
    expect(why.a).toBe("it is in a resource set of `colocation-set-a-b-c`, which hacc does not expand");
    expect(why.e).toBe("a colocation or mandatory order ties it to `a`, which is not predicted: it is in a resource set of `colocation-set-a-b-c`, which hacc does not expand");
  });

  it("does not predict the members of an order of sets", () => {
    const r = hacc(["simulate", "-", "--fail", "n1", "--engine", "hacc", "--json"], { input: SITE.replace("colocate (a, b independent) with (c) -INFINITY;", "order (c) then (a, b independent);") });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { resource: string; predicted?: boolean }[];
    expect(rows.filter((x) => x.predicted === false).map((x) => x.resource)).toEqual(["a", "b", "c", "e"]);
  });
});
