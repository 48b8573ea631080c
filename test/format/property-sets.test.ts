import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/format/index.js";

async function fmt(text: string): Promise<string> {
  const r = await formatSource({ file: "in.ha", text });
  if (r.value === undefined) throw new Error(`does not parse: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return r.value;
}

describe("hacc fmt: property blocks", () => {
  it("lays a property block out as a defaults block, one pair a line, beside plain properties", async () => {
    const messy = "cluster c {\nnodes n1,n2;\n   property   score 5   when date gt 2026-01-01 or date lt 2000-01-01 {   cluster-delay=10s ;batch-limit = 3;}\nproperty a-b = 1;\n}\n";
    const want = [
      "cluster c {",
      "  nodes n1, n2;",
      "  property score 5 when date gt 2026-01-01 or date lt 2000-01-01 {",
      "    cluster-delay = 10s;",
      "    batch-limit = 3;",
      "  }",
      "  property a-b = 1;",
      "}",
      "",
    ].join("\n");
    expect(await fmt(messy)).toBe(want);
    expect(await fmt(want)).toBe(want);
  });

  it("lays a node's set out as a defaults block, its node after the word, its head on one line", async () => {
    const messy = "cluster c {\nnodes n1,n2;\n attributes   n1 score 5 when date gt 2001-01-01 named x {pref=100 ;rack = 2;}\nutilization n1   when date gt 2001-01-01{cap=1;}\n}\n";
    const want = [
      "cluster c {",
      "  nodes n1, n2;",
      "  attributes n1 score 5 when date gt 2001-01-01 named x {",
      "    pref = 100;",
      "    rack = 2;",
      "  }",
      "  utilization n1 when date gt 2001-01-01 {",
      "    cap = 1;",
      "  }",
      "}",
      "",
    ].join("\n");
    expect(await fmt(messy)).toBe(want);
    expect(await fmt(want)).toBe(want);
  });
});
