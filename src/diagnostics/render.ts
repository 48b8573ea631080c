import type { Diagnostic } from "./diagnostic.js";
import type { Source } from "./span.js";

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
  const sevColor = d.severity === "error" ? "red" : "yellow";
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
  if (lines === undefined) splitLines.set(src, (lines = src.text.split("\n")));
  return lines;
}

function frame(
  span: Diagnostic["span"],
  sources: ReadonlyMap<string, Source>,
  c: (code: keyof typeof ANSI, s: string) => string,
): string[] {
  const out = [`  --> ${span.file}:${span.line}:${span.column}`];
  const src = sources.get(span.file);
  if (src === undefined) return out;
  const lines = linesOf(src);
  const text = (lines[span.line - 1] ?? "").replace(/\r$/, "").replace(/\t/g, " ");
  const num = String(span.line);
  const pad = " ".repeat(num.length);
  const width = span.endLine === span.line ? Math.max(1, span.endColumn - span.column) : Math.max(1, text.length - span.column + 1);
  out.push(`${pad} |`);
  out.push(`${num} | ${text}`);
  out.push(`${pad} | ${" ".repeat(Math.max(0, span.column - 1))}${c("cyan", "^".repeat(width))}`);
  return out;
}

/** Renders a run's diagnostics followed by a one-line summary. */
export function renderAll(ds: readonly Diagnostic[], sources: ReadonlyMap<string, Source>, opts: RenderOptions = {}): string {
  if (ds.length === 0) return "";
  const errors = ds.filter((d) => d.severity === "error").length;
  const warnings = ds.length - errors;
  const parts = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  return ds.map((d) => renderDiagnostic(d, sources, opts)).join("\n") + `\n${parts.join(", ")}\n`;
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
