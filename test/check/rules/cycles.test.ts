import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

describe("cycles: order cycles (HA4004, HA4005)", () => {
  it("reports the cycle's members in order and nothing outside it", () => {
    const ds = analyzeText(
      HEADER +
        ["x", "a", "b", "c", "y"].map((n) => `resource ${n} ocf:heartbeat:Dummy on n1;\n`).join("") +
        "order x then a;\norder a then b;\norder b then c;\norder c then a;\norder c then y;\n",
    ).diagnostics;
    expect(ds.map((d) => d.message)).toEqual(["order cycle: start `a` -> start `b` -> start `c` -> start `a`"]);
    expect(ds[0]!.related?.map((r) => r.span.line)).toEqual([11, 12]);
  });

  it("counts the orders `after vm` implies", () => {
    const ds = analyzeText(HEADER + "guest g on n1;\nlwfsd on g after vm;\norder lwfsd-g then vm-g;\n").diagnostics;
    expect(ds.map((d) => d.message)).toEqual(["order cycle: start `lwfsd-g` -> start `vm-g` -> start `lwfsd-g`"]);
  });

  it("follows Pacemaker's own start before promote within a resource", () => {
    const ds = analyzeText(
      HEADER + "resource s ocf:pacemaker:Stateful;\npromotable sc of s on n1, n2;\nresource a ocf:heartbeat:Dummy on n1;\norder promote sc then a;\norder a then sc;\n",
    ).diagnostics;
    expect(ds.map((d) => d.message)).toEqual(["order cycle: start `a` -> start `sc` -> promote `sc` -> start `a`"]);
    expect(ds[0]!.hint).toContain("Pacemaker itself orders start `sc` before promote `sc`");
  });

  it("takes no inverse from a one-way order, nor from a serialize order even when it says symmetrical (Pacemaker ignores that)", () => {
    const two = "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\n";
    // Symmetrical, `order a then b` stops b before a: with `order stop a then stop b` that is a cycle.
    expect(analyzeText(HEADER + two + "order a then b;\norder stop a then stop b one-way;\n").diagnostics.map((d) => d.code)).toEqual(["HA4004"]);
    expect(analyzeText(HEADER + two + "order a then b one-way;\norder stop a then stop b one-way;\n").diagnostics).toEqual([]);
    expectAt(HEADER + two + "order a then b serialize <|symmetrical|>;\norder stop a then stop b one-way;\n", ["HA3060"]);
  });

  it("inverts promote to demote: a one-way promote order leaves the demotes unordered", () => {
    const site = HEADER + "resource s ocf:pacemaker:Stateful;\npromotable sc of s on n1, n2;\nresource t ocf:pacemaker:Stateful;\npromotable tc of t on n1, n2;\n";
    expect(analyzeText(site + "order promote sc then promote tc;\norder demote sc then demote tc;\n").diagnostics.map((d) => d.code)).toEqual(["HA4004"]);
    expect(analyzeText(site + "order promote sc then promote tc;\norder demote sc then demote tc one-way;\n").diagnostics.map((d) => d.code)).toEqual(["HA4004"]);
    expect(analyzeText(site + "order promote sc then promote tc one-way;\norder demote sc then demote tc one-way;\n").diagnostics).toEqual([]);
  });

  it("reports self-orders", () => {
    expectAt(HEADER + "resource a ocf:heartbeat:Dummy on n1;\n<|order a then a;|>\n", ["HA4005"]);
  });
});
