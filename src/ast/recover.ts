import { createTokenInstance, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLines, Span } from "../diagnostics/span.js";
import type { FileCstNode, StatementCstNode } from "../syntax/cst.js";
import { STATEMENT_KEYWORD_TOKENS } from "../syntax/keywords.js";
import { haParser, haStrictParser, parseFile } from "../syntax/parser.js";
import * as T from "../syntax/tokens.js";
import { distance } from "../util/distance.js";
import type { AstBuilder } from "./build.js";
import { foreignLine, startsForeign, type ForeignLine } from "./foreign.js";
import type { Statement } from "./types.js";

/**
 * Reading a file with syntax errors: one mistake, one error, at the mistake.
 *
 * Chevrotain's own recovery re-syncs inside a rule at any token that may
 * follow it; in `.ha` a plain word may start a statement (`lwfsd on GUEST`),
 * so after one typo it would re-sync at the next word and report every token
 * of the rest of the statement. Here the parse stops believing a statement
 * at its first error: the statement is dropped, its one error is explained in
 * the language's terms (a misspelt keyword, a pcs or crmsh line, an unclosed
 * `{` or string), and reading starts again at the next statement start
 * (a statement keyword, `KIND on GUEST`, or past the statement's `;` or
 * closing `}`). Valid input never comes here: src/ast/parse.ts reads it.
 */

/** Lexical errors, as the lexer reports them (each already an HA1001). */
export interface LexError {
  readonly offset: number;
  readonly length: number;
}

const STARTS: ReadonlySet<TokenType> = new Set(STATEMENT_KEYWORD_TOKENS);
/**
 * Tokens after which a statement keyword is a name or a value, not a statement; or a rule's
 * test (`when resource ocf:pacemaker:Dummy`, `and resource ...`): no statement ends in `when`, `and` or `or`.
 */
const NAMING: ReadonlySet<TokenType> = new Set([T.Equals, T.Param, T.GuestParam, T.Default, T.When, T.And, T.Or]);
const KEYWORD_SET: ReadonlySet<TokenType> = new Set(T.KEYWORDS);
const HINT_SEMI = "every statement ends with `;`, which may be left out after a closing `}` except in an `alert`";

/**
 * Words from Pacemaker's other front ends (pcs, crmsh) and near misses
 * an edit distance does not find, with the `.ha` keyword they mean.
 */
const ALIASES: Readonly<Record<string, string>> = {
  colocation: "colocate",
  primitive: "resource",
  node: "nodes",
  prefers: "prefer",
  rsc_defaults: "defaults",
  op_defaults: "op-defaults",
  master: "promotable",
  ms: "promotable",
};

/** The statements read from `tokens` and one diagnostic per broken statement. */
export function readRecovering(
  tokens: readonly IToken[],
  lexErrors: readonly LexError[],
  builder: AstBuilder,
  lines: SourceLines,
  fileSpan: Span,
): { statements: Statement[]; diagnostics: Diagnostic[] } {
  // The recovering parser is built on the first error: valid input needs only the strict one.
  let parser: ReturnType<typeof haParser> | undefined;
  const strict = haStrictParser();
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  let pos = 0;
  while (pos < tokens.length) {
    // The first error from here: the strict parser stops there.
    strict.input = pos === 0 ? (tokens as IToken[]) : tokens.slice(pos);
    const whole = strict.file() as FileCstNode | undefined;
    const e = strict.errors[0];
    if (e === undefined) {
      build(builder, whole?.children.statement ?? [], fileSpan, statements);
      break;
    }
    const at = offsetOf(e.token);
    const eIdx = Number.isFinite(at) ? indexAt(tokens, at, pos) : tokens.length;
    // The statements before the error: the tokens up to it, read with
    // recovery. The last statement, cut short at the error, is the broken
    // one; none is when the error is a token no statement starts with.
    parser ??= haParser();
    parser.input = tokens.slice(pos, eIdx);
    const nodes = parseFile(parser).children.statement ?? [];
    const broken = parser.errors.length > 0;
    build(builder, broken ? nodes.slice(0, -1) : nodes, fileSpan, statements);
    const last = nodes[nodes.length - 1];
    const s = !broken ? eIdx : last !== undefined ? indexAt(tokens, start(last), pos) : pos;
    // A keyword where a name belongs (`group group a, b;`): one error per keyword, the statement read past it.
    const named = keywordsAsNames(tokens, s, eIdx, lines);
    if (named) {
      for (const t of named.keywords) diagnostics.push(keywordAsName(t, builder));
      pos = named.end;
      while (pos < tokens.length && !resumesAt(tokens, pos, lines)) pos++;
      continue;
    }
    const foreign = foreignLine(tokens, s, lines);
    const range = foreign ? { end: foreign.end, open: [], cut: false } : statementEnd(tokens, s, eIdx);
    const d = explain({ tokens, e, s, eIdx, range, lexErrors, builder, lines, foreign });
    if (d) diagnostics.push(d);
    pos = Math.max(range.end, s + 1);
    while (pos < tokens.length && !resumesAt(tokens, pos, lines)) pos++;
  }
  if (parser) parser.input = [];
  strict.input = [];
  return { statements, diagnostics };
}

