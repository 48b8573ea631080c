import type { Rule } from "../ir/types.js";
import { fitsString, isNameWord } from "./write.js";

/** A word in a rule as the grammar reads it back: a bare word that is no keyword, else a string. */
export function ruleWord(s: string): string {
  return isNameWord(s) ? s : `"${s.replace(/[\\"]/g, (ch) => "\\" + ch)}"`;
}

/** Why the language cannot say a rule as the CIB has it, or undefined when it can. */
export function unsaidRule(r: Rule): string | undefined {
  if (r.expressions.length > 1 && r.booleanOp !== undefined && r.booleanOp !== "and" && r.booleanOp !== "or") return `boolean-op \`${r.booleanOp}\` is not \`and\` or \`or\``;
  for (const e of r.expressions) {
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
