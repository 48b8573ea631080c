import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import * as C from "../ir/constraints.js";
import type { RuleExpression, RuledSet } from "../ir/types.js";
import { expression } from "./elaborate-location.js";
import type { Elaboration } from "./elaborate.js";
import { RESOURCE_META } from "./known.js";
import type { AttrSetModel } from "./model.js";
import { unknownMeta } from "./problems.js";
import * as V from "./values.js";

/**
 * A resource's or template's extra sets, `params [score N] [when TEST ...]
 * { KEY = VALUE; ... }` and the same after `meta`: an `<instance_attributes>`
 * or `<meta_attributes>` after the plain one. Ids: `ID-instance_attributes-N`
 * and `ID-meta_attributes-N` (N from 1 per kind, in order), the rule
 * `SET-rule`, its tests `SET-rule-expr`, ..., the pairs `SET-KEY`.
 *
 * How Pacemaker picks (2.1.5's make_pairs and populate_hash, checked with
 * crm_simulate's transition graph): the sets of one kind are sorted by
 * score, highest first, those of one score the later first, and each name
 * takes the value of the first set that holds and sets it. The plain set,
 * written first with score 0, so loses to a later set of score 0 or more and
 * beats one of a negative score (HA4145 in both cases where the loser can
 * never apply). A `params` rule is evaluated per node (a probe on n2 reads
 * n2's value); a `meta` rule without one, so a node test there never holds
 * (HA4144).
 */
export function elaborateAttrSets(e: Elaboration, id: string, items: readonly A.BlockItem[]): AttrSetModel[] {
  const out: AttrSetModel[] = [];
  const count = { params: 0, meta: 0 };
  for (const d of items) {
    if (d.kind !== "attr-set") continue;
    const tag = d.which === "params" ? "instance_attributes" : "meta_attributes";
    const setId = `${id}-${tag}-${++count[d.which]}`;
    let ok = true;
    const bad = (span: A.Name["span"], message: string, hint: string) => {
      ok = false;
      e.report(diag("HA3141", span, message, { hint }));
    };
    if (d.scoreKw !== undefined && d.scoreKw.text !== "score") bad(d.scoreKw.span, `\`${d.scoreKw.text}\` where \`score\` belongs`, `write \`${d.which} score N { ... }\`, or \`${d.which} when TEST { ... }\``);
    const score = d.scoreKw !== undefined && d.scoreKw.text !== "score" ? undefined : d.score ? e.score(d.score) : undefined;
    if (d.score && score === undefined) ok = false;
    const op = d.booleanOps[0];
    const mixed = d.booleanOps.find((b) => b.text !== op?.text);
    if (mixed) bad(mixed.span, `a set's rule joins its tests with \`${op!.text}\` and \`${mixed.text}\``, "a rule has one boolean operator: write two sets");
    const ruleId = C.ruleId(setId, 0);
    const expressions: RuleExpression[] = [];
    d.expressions.forEach((x, i) => {
      const r = expression(e, x, C.expressionId(ruleId, i), d.which);
      if (r === undefined) ok = false;
      else expressions.push(r);
    });
    const seen = new Map<string, A.Pair>();
    for (const p of d.pairs) {
      if (!V.isAttrName(p.key.text)) bad(p.key.span, `\`${p.key.text}\` is not a name Pacemaker takes in a set`, "a name has letters, digits, `_ . -`");
      else if (seen.has(p.key.text)) bad(p.key.span, `\`${p.key.text}\` is set twice in one set`, "Pacemaker reads the first and ignores the other: keep one");
      else if (d.which === "meta" && !RESOURCE_META.has(p.key.text)) e.report(unknownMeta(p.key, "resource"));
      seen.set(p.key.text, p);
    }
    if (d.pairs.length === 0) bad(d.keyword.span, `a \`${d.which}\` set sets nothing`, "write `KEY = VALUE;` lines in its block, or remove it");
    if (d.expressions.length === 0 && d.score === undefined) {
      bad(d.keyword.span, `a \`${d.which}\` block without \`when\` or \`score\` is the plain set`, d.which === "meta" ? "write `meta KEY = VALUE, ...;` instead" : "write `KEY = VALUE;` lines in the resource's block instead");
    }
    if (!ok) continue;
    const set: RuledSet = {
      id: setId,
      ...(score !== undefined ? { score } : {}),
      ...(expressions.length > 0 ? { rule: { id: ruleId, score: "INFINITY", booleanOp: op?.text ?? "and", expressions } } : {}),
      pairs: d.pairs.map((p) => ({ id: `${setId}-${p.key.text}`, name: p.key.text, value: p.value.text })),
    };
    const rank = V.scoreValue(score ?? "0");
    for (const before of out) {
      if (before.which !== d.which || V.scoreValue(before.set.score ?? "0") !== rank) continue;
      for (const p of set.pairs) {
        if (!before.set.pairs.some((q) => q.name === p.name)) continue;
        e.report(
          diag("HA4146", seen.get(p.name)!.key.span, `\`${p.name}\` is set by two \`${d.which}\` sets of score ${score ?? "0"}`, {
            hint: "where both hold, Pacemaker takes the later set's value (crm_simulate); give the one that should win a higher `score`",
            related: [{ span: before.span, message: "the earlier set" }],
          }),
        );
      }
    }
    out.push({ which: d.which, set, span: d.span, pairs: seen });
  }
  return out;
}

/**
 * HA4145: a value that never applies, between the plain pairs of a block
 * (`KEY = VALUE;` lines, `meta K = V;`) and its extra sets. The plain set is
 * read as one of score 0 written first: a set of a negative score never beats
 * it, and a set without a rule, of score 0 or more, always does.
 */
export function shadowedPairs(e: Elaboration, sets: readonly AttrSetModel[], plain: { readonly params: readonly A.Pair[]; readonly meta: readonly A.Pair[] }): void {
  for (const s of sets) {
    const score = V.scoreValue(s.set.score ?? "0");
    for (const p of plain[s.which]) {
      const mine = s.pairs.get(p.key.text);
      if (!mine) continue;
      const line = s.which === "meta" ? `\`meta ${p.key.text} = ...;\`` : `\`${p.key.text} = ...;\``;
      if (score < 0) {
        e.report(
          diag("HA4145", mine.key.span, `\`${p.key.text}\` is set by ${line} too, which this set's negative score never beats: this value never applies`, {
            hint: "Pacemaker reads the plain set as of score 0 (crm_simulate): give this set a score of 0 or more, or remove the pair",
            related: [{ span: p.span, message: "the plain pair" }],
          }),
        );
      } else if (!s.set.rule) {
        e.report(
          diag("HA4145", p.key.span, `\`${p.key.text}\` is set by a \`${s.which} score ${s.set.score ?? "0"}\` set too, which always holds and wins: this value never applies`, {
            hint: "a set without a rule always holds, and of score 0 or more it beats the plain set written before it (crm_simulate): remove one of them",
            related: [{ span: mine.span, message: "the set's pair" }],
          }),
        );
      }
    }
  }
}

/** A block's plain pairs: its `KEY = VALUE;` lines and `meta K = V, ...;` pairs. */
export function plainPairs(items: readonly A.BlockItem[]): { params: A.Pair[]; meta: A.Pair[] } {
  const out = { params: [] as A.Pair[], meta: [] as A.Pair[] };
  for (const it of items) {
    if (it.kind === "param") out.params.push(it.pair);
    else if (it.kind === "meta") out.meta.push(...it.pairs);
  }
  return out;
}