function build(builder: AstBuilder, nodes: StatementCstNode[], fileSpan: Span, out: Statement[]): void {
  if (nodes.length === 0) return;
  const file: FileCstNode = { name: "file", children: { statement: nodes } };
  // A loop, not push(...): a spread of some 130,000 statements overflows the stack.
  for (const st of builder.build(file, [], fileSpan).statements) out.push(st);
}

function offsetOf(t: IToken): number {
  return t.tokenType.name === "EOF" || Number.isNaN(t.startOffset) ? Infinity : t.startOffset;
}

function start(n: StatementCstNode): number {
  return n.location?.startOffset ?? Infinity;
}

/** The index of the first token at or after `offset`, searching from `from`. */
function indexAt(tokens: readonly IToken[], offset: number, from: number): number {
  let lo = from;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function startsLine(tokens: readonly IToken[], i: number, lines: SourceLines): boolean {
  // Tokens carry offsets only (src/syntax/chevrotain.ts): lines come from the source.
  return i === 0 || lines.lineOf(tokens[i]!.startOffset) !== lines.lineOf(tokens[i - 1]!.endOffset ?? tokens[i - 1]!.startOffset);
}

/** A statement keyword used as one (not a name after `param`, not a key before `=`), or, inside a block, `KIND on`. */
function startsStatement(tokens: readonly IToken[], i: number, depth: number): boolean {
  const t = tokens[i]!.tokenType;
  const next = tokens[i + 1]?.tokenType;
  if (STARTS.has(t)) return next !== T.Equals && (i === 0 || !NAMING.has(tokens[i - 1]!.tokenType));
  return depth > 0 && t === T.Word && next === T.On;
}

/** Where reading may start again after a broken statement: where a statement plausibly starts. */
function resumesAt(tokens: readonly IToken[], i: number, lines: SourceLines): boolean {
  if (startsStatement(tokens, i, 1)) return true;
  // A word at the start of a line followed by a word: a statement with a misspelt keyword, or a pcs or crmsh line;
  // not after a keyword (`rule`, `when`, ...), which no statement ends in: that line goes on the statement before.
  const t = tokens[i]!;
  if (i > 0 && KEYWORD_SET.has(tokens[i - 1]!.tokenType)) return false;
  return t.tokenType === T.Word && startsLine(tokens, i, lines) && (tokens[i + 1]?.tokenType === T.Word || startsForeign(t.image));
}

/**
 * The keywords standing where names belong in the statement at `s` when reading each as a plain word makes
 * the whole statement parse: `group group a, b;`, `resource order AGENT;`, `order group then x;` (where the
 * parser cannot tell which `order` it reads and stops at the statement's first word). The first is at the
 * error (`eIdx`), or, when the error is at the statement's start, a keyword before its `;`. Undefined when the
 * statement has another mistake, or when the keyword starts a line (a statement whose `;` was forgotten before it).
 */
function keywordsAsNames(tokens: readonly IToken[], s: number, eIdx: number, lines: SourceLines): { keywords: IToken[]; end: number } | undefined {
  const firsts: number[] = [];
  if (eIdx > s) firsts.push(eIdx);
  else {
    for (let i = s + 1; i < tokens.length && firsts.length < 4; i++) {
      const t = tokens[i]!.tokenType;
      if (t === T.Semi || t === T.LBrace || t === T.RBrace) break;
      if (KEYWORD_SET.has(t)) firsts.push(i);
    }
  }
  for (const first of firsts) {
    const found = swapping(tokens, s, first, lines);
    if (found) return found;
  }
  return undefined;
}

/** `keywordsAsNames` from one first keyword: each keyword the parse then stops at is read as a word too, a few at most. */
function swapping(tokens: readonly IToken[], s: number, first: number, lines: SourceLines): { keywords: IToken[]; end: number } | undefined {
  const swapped = [...tokens];
  const keywords: IToken[] = [];
  const strict = haStrictParser();
  let at = first;
  for (let n = 0; n < 4; n++) {
    const t = tokens[at];
    if (t === undefined || !KEYWORD_SET.has(t.tokenType) || at <= s || (STARTS.has(t.tokenType) && startsLine(tokens, at, lines))) return undefined;
    swapped[at] = createTokenInstance(T.Word, t.image, t.startOffset, t.endOffset ?? t.startOffset, t.startLine ?? 1, t.endLine ?? 1, t.startColumn ?? 1, t.endColumn ?? 1);
    keywords.push(t);
    const range = statementEnd(swapped, s, at);
    if (range.cut) return undefined;
    strict.input = swapped.slice(s, range.end);
    parseFile(strict);
    const e = strict.errors[0];
    strict.input = [];
    if (e === undefined) return { keywords, end: range.end };
    const next = offsetOf(e.token);
    if (!Number.isFinite(next)) return undefined;
    at = indexAt(tokens, next, s);
  }
  return undefined;
}

/** The one error for a keyword written where a name belongs: a name that is a keyword is written as a string. */
function keywordAsName(t: IToken, b: AstBuilder): Diagnostic {
  return diag("HA1003", b.tokenSpan(t), `\`${t.image}\` is a keyword, not a name`, { hint: `write it as "${t.image}": a name that is a keyword is written as a string` });
}

/** The extent of a broken statement: its tokens `[s, end)`, the `{` still open at its end, and whether it was cut short. */
interface Extent {
  readonly end: number;
  readonly open: readonly IToken[];
  readonly cut: boolean;
}

/**
 * Where the statement starting at `s` ends: past its `;` or its closing `}`
 * (and a `;`, `on ...`, `to ...` or `, ...` after it), or, cut short, at the error (`eIdx`) if a
 * statement starts there, or before one that starts a later line, or at the end.
 */
function statementEnd(tokens: readonly IToken[], s: number, eIdx: number): Extent {
  const open: IToken[] = [];
  for (let i = s; i < tokens.length; i++) {
    const t = tokens[i]!;
    // The parser read on past the tokens before the error: a keyword there belongs to the statement.
    if (i > s && i >= eIdx && startsStatement(tokens, i, open.length)) return { end: i, open, cut: true };
    if (t.tokenType === T.LBrace) open.push(t);
    else if (t.tokenType === T.RBrace) {
      // A `}` too many: the end of a block already closed; what may follow a block goes with it.
      if (open.length === 0 && i > s) return { end: i, open, cut: false };
      open.pop();
      if (open.length === 0) {
        const next = tokens[i + 1]?.tokenType;
        // What may follow a block in the same statement: a placement (`} on ...`), an alert's recipients (`} to ...`, `} , ...`).
        if (next === T.On || next === T.To || next === T.Comma) continue;
        return { end: next === T.Semi ? i + 2 : i + 1, open, cut: false };
      }
    } else if (t.tokenType === T.Semi && open.length === 0) return { end: i + 1, open, cut: false };
  }
  return { end: tokens.length, open, cut: true };
}

interface Broken {
  readonly tokens: readonly IToken[];
  readonly e: IRecognitionException;
  /** The statement's first token, and the error's token (`tokens.length` at the end of the input). */
  readonly s: number;
  readonly eIdx: number;
  readonly range: Extent;
  readonly lexErrors: readonly LexError[];
  readonly builder: AstBuilder;
  readonly lines: SourceLines;
  /** The statement is a line of pcs or crmsh (src/ast/foreign.ts). */
  readonly foreign: ForeignLine | undefined;
}

/** The one diagnostic for a broken statement, in the language's terms; none when a lexical error already explains it. */
function explain(b: Broken): Diagnostic | undefined {
  const { tokens, s, eIdx, range } = b;
  const first = tokens[s]!.startOffset;
  const lastTok = tokens[Math.min(Math.max(range.end, eIdx + 1), tokens.length) - 1]!;
  const last = (lastTok.endOffset ?? lastTok.startOffset) + 1;
  const before = s > 0 ? (tokens[s - 1]!.endOffset ?? 0) + 1 : 0;
  if (b.lexErrors.some((l) => l.offset >= before && l.offset <= Math.max(last, first))) return undefined;
  // An unterminated string takes the rest of its line: the error is at the token after it.
  for (let i = s; i < Math.min(eIdx, tokens.length); i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.UnterminatedString && i + 1 === eIdx) {
      return diag("HA1002", b.builder.tokenSpan(t), "unterminated string", { hint: "close the string with `\"` on the same line" });
    }
  }
  if (b.foreign) return diag("HA1003", b.builder.tokenSpan(tokens[b.foreign.at]!), b.foreign.message, { hint: b.foreign.hint });
  const innermost = range.open[range.open.length - 1];
  if (innermost && range.cut && eIdx >= range.end) {
    const where = range.end < tokens.length ? `before line ${b.lines.lineOf(tokens[range.end]!.startOffset)}` : "before the end of the file";
    return diag("HA1003", b.builder.tokenSpan(innermost), "this `{` is never closed", { hint: `close it with \`}\` ${where}` });
  }
  return pcsForm(b) ?? misspelt(b) ?? missingComma(b) ?? syntaxDiagnostic(b.e, b.builder, b.lines);
}

