import { describe, expect, it } from "vitest";
import { constraintRefs } from "../../src/ir/constraints.js";
import { analyzeText, HEADER } from "../helpers.js";

const SYM = "cluster c {\n  nodes n1, n2;\n}\n";

describe("IR constraints", () => {
  it("names the resources each kind of constraint refers to", () => {
    const r = analyzeText(
      SYM + "guest g on n1;\nlwfsd on g after vm;\nresource a ocf:heartbeat:Dummy on n2 -50;\ncolocate a with vm-g -100;\n",
    );
    expect(r.value.cib!.constraints.map((c) => [c.kind, constraintRefs(c)])).toEqual([
      ["location", ["vm-g"]],
      ["location", ["lwfsd-g"]],
      ["location-rule", ["lwfsd-g"]],
      ["order", ["vm-g", "lwfsd-g"]],
      ["location", ["a"]],
      ["colocation", ["a", "vm-g"]],
    ]);
  });

  it("are made by the checker with the statement they come from, and lowered as they are", () => {
    const r = analyzeText(HEADER + "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\norder a then b;\n");
    const { site, cib } = r.value;
    expect(site!.constraints.map((c) => c.origin.line)).toEqual([5, 6, 7]);
    expect(cib!.constraints).toEqual(site!.constraints.map((c) => c.constraint));
    expect(cib!.constraints.every((c, i) => c === site!.constraints[i]!.constraint)).toBe(true);
  });
});
