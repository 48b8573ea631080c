import { describe, expect, it } from "vitest";
import { hacc } from "../helpers.js";

const SITE = `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
  property symmetric-cluster = false;
}
resource a ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
resource b ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
resource c ocf:pacemaker:Dummy on n2 prefer 100, n1 50;
resource d ocf:pacemaker:Dummy on n2 prefer 100, n1 50;
tag t = a, b;
colocate d with t;
`;

describe("the placement model and tags", () => {
  it("reports what a constraint naming a tag names (the tag's members and the constraint's other resources) as not predicted", () => {
    const r = hacc(["simulate", "-", "--fail", "n1", "--engine", "hacc", "--json"], { input: SITE });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { resource: string; predicted?: boolean; after: string[] }[];
    expect(rows.filter((x) => x.predicted === false).map((x) => x.resource).sort()).toEqual(["a", "b", "d"]);
    expect(rows.find((x) => x.resource === "c")!.after).toEqual(["n2"]);
  });

  it("a tag no constraint names changes nothing: all are predicted", () => {
    const r = hacc(["simulate", "-", "--fail", "n1", "--engine", "hacc", "--json"], { input: SITE.replace("colocate d with t;\n", "") });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { resource: string; predicted?: boolean; after: string[] }[];
    expect(rows.filter((x) => x.predicted === false)).toEqual([]);
    expect(rows.find((x) => x.resource === "a")!.after).toEqual(["n2"]);
  });
});
