import type { IRecognitionException } from "chevrotain";
import { diag, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import type { Source, Span } from "../diagnostics/span.js";
import { parser } from "../syntax/parser.js";
import { haLexer } from "../syntax/tokens.js";
import { AstBuilder } from "./build.js";
import type { FileAst } from "./types.js";

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
  parser.input = lexed.tokens;
  const cst = parser.file();
  const builder = new AstBuilder(file);
  for (const e of parser.errors) diagnostics.push(syntaxDiagnostic(e, builder, text, file));
  const end = positionAt(text, text.length);
  const fileSpan: Span = { file, start: 0, end: text.length, line: 1, column: 1, endLine: end.line, endColumn: end.column };
  const ast = builder.build(cst, lexed.groups["comments"] ?? [], fileSpan);
  diagnostics.push(...builder.diagnostics);
  return { value: ast, diagnostics };
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
