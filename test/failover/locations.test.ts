import { describe, expect, it } from "vitest";
import { hacc } from "../helpers.js";

/** A location hacc's model cannot evaluate leaves its resource unpredicted, never mispredicted. */
const SITE = `cluster c {
  nodes n1, n2;
  property stonith-enabled = false;
}
resource a ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
resource b ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
location b-away for b {
  rule -INFINITY when "#uname" eq n1;
}
resource c ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
location c-only for c discovery exclusive on n2 10;
resource d ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
location d-role for d Unpromoted on n1 -INFINITY;
resource e ocf:pacemaker:Dummy on n1 prefer 100, n2 50;
location e-never for e discovery never on n1 -INFINITY;
location e-promoted for e Promoted on n2 1000;
`;

describe("hacc's prediction and location statements", () => {
  it("does not predict a resource placed by a rule or exclusive resource-discovery; reads a role and discovery never as Pacemaker does", () => {
    const r = hacc(["simulate", "-", "--fail", "n2", "--engine", "hacc", "--json"], { input: SITE });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows as { resource: string; change: string; before: string[]; after: string[] }[];
    expect(rows.map((x) => [x.resource, x.change])).toEqual([
      ["a", "unchanged"],
      ["b", "unknown"],
      ["c", "unknown"],
      ["d", "stopped"],
      ["e", "stopped"],
    ]);
    expect(rows.find((x) => x.resource === "b")!.before).toEqual([]);
    // Unpromoted applies to a primitive as if no role were given; Promoted never does; discovery never still bans.
    expect(rows.find((x) => x.resource === "d")!.before).toEqual(["n2"]);
    expect(rows.find((x) => x.resource === "e")!.before).toEqual(["n2"]);
  });
});
