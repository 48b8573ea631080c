import type { AttrSet, NvPair, RuledSet } from "../ir/types.js";
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


/**
 * A primitive's `<instance_attributes>` or `<meta_attributes>` (`tag`): the rule-less ones merged (`plain`, the
 * reader's own merge), and those with a rule or a score, in order, or why hacc cannot say them. hacc writes the
 * plain set first: a plain set after one of score 0 that sets a name it sets too would win there, and has no form.
 */
export function resourceSets(parent: El, tag: string, plain: (parent: El, tag: string) => { set?: AttrSet } | { reason: string }): { set?: AttrSet; ruled: RuledSet[] } | { reason: string } {
  const own = (c: El) => c.tag === tag && c.attrs["id-ref"] === undefined && (c.attrs["score"] !== undefined || c.children.some((x) => x.tag === "rule"));
  const ruled: RuledSet[] = [];
  for (const [i, c] of parent.children.entries()) {
    if (!own(c)) continue;
    const r = ruledSet(c, "property");
    if (typeof r === "string") return { reason: r };
    const later = parent.children.slice(i + 1).find((x) => x.tag === tag && !own(x) && x.children.some((p) => p.tag === "nvpair" && r.pairs.some((q) => q.name === p.attrs["name"])));
    if (later && Number(normScore(r.score ?? "0")) === 0) return { reason: `a rule-less <${tag} id="${later.attrs["id"] ?? ""}"> after <${tag} id="${r.id}"> of score 0, which set one name: hacc writes the plain set first` };
    ruled.push(r);
  }
  const p = plain({ ...parent, children: parent.children.filter((c) => !own(c)) }, tag);
  return "reason" in p ? p : { ...p, ruled };
}
