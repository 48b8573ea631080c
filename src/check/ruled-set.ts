import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import * as C from "../ir/constraints.js";
import type { RuleExpression, RuledSet } from "../ir/types.js";
import { expression } from "./elaborate-location.js";
import type { Elaboration } from "./elaborate.js";
import * as V from "./values.js";

/** How one kind of set chosen by a rule or a score is checked: its code, its word, where its rule stands. */
export interface SetKind {
  /** The error for a mistake in the set (HA3141 for `params`/`meta`, HA3142 for a node's). */
  readonly code: "HA3141" | "HA3142";
  /** The word that opens the set (`params`, `attributes`, ...), as messages name it. */
  readonly word: string;
  /** Where the rule stands, for the tests it may hold (`expression`). */
  readonly section: "params" | "meta" | "node";
  /** What to write instead of a block without `when` or `score`. */
  readonly plainHint: string;
}

/**
 * The head and block of a set chosen by a rule or ranked by a score
 * (`defaultsSet` in the grammar), shared by the sets of resources and
 * nodes: `score N` (any other word there is an error), one boolean
 * operator, the tests of a location rule, each name once, some pair, and
 * `when` or `score`. The set's id is `id`, the rule `ID-rule`, its tests
 * `ID-rule-expr`, ..., the pairs `ID-KEY` (`pairId` makes KEY's part). The
 * rule's own score is INFINITY, as pcs and crmsh write it. Undefined after
 * reporting an error.
 */
export function checkRuledSet(
  e: Elaboration,
  d: Omit<A.DefaultsSetDecl, "section">,
  id: string,
  kind: SetKind,
  at: Span,
  pairId: (key: string) => string = (k) => k,
): { set: RuledSet; pairs: Map<string, A.Pair> } | undefined {
  let ok = true;
  const bad = (span: Span, message: string, hint: string) => {
    ok = false;
    e.report(diag(kind.code, span, message, { hint }));
  };
  if (d.scoreKw !== undefined && d.scoreKw.text !== "score") bad(d.scoreKw.span, `\`${d.scoreKw.text}\` where \`score\` belongs`, `write \`${kind.word} score N { ... }\`, or \`${kind.word} when TEST { ... }\``);
  const score = d.scoreKw !== undefined && d.scoreKw.text !== "score" ? undefined : d.score ? e.score(d.score) : undefined;
  if (d.score && score === undefined) ok = false;
  const op = d.booleanOps[0];
  const mixed = d.booleanOps.find((b) => b.text !== op?.text);
  if (mixed) bad(mixed.span, `a set's rule joins its tests with \`${op!.text}\` and \`${mixed.text}\``, "a rule has one boolean operator: write two sets");
  const ruleId = C.ruleId(id, 0);
  const expressions: RuleExpression[] = [];
  d.expressions.forEach((x, i) => {
    const r = expression(e, x, C.expressionId(ruleId, i), kind.section);
    if (r === undefined) ok = false;
    else expressions.push(r);
  });
  const seen = new Map<string, A.Pair>();
  for (const p of d.pairs) {
    if (!V.isAttrName(p.key.text)) bad(p.key.span, `\`${p.key.text}\` is not a name Pacemaker takes in a set`, "a name has letters, digits, `_ . -`");
    else if (seen.has(p.key.text)) bad(p.key.span, `\`${p.key.text}\` is set twice in one set`, "Pacemaker reads the first and ignores the other: keep one");
    seen.set(p.key.text, p);
  }
  if (d.pairs.length === 0) bad(at, `a \`${kind.word}\` set sets nothing`, "write `KEY = VALUE;` lines in its block, or remove it");
  if (d.expressions.length === 0 && d.score === undefined) bad(at, `a \`${kind.word}\` block without \`when\` or \`score\` is the plain set`, kind.plainHint);
  if (!ok) return undefined;
  const set: RuledSet = {
    id,
    ...(score !== undefined ? { score } : {}),
    ...(expressions.length > 0 ? { rule: { id: ruleId, score: "INFINITY", booleanOp: op?.text ?? "and", expressions } } : {}),
    pairs: d.pairs.map((p) => ({ id: `${id}-${pairId(p.key.text)}`, name: p.key.text, value: p.value.text })),
  };
  return { set, pairs: seen };
}

/**
 * A name two sets of one kind and one score set, reported at the later
 * set's pair (`report`): where both hold, Pacemaker takes the later set's
 * value (crm_simulate).
 */
export function sameScorePairs(before: RuledSet, set: RuledSet, pairs: ReadonlyMap<string, A.Pair>, report: (p: A.Pair, score: string) => void): void {
  if (V.scoreValue(before.score ?? "0") !== V.scoreValue(set.score ?? "0")) return;
  for (const p of set.pairs) if (before.pairs.some((q) => q.name === p.name)) report(pairs.get(p.name)!, set.score ?? "0");
}
