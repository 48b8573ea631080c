import type * as A from "../ast/types.js";
import { hasErrors, type Diagnostic, type Result } from "../diagnostics/diagnostic.js";
import { declare } from "./declare.js";
import { elaborate } from "./elaborate.js";
import type { SiteModel } from "./model.js";
import { RULES } from "./rules/index.js";
import { Scope } from "./scope.js";

/** Switches for the checker's optional rules. */
export interface CheckOptions {
  /** The N-1 check (every single host failure, see failover.ts); on unless `false`. */
  readonly n1?: boolean;
  /** How many name comparisons "did you mean" hints may make in this run (V.SUGGESTION_BUDGET unless set). */
  readonly suggestionBudget?: number;
}

/**
 * Checks a program (stdlib files first, then the site's) and resolves it into
 * a SiteModel. Reports every problem; the model is undefined only when there
 * is no cluster block to build one from.
 *
 * The passes: declarations (agents, service kinds, the cluster, every id, in
 * one scope), elaboration (AST to site model), then each of RULES in order.
 */
export function check(files: readonly A.FileAst[], options: CheckOptions = {}): Result<SiteModel | undefined> {
  const ds: Diagnostic[] = [];
  const report = (d: Diagnostic): void => {
    ds.push(d);
  };
  const stmts = files.flatMap((f) => f.statements);
  const scope = new Scope(report, options.suggestionBudget);
  const decls = declare(files, stmts, scope, report);
  const site = elaborate(stmts, decls, scope, report);
  for (const rule of Object.values(RULES)) {
    const found = rule(site, { ...(options.n1 !== undefined ? { n1: options.n1 } : {}), clean: !hasErrors(ds) });
    // Loops, not push(...): a spread of many diagnostics overflows the stack.
    for (const d of found) ds.push(d);
  }
  return { value: decls.cluster ? site : undefined, diagnostics: ds };
}
