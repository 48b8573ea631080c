import { TextDocument } from "vscode-languageserver-textdocument";
import type { Position, Range } from "vscode-languageserver";
import type { Span } from "../diagnostics/span.js";

/**
 * The one place where hacc's offsets meet the protocol's positions. hacc's
 * spans are 0-based offsets into the JavaScript string, which counts UTF-16
 * code units, as LSP positions do; lines end at `\n`, `\r\n` or a lone `\r`
 * for both. So a span's range is its offsets, placed by the document's own
 * line table, and a position is turned back into an offset the same way.
 */
export class Positions {
  private readonly doc: TextDocument;

  constructor(text: string) {
    this.doc = TextDocument.create("hacc:positions", "hacc", 0, text);
  }

  /** The range of `span` (its offsets; the span's own line and column are not read). */
  range(span: Span): Range {
    return { start: this.doc.positionAt(span.start), end: this.doc.positionAt(span.end) };
  }

  /** The offset of `p` (clamped to the text). */
  offset(p: Position): number {
    return this.doc.offsetAt(p);
  }

  /** The position of `offset`. */
  position(offset: number): Position {
    return this.doc.positionAt(offset);
  }

  /** The range of the whole text. */
  whole(): Range {
    return { start: { line: 0, character: 0 }, end: this.doc.positionAt(this.doc.getText().length) };
  }
}
