import { parse } from "./ast/parse.js";
import type { FileAst } from "./ast/types.js";
import { check, type CheckOptions } from "./check/index.js";
import type { SiteModel } from "./check/model.js";
import { hasErrors, sortDiagnostics, type Diagnostic, type Result } from "./diagnostics/diagnostic.js";
import type { Source, Span } from "./diagnostics/span.js";
import { lower } from "./ir/lower.js";
import { idClashes, mayClash } from "./ir/ids.js";
import { ownerTagId } from "./emit/owner.js";
import type { Cib, Origins } from "./ir/types.js";

/** The front of the pipeline: parse every source, check them together, lower to IR. */
export interface Analysis {
  readonly files: readonly FileAst[];
  readonly site?: SiteModel;
  /** Present only when there are no errors. */
  readonly cib?: Cib;
  /** Where each object of `cib` was declared, for the emitters' diagnostics; with `cib`. */
  readonly origins?: Origins;
}

/**
 * Runs source -> AST -> checks -> IR. `library` holds the stdlib and any
 * agent libraries; `sources` the site. Diagnostics come back sorted; the IR
 * only when no error was found.
 */
export function analyze(library: readonly Source[], sources: readonly Source[], options: CheckOptions = {}): Result<Analysis> {
  const { files, site, diagnostics } = front(library, sources, options);
  if (site === undefined || hasErrors(diagnostics)) {
    return { value: site ? { files, site } : { files }, diagnostics };
  }
  const origins = new Map<string, Span>();
  const cib = lower(site, origins);
  const clashes = idsTwice(site, cib, origins);
  if (clashes.length > 0) return { value: { files, site }, diagnostics: sortDiagnostics([...diagnostics, ...clashes]) };
  return { value: { files, site, cib, origins }, diagnostics };
}

/**
 * The same as `analyze`, for a caller that needs only the IR (`hacc
 * compile`): the ASTs are let go before lowering, so they can be collected
 * while the IR is built and written (docs/performance.md).
 */
export function compileToIr(library: readonly Source[], sources: readonly Source[], options: CheckOptions = {}): Result<{ readonly cib: Cib; readonly origins: Origins } | undefined> {
  const { site, diagnostics } = front(library, sources, options);
  if (site === undefined || hasErrors(diagnostics)) return { value: undefined, diagnostics };
  const origins = new Map<string, Span>();
  const cib = lower(site, origins);
  const clashes = idsTwice(site, cib, origins);
  if (clashes.length > 0) return { value: undefined, diagnostics: sortDiagnostics([...diagnostics, ...clashes]) };
  return { value: { cib, origins }, diagnostics };
}

/**
 * Only the diagnostics of source -> AST -> checks (`hacc check`): lowering
 * to IR finds nothing more, so it is skipped, and the ASTs and the site
 * model can go as soon as the checks are done.
 */
export function diagnose(library: readonly Source[], sources: readonly Source[], options: CheckOptions = {}): readonly Diagnostic[] {
  const { site, diagnostics } = front(library, sources, options);
  // An id twice in the CIB is found on the IR: built only when the site's own ids say it may happen (mayClash).
  if (site === undefined || hasErrors(diagnostics) || !mayClash(chosenIds(site))) return diagnostics;
  const origins = new Map<string, Span>();
  const clashes = idClashes(lower(site, origins), origins, ownerTagOf(site));
  return clashes.length > 0 ? sortDiagnostics([...diagnostics, ...clashes]) : diagnostics;
}

/** HA2005 for an id the CIB would hold twice (src/ir/ids.ts), when the site's own ids say it may. */
function idsTwice(site: SiteModel, cib: Cib, origins: ReadonlyMap<string, Span>): Diagnostic[] {
  return mayClash(chosenIds(site)) ? idClashes(cib, origins, ownerTagOf(site)) : [];
}

/** The ownership tag's id (every target writes it when the site declares an object). */
function ownerTagOf(site: SiteModel): string {
  return ownerTagId(site.name);
}

/** The ids the site chooses: its resources', templates', tags', constraints', alerts', fencing levels', sets' and ACL entries'. */
function chosenIds(site: SiteModel): string[] {
  return [
    ...site.byId.keys(),
    ...site.constraints.map((c) => c.constraint.id),
    ...(site.templates ?? []).map((t) => t.id),
    ...(site.tags ?? []).map((t) => t.id),
    ...(site.alerts ?? []).flatMap((a) => [a.id, ...a.recipients.map((r) => r.id)]),
    ...(site.fencingLevels ?? []).map((f) => f.level.id),
    ...(site.defaultSets ?? []).map((d) => d.set.id),
    ...(site.nodeSets ?? []).map((n) => n.set.id),
    ...(site.acls ? [...site.acls.acls.roles, ...site.acls.acls.users, ...site.acls.acls.groups].map((x) => x.id) : []),
  ];
}

/** The codes of text that cannot be read as statements: a character no token holds, an unterminated string, a syntax error. */
const SYNTAX: ReadonlySet<string> = new Set(["HA1001", "HA1002", "HA1003"]);

/** Parse every source and check them together; a source that does not parse stops the run before the checks. */
function front(
  library: readonly Source[],
  sources: readonly Source[],
  options: CheckOptions,
): { files: FileAst[]; site: SiteModel | undefined; diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files: FileAst[] = [];
  for (const s of [...library, ...sources]) {
    const r = parse(s);
    for (const d of r.diagnostics) diagnostics.push(d);
    files.push(r.value);
  }
  // A file that does not parse is not checked: the statements it lost would
  // make every reference to them an error too (one mistake, one error).
  if (diagnostics.some((d) => SYNTAX.has(d.code))) return { files, site: undefined, diagnostics: sortDiagnostics(diagnostics) };
  // The N-1 check predicts placements: only for a site that parsed cleanly.
  const checked = check(files, { ...options, n1: options.n1 !== false && !hasErrors(diagnostics) });
  // Loops, not push(...): a spread of some 130,000 diagnostics overflows the stack.
  for (const d of checked.diagnostics) diagnostics.push(d);
  return { files, site: checked.value, diagnostics: sortDiagnostics(diagnostics) };
}
