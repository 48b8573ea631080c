import { diag, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import { SourceLines, type Source, type Span } from "../diagnostics/span.js";
import type { IToken, TokenType } from "chevrotain";
import { STATEMENT_KEYWORD_TOKENS } from "../syntax/keywords.js";
import { lex, lexRange } from "../syntax/lex.js";
import type { FileCstNode } from "../syntax/cst.js";
import { haStrictParser, parseFile } from "../syntax/parser.js";
import * as T from "../syntax/tokens.js";
import { AstBuilder } from "./build.js";
import { readRecovering } from "./recover.js";
import type { FileAst, Statement } from "./types.js";

const emptyCst: FileCstNode = { name: "file", children: {} };

/**
 * Lexes and parses one source into its AST. Every lexical and syntax error is
 * reported (the parser recovers and goes on); the AST holds what could be read.
 */
export function parse(source: Source): Result<FileAst> {
  const { lines, fileSpan } = prepare(source);
  // Nesting the parser would recurse into without end: one error, nothing read (as the CIB reader does past 64).
  const deep = nestingError(source, lines);
  if (deep !== undefined) return { value: { ...new AstBuilder(lines).build(emptyCst, [], fileSpan), statements: [] }, diagnostics: [deep] };
  const chunked = source.text.length > CHUNK ? parseInChunks(source.text, lines, fileSpan) : undefined;
  if (chunked) return { value: chunked.ast, diagnostics: chunked.builder.diagnostics };
  return parseWhole(source.text, lines, fileSpan);
}

/**
 * How `parse` reads a large file, alone, for tests: in chunks (of `chunk`
 * characters, about, `parse`'s own size by default), or undefined where that
 * path gives up (any lexical or syntax error) and `parse` reads the file whole instead.
 */
export function parseChunked(source: Source, chunk: number = CHUNK): Result<FileAst> | undefined {
  const { lines, fileSpan } = prepare(source);
  const chunked = parseInChunks(source.text, lines, fileSpan, chunk);
  return chunked && { value: chunked.ast, diagnostics: chunked.builder.diagnostics };
}

/**
 * How `parse` reads a small file, or a large one with an error, alone, for
 * tests: the whole text at once, with error recovery.
 */
export function parseWholeFile(source: Source): Result<FileAst> {
  const { lines, fileSpan } = prepare(source);
  return parseWhole(source.text, lines, fileSpan);
}

/** The file's AST: its statements and its comments. */
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

/** Lexes and parses a whole file at once, with error recovery: the path for small files and for any file with an error. */
function parseWhole(text: string, lines: SourceLines, fileSpan: Span): Result<FileAst> {
  const diagnostics: Diagnostic[] = [];
  const lexed = lex(text);
  for (const e of lexed.errors) {
    const span = lines.span(e.offset, e.offset + e.length);
    const chars = text.slice(e.offset, e.offset + e.length);
    diagnostics.push(
      diag("HA1001", span, `unexpected character${e.length > 1 ? "s" : ""} \`${chars}\``, {
        hint: "names and values are letters, digits and `_ . : + -` (and `/ @` after the first); quote anything else as a \"string\"",
      }),
    );
  }
  const builder = new AstBuilder(lines);
  // One error per broken statement, reading on at the next statement (src/ast/recover.ts).
  const read = readRecovering(lexed.tokens, lexed.errors, builder, lines, fileSpan);
  for (const d of read.diagnostics) diagnostics.push(d);
  const statements = read.statements;
  for (const d of builder.diagnostics) diagnostics.push(d);
  return { value: fileAst(builder, lexed.comments, fileSpan, statements), diagnostics };
}

/**
 * Tokens that start a statement and never continue one after its `;` or
 * closing `}`: every statement keyword (no statement ends in an optional
 * keyword; `instanceDecl` starts with a plain word and is never a cut).
 */
const STARTS: ReadonlySet<TokenType> = new Set(STATEMENT_KEYWORD_TOKENS);
/** Characters per chunk, about (docs/performance.md, "Design choices made for speed"). */
const CHUNK = 16 * 1024;

/**
 * Reads a large file a chunk at a time, so only one chunk's tokens and CST
 * are alive at once.
 *
 * A chunk of text starts where a statement starts and ends at a line break.
 * No token spans a line break (strings and comments end at the line), so
 * lexing a chunk gives the tokens of lexing the whole text there, at their
 * offsets in the file. The tokens are parsed up to the last place where a
 * statement surely starts: a statement keyword after a `;` or `}` at brace
 * depth 0 (a chunk starts at depth 0). The next chunk starts there, and lexes
 * that statement's start again rather than carrying its tokens over. A chunk
 * without such a place (one long statement) is read again twice as long. For
 * a file without errors this gives the same statements as one parse of the
 * whole file; at the first lexical or syntax error it gives up (undefined),
 * and the caller reads the whole file with error recovery, so every error is
 * reported as before.
 */
function parseInChunks(text: string, lines: SourceLines, fileSpan: Span, chunk = CHUNK): { ast: FileAst; builder: AstBuilder } | undefined {
  const builder = new AstBuilder(lines);
  // Without recovery: a chunk with an error is given up anyway, and the
  // strict parser's CST is the recovering one's for valid input, made with
  // less work (test/syntax/chevrotain.test.ts; docs/performance.md, "The reader").
  const parser = haStrictParser();
  const statements: Statement[] = [];
  const comments: IToken[] = [];
  const parseTokens = (tokens: IToken[]): boolean => {
    parser.input = tokens;
    const cst = parseFile(parser);
    if (parser.errors.length > 0) return false;
    for (const st of builder.build(cst, [], fileSpan).statements) statements.push(st);
    return true;
  };
  const read = (): boolean => {
    for (let from = 0, size = chunk; from < text.length; ) {
      const nl = text.indexOf("\n", from + size);
      const to = nl < 0 ? text.length : nl + 1;
      const tokens = lexRange(text, from, to, comments);
      if (tokens === undefined) return false;
      if (to === text.length) return tokens.length === 0 || parseTokens(tokens);
      const cut = lastStatementStart(tokens);
      if (cut === 0) {
        // One statement so far: read it again in a longer chunk.
        dropFrom(comments, from);
        size *= 2;
        continue;
      }
      const next = tokens[cut]!.startOffset;
      dropFrom(comments, next);
      tokens.length = cut;
      if (!parseTokens(tokens)) return false;
      from = next;
      size = chunk;
    }
    return true;
  };
  const ok = read();
  parser.input = [];
  return ok ? { ast: fileAst(builder, comments, fileSpan, statements), builder } : undefined;
}

/** The index of the last token of a chunk that surely starts a statement, 0 if none after the first. */
function lastStatementStart(tokens: readonly IToken[]): number {
  let cut = 0;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (depth === 0 && i > 0 && STARTS.has(type)) {
      const prev = tokens[i - 1]!.tokenType;
      if (prev === T.Semi || prev === T.RBrace) cut = i;
    }
    if (type === T.LBrace) depth++;
    else if (type === T.RBrace) depth--;
  }
  return cut;
}

