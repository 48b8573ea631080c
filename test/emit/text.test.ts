import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { writeAtomic } from "../../src/cli/io.js";
import { analyze } from "../../src/compile.js";
import { EMITTERS } from "../../src/emit/index.js";
import { emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import { TextBuilder } from "../../src/emit/text.js";
import type { Cib } from "../../src/ir/types.js";
import { stdlib } from "../helpers.js";

const EMPTY: Cib = { clusterName: "c", nodes: ["n1"], properties: { id: "cib-bootstrap-options", pairs: [] }, resources: [], constraints: [] };

describe("the emitters' text builder", () => {
  it("writes the same text across its chunk boundaries as one join of the lines", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => ({ depth: i % 5, text: `line ${i}` }));
    const b = new TextBuilder();
    b.append("head\n");
    for (const l of lines) b.line(l.depth, l.text);
    expect(b.text()).toBe("head\n" + lines.map((l) => "  ".repeat(l.depth) + l.text).join("\n") + "\n");
  });

  it("keeps the output of a site with nothing to configure", () => {
    // crmsh: one empty line; pcs: an empty line as the body of configure().
    expect(emitCrmsh(EMPTY, {}).value).toBe("\n");
    expect(emitPcs(EMPTY, {}).value).toContain("configure() {\n  :\n\n}\n");
  });
});

describe("writeAtomic", () => {
  it("writes text longer than its slice whole, without splitting a surrogate pair", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-write-"));
    const slice = 1 << 20;
    for (const pad of [slice - 1, slice, slice + 1]) {
      const text = "a".repeat(pad) + "😀ü€" + "b".repeat(slice) + "😀".repeat(slice / 2 + 3);
      const path = join(dir, `out-${pad}`);
      writeAtomic(path, text);
      expect(readFileSync(path).equals(Buffer.from(text, "utf8"))).toBe(true);
    }
  });
});

describe("an emitter with a sink", () => {
  it("hands over, chunk by chunk, exactly the text it would return, and returns none", () => {
    // 300 guests: a few thousand lines, so the text crosses several chunks.
    const cib = analyze(stdlib(), [{ file: "s.ha", text: generateSite({ guests: 300 }).text }]).value.cib!;
    for (const emit of Object.values(EMITTERS)) {
      for (const full of [false, true]) {
        const whole = emit(cib, { full, sourceName: "s.ha" });
        const chunks: string[] = [];
        const streamed = emit(cib, { full, sourceName: "s.ha", sink: (c) => chunks.push(c) });
        expect(streamed.value).toBe("");
        expect(chunks.length).toBeGreaterThan(1);
        expect(chunks.join("")).toBe(whole.value);
        expect(streamed.diagnostics).toEqual(whole.diagnostics);
      }
    }
  });
});
