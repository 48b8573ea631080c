import type { IRecognitionException } from "chevrotain";
import { diag, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import { SourceLines, type Source, type Span } from "../diagnostics/span.js";
import type { CstNode, IToken } from "chevrotain";
import { haParser } from "../syntax/parser.js";
import { lex, scanRange } from "../syntax/scan.js";
import { AstBuilder } from "./build.js";
import { readStatements } from "./direct.js";
import type { FileAst, Statement } from "./types.js";

const emptyCst: CstNode = { name: "file", children: {} };

/** How `parse` reads; for tests, which compare the two readers. */
export interface ParseOptions {
  /**
   * True (the default): a file without syntax errors is read straight into
   * the AST (src/ast/direct.ts); chevrotain's parser reads only files with
   * errors. False: chevrotain's parser and the CST-to-AST builder read every file.
   */
  readonly direct?: boolean;
}

/**
 * Lexes and parses one source into its AST. Every lexical and syntax error is
 * reported (the parser recovers and goes on); the AST holds what could be read.
 */
export function parse(source: Source, { direct = true }: ParseOptions = {}): Result<FileAst> {
  const { lines, fileSpan } = prepare(source);
  const chunked = direct && source.text.length > CHUNK ? parseInChunks(source.text, lines, fileSpan) : undefined;
  if (chunked) return { value: chunked.ast, diagnostics: chunked.builder.diagnostics };
  return parseWhole(source.text, lines, fileSpan, direct);
}

/**
 * The fast path of `parse` alone, for tests: the file read in chunks, or
 * undefined where that path gives up (any error) and `parse` would read the
 * file whole instead.
 */
export function parseChunked(source: Source): Result<FileAst> | undefined {
  const { lines, fileSpan } = prepare(source);
  const chunked = parseInChunks(source.text, lines, fileSpan);
  return chunked && { value: chunked.ast, diagnostics: chunked.builder.diagnostics };
}

/** The file's AST: its statements, read by either reader, and its comments. */
function fileAst(builder: AstBuilder, comments: readonly IToken[], fileSpan: Span, statements: Statement[]): FileAst {
  return { ...builder.build(emptyCst, comments, fileSpan), statements };
}

/** A source's line table and the span of the whole file (its end is just past the last character). */
function prepare({ file, text }: Source): { lines: SourceLines; fileSpan: Span } {
  const lines = new SourceLines(file, text);
  const endLine = lines.lineOf(text.length);
  const fileSpan: Span = { file, start: 0, end: text.length, line: 1, column: 1, endLine, endColumn: text.length - lines.lineStart(endLine) + 1 };
  return { lines, fileSpan };
}

/**
 * A span as a plain object, for the few spans made outside the AST builder:
 * code elsewhere may copy and adjust these with a spread.
 */
function literalSpan(lines: SourceLines, start: number, end: number): Span {
  const s = lines.span(start, end);
  return { file: s.file, start, end, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

/**
 * Lexes and parses a whole file at once: the path for small files and for any
 * file with an error. A file without errors is read straight into the AST
 * (when `direct`); any other is parsed by chevrotain's parser, with error recovery.
 */
function parseWhole(text: string, lines: SourceLines, fileSpan: Span, direct: boolean): Result<FileAst> {
  const diagnostics: Diagnostic[] = [];
  const lexed = lex(text);
  if (direct && lexed.errors.length === 0) {
    const builder = new AstBuilder(lines);
    const statements = readStatements(lexed.tokens, builder);
    if (statements !== undefined) {
      return { value: fileAst(builder, lexed.comments, fileSpan, statements), diagnostics: builder.diagnostics };
    }
  }
  for (const e of lexed.errors) {
    const span = lines.span(e.offset, e.offset + e.length);
    const chars = text.slice(e.offset, e.offset + e.length);
    diagnostics.push(
      diag("HA1001", span, `unexpected character${e.length > 1 ? "s" : ""} \`${chars}\``, {
        hint: "names and values are letters, digits and `_ . : + -`; quote anything else as a \"string\"",
      }),
    );
  }
  const builder = new AstBuilder(lines);
  const parser = haParser();
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
    for (const e of parser.errors) if (e !== stray && !(e.token.startOffset >= cut)) diagnostics.push(syntaxDiagnostic(e, builder, lines));
    if (stray === undefined) break;
    diagnostics.push(syntaxDiagnostic(stray, builder, lines));
    let i = tokens.findIndex((t) => t.startOffset >= stray.token.startOffset);
    if (i < 0) break;
    while (i < tokens.length && tokens[i]!.image !== ";" && tokens[i]!.image !== "}") i++;
    tokens = tokens.slice(i + 1);
    if (tokens.length === 0) break;
  }
  parser.input = [];
  for (const d of builder.diagnostics) diagnostics.push(d);
  return { value: fileAst(builder, lexed.comments, fileSpan, statements), diagnostics };
}

/** Tokens that start a statement and never continue one after its `;` or closing `}`. */
const STATEMENT_KEYWORDS = new Set(["Kw_cluster", "Kw_guest", "Kw_resource", "Kw_order", "Kw_colocate", "Kw_group", "Kw_clone", "Kw_agent", "Kw_service"]);
/**
 * Characters per chunk, about: large enough that chunking costs nothing, small
 * enough that a chunk's tokens die young instead of being promoted to
 * the old generation, where every collection would have to mark them again.
 */
const CHUNK = 16 * 1024;

/**
 * Reads a large file a chunk at a time, so only one chunk's tokens are alive
 * at once (a 10,000-guest site has over 770,000 tokens).
 *
 * A chunk of text ends at a line break. No token spans a line break (strings
 * and comments end at the line), so scanning the chunks one by one gives the
 * tokens of scanning the whole text, at their offsets in the file. The tokens are
 * then read (src/ast/direct.ts) up to the last place where a statement surely starts: a
 * statement keyword after a `;` or `}` at brace depth 0. The rest waits for
 * the next chunk. For a file without errors this gives the same statements as
 * one parse of the whole file; at the first lexical or syntax error it gives
 * up (undefined), and the caller reads the whole file with error recovery, so
 * every error is reported as before.
 */
function parseInChunks(text: string, lines: SourceLines, fileSpan: Span): { ast: FileAst; builder: AstBuilder } | undefined {
  const builder = new AstBuilder(lines);
  const statements: Statement[] = [];
  const comments: IToken[] = [];
  const parseTokens = (tokens: IToken[]): boolean => {
    const read = readStatements(tokens, builder);
    if (read === undefined) return false;
    for (const st of read) statements.push(st);
    return true;
  };
  let pending: IToken[] = [];
  let depth = 0;
  for (let from = 0; from < text.length; ) {
    const nl = text.indexOf("\n", from + CHUNK);
    const to = nl < 0 ? text.length : nl + 1;
    const scanned: IToken[] = [];
    if (!scanRange(text, from, to, scanned, comments)) return undefined;
    const tokens = pending.length > 0 ? pending.concat(scanned) : scanned;
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
    from = to;
  }
  if (pending.length > 0 && !parseTokens(pending)) return undefined;
  return { ast: fileAst(builder, comments, fileSpan, statements), builder };
}

function syntaxDiagnostic(e: IRecognitionException, b: AstBuilder, lines: SourceLines): Diagnostic {
  let tok = e.token;
  const prev = (e as { previousToken?: typeof tok }).previousToken;
  const known = (t: IToken | undefined): t is IToken => t !== undefined && !Number.isNaN(t.startOffset);
  const after = (t: IToken) => (t.endOffset ?? t.startOffset) + 1;
  if (tok.tokenType.name === "EOF" || Number.isNaN(tok.startOffset)) {
    // At the end of input, point just past the last token read.
    const at = known(prev) ? after(prev) : lines.textLength;
    return diag("HA1003", literalSpan(lines, at, at + 1), e.message);
  }
  const missingSemi = /^expected `;`/.test(e.message);
  if (missingSemi && known(prev) && lines.lineOf(after(prev) - 1) < lines.lineOf(tok.startOffset)) {
    // A `;` forgotten at the end of a line: point there, not at the next statement.
    const at = after(prev);
    return diag("HA1003", literalSpan(lines, at, at + 1), e.message, { hint: "every statement ends with `;` (or with its closing `}`)" });
  }
  const hint = missingSemi ? "every statement ends with `;` (or with its closing `}`)" : undefined;
  return diag("HA1003", b.tokenSpan(tok), e.message, hint ? { hint } : {});
}
