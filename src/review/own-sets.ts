import type { Primitive, RuledSet } from "../ir/types.js";
import { defaultSetText } from "./compare-defaults.js";
import { xpathLiteral } from "../util/xml.js";
import { rewrittenForOrder } from "./set-order.js";

/**
 * A primitive's own `<instance_attributes>` or `<meta_attributes>` with a rule or a
 * score (`params when ... { }`, `meta score 5 { }`) that a plan adds, changes or
 * removes. Such sets are matched by id (the language gives them
 * `ID-instance_attributes-N`, `ID-meta_attributes-N`), and compared by what they
 * say (defaultSetText). A plan changes them in place, by id: a removed or
 * changed one is deleted, a new or changed one merged into the primitive, so
 * its plain sets, its other sets and every other element stay as they are.
 */
export interface OwnSetChange {
  /** `reorder`: unchanged, written again after a set of equal score written before it (set-order.ts). */
  readonly op: "add" | "change" | "reorder" | "remove";
  readonly tag: "instance_attributes" | "meta_attributes";
  readonly old?: RuledSet;
  readonly new?: RuledSet;
}

/** The changes of a primitive's sets with a rule or a score, params first, each kind in the new side's order (those written again to keep their order among them), then removals. */
export function ownSetChanges(o: Primitive, n: Primitive): OwnSetChange[] {
  const out: OwnSetChange[] = [];
  const kinds = [
    ["instance_attributes", "params", o.instanceSets, n.instanceSets],
    ["meta_attributes", "meta", o.metaSets, n.metaSets],
  ] as const;
  for (const [tag, kw, os, ns] of kinds) {
    const olds = new Map((os ?? []).map((s) => [s.id, s]));
    const news = new Set((ns ?? []).map((s) => s.id));
    const written = (s: RuledSet): boolean => {
      const old = olds.get(s.id);
      return !old || defaultSetText(kw, old) !== defaultSetText(kw, s);
    };
    const byId = new Map((ns ?? []).map((s) => [s.id, s]));
    const again = rewrittenForOrder(ns ?? [], (id) => written(byId.get(id)!));
    for (const s of ns ?? []) {
      const old = olds.get(s.id);
      if (!old) out.push({ op: "add", tag, new: s });
      else if (written(s)) out.push({ op: "change", tag, old, new: s });
      else if (again.has(s.id)) out.push({ op: "reorder", tag, old, new: s });
    }
    for (const s of os ?? []) if (!news.has(s.id)) out.push({ op: "remove", tag, old: s });
  }
  return out;
}

/** The ids a set carries: its own, its rule's and tests', its pairs'. */
export function ownSetIds(s: RuledSet): string[] {
  return [s.id, ...(s.rule ? [s.rule.id, ...s.rule.expressions.map((e) => e.id)] : []), ...s.pairs.map((p) => p.id)];
}

/** The XPath by which a plan deletes a resource's set: `/cib/configuration/resources//primitive[@id="d"]/instance_attributes[@id="d-instance_attributes-1"]`. */
export function ownSetXpath(rsc: string, c: OwnSetChange): string {
  return `/cib/configuration/resources//primitive[@id=${xpathLiteral(rsc)}]/${c.tag}[@id=${xpathLiteral(c.old!.id)}]`;
}
