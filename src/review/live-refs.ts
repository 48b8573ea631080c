import { step, type LiveRef } from "./live.js";
import type { El } from "./xml.js";

/** What refers to what in a live configuration, for the plan's refusals (src/review/refusals.ts): read by \`readLiveCib\`. */

/** Every id-like reference inside an element: the resources it mentions. */
export function idsWithin(el: El): string[] {
  const out: string[] = [];
  const walk = (e: El): void => {
    for (const k of ["id", "rsc", "with-rsc", "first", "then"]) {
      const v = e.attrs[k];
      if (v !== undefined && (k !== "id" || ["primitive", "group", "clone", "master", "bundle", "resource_ref", "obj_ref"].includes(e.tag))) out.push(v);
    }
    for (const c of e.children) walk(c);
  };
  walk(el);
  return out;
}

/** Attributes that hold one id, or (`devices`) a comma-separated list of them. */
const REF_ATTRS = ["rsc", "with-rsc", "first", "then", "reference", "id-ref", "template", "devices"] as const;
/** Elements whose `id` is a reference to another element, not their own. */
export const REF_ELEMENTS = new Set(["obj_ref", "resource_ref", "role"]);

/**
 * Every reference in a configuration: constraints (resource sets included),
 * tickets, tags, fencing levels (`devices`), ACL permissions (`reference`),
 * templates, and `id-ref` anywhere, each with the top-level object that
 * holds it. Nodes are not read: hacc never deletes one.
 */
export function referencesIn(config: El, base: string): LiveRef[] {
  const out: LiveRef[] = [];
  const walk = (el: El, path: string, holder: string | undefined): void => {
    for (const a of REF_ATTRS) {
      const v = el.attrs[a];
      if (v === undefined) continue;
      const ids = a === "devices" ? v.split(",").map((d) => d.trim()).filter((d) => d !== "") : [v];
      for (const to of ids) out.push({ to, from: path, via: a, ...(holder !== undefined ? { holder } : {}) });
    }
    // An ACL permission's xpath names elements by id: `//primitive[@id='db']`.
    for (const m of (el.attrs["xpath"] ?? "").matchAll(/@id\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.push({ to: m[1] ?? m[2]!, from: path, via: "xpath", ...(holder !== undefined ? { holder } : {}) });
    if (REF_ELEMENTS.has(el.tag) && el.attrs["id"] !== undefined) out.push({ to: el.attrs["id"], from: path, via: el.tag, ...(holder !== undefined ? { holder } : {}) });
    for (const c of el.children) walk(c, `${path}/${step(c.tag, REF_ELEMENTS.has(c.tag) ? undefined : c.attrs["id"])}`, holder);
  };
  for (const section of config.children) {
    if (section.tag === "nodes") continue;
    for (const top of section.children) walk(top, `${base}/${section.tag}/${step(top.tag, top.attrs["id"])}`, top.attrs["id"]);
  }
  return out;
}

/**
 * The configuration with every `<operations id-ref="X">` replaced by the
 * `<operations id="X">` it names, as Pacemaker reads a resource's ops
 * (lib/pengine/complex.c: `expand_idref`, the first `//operations[@id='X']`);
 * one that names none is left as it is (and refused). For the importer: a
 * shared op list becomes each primitive's own ops, which mean the same to
 * Pacemaker; for `hacc plan`, the same, to compare them: a plan that would
 * change one primitive's ops there is refused (sharedOpLists), since that
 * would change every primitive that shares them.
 */
export function expandOpsRefs(config: El): El {
  const lists = new Map<string, El>();
  const find = (e: El): void => {
    const id = e.attrs["id"];
    if (e.tag === "operations" && id !== undefined && !lists.has(id)) lists.set(id, e);
    for (const c of e.children) find(c);
  };
  find(config);
  const expand = (e: El): El => {
    const ref = e.tag === "operations" && Object.keys(e.attrs).length === 1 ? e.attrs["id-ref"] : undefined;
    if (ref !== undefined && lists.has(ref)) return lists.get(ref)!;
    return e.children.length === 0 ? e : { ...e, children: e.children.map(expand) };
  };
  return expand(config);
}

/** A primitive or template whose ops are a shared op list: the list's id, and every resource that holds or names it. */
export interface SharedOps {
  readonly rsc: string;
  readonly list: string;
  /** The list's holder first (the one whose `<operations id=...>` it is), then those that name it by `id-ref`, in CIB order. */
  readonly sharers: readonly string[];
}

/**
 * Each primitive or template that holds an `<operations id="X">` another
 * names by `<operations id-ref="X">`, or names one (the lists expandOpsRefs
 * expands), by its id.
 */
export function sharedOpLists(config: El): Map<string, SharedOps> {
  const holders = new Map<string, string>();
  const users = new Map<string, string[]>();
  const walk = (e: El): void => {
    if (e.tag === "primitive" || e.tag === "template") {
      const rsc = e.attrs["id"] ?? "";
      for (const o of e.children.filter((c) => c.tag === "operations")) {
        const id = o.attrs["id"];
        const ref = Object.keys(o.attrs).length === 1 ? o.attrs["id-ref"] : undefined;
        if (id !== undefined && !holders.has(id)) holders.set(id, rsc);
        if (ref !== undefined) users.set(ref, [...(users.get(ref) ?? []), rsc]);
      }
    }
    for (const c of e.children) walk(c);
  };
  walk(config);
  const out = new Map<string, SharedOps>();
  for (const [list, names] of users) {
    const holder = holders.get(list);
    if (holder === undefined) continue;
    const sharers = [holder, ...names.filter((n) => n !== holder)];
    for (const rsc of sharers) out.set(rsc, { rsc, list, sharers });
  }
  return out;
}
