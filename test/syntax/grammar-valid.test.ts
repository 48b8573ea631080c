import type { Lexer } from "chevrotain";
import { describe, expect, it } from "vitest";
import { haParser, HaParser } from "../../src/syntax/parser.js";
import { buildLexer, haLexer } from "../../src/syntax/tokens.js";

// The shipped lexer and parser skip chevrotain's definition checks to start
// faster (src/syntax); here they run, so an edit that makes the grammar
// ambiguous or a token unreachable fails the suite.
describe("the grammar's definition", () => {
  // Read from chevrotain 11's own fields, so that these tests fail if
  // `validate` stops reaching chevrotain (they would pass vacuously then).
  const lexerSkips = (l: Lexer) => (l as unknown as { config: { skipValidations: boolean } }).config.skipValidations;
  const parserSkips = (p: HaParser) => (p as unknown as { skipValidations: boolean }).skipValidations;

  it("passes chevrotain's lexer validations", () => {
    // Building it runs the validations: a definition error throws here.
    expect(lexerSkips(buildLexer({ validate: true }))).toBe(false);
    expect(lexerSkips(haLexer())).toBe(true);
  });

  it("passes chevrotain's parser validations", () => {
    expect(parserSkips(new HaParser({ validate: true }))).toBe(false);
    expect(parserSkips(haParser())).toBe(true);
  });
});
