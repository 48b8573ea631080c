import { describe, expect, it } from "vitest";
import { HaParser } from "../../src/syntax/parser.js";
import { buildLexer } from "../../src/syntax/tokens.js";

// The shipped lexer and parser skip chevrotain's definition checks to start
// faster (src/syntax); here they run, so an edit that makes the grammar
// ambiguous or a token unreachable fails the suite.
describe("the grammar's definition", () => {
  it("passes chevrotain's lexer validations", () => {
    expect(() => buildLexer({ validate: true })).not.toThrow();
  });

  it("passes chevrotain's parser validations", () => {
    expect(() => new HaParser({ validate: true })).not.toThrow();
  });
});
