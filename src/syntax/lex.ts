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
 * Lexes `text` from `from` up to `to`, where `from` is where a token or a line
 * starts and `to` the start of a later line or the end: no token spans a line
 * break, so this gives the tokens of lexing the whole text there. Gives the
 * tokens, and appends the comments to `comments`, with their offsets in the
 * whole `text`; undefined at a lexical error (what was appended to `comments`
 * is incomplete then).
 */
export function lexRange(text: string, from: number, to: number, comments: IToken[]): IToken[] | undefined {
  const lexed = haLexer().tokenize(from === 0 && to === text.length ? text : text.slice(from, to));
  if (lexed.errors.length > 0) return undefined;
  if (from !== 0) for (const t of lexed.tokens) shift(t, from);
  for (const t of lexed.groups["comments"] ?? []) comments.push(from === 0 ? t : shift(t, from));
  return lexed.tokens;
}

function shift(t: IToken, by: number): IToken {
  t.startOffset += by;
  t.endOffset! += by;
  return t;
}
