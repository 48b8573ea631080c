import { ruleCondition } from "../ir/rule-text.js";
import type { Cib, RuledSet } from "../ir/types.js";
import { xpathLiteral } from "../util/xml.js";

/**
 * Defaults and property sets with a rule or a score (`defaults when ... { ... }`, `property score 5 { ... }`),
 * compared as what they say: the section, the score, the rule's tests and
 * the pairs (ids, the rule's own score and the order of pairs aside). A set
 * the other side says the same of is equal, whatever its id; a new set and
 * an old one of the same id that say different things are a change (a plan
 * deletes the old and writes the new); any other is added or removed whole,
 * and one on the old side only may be kept (`keep`, asked with its section),
 * as undeclared defaults are.
 */
export interface DefaultSetChange {
  readonly op: "add" | "change" | "remove" | "keep";
  /** The set as the language writes it (the new one for a change). */
  readonly text: string;
  /** For a change: the old set as the language writes it. */
  readonly from?: string;
  readonly kept?: string;
  /** The section it is in: `<rsc_defaults>`, `<op_defaults>` or `<crm_config>`. */
  readonly section: "rsc" | "op" | "property";
  /** The old side's set (remove, change, keep) and the new side's (add, change). */
  readonly old?: RuledSet;
  readonly new?: RuledSet;
}

/** What a set of each section is called in a script's comments. */
export const SET_TITLE: Readonly<Record<"rsc" | "op" | "property", string>> = { rsc: "resource defaults", op: "op defaults", property: "cluster property" };

/** The xpath of a set of `section` by its id, as the scripts delete it (`/cib/configuration/crm_config/cluster_property_set[@id='ID']`). */
export function setXpath(section: "rsc" | "op" | "property", id: string): string {
  const at = section === "rsc" ? "rsc_defaults/meta_attributes" : section === "op" ? "op_defaults/meta_attributes" : "crm_config/cluster_property_set";
  return `/cib/configuration/${at}[@id=${xpathLiteral(id, "'")}]`;
}

const word = (s: string): string => (/^[A-Za-z0-9_.+-][A-Za-z0-9_.:+/@-]*$/.test(s) ? s : JSON.stringify(s));

/** A set in the words of the language: `defaults score 10 when resource ocf:pacemaker:Dummy { is-managed = false; }`. */
export function defaultSetText(keyword: "defaults" | "op-defaults" | "property" | "params" | "meta", s: RuledSet): string {
  const pairs = [...s.pairs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((p) => `${p.name} = ${word(p.value)};`);
  return `${keyword}${s.score !== undefined ? ` score ${s.score}` : ""}${s.rule ? ` when ${ruleCondition(s.rule, word)}` : ""} { ${pairs.join(" ")} }`;
}

interface Entry {
  readonly section: "rsc" | "op" | "property";
  readonly set: RuledSet;
  readonly text: string;
}

function entries(c: Cib): Entry[] {
  return [
    ...(c.propertySets ?? []).map((set): Entry => ({ section: "property", set, text: defaultSetText("property", set) })),
    ...(c.rscDefaultSets ?? []).map((set): Entry => ({ section: "rsc", set, text: defaultSetText("defaults", set) })),
    ...(c.opDefaultSets ?? []).map((set): Entry => ({ section: "op", set, text: defaultSetText("op-defaults", set) })),
  ];
}

/**
 * Pairs each new set with an old one that says the same (one of the same id first): `same` maps a new set's id
 * to the old one's; `unmatched` are the new sets no old one says, `left` the old sets no new one does.
 */
function match(old: Cib, next: Cib): { same: Map<string, string>; unmatched: Entry[]; left: Entry[] } {
  const left = entries(old);
  const unmatched: Entry[] = [];
  const same = new Map<string, string>();
  for (const n of entries(next)) {
    const byId = left.findIndex((o) => o.text === n.text && o.set.id === n.set.id);
    const i = byId >= 0 ? byId : left.findIndex((o) => o.text === n.text);
    if (i < 0) {
      unmatched.push(n);
      continue;
    }
    same.set(n.set.id, left[i]!.set.id);
    left.splice(i, 1);
  }
  return { same, unmatched, left };
}

/** For each new set that an old one says the same of: the old one's id (which a plan leaves as it is). */
export function sameSets(old: Cib, next: Cib): ReadonlyMap<string, string> {
  return match(old, next).same;
}

/** The sets only one side has (as a multiset of texts); `keep` says why one on the old side only stays (by its id and section). */
export function compareDefaultSets(old: Cib, next: Cib, keep: (id: string, section: "rsc" | "op" | "property") => string | undefined): DefaultSetChange[] {
  const { unmatched, left } = match(old, next);
  const out: DefaultSetChange[] = [];
  for (const n of unmatched) {
    const i = left.findIndex((o) => o.set.id === n.set.id && o.set.id !== "" && o.section === n.section);
    if (i < 0) {
      out.push({ op: "add", text: n.text, section: n.section, new: n.set });
      continue;
    }
    const o = left.splice(i, 1)[0]!;
    out.push({ op: "change", text: n.text, from: o.text, section: n.section, old: o.set, new: n.set });
  }
  for (const o of left) {
    const why = keep(o.set.id, o.section);
    out.push(why !== undefined ? { op: "keep", text: o.text, kept: why, section: o.section, old: o.set } : { op: "remove", text: o.text, section: o.section, old: o.set });
  }
  return out;
}

/** One line of a reviewer's text. */
export function defaultSetLine(c: DefaultSetChange): string {
  if (c.op === "add") return `+ ${c.text}`;
  if (c.op === "remove") return `- ${c.text}`;
  if (c.op === "change") return `~ ${c.text}  (was ${c.from ?? ""}; id ${c.new?.id ?? ""})`;
  return `= ${c.text}  (kept, ${c.kept ?? "not declared by the site"})`;
}

/** A change as `--json` prints it: `{op, text, from?, kept?}`. */
export function defaultSetJson(c: DefaultSetChange): { op: string; text: string; from?: string; kept?: string } {
  return { op: c.op, text: c.text, ...(c.from !== undefined ? { from: c.from } : {}), ...(c.kept !== undefined ? { kept: c.kept } : {}) };
}
