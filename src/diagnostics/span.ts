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
