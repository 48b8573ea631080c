import type { IRecognitionException } from "chevrotain";
import { diag, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import type { Source, Span } from "../diagnostics/span.js";
import type { CstNode, IToken } from "chevrotain";
import { parser } from "../syntax/parser.js";
import { haLexer } from "../syntax/tokens.js";
import { AstBuilder } from "./build.js";
import type { FileAst, Statement } from "./types.js";

const emptyCst: CstNode = { name: "file", children: {} };

/** Position of an offset in a text, 1-based. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Lexes and parses one source into its AST. Every lexical and syntax error is
 * reported (the parser recovers and goes on); the AST holds what could be read.
 */
export function parse(source: Source): Result<FileAst> {
  const { file, text } = source;
  const end = positionAt(text, text.length);
  const fileSpan: Span = { file, start: 0, end: text.length, line: 1, column: 1, endLine: end.line, endColumn: end.column };
  const chunked = text.length > CHUNK ? parseInChunks(text, file, fileSpan) : undefined;
  if (chunked) return { value: chunked.ast, diagnostics: chunked.builder.diagnostics };
  return parseWhole(text, file, fileSpan);
}

/** Lexes and parses a whole file at once, with error recovery: the path for small files and for any file with an error. */
function parseWhole(text: string, file: string, fileSpan: Span): Result<FileAst> {
  const diagnostics: Diagnostic[] = [];
  const lexed = haLexer.tokenize(text);
  for (const e of lexed.errors) {
    const start = positionAt(text, e.offset);
    const span: Span = {
      file,
      start: e.offset,
      end: e.offset + e.length,
      line: start.line,
      column: start.column,
      endLine: start.line,
      endColumn: start.column + e.length,
    };
    const chars = text.slice(e.offset, e.offset + e.length);
    diagnostics.push(
      diag("HA1001", span, `unexpected character${e.length > 1 ? "s" : ""} \`${chars}\``, {
        hint: "names and values are letters, digits and `_ . : + -`; quote anything else as a \"string\"",
      }),
    );
  }
  const builder = new AstBuilder(file);
  // Parse; where a token cannot start a statement, report it once, skip to
  // the end of that statement (past the next `;` or `}`) and parse on.
  const statements: Statement[] = [];
  let tokens = lexed.tokens;
  for (;;) {
    parser.input = tokens;
    const cst = parser.file();
    const built = builder.build(cst, [], fileSpan).statements;
    const stray = parser.errors.find(
      (e) => e.name === "NotAllInputParsedException" || (e.name === "MismatchedTokenException" && e.message.startsWith("unexpected")),
    );
    const cut = stray?.token.startOffset ?? Infinity;
    // Recovery may have read on past the stray token; keep only what came before it.
    // A loop, not push(...): a spread of some 130,000 statements overflows the stack.
    for (const st of built) if (st.span.start < cut) statements.push(st);
    for (const e of parser.errors) if (e !== stray && !(e.token.startOffset >= cut)) diagnostics.push(syntaxDiagnostic(e, builder, text, file));
    if (stray === undefined) break;
    diagnostics.push(syntaxDiagnostic(stray, builder, text, file));
    let i = tokens.findIndex((t) => t.startOffset >= stray.token.startOffset);
    if (i < 0) break;
    while (i < tokens.length && tokens[i]!.image !== ";" && tokens[i]!.image !== "}") i++;
    tokens = tokens.slice(i + 1);
    if (tokens.length === 0) break;
  }
  parser.input = [];
  const ast: FileAst = { ...builder.build(emptyCst, lexed.groups["comments"] ?? [], fileSpan), statements };
  for (const d of builder.diagnostics) diagnostics.push(d);
  return { value: ast, diagnostics };
}

/** Tokens that start a statement and never continue one after its `;` or closing `}`. */
const STATEMENT_KEYWORDS = new Set(["Kw_cluster", "Kw_guest", "Kw_resource", "Kw_order", "Kw_colocate", "Kw_group", "Kw_clone", "Kw_agent", "Kw_service"]);
/**
 * Characters per chunk, about: large enough that chunking costs nothing, small
 * enough that a chunk's tokens and CST die young instead of being promoted to
 * the old generation, where every collection would have to mark them again.
 */
const CHUNK = 64 * 1024;
const LINE_BREAK = /\r\n?|\n/g;

/**
 * Reads a large file a chunk at a time, so only one chunk's tokens and CST
 * are alive at once (a 10,000-guest site has over a million tokens).
 *
 * A chunk of text ends at a line break. No token spans a line break (strings
 * and comments end at the line), so lexing the chunks one by one gives the
 * tokens of lexing the whole text; they are moved to their place in the file
 * (offset and line; a chunk starts a line, so columns stay). The tokens are
 * then parsed up to the last place where a statement surely starts: a
 * statement keyword after a `;` or `}` at brace depth 0. The rest waits for
 * the next chunk. For a file without errors this gives the same statements as
 * one parse of the whole file; at the first lexical or syntax error it gives
 * up (undefined), and the caller reads the whole file with error recovery, so
 * every error is reported as before.
 */
function parseInChunks(text: string, file: string, fileSpan: Span): { ast: FileAst; builder: AstBuilder } | undefined {
  const builder = new AstBuilder(file);
  const statements: Statement[] = [];
  const comments: IToken[] = [];
  const parseTokens = (tokens: IToken[]): boolean => {
    parser.input = tokens;
    const cst = parser.file();
    if (parser.errors.length > 0) return false;
    for (const st of builder.build(cst, [], fileSpan).statements) statements.push(st);
    return true;
  };
  let pending: IToken[] = [];
  let depth = 0;
  let line = 0;
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf("\n", from + CHUNK);
    const to = nl < 0 ? text.length : nl + 1;
    const chunk = text.slice(from, to);
    const lexed = haLexer.tokenize(chunk);
    if (lexed.errors.length > 0) return undefined;
    for (const t of lexed.tokens) move(t, from, line);
    for (const t of lexed.groups["comments"] ?? []) comments.push(move(t, from, line));
    const tokens = pending.length > 0 ? pending.concat(lexed.tokens) : lexed.tokens;
    // The last statement start in these tokens; depth is carried from the pending tokens' scan.
    let cut = 0;
    for (let i = pending.length; i < tokens.length; i++) {
      const name = tokens[i]!.tokenType.name;
      if (depth === 0 && i > 0 && STATEMENT_KEYWORDS.has(name)) {
        const prev = tokens[i - 1]!.tokenType.name;
        if (prev === "Semi" || prev === "RBrace") cut = i;
      }
      if (name === "LBrace") depth++;
      else if (name === "RBrace") depth--;
    }
    if (cut > 0 && !parseTokens(tokens.slice(0, cut))) return undefined;
    pending = tokens.slice(cut);
    line += (chunk.match(LINE_BREAK) ?? []).length;
    from = to;
  }
  if (pending.length > 0 && !parseTokens(pending)) return undefined;
  parser.input = [];
  const ast: FileAst = { ...builder.build(emptyCst, comments, fileSpan), statements };
  return { ast, builder };
}

