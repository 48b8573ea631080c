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

  it("reports self-orders", () => {
    expectAt(HEADER + "resource a ocf:heartbeat:Dummy on n1;\n<|order a then a;|>\n", ["HA4005"]);
  });
});
