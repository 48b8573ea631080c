import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";

// An order naming a tag or a template places nothing: Pacemaker turns the name into a resource set that is
// not sequential, so the other side waits for every member, and the members wait for nothing among
// themselves. crm_simulate (Pacemaker 2.1.5), `a` banned everywhere: a stopped, b on n1, f stopped, g on n2.
const SITE = `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
}
resource a ocf:heartbeat:Dummy on n1 -INFINITY, n2 -INFINITY;
resource b ocf:heartbeat:Dummy on n1 100;
resource f ocf:heartbeat:Dummy on n2 100;
resource g ocf:heartbeat:Dummy on n2 100;
tag t = a, b;
order t then f;
order b then g;
`;

type Row = { resource: string; predicted?: boolean; before: string[]; after: string[] };
const rows = (site: string, engine: string, fail = "n1"): Row[] => {
  const r = hacc(["simulate", "-", "--fail", fail, "--engine", engine, "--json"], { input: site });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { rows: Row[] }).rows;
};
const placed = (rs: Row[]) => rs.map((x) => `${x.resource}: ${x.predicted === false ? "not predicted" : `${x.before.join(" ") || "stopped"} -> ${x.after.join(" ") || "stopped"}`}`);

describe("an order naming a tag", () => {
  it("is predicted: its then side stops while a member runs nowhere, the members are not ordered among themselves", () => {
    expect(placed(rows(SITE, "hacc"))).toEqual(["a: stopped -> stopped", "b: n1 -> n2", "f: stopped -> stopped", "g: n2 -> n2"]);
    // With every member running, the order does not move its then side.
    const free = SITE.replace("on n1 -INFINITY, n2 -INFINITY", "on n1 100");
    expect(placed(rows(free, "hacc"))).toEqual(["a: n1 -> n2", "b: n1 -> n2", "f: n2 -> n2", "g: n2 -> n2"]);
    // A tag on the then side: each member waits for the first.
    const then = SITE.replace("order t then f;", "order f then t;").replace("on n1 -INFINITY, n2 -INFINITY", "on n1 100").replace("resource f ocf:heartbeat:Dummy on n2 100;", "resource f ocf:heartbeat:Dummy on n2 -INFINITY, n1 -INFINITY;");
    expect(placed(rows(then, "hacc"))).toEqual(["a: stopped -> stopped", "b: stopped -> stopped", "f: stopped -> stopped", "g: stopped -> stopped"]);
  });

  it.skipIf(!havePacemaker())("agrees with crm_simulate", { timeout: 120_000 }, () => {
    const then = SITE.replace("order t then f;", "order f then t;").replace("on n1 -INFINITY, n2 -INFINITY", "on n1 100").replace("resource f ocf:heartbeat:Dummy on n2 100;", "resource f ocf:heartbeat:Dummy on n2 -INFINITY, n1 -INFINITY;");
    for (const site of [SITE, SITE.replace("on n1 -INFINITY, n2 -INFINITY", "on n1 100"), then]) {
      expect(placed(rows(site, "hacc"))).toEqual(placed(rows(site, "pacemaker")));
    }
  });
});
