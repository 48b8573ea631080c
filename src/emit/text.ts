/**
 * The output of an emitter, built line by line. Each target writes tens of
 * megabytes for a large site; holding a million separate line strings until
 * the end makes the garbage collector copy and trace them all, so the pieces
 * are joined into one flat chunk every few thousand lines, and the chunks
 * once at the end.
 */

/** Lines per chunk: large enough that joining the chunks is one cheap copy, small enough to stay in the young generation. */
const CHUNK_LINES = 4096;

const INDENTS = Array.from({ length: 16 }, (_, i) => "  ".repeat(i));

export class TextBuilder {
  private readonly chunks: string[] = [];
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
    this.chunks.push(this.pieces.join(""));
    this.pieces = [];
    this.lines = 0;
  }

  /** The text so far: every line ends in a newline. */
  text(): string {
    this.flush();
    return this.chunks.join("");
  }
}
