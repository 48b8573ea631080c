import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { parse, parseChunked } from "../../src/ast/parse.js";
import { codesAt } from "../helpers.js";

// A large file is parsed a slice of whole statements at a time (src/ast/parse.ts),
// and as a whole, with error recovery, when it has a syntax error. Both must read
// the same statements, with the same spans.
describe("a large site", () => {
  const site = generateSite({ guests: 400 }).text;
  const lines = site.split("\n").length - 1;

  it("parses to the same statements in slices as in one piece", () => {
    const clean = parse({ file: "big.ha", text: site });
    expect(clean.diagnostics).toEqual([]);
    // A syntax error at the very end sends the whole file through the one-piece parse.
    const broken = parse({ file: "big.ha", text: site + "order ost-vnio001-1 then ;\n" });
    expect(codesAt(broken.diagnostics)).toEqual([`HA1003@${lines + 1}:26-27`]);
    expect(broken.value.statements.slice(0, clean.value.statements.length)).toEqual(clean.value.statements);
    expect(broken.value.statements.length).toBeGreaterThanOrEqual(clean.value.statements.length);
    expect(clean.value.statements.filter((s) => s.kind === "guest")).toHaveLength(400);
  });

  it("reports a syntax error in the middle once, where it is, and reads on", () => {
    const at = site.indexOf("guest vnio051-1 ");
    expect(at).toBeGreaterThan(0);
    const line = site.slice(0, at).split("\n").length;
    const text = site.slice(0, at) + "guest ;\n" + site.slice(at);
    const r = parse({ file: "big.ha", text });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA1003"]);
    expect(r.diagnostics[0]!.span.line).toBeGreaterThanOrEqual(line - 1);
    expect(r.diagnostics[0]!.span.line).toBeLessThanOrEqual(line);
    const guests = r.value.statements.filter((s) => s.kind === "guest");
    expect(guests).toHaveLength(400);
    expect(guests[399]!.span.line).toBe(parse({ file: "big.ha", text: site }).value.statements.filter((s) => s.kind === "guest")[399]!.span.line + 1);
  });
});

describe("a file of very many statements", () => {
  it("with a syntax error, is read whole (no stack overflow in the one-piece parse)", () => {
    const n = 140_000;
    const text = "order a then b;\n".repeat(n) + "order x then ;\n";
    const r = parse({ file: "many.ha", text });
    expect(codesAt(r.diagnostics)).toEqual([`HA1003@${n + 1}:14-15`]);
    expect(r.value.statements.filter((s) => s.kind === "order")).toHaveLength(n);
  });
});

describe("a large file read in chunks", () => {
  // Chunks are cut at line breaks, and statements at a keyword after `;` or
  // `}` at brace depth 0; strings and comments holding `{ } ; #`, CRLF line
  // ends and statements that run over many lines must not move either cut.
  const guest = (i: number) =>
    [
      `# guest ${i}: a comment with { and } and ; in it`,
      `guest g${i} on n1 prefer 100, n2 50 {`,
      `  config "/etc/{guest}.xml"; # a comment after a value`,
      `  meta description = "a } brace; a # hash and a { brace", priority = ${i % 7};`,
      `  op start timeout 90s;`,
      `}`,
      `resource r${i} ocf:heartbeat:Dummy { fake = "x;y{z}"; } on n1 prefer ${i % 200}`,
      `  , n2 10`,
      `  ;`,
      `order r${i} then vm-g${i} optional;`,
    ].join("\n");
  const body = Array.from({ length: 600 }, (_, i) => guest(i)).join("\n") + "\n";
  const header = "cluster c {\n  nodes n1, n2;\n  property symmetric-cluster = false;\n}\n";

  for (const [name, eol] of [["LF", "\n"], ["CRLF", "\r\n"]] as const) {
    it(`gives the statements and spans of the one-piece parse (${name})`, () => {
      const text = (header + body).replace(/\n/g, eol);
      expect(text.length).toBeGreaterThan(4 * 16 * 1024);
      // The chunked read must succeed on its own (parse() would hide a failure by reading the file whole).
      const chunked = parseChunked({ file: "big.ha", text })!;
      expect(chunked).toBeDefined();
      expect(chunked.diagnostics).toEqual([]);
      expect(parse({ file: "big.ha", text }).value).toEqual(chunked.value);
      // A syntax error at the very end sends the whole file through the one-piece parse.
      const whole = parse({ file: "big.ha", text: text + `order x then ;${eol}` });
      expect(whole.diagnostics.map((d) => d.code)).toEqual(["HA1003"]);
      expect(whole.value.statements.slice(0, chunked.value.statements.length)).toEqual(chunked.value.statements);
      expect(chunked.value.statements.filter((s) => s.kind === "guest")).toHaveLength(600);
      expect(chunked.value.comments).toHaveLength(1200);
      expect(whole.value.comments.slice(0, 1200)).toEqual(chunked.value.comments);
      // Lines and columns, which come from the line table, agree too.
      const last = chunked.value.statements.at(-1)!;
      expect(`${last.span.line}:${last.span.column}`).toBe(`${header.split("\n").length - 1 + 600 * 10}:1`);
    });
  }
});
