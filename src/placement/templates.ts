import { childrenOf, standIns, type SiteModel } from "../check/model.js";
import { constraintRefs } from "../ir/constraints.js";

/**
 * Marks "not predicted" every candidate a constraint naming a template or
 * a tag names: the resources made from the template, the tag's members and
 * what they hold (Pacemaker turns the name into a set of them, which the
 * model does not expand) and the constraint's other resources.
 */
export function markTemplated(site: SiteModel, candidates: ReadonlyMap<string, number>, mark: (d: number) => void): void {
  const made = standIns(site.resources, site.tags);
  if (made.size === 0) return;
  for (const { constraint: c } of site.constraints) {
    const refs = constraintRefs(c);
    if (!refs.some((r) => made.has(r))) continue;
    const within = (id: string): string[] => {
      const r = site.byId.get(id);
      return [id, ...(r ? childrenOf(r).flatMap(within) : [])];
    };
    for (const r of refs) for (const id of (made.get(r) ?? [r]).flatMap(within)) if (candidates.has(id)) mark(candidates.get(id)!);
  }
}