/** `on n1 prefer 100 n2 50`: a host after a complete placement entry, where a `,` was meant. */
function missingComma(b: Broken): Diagnostic | undefined {
  const { tokens, eIdx } = b;
  const at = tokens[eIdx];
  if (at?.tokenType !== T.Word || tokens[eIdx - 1]?.tokenType !== T.Word) return undefined;
  // Back over the entry before: `HOST [prefer] SCORE`, after `on` or `,`.
  let k = eIdx - 2;
  if (tokens[k]?.tokenType === T.Prefer) k--;
  if (tokens[k]?.tokenType !== T.Word) return undefined;
  const before = tokens[k - 1]?.tokenType;
  if (before !== T.On && before !== T.Comma) return undefined;
  const entry = tokens.slice(k, eIdx).map(text).join(" ");
  return diag("HA1003", b.builder.tokenSpan(at), b.e.message, { hint: `missing \`,\` between placements? write \`${entry}, ${at.image} ...\`` });
}

function text(t: IToken | undefined): string {
  return t?.image ?? "";
}

/** A resource written with pcs's `KEY=VALUE` after its agent: the `.ha` form it means (whole pcs and crmsh lines: src/ast/foreign.ts). */
function pcsForm(b: Broken): Diagnostic | undefined {
  const { tokens, s, eIdx } = b;
  const t0 = tokens[s]!;
  const pairs: string[] = [];
  let j = eIdx;
  while (tokens[j]?.tokenType === T.Word && tokens[j + 1]?.tokenType === T.Equals && (tokens[j + 2]?.tokenType === T.Word || tokens[j + 2]?.tokenType === T.StringLiteral)) {
    pairs.push(`${text(tokens[j])} = ${text(tokens[j + 2])};`);
    j += 3;
  }
  if (t0.tokenType === T.Resource && eIdx === s + 3 && pairs.length > 0) {
    const span = b.builder.spanOf(tokens[eIdx]!, tokens[j - 1]!);
    return diag("HA1003", span, "parameters go in the resource's block, not after its agent as in pcs", {
      hint: `write \`resource ${text(tokens[s + 1])} ${text(tokens[s + 2])} { ${pairs.join(" ")} }\``,
    });
  }
  return undefined;
}

