import type { CstNode, IToken } from "chevrotain";
import type { AgentItemCstNode, BlockItemCstNode, ClusterItemCstNode } from "../syntax/cst.js";
import { haParser, parseFile } from "../syntax/parser.js";
import { lex } from "../syntax/lex.js";
import { misspeltOrderKind } from "../ast/slips.js";

/**
 * The formatter's view of a file: the parser's concrete syntax reduced to what
 * layout needs, in source order. A statement or block item is a `Line` of
 * tokens and `{ ... }` blocks; a block holds further lines. Nothing is
 * normalised away, so the printer writes back every token the author wrote
 * (keywords such as `prefer`, the optional `=` of an `op`), and only the
 * whitespace between them changes.
 */

/** A comment, its text as written (trailing blanks trimmed). */
export interface FmtComment {
  readonly type: "Comment";
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The author left at least one blank line before it (within its container). */
  blankBefore: boolean;
}

/** One token, with the comments that belong to it. */
export interface FmtToken {
  readonly type: "Token";
  readonly image: string;
  readonly start: number;
  readonly end: number;
  /** Own-line comments just before a token in the middle of a line. */
  readonly leading: FmtComment[];
  /** The comment after the token on the same line. */
  trailing?: FmtComment;
}

/** `{ ... }`: its braces and its items, with the own-line comments between them. */
export interface FmtBlock {
  readonly type: "Block";
  readonly open: FmtToken;
  readonly close: FmtToken;
  readonly body: FmtEntry[];
  readonly start: number;
  readonly end: number;
}

/** A statement or a block item: tokens and blocks in source order. */
export interface FmtLine {
  readonly type: "Line";
  readonly parts: (FmtToken | FmtBlock)[];
  readonly start: number;
  readonly end: number;
  blankBefore: boolean;
}

/** What a file or a block holds, one per output line (or more, for a long line). */
export type FmtEntry = FmtLine | FmtComment;

/** The root. */
export interface FmtFile {
  readonly type: "File";
  readonly body: FmtEntry[];
  readonly start: number;
  readonly end: number;
}

export type FmtNode = FmtFile | FmtLine | FmtBlock | FmtToken | FmtComment;

/** CST rules whose nodes are items of the enclosing braces (as is any rule between a node's own braces). */
const ITEM_RULES: ReadonlySet<string> = new Set<(ClusterItemCstNode | AgentItemCstNode | BlockItemCstNode)["name"]>(["clusterItem", "agentItem", "blockItem"]);

type Child = CstNode | IToken;

function isToken(c: Child): c is IToken {
  return (c as IToken).image !== undefined;
}

function token(t: IToken): FmtToken {
  return { type: "Token", image: t.image, start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1, leading: [] };
}

/** Blank-line and own-line facts read off the text around a position. */
function newlinesBefore(text: string, at: number): number {
  let n = 0;
  for (let i = at - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === "\n") n++;
    else if (ch !== " " && ch !== "\t" && ch !== "\r") break;
  }
  return n;
}

function isOwnLine(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === "\n") return true;
    if (ch !== " " && ch !== "\t" && ch !== "\r" && ch !== "\uFEFF") return false;
  }
  return true;
}

class Builder {
  /** Every token, in source order once sorted. */
  readonly tokens: FmtToken[] = [];
  /** The body a line belongs to, keyed by the line's first token. */
  readonly lineFirst = new Map<FmtToken, FmtEntry[]>();
  /** The block a `}` closes. */
  readonly closes = new Map<FmtToken, FmtBlock>();

  line(node: CstNode, body: FmtEntry[]): FmtLine {
    const parts: (FmtToken | FmtBlock)[] = [];
    this.collect(node, parts);
    parts.sort((a, b) => a.start - b.start);
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (first === undefined || last === undefined || first.type !== "Token") throw new Error("formatter: a statement without tokens");
    this.lineFirst.set(first, body);
    return { type: "Line", parts, start: first.start, end: last.end, blankBefore: false };
  }

