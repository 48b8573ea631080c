import type { Span } from "../diagnostics/span.js";

/**
 * Where an emitter's diagnostic points when the origins (`EmitOptions`) do
 * not say where the object at fault was declared: the start of the site's
 * file (its message names the object). Shared by every emitter and the plan's scripts.
 */
export function fileSpan(file: string): Span {
  return { file, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
}
