import { INF } from "./scores.js";
import type { Coloc, Placeable } from "./site-index.js";

/**
 * The colocations by resource number as Pacemaker 2.1.5 lists them: "this
 * with" ones by the primary's priority (higher first) then id, "with this"
 * ones by the dependent's (cmp_primary_priority, cmp_dependent_priority),
 * equal ones in declaration order. `other` is the end a list is sorted by.
 */
export function inPacemakerOrder(lists: readonly (readonly Coloc[])[], other: (c: Coloc) => Placeable): readonly (readonly Coloc[])[] {
  const byOther = (a: Coloc, b: Coloc): number => {
    const x = other(a);
    const y = other(b);
    return y.priority - x.priority || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  };
  return lists.map((l) => (l.length > 1 ? [...l].sort(byOther) : l));
}

/**
 * Where each guest VM's connection resource sits among the VM's "with this"
 * colocations (its dependents), by resource number (-1 for a resource that
 * carries no guest): the connection is colocated with its VM at INFINITY, so
 * Pacemaker lists it there too, sorted as the rest are, by priority (the
 * connection's is `connectionPriority`) and then by id (the guest's name).
 * A VM's scores take its dependents' in that order (pcmk__add_colocated_node_scores),
 * which matters when one of them is rolled back for leaving no usable node.
 */
export function connectionSlots(withThisOf: readonly (readonly Coloc[])[], placeables: readonly Placeable[], connectionPriority: number): Int32Array {
  const slots = new Int32Array(placeables.length).fill(-1);
  for (const p of placeables) {
    const g = p.guest;
    if (g === undefined) continue;
    const list = withThisOf[p.index]!;
    const at = list.findIndex((c) => c.dep.priority < connectionPriority || (c.dep.priority === connectionPriority && g < c.dep.id));
    slots[p.index] = at < 0 ? list.length : at;
  }
  return slots;
}

/**
 * The resources mandatorily (INFINITY) colocated with `p`, either way and
 * transitively, `p` included (Pacemaker's pcmk__colocated_resources).
 */
export function mandatorilyColocated(p: Placeable, thisWithOf: readonly (readonly Coloc[])[], withThisOf: readonly (readonly Coloc[])[]): Placeable[] {
  const out = [p];
  for (let k = 0; k < out.length; k++) {
    const r = out[k]!;
    for (const c of thisWithOf[r.index]!) if (c.score >= INF && c.prim !== p && !out.includes(c.prim)) out.push(c.prim);
    for (const c of withThisOf[r.index]!) if (c.score >= INF && c.dep !== p && !out.includes(c.dep)) out.push(c.dep);
  }
  return out;
}
