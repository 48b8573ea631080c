import type { Cib } from "../ir/types.js";

/** A tag added, changed (its members), removed, or kept (only on the old side, and a plan leaves it). */
export interface TagChange {
  readonly op: "add" | "change" | "remove" | "keep";
  readonly id: string;
  readonly from?: readonly string[];
  readonly to?: readonly string[];
  readonly kept?: string;
}

/**
 * Tags compared by id, their members in order (Pacemaker expands a tag in
 * that order). One only on the old side is removed, or kept with `keep`'s
 * reason (a plan removes a live tag only when the site owned it and
 * `--prune` asks: other tools and administrators make tags).
 */
export function compareTags(old: Cib, next: Cib, keep: (id: string) => string | undefined): TagChange[] {
  const oldById = new Map((old.tags ?? []).map((t) => [t.id, t]));
  const newIds = new Set((next.tags ?? []).map((t) => t.id));
  const out: TagChange[] = [];
  for (const n of next.tags ?? []) {
    const o = oldById.get(n.id);
    if (!o) out.push({ op: "add", id: n.id, to: n.refs });
    else if (o.refs.length !== n.refs.length || o.refs.some((r, i) => r !== n.refs[i])) out.push({ op: "change", id: n.id, from: o.refs, to: n.refs });
  }
  for (const o of old.tags ?? []) {
    if (newIds.has(o.id)) continue;
    const why = keep(o.id);
    out.push(why !== undefined ? { op: "keep", id: o.id, from: o.refs, kept: why } : { op: "remove", id: o.id, from: o.refs });
  }
  return out;
}

/** A tag change as a line of the readable diff. */
export function tagLine(t: TagChange): string {
  const list = (l: readonly string[] | undefined) => (l ?? []).join(", ");
  if (t.op === "add") return `+ tag ${t.id} = ${list(t.to)}`;
  if (t.op === "remove") return `- tag ${t.id} = ${list(t.from)}`;
  if (t.op === "keep") return `= tag ${t.id} = ${list(t.from)}  (kept, ${t.kept ?? ""})`;
  return `~ tag ${t.id}: ${list(t.from)} -> ${list(t.to)}`;
}