  /** Gathers a node's tokens into `parts`; braces and their items become a block. */
  private collect(node: CstNode, parts: (FmtToken | FmtBlock)[]): void {
    const children = node.children;
    const lbrace = children["LBrace"]?.[0] as IToken | undefined;
    const rbrace = children["RBrace"]?.[0] as IToken | undefined;
    const open = lbrace === undefined || rbrace === undefined ? undefined : { from: lbrace.startOffset, to: rbrace.startOffset };
    const items: CstNode[] = [];
    // A for-in loop, not Object.entries: this runs once per CST node of the file.
    for (const key in children) {
      const item = ITEM_RULES.has(key);
      for (const c of children[key]!) {
        if (isToken(c)) {
          if (c === lbrace || c === rbrace) continue;
          const t = token(c);
          this.tokens.push(t);
          parts.push(t);
        } else if (item || (open && c.location && c.location.startOffset > open.from && c.location.startOffset < open.to)) {
          items.push(c);
        } else this.collect(c, parts);
      }
    }
    if (lbrace !== undefined && rbrace !== undefined) {
      const open = token(lbrace);
      const close = token(rbrace);
      this.tokens.push(open, close);
      const body: FmtEntry[] = [];
      const block: FmtBlock = { type: "Block", open, close, body, start: open.start, end: close.end };
      items.sort((x, y) => (x.location?.startOffset ?? 0) - (y.location?.startOffset ?? 0));
      for (const it of items) body.push(this.line(it, body));
      this.closes.set(close, block);
      parts.push(block);
    }
  }
}

/** Why a file cannot be laid out: it does not parse. */
export class FormatSyntaxError extends Error {}

/**
 * Builds the layout tree of a source that parses without errors, every
 * comment attached: a comment after a token on the same line trails that
 * token; a comment on its own line goes before the line (or `}`) it precedes,
 * or, in the rare case it sits inside a line, before the token it precedes.
 */
export function buildTree(text: string): FmtFile {
  const lexed = lex(text);
  if (lexed.errors.length > 0) throw new FormatSyntaxError("the file has lexical errors");
  for (const t of lexed.tokens) {
    if (t.tokenType.name === "UnterminatedString") throw new FormatSyntaxError("the file has an unterminated string");
    if (t.tokenType.name === "StringLiteral" && /\\[^"\\]/.test(t.image.replace(/\\["\\]/g, ""))) {
      throw new FormatSyntaxError("the file has an invalid escape");
    }
  }
  const parser = haParser();
  parser.input = lexed.tokens;
  const cst = parseFile(parser);
  if (parser.errors.length > 0) throw new FormatSyntaxError("the file has syntax errors");
  for (const st of cst.children.statement ?? []) {
    // A mistake that parses is a syntax error all the same (src/ast/slips.ts).
    const order = st.children.orderDecl?.[0]?.children;
    if (order && misspeltOrderKind(order.thenAction?.[0]?.image, order.then?.[0]?.image ?? "") !== undefined) {
      throw new FormatSyntaxError("the file has a misspelt order kind");
    }
  }

  const b = new Builder();
  const body: FmtEntry[] = [];
  // The statements whose `;` the grammar wants even after a closing `}` (an alert's, after its braces or a recipient's).
  const semiRequired = new Set<FmtLine>();
  for (const st of cst.children.statement ?? []) {
    const l = b.line(st, body);
    if (st.children.alertDecl !== undefined) semiRequired.add(l);
    body.push(l);
  }
  b.tokens.sort((x, y) => x.start - y.start);

  // Attach comments.
  const bodies = new Set<FmtEntry[]>([body]);
  let k = 0;
  for (const ct of lexed.comments) {
    const start = ct.startOffset;
    const c: FmtComment = { type: "Comment", text: ct.image.trimEnd(), start, end: (ct.endOffset ?? start) + 1, blankBefore: false };
    while (k < b.tokens.length && b.tokens[k]!.start < start) k++;
    const prev = b.tokens[k - 1];
    const next = b.tokens[k];
    if (!isOwnLine(text, start) && prev !== undefined) {
      prev.trailing = c;
      continue;
    }
    const lineBody = next && b.lineFirst.get(next);
    const block = next && b.closes.get(next);
    const target = next === undefined ? body : lineBody ?? block?.body;
    if (target !== undefined) {
      target.push(c);
      bodies.add(target);
    } else next!.leading.push(c);
  }
  for (const bd of bodies) bd.sort((x, y) => x.start - y.start);

  // Blank lines the author left, and the canonical dropping of the `;` a
  // closing `}` makes optional (only where the grammar makes it so).
  const visit = (entries: FmtEntry[]): void => {
    entries.forEach((e, i) => {
      e.blankBefore = i > 0 && newlinesBefore(text, e.start) >= 2;
      if (e.type !== "Line") return;
      for (const p of e.parts) if (p.type === "Block") visit(p.body);
      const last = e.parts[e.parts.length - 1];
      const before = e.parts[e.parts.length - 2];
      if (last?.type === "Token" && last.image === ";" && before?.type === "Block" && last.leading.length === 0 && !semiRequired.has(e)) {
        if (last.trailing === undefined) e.parts.pop();
        else if (before.close.trailing === undefined) {
          before.close.trailing = last.trailing;
          e.parts.pop();
        }
      }
    });
  };
  visit(body);
  return { type: "File", body, start: 0, end: text.length };
}
