import { parse } from "./ast/parse.js";
import type { FileAst } from "./ast/types.js";
import { check, type CheckOptions } from "./check/check.js";
import type { SiteModel } from "./check/model.js";
import { hasErrors, sortDiagnostics, type Diagnostic, type Result } from "./diagnostics/diagnostic.js";
import type { Source } from "./diagnostics/span.js";
import { lower } from "./ir/lower.js";
import type { Cib } from "./ir/types.js";

/** The front of the pipeline: parse every source, check them together, lower to IR. */
export interface Analysis {
  readonly files: readonly FileAst[];
  readonly site?: SiteModel;
  /** Present only when there are no errors. */
  readonly cib?: Cib;
}

/**
 * Runs source -> AST -> checks -> IR. `library` holds the stdlib and any
 * agent libraries; `sources` the site. Diagnostics come back sorted; the IR
 * only when no error was found.
 */
export function analyze(library: readonly Source[], sources: readonly Source[], options: CheckOptions = {}): Result<Analysis> {
  const diagnostics: Diagnostic[] = [];
  const files: FileAst[] = [];
  for (const s of [...library, ...sources]) {
    const r = parse(s);
    for (const d of r.diagnostics) diagnostics.push(d);
    files.push(r.value);
  }
  // The N-1 check predicts placements: only for a site that parsed cleanly.
  const checked = check(files, { ...options, n1: options.n1 !== false && !hasErrors(diagnostics) });
  // Loops, not push(...): a spread of some 130,000 diagnostics overflows the stack.
  for (const d of checked.diagnostics) diagnostics.push(d);
  const sorted = sortDiagnostics(diagnostics);
  if (checked.value === undefined || hasErrors(sorted)) {
    return { value: checked.value ? { files, site: checked.value } : { files }, diagnostics: sorted };
  }
  return { value: { files, site: checked.value, cib: lower(checked.value) }, diagnostics: sorted };
}
