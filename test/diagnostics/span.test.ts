import { describe, expect, it } from "vitest";
import { SourceLines } from "../../src/diagnostics/span.js";

describe("SourceLines", () => {
  const at = (text: string, start: number, end: number) => {
    const s = new SourceLines("f.ha", text).span(start, end);
    return `${s.file}:${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
  };

  it("counts \\n, \\r\\n and a lone \\r as line breaks, as the lexer does", () => {
    const text = "ab\ncd\r\nef\rgh";
    expect(["a", "c", "e", "g"].map((ch) => at(text, text.indexOf(ch), text.indexOf(ch) + 2))).toEqual([
      "f.ha:1:1-1:3",
      "f.ha:2:1-2:3",
      "f.ha:3:1-3:3",
      "f.ha:4:1-4:3",
    ]);
  });

  it("gives a span over a line break the line and column of its last character", () => {
    expect(at("abc\ndef", 1, 6)).toBe("f.ha:1:2-2:3");
  });

  it("reads the same lines with and without carriage returns", () => {
    const lf = Array.from({ length: 500 }, (_, i) => `line ${i}`).join("\n");
    const crlf = lf.replace(/\n/g, "\r\n");
    const a = new SourceLines("a", lf);
    const b = new SourceLines("b", crlf);
    for (const n of [1, 2, 250, 500]) {
      expect(a.lineOf(lf.indexOf(`line ${n - 1}`))).toBe(n);
      expect(b.lineOf(crlf.indexOf(`line ${n - 1}`))).toBe(n);
    }
  });
});
