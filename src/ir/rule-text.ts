import type { Rule, RuleExpression } from "./types.js";

/**
 * A location's rule in the words of the `.ha` language (`rule Promoted 100
 * when pingd gt integer 0 and "#uname" ne n3`), for the importer, which
 * writes it, and `hacc diff`, which shows it. `word` writes a value as the
 * reader wants it (a bare word, or a string where it must be one).
 */
export function ruleText(r: Rule, word: (s: string) => string): string {
  const role = r.role !== undefined ? ` ${word(r.role)}` : "";
  const score = r.score !== undefined ? word(r.score) : `score-attribute ${word(r.scoreAttribute ?? "")}`;
  return `rule${role} ${score} when ${ruleCondition(r, word)}`;
}

/** The rule's expressions joined by its boolean operator (`and` when it has none). */
export function ruleCondition(r: Pick<Rule, "booleanOp" | "expressions">, word: (s: string) => string): string {
  return r.expressions.map((e) => expressionText(e, word)).join(` ${r.booleanOp ?? "and"} `);
}

/** A test as the language writes it; a rule inside the rule is a parenthesised group. */
export function expressionText(e: RuleExpression, word: (s: string) => string): string {
  if (e.kind === "rule") return `(${ruleCondition(e, word)})`;
  if (e.kind === "date" && e.spec !== undefined) return `date spec ${e.spec.fields.map((f) => `${word(f.name)} ${word(f.range)}`).join(" ")}`;
  if (e.kind === "date") {
    const start = e.start !== undefined ? ` ${word(e.start)}` : "";
    const end = e.end !== undefined ? `${e.operation === "in_range" ? " to" : ""} ${word(e.end)}` : "";
    return `date ${e.operation}${start}${end}`;
  }
  if (e.kind === "rsc") return `resource ${word(agentPattern(e))}`;
  if (e.kind === "op") return `op ${word(e.name)}${e.interval !== undefined ? ` interval ${word(e.interval)}` : ""}`;
  if (e.value === undefined) return `${e.operation} ${word(e.attribute)}`;
  return `${word(e.attribute)} ${e.operation}${e.type !== undefined ? ` ${e.type}` : ""}${e.valueSource !== undefined ? ` ${e.valueSource}` : ""} ${word(e.value)}`;
}

/** A resource test's agent as the language writes it: `CLASS:PROVIDER:TYPE`, a part left empty where any matches. */
export function agentPattern(e: { readonly standard?: string; readonly provider?: string; readonly type?: string }): string {
  return `${e.standard ?? ""}:${e.provider ?? ""}:${e.type ?? ""}`;
}
