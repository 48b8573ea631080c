import { describe, expect, it } from "vitest";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { analyzeText, HEADER } from "../helpers.js";

const RES = ["a", "b", "c"].map((n) => `resource ${n} ocf:heartbeat:Dummy on n1;\n`).join("") + "resource s ocf:pacemaker:Stateful;\npromotable sc of s on n1, n2;\n";

/** The crmsh line of the site's one set constraint, or the HA5010 message. */
function crm(statement: string): string {
  const r = analyzeText(HEADER + RES + statement + "\n");
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const out = emitCrmsh(r.value.cib!, { ownerTag: null });
  const d = out.diagnostics.find((x) => x.code === "HA5010");
  if (d) return `HA5010: ${d.message}`;
  return out.value.split("\n").find((l) => /^(order|colocation|rsc_ticket) \S+-set-/.test(l)) ?? "";
}

describe("crmsh target: resource sets", () => {
  it("writes the sets crmsh reads back as they are (checked with crm configure load update: test/pacemaker/equivalence.test.ts)", () => {
    expect(crm("order (a) then (b, c independent) then (promote sc);")).toBe("order order-set-a-b-c-sc Mandatory: a ( b c ) sc:promote");
    expect(crm("order (a) then (b, c independent require-any) optional one-way;")).toBe("order order-set-a-b-c Optional: a [ b c ] symmetrical=false");
    expect(crm("order (a, b require-any) then (c);")).toBe("order order-set-a-b-c Mandatory: [ a b sequential=true ] c");
    expect(crm("colocate (a, b independent) with (promoted sc) 100;")).toBe("colocation colocation-set-a-b-sc 100: ( a b ) sc:Promoted");
    expect(crm("ticket T for (started a, b), (promoted sc) loss-policy demote;")).toBe("rsc_ticket ticket-T-set-a-b-sc T: a:Started b:Started sc:Promoted loss-policy=demote");
    expect(crm("order (a, b, c);")).toBe("order order-set-a-b-c Mandatory: a b c");
  });

  it("writes the sets crmsh 4.4 reads back only through its own idioms (rev #9)", () => {
    // Two bare sets with one action would be one set: the second is bracketed with sequential=true, a set without attributes.
    expect(crm("order (a, b) then (c);")).toBe("order order-set-a-b-c Mandatory: a b ( c sequential=true )");
    expect(crm("colocate (started a) with (started b, c);")).toBe("colocation colocation-set-a-b-c INFINITY: a:Started ( b:Started c:Started sequential=true )");
    // Two bare resources (one, in a ticket) would be crmsh's plain constraint: its own `_rsc_set_` keeps them a set.
    expect(crm("order (a, b);")).toBe("order order-set-a-b Mandatory: _rsc_set_ a b");
    expect(crm("order (a) then (promote sc);")).toBe("order order-set-a-sc Mandatory: _rsc_set_ a sc:promote");
    expect(crm("colocate (a, b);")).toBe("colocation colocation-set-a-b INFINITY: _rsc_set_ a b");
    expect(crm("ticket T for (started a);")).toBe("rsc_ticket ticket-T-set-a T: _rsc_set_ a:Started");
    expect(crm("ticket T for (a), (b) loss-policy stop;")).toBe("rsc_ticket ticket-T-set-a-b T: a ( b sequential=true ) loss-policy=stop");
  });

  it("refuses only what crmsh cannot store (HA5010), every problem of a constraint, each with a hint that leads nowhere else", () => {
    // crmsh never stores sequential="true" nor require-all="true", and has no ordering.
    expect(crm("order (a, b, c sequential);")).toMatch(/^HA5010: .*says `sequential`, which crmsh never stores/);
    expect(crm("order (a, b require-all) then (promote sc);")).toMatch(/^HA5010: .*says `require-all`, which crmsh never stores/);
    expect(crm("colocate (a, b ordering listed) with (promoted sc);")).toMatch(/^HA5010: .*`ordering`/);
    const r = analyzeText(HEADER + RES + "colocate (a, b sequential ordering listed) with (promoted sc);\n");
    const ds = emitCrmsh(r.value.cib!, { ownerTag: null }).diagnostics;
    expect(ds.map((d) => d.code)).toEqual(["HA5010", "HA5010"]);
    // Following a hint gives a site that checks without warnings (no HA3082) and that crmsh can write.
    expect(ds[0]!.hint).toMatch(/^leave `sequential` out of the set/);
    expect(ds[1]!.hint).toMatch(/^leave `ordering` out of the set/);
    const fixed = analyzeText(HEADER + RES + "colocate (a, b) with (promoted sc);\n");
    expect(fixed.diagnostics).toEqual([]);
    expect(emitCrmsh(fixed.value.cib!, { ownerTag: null }).diagnostics).toEqual([]);
  });
});
