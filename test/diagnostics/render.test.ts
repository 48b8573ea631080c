import { describe, expect, it } from "vitest";
import { analyze } from "../../src/compile.js";
import { renderAll } from "../../src/diagnostics/render.js";
import type { Source } from "../../src/diagnostics/span.js";
import { stdlib } from "../helpers.js";

describe("rendering many diagnostics", () => {
  // 2,000 orders between resources that do not exist: 4,000 errors in one file.
  const n = 2000;
  const text = "cluster c { nodes n1, n2; }\n" + Array.from({ length: n }, (_, i) => `order a${i} then b${i};\n`).join("");

  it("reads each source's text once, not once per diagnostic (which made 140,000 errors take minutes)", () => {
    let reads = 0;
    const site: Source = {
      file: "many.ha",
      get text() {
        reads++;
        return text;
      },
    };
    const r = analyze(stdlib(), [{ file: site.file, text }]);
    expect(r.diagnostics.filter((d) => d.code === "HA2002")).toHaveLength(2 * n);
    const out = renderAll(r.diagnostics, new Map([[site.file, site]]));
    expect(reads).toBe(1);
    // Every error still shows its own line with a caret under the name.
    expect(out).toContain(`  --> many.ha:${n + 1}:7\n`);
    expect(out).toContain(`${n + 1} | order a${n - 1} then b${n - 1};\n`);
    expect(out.endsWith(`\n${2 * n} errors\n`)).toBe(true);
  });
});