/** Keywords near `word`: its alias, the same word in another case, or one or two edits away (one for short words). */
function nearKeywords(word: string): string[] {
  const alias = ALIASES[word.toLowerCase()];
  const found: { kw: string; d: number }[] = alias ? [{ kw: alias, d: 0 }] : [];
  for (const k of T.KEYWORDS) {
    const kw = String(k.PATTERN);
    if (kw === alias) continue;
    const d = word.toLowerCase() === kw ? 0 : distance(word, kw, 2);
    if (d <= (kw.length >= 5 && word.length >= 4 ? 2 : 1)) found.push({ kw, d });
  }
  return found.sort((x, y) => x.d - y.d).map((f) => f.kw);
}

const BY_PATTERN: ReadonlyMap<string, TokenType> = new Map(T.KEYWORDS.map((k) => [String(k.PATTERN), k]));

/**
 * A misspelt keyword: a word at the statement's start, at the error or just
 * before it, which, read as a nearby keyword, makes the whole statement
 * parse. A word from pcs or crmsh at a statement's start (`colocation`,
 * `primitive`) is named even when the rest needs rewriting too.
 */
function misspelt(b: Broken): Diagnostic | undefined {
  const { tokens, s, eIdx, range } = b;
  const parser = haParser();
  const candidates = [...new Set([s, eIdx - 1, eIdx])].filter((i) => i >= s && i < range.end && tokens[i]!.tokenType === T.Word);
  for (const i of candidates) {
    const t = tokens[i]!;
    for (const kw of nearKeywords(t.image)) {
      const type = BY_PATTERN.get(kw)!;
      const swapped = tokens.slice(s, range.end);
      swapped[i - s] = createTokenInstance(type, kw, t.startOffset, t.endOffset ?? t.startOffset, t.startLine ?? 1, t.endLine ?? 1, t.startColumn ?? 1, t.endColumn ?? 1);
      parser.input = swapped;
      parseFile(parser);
      const clean = !range.cut && parser.errors.length === 0;
      const alias = i === s && ALIASES[t.image.toLowerCase()] === kw && STARTS.has(type);
      if (!clean && !alias) continue;
      const message = i === s && STARTS.has(type) ? `\`${t.image}\` is not a statement` : `unexpected \`${t.image}\``;
      return diag("HA1003", b.builder.tokenSpan(t), message, { hint: `did you mean \`${kw}\`?` });
    }
  }
  return undefined;
}