/** Drops the comments at or after `offset` (they are read again with the next chunk). */
function dropFrom(comments: IToken[], offset: number): void {
  while (comments.length > 0 && comments[comments.length - 1]!.startOffset >= offset) comments.pop();
}


/** HA1003 at the first `(` nested deeper than the parser goes (MAX_DEPTH), or undefined: for every reader of a site (parse, fmt). */
export function nestingError(source: Source, lines: SourceLines = new SourceLines(source.file, source.text)): Diagnostic | undefined {
  const deep = tooDeep(source.text);
  if (deep === undefined) return undefined;
  return diag("HA1003", lines.span(deep, deep + 1), `parentheses nested more than ${MAX_DEPTH} deep`, { hint: "a rule's tests group at most a few levels deep: write the condition flatter (or as several rules)" });
}

/** How deep `(` may nest in a site. */
const MAX_DEPTH = 64;

/** The offset of the first `(` nested deeper than MAX_DEPTH, outside strings and comments, or undefined. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // A string ends at its closing quote or at the line's end (an unterminated one is the lexer's to report).
      for (i++; i < text.length && text[i] !== '"' && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
    } else if (c === 0x23 /* # */) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === 0x28 /* ( */) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x29 /* ) */ && depth > 0) depth--;
  }
  return undefined;
}
