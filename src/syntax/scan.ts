import type { IToken, TokenType } from "chevrotain";
import * as T from "./tokens.js";

/**
 * A hand-written scanner for the tokens of src/syntax/tokens.ts, for the
 * common case: a file without lexical errors. Chevrotain's lexer tries each
 * token's regular expression in turn and records lines and columns; this
 * reads each character once and records offsets only (lines and columns
 * come from the line table when a diagnostic is rendered), about a third of
 * the time and of the memory on a large site.
 *
 * It gives exactly the tokens chevrotain's lexer gives (type, image, start
 * and end offset; test/syntax/scan.test.ts compares the two), but it does
 * not report errors: at the first character no token can start it gives up,
 * and `lex` reads the text again with chevrotain's lexer, which reports
 * every such character. The token definitions stay the one place that says
 * what a token is; this follows them:
 *
 * - whitespace ` \t\r\n` is skipped;
 * - `#` to the end of the line is a comment (the line break not included);
 * - `"` starts a string that ends at the next unescaped `"`; without one
 *   before the end of the line, the string is unterminated and ends there;
 * - `{ } ; , =` are tokens of their own;
 * - a word starts with `A-Z a-z 0-9 _ . + -` and goes on with those and `:`;
 *   a word that is exactly a keyword is that keyword (chevrotain's
 *   `longer_alt` gives the same: a keyword followed by more word characters
 *   is a plain word).
 */

/** Character classes, by code unit below 128: 1 starts and continues a word, 2 only continues one. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9_.+-]/.test(ch)) WORD[c] = 1;
  else if (ch === ":") WORD[c] = 2;
}

/**
 * Keywords by a cheap key of a word (length, first and last character), so
 * most words are told apart from keywords without slicing or hashing them;
 * a word is compared in place with the few keywords of its key.
 */
const KEYWORDS_BY_KEY: (readonly TokenType[] | undefined)[] = [];
function keyOf(length: number, first: number, last: number): number {
  return (length * 31 + first * 7 + last) & 255;
}
for (const t of T.KEYWORDS) {
  const word = t.PATTERN as string;
  const key = keyOf(word.length, word.charCodeAt(0), word.charCodeAt(word.length - 1));
  KEYWORDS_BY_KEY[key] = [...(KEYWORDS_BY_KEY[key] ?? []), t];
}

/** The keyword that `text` holds from `start` to `end`, if any. */
function keyword(text: string, start: number, end: number): TokenType | undefined {
  const candidates = KEYWORDS_BY_KEY[keyOf(end - start, text.charCodeAt(start), text.charCodeAt(end - 1))];
  if (candidates !== undefined) {
    for (const t of candidates) {
      const word = t.PATTERN as string;
      if (word.length === end - start && text.startsWith(word, start)) return t;
    }
  }
  return undefined;
}

const PUNCTUATION: Partial<Record<number, TokenType>> = {
  0x7b: T.LBrace,
  0x7d: T.RBrace,
  0x3b: T.Semi,
  0x2c: T.Comma,
  0x3d: T.Equals,
};

const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HASH = 0x23;

function token(text: string, start: number, end: number, type: TokenType): IToken {
  return make(text.slice(start, end), start, type);
}

function make(image: string, start: number, type: TokenType): IToken {
  // One shape for every token: image, offsets, type. `endOffset` is
  // inclusive, as chevrotain's; lines and columns are left out on purpose.
  return { image, startOffset: start, endOffset: start + image.length - 1, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type } as IToken;
}

/**
 * Scans `text` from `from` up to `to` (which must be a token boundary, such
 * as just after a line break), appending tokens and comments with their
 * offsets in `text`. False at the first character no token can start; what
 * was appended then is incomplete.
 */
export function scanRange(text: string, from: number, to: number, tokens: IToken[], comments: IToken[]): boolean {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === LF || c === 0x09 || c === 0x0d) {
      i++;
      continue;
    }
    const start = i;
    if (c < 128 && WORD[c] === 1) {
      i++;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (d >= 128 || WORD[d] === 0) break;
        i++;
      }
      // A keyword's image is the keyword itself: one string shared by all its tokens.
      const kw = keyword(text, start, i);
      tokens.push(kw === undefined ? token(text, start, i, T.Word) : make(kw.PATTERN as string, start, kw));
      continue;
    }
    const punct = PUNCTUATION[c];
    if (punct !== undefined) {
      tokens.push(make(punct.PATTERN as string, start, punct));
      i++;
      continue;
    }
    if (c === QUOTE) {
      i++;
      let closed = false;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (d === LF) break;
        if (d === QUOTE) {
          closed = true;
          i++;
          break;
        }
        // A backslash escapes any character but a line break.
        if (d === BACKSLASH && i + 1 < to && text.charCodeAt(i + 1) !== LF) i += 2;
        else if (d === BACKSLASH) break;
        else i++;
      }
      tokens.push(token(text, start, i, closed ? T.StringLiteral : T.UnterminatedString));
      continue;
    }
    if (c === HASH) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 || nl > to ? to : nl;
      comments.push(token(text, start, i, T.Comment));
      continue;
    }
    return false;
  }
  return true;
}

/** What `lex` gives: the tokens the parser reads, the comments, and one error per run of characters no token can start. */
export interface Lexed {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly errors: readonly { readonly offset: number; readonly length: number }[];
}

/** Lexes a whole text: with the scanner, or, where it finds a character no token can start, with chevrotain's lexer, which reports them all. */
export function lex(text: string): Lexed {
  const tokens: IToken[] = [];
  const comments: IToken[] = [];
  if (scanRange(text, 0, text.length, tokens, comments)) return { tokens, comments, errors: [] };
  const lexed = T.haLexer().tokenize(text);
  return { tokens: lexed.tokens, comments: lexed.groups["comments"] ?? [], errors: lexed.errors };
}
