import type { IToken } from "chevrotain";
import { haLexer } from "./tokens.js";

/** What `lex` gives: the tokens the parser reads, the comments, and one error per run of characters no token can start. */
export interface Lexed {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly errors: readonly { readonly offset: number; readonly length: number }[];
}

/** Lexes a whole text with chevrotain's lexer, which reports every character no token can start. */
export function lex(text: string): Lexed {
  const lexed = haLexer().tokenize(text);
  return { tokens: lexed.tokens, comments: lexed.groups["comments"] ?? [], errors: lexed.errors };
}

/**
 * Lexes `text` from `from`, the start of line `line` (1 for the first), up to
 * `to`, the start of a later line or the end: no token spans a line break, so
 * this gives the tokens of lexing the whole text there. Appends the tokens
 * and comments with their offsets and lines in the whole `text` (a chunk
 * starts a line, so columns need no change). False at a lexical error; what
 * was appended then is incomplete.
 */
export function lexRange(text: string, from: number, to: number, line: number, tokens: IToken[], comments: IToken[]): boolean {
  const lexed = haLexer().tokenize(from === 0 && to === text.length ? text : text.slice(from, to));
  if (lexed.errors.length > 0) return false;
  const lines = line - 1;
  for (const t of lexed.tokens) tokens.push(shift(t, from, lines));
  for (const t of lexed.groups["comments"] ?? []) comments.push(shift(t, from, lines));
  return true;
}

function shift(t: IToken, by: number, lines: number): IToken {
  if (by !== 0) {
    t.startOffset += by;
    t.endOffset! += by;
    t.startLine! += lines;
    t.endLine! += lines;
  }
  return t;
}
