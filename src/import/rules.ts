import { DATE_SPEC_FIELDS } from "../check/dates.js";
import { ruleCondition } from "../ir/rule-text.js";
import type { AttrSet, Primitive, Rule, RuledSet } from "../ir/types.js";
import { normScore } from "../review/live.js";
import { fitsString, isKeyWord, value } from "./write.js";
import { isNameWord } from "../syntax/names.js";
import { ownId } from "./constraints.js";

/** A word in a rule as the grammar reads it back: a bare word that is no keyword, else a string. */
export function ruleWord(s: string): string {
  return isNameWord(s) ? s : `"${s.replace(/[\\"]/g, (ch) => "\\" + ch)}"`;
}

/** Why the language cannot say a rule as the CIB has it, or undefined when it can. */
export function unsaidRule(r: Pick<Rule, "booleanOp" | "expressions">): string | undefined {
  if (r.expressions.length > 1 && r.booleanOp !== undefined && r.booleanOp !== "and" && r.booleanOp !== "or") return `boolean-op \`${r.booleanOp}\` is not \`and\` or \`or\``;
  for (const e of r.expressions) {
    if (e.kind === "rule") {
      const why = unsaidRule(e);
      if (why !== undefined) return why;
      continue;
    }
    if (e.kind === "rsc") {
      if ([e.standard, e.provider, e.type].some((v) => v !== undefined && (v === "" || !fitsString(v) || v.includes(":")))) return "a resource test whose agent part is empty or holds `:`";
      continue;
    }
    if (e.kind === "op") {
      if (!fitsString(e.name) || (e.interval !== undefined && !fitsString(e.interval))) return "an op test holds a control character";
      continue;
    }
    if (e.kind === "date" && e.spec !== undefined) {
      const field = e.spec.fields.find((f) => !(f.name in DATE_SPEC_FIELDS));
      if (field !== undefined) return `a date spec field \`${field.name}\` is not one Pacemaker reads`;
      if (e.spec.fields.length === 0) return "a date spec without a field has no form in the language";
      if (e.spec.fields.some((f) => !fitsString(f.range))) return "a date spec range holds a control character";
      continue;
    }
    const values = e.kind === "date" ? [e.start, e.end] : [e.attribute, e.value];
    if (values.some((v) => v !== undefined && !fitsString(v))) return "a rule value holds a control character";
    if (e.kind === "date") {
      const ok = e.operation === "gt" ? e.start !== undefined && e.end === undefined : e.operation === "lt" ? e.end !== undefined && e.start === undefined : e.operation === "in_range" && e.end !== undefined;
      if (!ok) return `a date expression \`${e.operation}\` with ${e.start !== undefined ? "a start" : "no start"} and ${e.end !== undefined ? "an end" : "no end"} has no form in the language`;
    } else if ((e.operation === "defined" || e.operation === "not_defined") !== (e.value === undefined)) {
      return `an expression \`${e.operation}\` ${e.value === undefined ? "without" : "with"} a value has no form in the language`;
    } else if (e.value === undefined && e.type !== undefined) return "a typed `defined` expression has no form in the language";
  }
  return undefined;
}

/**
 * A defaults set with a rule or a score as the language writes it
 * (`defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }`),
 * or why it cannot: a test the language cannot say, a name that is not a
 * word. The rule's own score is left out: Pacemaker 2.1.5 reads only whether
 * a set's rule holds (lib/pengine/rules.c, `pe_eval_rules`), and hacc writes
 * INFINITY there, as pcs and crmsh do.
 */
export function defaultSetText(
  keyword: "defaults" | "op-defaults" | "property" | "params" | "meta" | "attributes" | "utilization",
  s: RuledSet,
  named = "",
  node?: string,
): { text: string } | { reason: string } {
  const what = keyword === "defaults" || keyword === "op-defaults" ? "defaults" : keyword === "attributes" || keyword === "utilization" ? `node ${keyword}` : keyword;
  if (s.rule && (s.rule.role !== undefined || s.rule.scoreAttribute !== undefined)) return { reason: `a ${what} rule with a role or a score-attribute has no form in the language` };
  const why = s.rule && unsaidRule(s.rule);
  if (why) return { reason: why };
  if (s.rule && s.rule.expressions.length === 0) return { reason: `a ${what} rule without a test has no form in the language` };
  const pairs: string[] = [];
  for (const p of s.pairs) {
    if (!isKeyWord(p.name) || !fitsString(p.value)) return { reason: `\`${p.name}\` = \`${p.value}\` cannot be written in the language` };
    pairs.push(`    ${p.name} = ${value(p.value)};`);
  }
  const score = s.score !== undefined ? ` score ${normScore(s.score)}` : "";
  const when = s.rule ? ` when ${ruleCondition(s.rule, ruleWord)}` : "";
  // As `hacc fmt` lays it out inside the cluster block: one pair a line.
  return { text: [`${keyword}${node !== undefined ? ` ${node}` : ""}${score}${when}${named} {`, ...pairs, "  }"].join("\n") };
}

/**
 * A primitive's sets with a rule or a score, as the block's `params [score N] [when ...] { ... }` and `meta ...`
 * items, in order (the plain set is written first; the reader refuses what that would reorder); what cannot be
 * said is refused at its path.
 */
export function resourceSetItems(p: Primitive, path: string, refuse: (path: string, reason: string) => void): string[] {
  const out: string[] = [];
  for (const [kw, tag, sets] of [["params", "instance_attributes", p.instanceSets], ["meta", "meta_attributes", p.metaSets]] as const) {
    // A set keeps its id: `named ID` unless it is the one hacc derives for the next set without a name (crmsh writes `d-instance_attributes-0`).
    let unnamed = 0;
    for (const s of sets ?? []) {
      const named = ownId(s.id, `${p.id}-${tag}-${unnamed + 1}`);
      if (named === "") unnamed++;
      const t = defaultSetText(kw, s, named);
      if ("reason" in t) refuse(`${path}/${tag}[@id='${s.id}']`, t.reason);
      else out.push(t.text);
    }
  }
  return out;
}

/** A group's or clone's parameters as its block's `KEY = VALUE;` lines (`pairs` writes one, or refuses it). */
export function inheritedItems(set: AttrSet | undefined, path: string, pairs: (set: AttrSet, path: string) => string | undefined): string[] {
  return (set?.pairs ?? []).flatMap((q) => {
    const one = pairs({ id: set!.id, pairs: [q] }, `${path}/instance_attributes`);
    return one !== undefined ? [`${one};`] : [];
  });
}
