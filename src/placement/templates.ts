import { templateMembers, type SiteModel } from "../check/model.js";

/**
 * Marks "not predicted" every candidate a constraint naming a template
 * names: the resources made from the template (Pacemaker turns the template
 * into a set of them, which the model does not expand) and the constraint's
 * other resources.
 */
export function markTemplated(site: SiteModel, candidates: ReadonlyMap<string, number>, mark: (d: number) => void): void {
  const made = templateMembers(site.resources);
  if (made.size === 0) return;
  for (const { constraint: c } of site.constraints) {
    const refs = constraintRsc(c);
    if (!refs.some((r) => made.has(r))) continue;
    for (const r of refs) for (const id of made.get(r) ?? [r]) if (candidates.has(id)) mark(candidates.get(id)!);
  }
}

/** The resources (or templates) a constraint names. */
function constraintRsc(c: SiteModel["constraints"][number]["constraint"]): readonly string[] {
  switch (c.kind) {
    case "location":
    case "location-rule":
    case "ticket":
      return [c.rsc];
    case "order":
      return [c.first, c.then];
    case "colocation":
      return [c.rsc, c.withRsc];
    case "order-set":
    case "colocation-set":
    case "ticket-set":
      return c.sets.flatMap((s) => s.resources);
  }
}
