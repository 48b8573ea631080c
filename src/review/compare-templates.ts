import type { Cib, Primitive, Template } from "../ir/types.js";
import type { ResourceChange } from "./compare.js";

/**
 * Templates compared by id, as the primitives of their agent and settings
 * are (a change of what Pacemaker merges into each resource made from
 * them): added, changed, or removed (or kept, with `keep`'s reason).
 * `compareResource` is compare.ts's.
 */
export function compareTemplates(
  old: Cib,
  next: Cib,
  compareResource: (o: Primitive, n: Primitive) => ResourceChange | undefined,
  whole: (op: "add" | "remove" | "keep", r: Primitive) => ResourceChange,
  keep: (id: string) => string | undefined,
): ResourceChange[] {
  const asPrimitive = (t: Template): Primitive => ({ kind: "primitive", ...t });
  const oldById = new Map((old.templates ?? []).map((t) => [t.id, t]));
  const newIds = new Set((next.templates ?? []).map((t) => t.id));
  const out: ResourceChange[] = [];
  for (const n of next.templates ?? []) {
    const o = oldById.get(n.id);
    if (!o) out.push(whole("add", asPrimitive(n)));
    else {
      const c = compareResource(asPrimitive(o), asPrimitive(n));
      if (c) out.push(c);
    }
  }
  for (const o of old.templates ?? []) {
    if (newIds.has(o.id)) continue;
    const why = keep(o.id);
    out.push(why !== undefined ? { ...whole("keep", asPrimitive(o)), kept: why } : whole("remove", asPrimitive(o)));
  }
  return out;
}
