/**
 * The output of an emitter, built line by line. Each target writes tens of
 * megabytes for a large site; holding a million separate line strings until
 * the end makes the garbage collector copy and trace them all, so the pieces
 * are joined into one flat chunk every few thousand lines, and the chunks
 * once at the end, or handed one by one to a sink (see `EmitOptions.sink`)
 * and never joined.
 */

/** Receives an emitter's text a chunk at a time, in order. */
export type TextSink = (chunk: string) => void;

/** Lines per chunk: large enough that joining the chunks is one cheap copy, small enough to stay in the young generation. */
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
