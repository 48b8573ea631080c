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
  const diagnostics: Diagnostic[] = [];
  const { file, text } = source;
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
  const end = positionAt(text, text.length);
  const fileSpan: Span = { file, start: 0, end: text.length, line: 1, column: 1, endLine: end.line, endColumn: end.column };
  const sliced = lexed.tokens.length > SLICE ? parseInSlices(lexed.tokens, file, fileSpan) : undefined;
  if (sliced) {
    const ast: FileAst = { ...sliced.builder.build(emptyCst, lexed.groups["comments"] ?? [], fileSpan), statements: sliced.statements };
    diagnostics.push(...sliced.builder.diagnostics);
    return { value: ast, diagnostics };
  }
  const builder = new AstBuilder(file);
  // Parse; where a token cannot start a statement, report it once, skip to
  // the end of that statement (past the next `;` or `}`) and parse on.
  const statements: FileAst["statements"][number][] = [];
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
  const ast: FileAst = { ...builder.build(emptyCst, lexed.groups["comments"] ?? [], fileSpan), statements };
  diagnostics.push(...builder.diagnostics);
  return { value: ast, diagnostics };
}

/** Tokens that start a statement and never continue one after its `;` or closing `}`. */
const STATEMENT_KEYWORDS = new Set(["Kw_cluster", "Kw_guest", "Kw_resource", "Kw_order", "Kw_colocate", "Kw_group", "Kw_clone", "Kw_agent", "Kw_service"]);
/** Tokens per slice, at least: large enough that slicing costs nothing, small enough that a slice's CST stays young. */
const SLICE = 4096;

/**
 * Parses a large file a slice of whole statements at a time, so only one
 * slice's CST is alive at once (a 10,000-guest site's whole CST is over 200 MB).
 * A slice ends before a statement keyword that follows a `;` or `}` at brace
 * depth 0, where a statement always ends. For a file without syntax errors
 * this gives the same statements as one parse of the whole file; at the first
 * syntax error it gives up (undefined), and the caller parses the whole file
 * with error recovery, so every error is reported as before.
 */
function parseInSlices(tokens: readonly IToken[], file: string, fileSpan: Span): { statements: Statement[]; builder: AstBuilder } | undefined {
  const builder = new AstBuilder(file);
  const statements: Statement[] = [];
  const slice = (from: number, to: number): boolean => {
    parser.input = tokens.slice(from, to);
    const cst = parser.file();
    if (parser.errors.length > 0) return false;
    for (const st of builder.build(cst, [], fileSpan).statements) statements.push(st);
    return true;
  };
  let from = 0;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const name = tokens[i]!.tokenType.name;
    if (i - from >= SLICE && depth === 0 && STATEMENT_KEYWORDS.has(name)) {
      const prev = tokens[i - 1]!.tokenType.name;
      if (prev === "Semi" || prev === "RBrace") {
        if (!slice(from, i)) return undefined;
        from = i;
      }
    }
    if (name === "LBrace") depth++;
    else if (name === "RBrace") depth--;
  }
  if (!slice(from, tokens.length)) return undefined;
  parser.input = [];
  return { statements, builder };
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
