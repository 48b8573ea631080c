/**
 * The output of an emitter, built line by line: the lines are joined into
 * one chunk every `CHUNK_LINES` lines, and the chunks once at the end, or
 * handed one by one to a sink (see `EmitOptions.sink`) and never joined
 * (why: docs/performance.md, "Design choices made for speed").
 */

/** Receives an emitter's text a chunk at a time, in order. */
export type TextSink = (chunk: string) => void;

/** Lines per chunk. */
const CHUNK_LINES = 4096;

const INDENTS = Array.from({ length: 16 }, (_, i) => "  ".repeat(i));

export class TextBuilder {
  private readonly chunks: string[] = [];

  constructor(private readonly sink?: TextSink) {}

  /** Pieces of the lines not yet in a chunk: indent, text, newline, ... */
  private pieces: string[] = [];
  private lines = 0;

  /** One line, indented by `depth` steps of two spaces. */
  line(depth: number, text: string): void {
    this.pieces.push(INDENTS[depth] ?? "  ".repeat(depth), text, "\n");
    if (++this.lines === CHUNK_LINES) this.flush();
  }

  /** Text as it is: the caller writes its newlines. */
  append(text: string): void {
    this.pieces.push(text);
  }

  private flush(): void {
    const chunk = this.pieces.join("");
    if (this.sink === undefined) this.chunks.push(chunk);
    else if (chunk !== "") this.sink(chunk);
    this.pieces = [];
    this.lines = 0;
  }

  /** The whole text (every line ends in a newline); with a sink, the rest goes to it and this is "". */
  text(): string {
    this.flush();
    return this.sink === undefined ? this.chunks.join("") : "";
  }
}