/** Moves a token lexed from a chunk to its place in the file: the chunk starts at `offset`, after `lines` lines. */
function move(t: IToken, offset: number, lines: number): IToken {
  t.startOffset += offset;
  if (t.endOffset !== undefined) t.endOffset += offset;
  if (t.startLine !== undefined) t.startLine += lines;
  if (t.endLine !== undefined) t.endLine += lines;
  return t;
}

function syntaxDiagnostic(e: IRecognitionException, b: AstBuilder, text: string, file: string): Diagnostic {
  let tok = e.token;
  if (tok.tokenType.name === "EOF" || Number.isNaN(tok.startOffset)) {
    // At the end of input, point just past the last token read.
    const prev = (e as { previousToken?: typeof tok }).previousToken;
    const at = prev && !Number.isNaN(prev.startOffset) ? (prev.endOffset ?? prev.startOffset) + 1 : text.length;
    const p = positionAt(text, at);
    const span: Span = { file, start: at, end: at + 1, line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 };
    return diag("HA1003", span, e.message);
  }
  const missingSemi = /^expected `;`/.test(e.message);
  const prev = (e as { previousToken?: typeof tok }).previousToken;
  if (missingSemi && prev && !Number.isNaN(prev.startOffset) && (prev.endLine ?? 0) < (tok.startLine ?? 0)) {
    // A `;` forgotten at the end of a line: point there, not at the next statement.
    const at = (prev.endOffset ?? prev.startOffset) + 1;
    const p = positionAt(text, at);
    const span: Span = { file, start: at, end: at + 1, line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 };
    return diag("HA1003", span, e.message, { hint: "every statement ends with `;` (or with its closing `}`)" });
  }
  const hint = missingSemi ? "every statement ends with `;` (or with its closing `}`)" : undefined;
  return diag("HA1003", b.tokenSpan(tok), e.message, hint ? { hint } : {});
}
