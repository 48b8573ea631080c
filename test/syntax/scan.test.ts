import { readFileSync } from "node:fs";
import type { IToken } from "chevrotain";
import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { lex, scanRange } from "../../src/syntax/scan.js";
import { haLexer } from "../../src/syntax/tokens.js";
import { repositoryHaFiles, seededRandom as random } from "../helpers.js";

// The scanner (src/syntax/scan.ts) stands in for chevrotain's lexer on text
// without lexical errors. It must give the very tokens chevrotain's lexer
// gives, and give up wherever that lexer reports an error.

const view = (t: IToken) => ({ type: t.tokenType.name, image: t.image, start: t.startOffset, end: t.endOffset });

function compare(text: string): void {
  const reference = haLexer().tokenize(text);
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  const ok = scanRange(text, 0, text.length, tokens, comments);
  expect(ok, JSON.stringify(text)).toBe(reference.errors.length === 0);
  if (!ok) return;
  expect(tokens.map(view)).toEqual(reference.tokens.map(view));
  expect(comments.map(view)).toEqual((reference.groups["comments"] ?? []).map(view));
}



describe("the scanner", () => {
  const files = repositoryHaFiles();

  it("gives chevrotain's tokens for every .ha file of the repository", () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) compare(readFileSync(file, "utf8"));
  });

  it("gives chevrotain's tokens for a generated site", () => {
    compare(generateSite({ guests: 40 }).text);
  });

  it("agrees with chevrotain on random text built from the language's pieces", () => {
    // Keywords, their prefixes and extensions, punctuation, strings with
    // escapes, comments, line breaks and characters no token can start.
    const pieces = [
      "op", "op-defaults", "optional", "opx", "on", "on:", "of", "guest", "guest-param", "resource", "shared", "shared-storage",
      "mmp", "vf-limit", "vf-limit2", "ocf:heartbeat:Dummy", "0000:82:01.0", "-INFINITY", "+5", ".", "-", ":", ":x", "_a",
      "{", "}", ";", ",", "=", " ", "  ", "\t", "\n", "\r\n", "\r", "#", "# c", '"', '"a b"', '"\\""', '"\\\\"', '"\\', '\\', '\\n',
      '"x', "é", "名", "!", "@", "$", "\u0000", "'", "/", "*",
    ];
    const next = random(20261130);
    for (let n = 0; n < 3000; n++) {
      let text = "";
      const length = 1 + Math.floor(next() * 12);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(next() * pieces.length)];
      compare(text);
    }
  });

  it("scans a range of a text at the range's offsets", () => {
    const text = "cluster c { nodes a; }\nguest g on a; # note\n";
    const from = text.indexOf("guest");
    const tokens: IToken[] = [];
    const comments: IToken[] = [];
    expect(scanRange(text, from, text.length, tokens, comments)).toBe(true);
    expect(tokens.map((t) => [t.image, t.startOffset])).toEqual([
      ["guest", from],
      ["g", from + 6],
      ["on", from + 8],
      ["a", from + 11],
      [";", from + 12],
    ]);
    expect(comments.map((t) => [t.image, t.startOffset])).toEqual([["# note", from + 14]]);
  });

  it("lets chevrotain report every character no token can start", () => {
    const lexed = lex("guest g on a! @;\n");
    expect(lexed.errors.map((e) => [e.offset, e.length])).toEqual([
      [12, 1],
      [14, 1],
    ]);
    // What chevrotain could read is still there for the parser.
    expect(lexed.tokens.map((t) => t.image)).toEqual(["guest", "g", "on", "a", ";"]);
  });
});
