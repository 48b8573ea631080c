import { ruleCondition } from "../ir/rule-text.js";
import type { Cib, RuledSet } from "../ir/types.js";

/**
 * Defaults and property sets with a rule or a score (`defaults when ... { ... }`, `property score 5 { ... }`),
 * compared as what they say: the section, the score, the rule's tests and
 * the pairs (ids, the rule's own score and the order of pairs aside). A set
 * is added or removed whole; one on the live side only is kept by a plan
 * (`keep`), as undeclared defaults are.
 */
export interface DefaultSetChange {
  readonly op: "add" | "remove" | "keep";
  /** The set as the language writes it. */
  readonly text: string;
  readonly kept?: string;
}

const word = (s: string): string => (/^[A-Za-z0-9_.+-][A-Za-z0-9_.:+/@-]*$/.test(s) ? s : JSON.stringify(s));

/** A set in the words of the language: `defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }`. */
export function defaultSetText(keyword: "defaults" | "op-defaults" | "property", s: RuledSet): string {
  const pairs = [...s.pairs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((p) => `${p.name} = ${word(p.value)};`);
  return `${keyword}${s.score !== undefined ? ` score ${s.score}` : ""}${s.rule ? ` when ${ruleCondition(s.rule, word)}` : ""} { ${pairs.join(" ")} }`;
}

function texts(c: Cib): string[] {
  const of = (keyword: "defaults" | "op-defaults" | "property", sets: readonly RuledSet[] | undefined) => (sets ?? []).map((s) => defaultSetText(keyword, s));
  return [...of("property", c.propertySets), ...of("defaults", c.rscDefaultSets), ...of("op-defaults", c.opDefaultSets)];
}

/** The sets only one side has (as a multiset of texts); `keep` says why one on the old side only stays. */
export function compareDefaultSets(old: Cib, next: Cib, keep: () => string | undefined): DefaultSetChange[] {
  const left = texts(old);
  const out: DefaultSetChange[] = [];
  for (const t of texts(next)) {
    const i = left.indexOf(t);
    if (i >= 0) left.splice(i, 1);
    else out.push({ op: "add", text: t });
  }
  for (const t of left) {
    const why = keep();
    out.push(why !== undefined ? { op: "keep", text: t, kept: why } : { op: "remove", text: t });
  }
  return out;
}

/** One line of a reviewer's text. */
export function defaultSetLine(c: DefaultSetChange): string {
  return c.op === "add" ? `+ ${c.text}` : c.op === "remove" ? `- ${c.text}` : `= ${c.text}  (kept, ${c.kept ?? "not declared by the site"})`;
}
