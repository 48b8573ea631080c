/**
 * Where `hacc fmt` cuts a large file so that Prettier lays it out a piece at
 * a time (only one piece's tokens, CST, layout tree and document alive at
 * once) and the pieces, formatted alone and joined, give the bytes of the
 * whole file formatted at once.
 *
 * A cut is the start of a line, between two top-level statements, where
 * nothing the printer carries from one statement to the next crosses it:
 *
 * - the statement before it ends on an earlier line, followed on its last
 *   line only by blanks and at most a comment (which trails that statement,
 *   as it does in the whole file); every own-line comment and blank line
 *   after it goes with the next statement, as the whole file attaches them;
 * - the trailing comments of consecutive one-line statements line up (see
 *   the printer's runs), so where the statement before has a trailing
 *   comment the piece after must start with a blank line or an own-line
 *   comment, both of which end a run.
 *
 * The blank line the whole file would keep before the piece's first entry
 * (a piece formatted alone drops its leading blank lines) is put back when
 * the pieces are joined: see `joinPieces`.
 */

import type { IToken, TokenType } from "chevrotain";
import { STATEMENT_KEYWORD_TOKENS } from "../syntax/keywords.js";
import { lexRange } from "../syntax/lex.js";
import * as T from "../syntax/tokens.js";

/** A token's extent in the text: `[start, end)`. */
interface Extent {
  readonly start: number;
  readonly end: number;
}

/** One piece of the text, `[start, end)`, and whether a blank line comes before its first entry. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  readonly blankBefore: boolean;
}

const isBlank = (ch: string | undefined): boolean => ch === " " || ch === "\t" || ch === "\r";

/**
 * The cut after `prev` (a statement's last token), before `next` (the next
 * statement's first), or undefined where the pieces would not join to the
 * whole file's layout.
 */
function cutBetween(text: string, prev: Extent, next: Extent): { at: number; blankBefore: boolean } | undefined {
  let i = prev.end;
  while (isBlank(text[i])) i++;
  const comment = text[i] === "#";
  if (comment) i = text.indexOf("\n", i);
  if (i < 0 || text[i] !== "\n" || i >= next.start) return undefined;
  const at = i + 1;
  // The first entry after the cut: an own-line comment or `next` itself.
  let j = at;
  let blankBefore = false;
  for (; j < next.start; j++) {
    const ch = text[j];
    if (ch === "\n") blankBefore = true;
    else if (!isBlank(ch)) break;
  }
  if (comment && !blankBefore && text[j] !== "#") return undefined;
  return { at, blankBefore };
}

/** Tokens that surely start a statement after a `;` or `}` at brace depth 0 (as the parser's chunks cut). */
const STARTS: ReadonlySet<TokenType> = new Set(STATEMENT_KEYWORD_TOKENS);

/** A string the AST builder would find nothing to say about: no escape, no control character. */
const PLAIN_STRING = /^"[^\\\u0000-\u0008\u000b-\u001f\u007f\t]*"$/;

/** What `cutPieces` gives: the pieces, and whether the strings leave the AST builder anything to report. */
export interface Cut {
  readonly pieces: Piece[];
  /**
   * No string holds an escape or a control character and none is
   * unterminated: a piece that parses then has no diagnostic at all.
   */
  readonly plain: boolean;
}

/**
 * Cuts `text` into pieces of about `size` characters or more, lexing it a
 * range at a time (only one range's tokens alive at once); a text with no
 * place to cut is one piece. Undefined at a lexical error.
 */
export function cutPieces(text: string, size: number): Cut | undefined {
  const out: Piece[] = [];
  let plain = true;
  let start = 0;
  let blankBefore = false;
  let depth = 0;
  let prev: IToken | undefined;
  const comments: IToken[] = [];
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf("\n", from + RANGE);
    const to = nl < 0 ? text.length : nl + 1;
    const tokens = lexRange(text, from, to, comments);
    if (tokens === undefined) return undefined;
    comments.length = 0;
    for (const t of tokens) {
      const type = t.tokenType;
      if (type === T.StringLiteral) plain &&= PLAIN_STRING.test(t.image);
      else if (type === T.UnterminatedString) plain = false;
      if (depth === 0 && prev !== undefined && (prev.tokenType === T.Semi || prev.tokenType === T.RBrace) && STARTS.has(type) && t.startOffset - start >= size) {
        const cut = cutBetween(text, { start: prev.startOffset, end: (prev.endOffset ?? prev.startOffset) + 1 }, { start: t.startOffset, end: t.startOffset });
        if (cut !== undefined) {
          out.push({ start, end: cut.at, blankBefore });
          start = cut.at;
          blankBefore = cut.blankBefore;
        }
      }
      if (type === T.LBrace) depth++;
      else if (type === T.RBrace) depth--;
      prev = t;
    }
    from = to;
  }
  out.push({ start, end: text.length, blankBefore });
  return { pieces: out, plain };
}

/** Characters lexed at a time while cutting. */
const RANGE = 64 * 1024;


/**
 * The formatted pieces as one file: each piece's layout ends in its newline;
 * where the author left a blank line before a piece, one blank line.
 */
export function joinPieces(formatted: readonly { readonly piece: Piece; readonly text: string }[]): string {
  let out = "";
  for (const { piece, text } of formatted) out += piece.blankBefore && out !== "" ? "\n" + text : text;
  return out;
}
