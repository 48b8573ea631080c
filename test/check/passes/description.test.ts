import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

describe("description \"TEXT\"; (HA3132)", () => {
  it("puts the text on the primitive, group and clone as written, and leaves a parameter named description a parameter", () => {
    const r = analyzeText(
      HEADER +
        'resource a ocf:heartbeat:Dummy { description "A & \\"b\\""; description2 = x; } on n1;\n' +
        'resource b ocf:heartbeat:Dummy { description = "a parameter"; }\n' +
        'group g b { description word; } on n1;\n' +
        "resource c ocf:heartbeat:Dummy;\nclone cc of c { description \"every node\"; } on n1, n2;\n",
    );
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const cib = r.value.cib!;
    const a = cib.resources.find((x) => x.id === "a")!;
    expect(a.kind === "primitive" && a.description).toBe('A & "b"');
    const g = cib.resources.find((x) => x.id === "g")!;
    expect(g.kind === "group" && [g.description, g.children[0]!.description, g.children[0]!.instance?.pairs.map((p) => p.name)]).toEqual(["word", undefined, ["description"]]);
    const cc = cib.resources.find((x) => x.id === "cc")!;
    expect(cc.kind === "clone" && cc.description).toBe("every node");
  });

  it("reports a second description in one block, at the second", () => {
    expectAt(HEADER + 'resource a ocf:heartbeat:Dummy { description "x"; <|description "y";|> } on n1;\n', ["HA3132"]);
  });

  it("is not an item of guest-defaults", () => {
    const r = analyzeText(HEADER.replace("}", '  guest-defaults { description "x"; }\n}'));
    expect(r.diagnostics.map((d) => d.code)).toContain("HA1005");
  });
});
