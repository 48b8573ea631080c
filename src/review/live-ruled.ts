import type { NvPair, RuledSet } from "../ir/types.js";
import { readRule } from "./live-location.js";
import type { El } from "./xml.js";

/** A `<meta_attributes>` of `<rsc_defaults>` or `<op_defaults>`, or a `<cluster_property_set>`, with a rule or a score, or why hacc cannot read it. */
export function ruledSet(el: El, section: "rsc" | "op" | "property"): RuledSet | string {
  for (const k of Object.keys(el.attrs)) if (k !== "id" && k !== "score") return `attribute \`${k}\` on a <${el.tag}> with a rule or a score is not supported by hacc`;
  const rules = el.children.filter((c) => c.tag === "rule");
  if (rules.length > 1) return `a <${el.tag}> with more than one rule is not supported by hacc`;
  const rule = rules[0] && readRule(rules[0], normScore, section);
  if (typeof rule === "string") return rule;
  const pairs: NvPair[] = [];
  for (const c of el.children) {
    if (c.tag === "rule") continue;
    const name = c.attrs["name"];
    if (c.tag !== "nvpair" || name === undefined || c.attrs["id-ref"] !== undefined) return `<${c.tag}> without a name in a <${el.tag}> with a rule or a score is not supported by hacc`;
    if (pairs.some((p) => p.name === name)) return `\`${name}\` is set twice in <${el.tag} id="${el.attrs["id"] ?? ""}">`;
    pairs.push({ id: c.attrs["id"] ?? "", name, value: c.attrs["value"] ?? "" });
  }
  return { id: el.attrs["id"] ?? "", ...(el.attrs["score"] !== undefined ? { score: normScore(el.attrs["score"]) } : {}), ...(rule ? { rule } : {}), pairs };
}

/** Scores as Pacemaker reads them: `+INFINITY`, `inf` and `+5` are `INFINITY` and `5`. */
export function normScore(s: string): string {
  const t = s.trim();
  if (/^\+?inf(inity)?$/i.test(t)) return "INFINITY";
  if (/^-inf(inity)?$/i.test(t)) return "-INFINITY";
  if (/^\+\d+$/.test(t)) return t.slice(1);
  return t;
}

