import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Elaboration } from "./elaborate.js";
import { RESOURCE_META } from "./known.js";
import type { AttrSetModel } from "./model.js";
import { badId, unknownMeta } from "./problems.js";
import { checkRuledSet, sameScorePairs } from "./ruled-set.js";
import * as V from "./values.js";

/**
 * A resource's or template's extra sets, `params [score N] [when TEST ...]
 * { KEY = VALUE; ... }` and the same after `meta`: an `<instance_attributes>`
 * or `<meta_attributes>` after the plain one. Ids: `named ID`, else `ID-instance_attributes-N`
 * and `ID-meta_attributes-N` (N from 1 per kind, in order, counting the sets without `named`), the rule
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
    // `named ID` keeps a set's own id (crmsh's `d-instance_attributes-0`, say) and takes no place in the count.
    if (d.name && !V.isXmlId(d.name.text)) {
      e.report(badId(d.name, "set id"));
      continue;
    }
    const setId = d.name?.text ?? `${id}-${tag}-${++count[d.which]}`;
    if (d.name && !e.scope.claimId(setId, { kind: "set", span: d.name.span, from: d.which })) continue;
    if (d.which === "meta") {
      const named = new Set<string>();
      for (const p of d.pairs) {
        if (V.isAttrName(p.key.text) && !named.has(p.key.text) && !RESOURCE_META.has(p.key.text)) e.report(unknownMeta(p.key, "resource"));
        named.add(p.key.text);
      }
    }
    const plainHint = d.which === "meta" ? "write `meta KEY = VALUE, ...;` instead" : "write `KEY = VALUE;` lines in the resource's block instead";
    const checked = checkRuledSet(e, d, setId, { code: "HA3141", word: d.which, section: d.which, plainHint }, d.keyword.span);
    if (!checked) continue;
    const { set, pairs: seen } = checked;
    for (const before of out) {
      if (before.which !== d.which) continue;
      sameScorePairs(before.set, set, seen, (p, score) =>
        e.report(
          diag("HA4146", p.key.span, `\`${p.key.text}\` is set by two \`${d.which}\` sets of score ${score}`, {
            hint: "where both hold, Pacemaker takes the later set's value (crm_simulate); give the one that should win a higher `score`",
            related: [{ span: before.span, message: "the earlier set" }],
          }),
        ),
      );
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
