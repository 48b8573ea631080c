import { CATALOGUE, type Code, type Severity } from "./catalogue.js";
import type { Span } from "./span.js";

/** Another place involved in a diagnostic (the first declaration of a duplicate, ...). */
export interface Related {
  readonly span: Span;
  readonly message: string;
}

/** One problem found in the input. */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly hint?: string;
  readonly related?: readonly Related[];
}

/** The shape every pipeline stage returns. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** Builds a diagnostic whose severity comes from the catalogue. */
export function diag(
  code: Code,
  span: Span,
  message: string,
  extra: { hint?: string; related?: readonly Related[] } = {},
): Diagnostic {
  const d: Diagnostic = { code, severity: CATALOGUE[code].severity, message, span };
  return {
    ...d,
    ...(extra.hint !== undefined ? { hint: extra.hint } : {}),
    ...(extra.related !== undefined && extra.related.length > 0 ? { related: extra.related } : {}),
  };
}

/** True when any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === "error");
}

/** Orders diagnostics by file, position, then code, so output is stable. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      cmp(a.span.file, b.span.file) ||
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
