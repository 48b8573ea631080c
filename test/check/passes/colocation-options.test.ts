import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

const SITE = HEADER + "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1, n2;\n";

describe("a colocation's node-attribute and influence (HA3130, HA3131)", () => {
  it("takes a node attribute's name (Pacemaker's own as a string) and a boolean, in either order, after the score or without one", () => {
    for (const line of [
      "colocate a with b node-attribute rack;",
      "colocate a with b -50 influence false node-attribute rack;",
      'colocate a with b INFINITY node-attribute "#uname" influence yes;',
      "colocate a with b influence 0;",
    ]) {
      expect(analyzeText(`${SITE}${line}\n`).diagnostics, line).toEqual([]);
    }
  });

  it("puts them on the constraint as written", () => {
    const r = analyzeText(`${SITE}colocate a with b -50 influence No node-attribute rack;\n`);
    expect(r.value.cib?.constraints.find((c) => c.kind === "colocation")).toMatchObject({ id: "colocation-a-b", score: "-50", nodeAttribute: "rack", influence: "No" });
  });

  it("reports an option written twice, at the second", () => {
    expectAt(`${SITE}colocate a with b node-attribute rack <|node-attribute|> site;\n`, ["HA3130"]);
    expectAt(`${SITE}colocate a with b influence true <|influence|> false;\n`, ["HA3130"]);
  });

  it("reports a value that is not a boolean or not a node attribute's name, at the value", () => {
    expectAt(`${SITE}colocate a with b influence <|sometimes|>;\n`, ["HA3131"]);
    expectAt(`${SITE}colocate a with b node-attribute <|"rack site"|>;\n`, ["HA3131"]);
  });
});
