/** A half-open range of source text, with 1-based line/column of both ends. */
export interface Span {
  readonly file: string;
  /** 0-based character offsets, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A source file as the pipeline sees it: a name for messages and its text. */
export interface Source {
  readonly file: string;
  readonly text: string;
}

/**
 * Where each line of a text starts, to turn offsets into line and column. A
 * line ends at `\n`, `\r\n` or a lone `\r`, as the lexer counts them.
 */
export class SourceLines {
  private readonly starts: number[] = [0];
  readonly textLength: number;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.textLength = text.length;
    if (!text.includes("\r")) {
      // The usual case, found with the native search rather than a loop over every character.
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  /** The 1-based line holding `offset`. */
  lineOf(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The offset where 1-based `line` starts. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? 0;
  }

  /** The span of `[start, end)`; its line and column are worked out when read. */
  span(start: number, end: number): Span {
    return new OffsetSpan(this, start, end);
  }
}

/**
 * A span that keeps only its offsets: a large site's AST holds over half a
 * million spans, and line and column are needed only for the few that end up
 * in a diagnostic. The line table is a private field, so equality in tests
 * compares offsets only.
 */
class OffsetSpan implements Span {
  readonly #lines: SourceLines;

  constructor(
    lines: SourceLines,
    readonly start: number,
    readonly end: number,
  ) {
    this.#lines = lines;
  }

  get file(): string {
    return this.#lines.file;
  }
  get line(): number {
    return this.#lines.lineOf(this.start);
  }
  get column(): number {
    return this.start - this.#lines.lineStart(this.line) + 1;
  }
  /** The line of the last character (of the start, for an empty span). */
  get endLine(): number {
    return this.#lines.lineOf(Math.max(this.start, this.end - 1));
  }
  /** One past the column of the last character. */
  get endColumn(): number {
    if (this.end <= this.start) return this.column;
    return this.end - this.#lines.lineStart(this.endLine) + 1;
  }
}