/** A recognition error as hacc's diagnostic: where a `;` is missing at the end of a line, it points there. */
export function syntaxDiagnostic(e: IRecognitionException, b: AstBuilder, lines: SourceLines): Diagnostic {
  const tok = e.token;
  const prev = (e as { previousToken?: IToken }).previousToken;
  const known = (t: IToken | undefined): t is IToken => t !== undefined && !Number.isNaN(t.startOffset);
  const after = (t: IToken) => (t.endOffset ?? t.startOffset) + 1;
  const span = (at: number) => {
    const x = lines.span(at, at + 1);
    return { file: x.file, start: at, end: at + 1, line: x.line, column: x.column, endLine: x.endLine, endColumn: x.endColumn };
  };
  if (tok.tokenType.name === "EOF" || Number.isNaN(tok.startOffset)) {
    // At the end of input, point just past the last token read.
    return diag("HA1003", span(known(prev) ? after(prev) : lines.textLength), e.message);
  }
  const missingSemi = /^expected (.*), found /.exec(e.message)?.[1]?.includes("`;`") === true;
  if (missingSemi && known(prev) && lines.lineOf(after(prev) - 1) < lines.lineOf(tok.startOffset)) {
    // A `;` forgotten at the end of a line: point there, not at the next statement.
    return diag("HA1003", span(after(prev)), e.message, { hint: HINT_SEMI });
  }
  return diag("HA1003", b.tokenSpan(tok), e.message, missingSemi ? { hint: HINT_SEMI } : {});
}
