import type { Diagnostic } from "./diagnostic.js";
import type { Source } from "./span.js";
import { shownName } from "../util/name.js";

export interface RenderOptions {
  /** ANSI colour; the CLI turns it on for terminals only. */
  readonly color?: boolean;
}

const ANSI = { red: "\x1b[31m", yellow: "\x1b[33m", cyan: "\x1b[36m", bold: "\x1b[1m", reset: "\x1b[0m" };

/**
 * Renders a diagnostic as text: a header with code and message, the location,
 * the source line with a caret as wide as the span, the hint as a separate
 * paragraph and related locations.
 */
export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, Source>, opts: RenderOptions = {}): string {
  const c = (code: keyof typeof ANSI, s: string) => (opts.color ? ANSI[code] + s + ANSI.reset : s);
  const sevColor = d.severity === "error" ? "red" : d.severity === "warning" ? "yellow" : "cyan";
  const out: string[] = [];
  out.push(`${c(sevColor, `${d.severity}[${d.code}]`)}: ${c("bold", d.message)}`);
  out.push(...frame(d.span, sources, c));
  if (d.hint !== undefined) out.push(`  = hint: ${d.hint}`);
  for (const r of d.related ?? []) {
    out.push(`  note: ${r.message}`);
    out.push(...frame(r.span, sources, c));
  }
  return out.join("\n") + "\n";
}

const splitLines = new WeakMap<Source, readonly string[]>();

/** A source's lines, split once per source: splitting per diagnostic made a run with many errors quadratic. */
function linesOf(src: Source): readonly string[] {
  let lines = splitLines.get(src);
  // Split where SourceLines counts lines (`\n`, `\r\n`, a lone `\r`), so the line shown is the line named.
  if (lines === undefined) {
    const text = src.text;
    splitLines.set(src, (lines = text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n")));
  }
  return lines;
}

/** Source lines longer than this are cut around the caret, as rustc does. */
export const MAX_LINE_WIDTH = 120;
/** How much of the line before the span a cut line keeps. */
const LEAD = 40;
const CUT = "...";

function frame(
  span: Diagnostic["span"],
  sources: ReadonlyMap<string, Source>,
  c: (code: keyof typeof ANSI, s: string) => string,
): string[] {
  const out = [`  --> ${shownName(span.file)}:${span.line}:${span.column}`];
  const src = sources.get(span.file);
  if (src === undefined) return out;
  const lines = linesOf(src);
  const full = lines[span.line - 1] ?? "";
  const col = Math.max(0, span.column - 1);
  const width = span.endLine === span.line ? Math.max(1, span.endColumn - span.column) : Math.max(1, full.length - col);
  // A window of the line around the caret: a one-line file of megabytes prints a few columns of it.
  let from = 0;
  let to = full.length;
  if (full.length > MAX_LINE_WIDTH) {
    from = Math.max(0, Math.min(Math.min(col, full.length) - LEAD, full.length - MAX_LINE_WIDTH));
    to = Math.min(full.length, from + MAX_LINE_WIDTH);
  }
  const head = from > 0 ? CUT : "";
  const tail = to < full.length ? CUT : "";
  const text = head + printable(full.slice(from, to)) + tail;
  const caretAt = head.length + col - from;
  const caretWidth = tail === "" ? width : Math.max(1, Math.min(width, to - col + tail.length));
  const num = String(span.line);
  const pad = " ".repeat(num.length);
  out.push(`${pad} |`);
  out.push(`${num} | ${text}`);
  out.push(`${pad} | ${" ".repeat(Math.max(0, caretAt))}${c("cyan", "^".repeat(caretWidth))}`);
  return out;
}

/** One column per character: a tab is a space, any other control character (escape, ...) is shown as `?`, never sent to the terminal. */
function printable(s: string): string {
  return s.replace(/\t/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}

/** How many diagnostics text output shows by default (`--max-errors`); like other compilers, the first ones matter. */
export const DEFAULT_MAX_ERRORS = 50;

/**
 * Writes a run's diagnostics one by one through `write`, never as one string:
 * at most `maxErrors` of them (0 or Infinity: all), then how many more there
 * are, then a one-line summary of all of them.
 */
export function writeDiagnostics(
  ds: readonly Diagnostic[],
  sources: ReadonlyMap<string, Source>,
  write: (text: string) => void,
  opts: RenderOptions & { readonly maxErrors?: number } = {},
): void {
  if (ds.length === 0) return;
  const max = opts.maxErrors === undefined || opts.maxErrors <= 0 ? Infinity : opts.maxErrors;
  const shown = Math.min(ds.length, max);
  for (let i = 0; i < shown; i++) write((i > 0 ? "\n" : "") + renderDiagnostic(ds[i]!, sources, opts));
  if (shown < ds.length) {
    const more = ds.length - shown;
    write(`\n... and ${more} more diagnostic${more === 1 ? "" : "s"} not shown (--max-errors ${max}; --max-errors 0 shows all)\n`);
  }
  const errors = ds.filter((d) => d.severity === "error").length;
  const notes = ds.filter((d) => d.severity === "note").length;
  const warnings = ds.length - errors - notes;
  const parts = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  if (notes > 0) parts.push(`${notes} note${notes === 1 ? "" : "s"}`);
  write(`\n${parts.join(", ")}\n`);
}

/** Renders a run's diagnostics, all of them, followed by a one-line summary (see `writeDiagnostics`). */
export function renderAll(ds: readonly Diagnostic[], sources: ReadonlyMap<string, Source>, opts: RenderOptions = {}): string {
  const out: string[] = [];
  writeDiagnostics(ds, sources, (t) => void out.push(t), { ...opts, maxErrors: Infinity });
  return out.join("");
}

/**
 * Writes `items` as `JSON.stringify(items, null, 2)` would, item by item, so
 * thousands of diagnostics never make one string.
 */
export function writeJsonArray(items: Iterable<unknown>, write: (text: string) => void): void {
  let first = true;
  for (const item of items) {
    write((first ? "[\n" : ",\n") + "  " + JSON.stringify(item, null, 2).replace(/\n/g, "\n  "));
    first = false;
  }
  write(first ? "[]\n" : "\n]\n");
}

/** The JSON shape of `hacc check --json`: 1-based lines and columns. */
export function diagnosticToJson(d: Diagnostic): object {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.span.file,
    line: d.span.line,
    column: d.span.column,
    endLine: d.span.endLine,
    endColumn: d.span.endColumn,
    ...(d.hint !== undefined ? { hint: d.hint } : {}),
    ...(d.related !== undefined
      ? { related: d.related.map((r) => ({ file: r.span.file, line: r.span.line, column: r.span.column, message: r.message })) }
      : {}),
  };
}
