import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import * as C from "../ir/constraints.js";
import type { RuleExpression, RuledSet } from "../ir/types.js";
import { checkProperty } from "./declare.js";
import { expression } from "./elaborate-location.js";
import type { Elaboration } from "./elaborate.js";
import type { DefaultSetModel } from "./model.js";
import { OP_DEFAULTS_META, RESOURCE_META } from "./known.js";
import { derivedSetId } from "./names.js";
import { badId, unknownMeta } from "./problems.js";
import * as V from "./values.js";

/**
 * `defaults [score N] [when TEST ...] { KEY = VALUE; ... }` and the same
 * after `op-defaults`: a `<meta_attributes>` of `<rsc_defaults>` or
 * `<op_defaults>` with a rule, a score, or both. Ids: `named ID`, else `rsc-options-N` and
 * `op-options-N` (N from 1, in order, counting the sets without `named`), the rule `SET-rule`, its tests
 * `SET-rule-expr`, `SET-rule-expr-1`, ..., the pairs `SET-KEY`. The rule's
 * own score is INFINITY, as pcs and crmsh write it (Pacemaker does not read
 * it in a set). HA4140 warns of two sets of one section with the same score
 * that set one name: where both rules hold, the later one wins.
 */
export function elaborateDefaultSets(e: Elaboration, decls: readonly A.DefaultsSetDecl[], properties: readonly A.Pair[] = []): DefaultSetModel[] {
  const out: DefaultSetModel[] = [];
  const count = { rsc: 0, op: 0, property: 0 };
  for (const d of decls) {
    // A named set takes no place in the count: a set named or added before another leaves the other's id as it was.
    const id = d.name?.text ?? derivedSetId(d.section, ++count[d.section]);
    let ok = true;
    if (d.name && !V.isXmlId(d.name.text)) {
      ok = false;
      e.report(badId(d.name, "set id"));
    } else if (!e.scope.claimId(id, { kind: "set", span: d.name?.span ?? d.span, from: keyword(d.section), ...(d.name ? {} : { on: "derived" }) })) ok = false;
    if (d.scoreKw !== undefined && d.scoreKw.text !== "score") {
      ok = false;
      e.report(diag("HA3140", d.scoreKw.span, `\`${d.scoreKw.text}\` where \`score\` belongs`, { hint: "write `score N` before `when`, or the set's pairs in its block" }));
    }
    const score = d.scoreKw !== undefined && d.scoreKw.text !== "score" ? undefined : d.score ? e.score(d.score) : undefined;
    if (d.score && score === undefined) ok = false;
    const op = d.booleanOps[0];
    const mixed = d.booleanOps.find((b) => b.text !== op?.text);
    if (mixed) {
      ok = false;
      e.report(diag("HA3140", mixed.span, `a set's rule joins its tests with \`${op!.text}\` and \`${mixed.text}\``, { hint: "a rule has one boolean operator: write two sets" }));
    }
    const ruleId = C.ruleId(id, 0);
    const expressions: RuleExpression[] = [];
    d.expressions.forEach((x, i) => {
      const r = expression(e, x, C.expressionId(ruleId, i), d.section);
      if (r === undefined) ok = false;
      else expressions.push(r);
    });
    const seen = new Map<string, A.Pair>();
    for (const p of d.pairs) {
      if (!V.isAttrName(p.key.text)) {
        ok = false;
        e.report(diag("HA3140", p.key.span, `\`${p.key.text}\` is not a name Pacemaker takes in a set`, { hint: "a name has letters, digits, `_ . -`" }));
      } else if (seen.has(p.key.text)) {
        ok = false;
        e.report(diag("HA3140", p.key.span, `\`${p.key.text}\` is set twice in one set`, { hint: "Pacemaker reads the first and ignores the other: keep one" }));
      } else if (d.section === "property") {
        if (!checkProperty(p, e.report)) ok = false;
        const plain = properties.find((q) => q.key.text === p.key.text);
        if (plain) {
          e.report(
            diag("HA4143", p.key.span, `\`${p.key.text}\` is set by \`property ${p.key.text} = ...;\` too, which always wins: this set's value never applies`, {
              hint: "Pacemaker reads the plain set (cib-bootstrap-options) first, whatever the scores (crm_simulate): remove the plain line, or this one",
              related: [{ span: plain.span, message: "the plain property" }],
            }),
          );
        }
      } else if (ok && !(d.section === "rsc" ? RESOURCE_META : OP_DEFAULTS_META).has(p.key.text)) {
        // A name Pacemaker does not read there (HA3150), in a set with no error yet: a refused set says that first.
        e.report(unknownMeta(p.key, d.section === "rsc" ? "resource" : "op"));
      }
      seen.set(p.key.text, p);
    }
    if (d.pairs.length === 0) {
      ok = false;
      e.report(diag("HA3140", d.span, `a ${d.section === "property" ? "property" : "defaults"} set sets nothing`, { hint: "write `KEY = VALUE;` lines in its block, or remove it" }));
    }
    if (d.expressions.length === 0 && d.score === undefined) {
      ok = false;
      e.report(diag("HA3140", d.span, `a ${keyword(d.section)} block without \`when\` or \`score\` is a plain set`, { hint: d.section === "property" ? "write `property KEY = VALUE;` lines instead" : `write \`${keyword(d.section)} KEY = VALUE, ...;\` instead` }));
    }
    if (!ok) continue;
    const set: RuledSet = {
      id,
      ...(score !== undefined ? { score } : {}),
      ...(expressions.length > 0 ? { rule: { id: ruleId, score: "INFINITY", booleanOp: op?.text ?? "and", expressions } } : {}),
      pairs: d.pairs.map((p) => ({ id: `${id}-${p.key.text}`, name: p.key.text, value: p.value.text })),
    };
    const rank = V.scoreValue(score ?? "0");
    for (const before of out) {
      if (before.section !== d.section || V.scoreValue(before.set.score ?? "0") !== rank || disjoint(before.set, set)) continue;
      for (const p of set.pairs) {
        if (!before.set.pairs.some((q) => q.name === p.name)) continue;
        e.report(
          diag("HA4140", seen.get(p.name)!.key.span, `\`${p.name}\` is set by two \`${keyword(d.section)}\` sets of score ${score ?? "0"}`, {
            hint: "where both rules hold, Pacemaker takes the later set's value (crm_simulate); give the one that should win a higher `score`",
            related: [{ span: before.span, message: "the earlier set" }],
          }),
        );
      }
    }
    out.push({ section: d.section, set, span: d.span });
  }
  return out;
}

/** Two sets whose and-joined rules test different ops (`op start`, `op stop`): never both hold. */
function disjoint(a: RuledSet, b: RuledSet): boolean {
  const ops = (s: RuledSet) => (s.rule && s.rule.booleanOp !== "or" ? s.rule.expressions.flatMap((e) => (e.kind === "op" ? [e.name] : [])) : []);
  const x = ops(a);
  const y = ops(b);
  return x.length > 0 && y.length > 0 && !x.some((n) => y.includes(n));
}

/** The keyword a set of `section` is written with. */
export function keyword(section: A.SetSection): string {
  return section === "rsc" ? "defaults" : section === "op" ? "op-defaults" : "property";
}
