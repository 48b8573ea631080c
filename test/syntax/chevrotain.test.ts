import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CstParser, Lexer, type CstElement, type CstNode, type IToken } from "chevrotain";
import { describe, expect, it } from "vitest";
import { HaParser, haParser, haStrictParser } from "../../src/syntax/parser.js";
import { ALL_TOKENS, haLexer, KEYWORDS } from "../../src/syntax/tokens.js";
import { CONTRACT, ROOT } from "../helpers.js";

// src/syntax/chevrotain.ts overrides two methods of chevrotain that its
// typings do not declare. These tests hold the overrides to what chevrotain's
// own methods give, on every .ha file of the repository.

const FILES = [
  CONTRACT,
  join(ROOT, "examples/storage-cluster.ha"),
  ...readdirSync(join(ROOT, "stdlib"))
    .filter((n) => n.endsWith(".ha"))
    .map((n) => join(ROOT, "stdlib", n)),
];

/** A parser that makes its CST with chevrotain's own `cstInvocationStateUpdate`. */
class StockHaParser extends HaParser {
  protected override cstInvocationStateUpdate(fullRuleName: string): void {
    (CstParser.prototype as unknown as { cstInvocationStateUpdate(name: string): void }).cstInvocationStateUpdate.call(this, fullRuleName);
  }
}

const isToken = (c: CstElement): c is IToken => (c as IToken).image !== undefined;

/** A CST as plain data: names, locations, child keys in order, tokens as type, image and offsets. */
function plain(n: CstNode): unknown {
  const children: Record<string, unknown[]> = {};
  for (const key of Object.keys(n.children)) {
    children[key] = n.children[key]!.map((c) => (isToken(c) ? `${c.tokenType.name}:${c.image}@${c.startOffset}-${c.endOffset}` : plain(c)));
  }
  return { name: n.name, location: n.location, children };
}

describe("chevrotain's methods hacc overrides (src/syntax/chevrotain.ts)", () => {
  it("still exist in chevrotain under their names", () => {
    expect(typeof (Lexer.prototype as unknown as Record<string, unknown>)["createOffsetOnlyToken"]).toBe("function");
    expect(typeof (CstParser.prototype as unknown as Record<string, unknown>)["cstInvocationStateUpdate"]).toBe("function");
  });

  it("the lexer gives chevrotain's tokens, each with its end offset", () => {
    const stock = new Lexer(ALL_TOKENS, { positionTracking: "full", skipValidations: true });
    for (const file of FILES) {
      const text = readFileSync(file, "utf8");
      const ours = haLexer().tokenize(text);
      const theirs = stock.tokenize(text);
      const fields = (t: IToken) => [t.tokenType.name, t.image, t.startOffset, t.endOffset];
      expect(ours.tokens.map(fields), file).toEqual(theirs.tokens.map(fields));
      expect(ours.groups["comments"]!.map(fields), file).toEqual(theirs.groups["comments"]!.map(fields));
      for (const t of ours.tokens) expect(Object.keys(t)).toEqual(["image", "startOffset", "endOffset", "tokenTypeIdx", "tokenType"]);
    }
  });

  it("the lexer finds keywords as chevrotain's keyword patterns do, in texts made of keywords, their pieces and neighbours", () => {
    const stock = new Lexer(ALL_TOKENS, { positionTracking: "full", skipValidations: true });
    const words = KEYWORDS.map((k) => String(k.PATTERN));
    const pieces = [...words, ...words.map((w) => w.slice(0, -1)), ...words.map((w) => w.toUpperCase()), "x", "1", "-", "_", ".", ":", "/", "@", "+"];
    const glue = [" ", "", "", "\n", ";", ",", "=", "{", "}", '"', "#"];
    let seed = 12;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    const fields = (t: IToken) => [t.tokenType.name, t.image, t.startOffset, t.endOffset];
    for (let i = 0; i < 2000; i++) {
      let text = "";
      for (let j = next(12); j >= 0; j--) text += pieces[next(pieces.length)]! + glue[next(glue.length)]!;
      const ours = haLexer().tokenize(text);
      const theirs = stock.tokenize(text);
      expect(ours.tokens.map(fields), text).toEqual(theirs.tokens.map(fields));
      expect(ours.groups["comments"]!.map(fields), text).toEqual(theirs.groups["comments"]!.map(fields));
      expect(ours.errors.map((e) => [e.offset, e.length]), text).toEqual(theirs.errors.map((e) => [e.offset, e.length]));
    }
  });

  it("the parser without recovery, which reads valid input, gives the recovering parser's CST", () => {
    for (const file of FILES) {
      const tokens = haLexer().tokenize(readFileSync(file, "utf8")).tokens;
      haParser().input = tokens;
      const recovering = haParser().file();
      haStrictParser().input = tokens;
      const strict = haStrictParser().file();
      expect(haStrictParser().errors).toEqual([]);
      expect(plain(strict), file).toEqual(plain(recovering));
    }
    haParser().input = [];
    haStrictParser().input = [];
  });

  it("the parser gives chevrotain's CST, with plain objects for children", () => {
    const stock = new StockHaParser();
    for (const file of FILES) {
      const tokens = haLexer().tokenize(readFileSync(file, "utf8")).tokens;
      haParser().input = tokens;
      const ours = haParser().file();
      stock.input = tokens;
      const theirs = stock.file();
      expect(Object.getPrototypeOf(theirs.children)).toBe(null);
      expect(Object.getPrototypeOf(ours.children)).toBe(Object.prototype);
      expect(plain(ours), file).toEqual(plain(theirs));
    }
    haParser().input = [];
  });

  it("no child key of the grammar is a property of Object.prototype", () => {
    const keys = new Set<string>();
    const walk = (p: unknown): void => {
      if (Array.isArray(p)) return p.forEach(walk);
      if (typeof p !== "object" || p === null) return;
      const o = p as { type?: string; name?: string; label?: string; definition?: unknown };
      if (o.type === "Terminal" || o.type === "NonTerminal") keys.add(o.label ?? o.name!);
      if (o.type === "Rule") keys.add(o.name!);
      walk(o.definition);
    };
    walk(haParser().getSerializedGastProductions());
    for (const t of ALL_TOKENS) keys.add(t.name);
    expect(keys.size).toBeGreaterThan(40);
    expect([...keys].filter((k) => k in Object.prototype)).toEqual([]);
  });
});
