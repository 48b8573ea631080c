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

  it("refuses what crmsh would read back otherwise (HA5010)", () => {
    // Two bare sets with one action are one set to crmsh.
    expect(crm("order (a, b) then (c);")).toMatch(/^HA5010: .*would be one set in crmsh/);
    // crmsh drops an explicit sequential=true and require-all=true, and has no ordering.
    expect(crm("order (a, b, c sequential);")).toMatch(/^HA5010: .*says `sequential`, which crmsh drops/);
    expect(crm("order (a, b require-all) then (promote sc);")).toMatch(/^HA5010: .*says `require-all`, which crmsh drops/);
    expect(crm("colocate (a, b ordering listed) with (promoted sc);")).toMatch(/^HA5010: .*`ordering`/);
    // Two bare resources are a plain order or colocation to crmsh, one a plain ticket.
    expect(crm("order (a, b);")).toMatch(/^HA5010: .*two bare resources as a plain constraint/);
    expect(crm("order (a) then (promote sc);")).toMatch(/^HA5010: .*two bare resources/);
    expect(crm("ticket T for (started a);")).toMatch(/^HA5010: .*one bare resource as a plain constraint/);
  });
});
