import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SiteModel } from "../model.js";

/**
 * HA2011: a constraint names what a clone holds instead of the clone: an
 * order or colocation naming it, or a placement (`on`) of it, which would
 * compile into a location crm_verify accepts and the scheduler ignores.
 */
export function cloneRefs(site: SiteModel): Diagnostic[] {
  // Only a site with clones can get this wrong.
  if (!site.resources.some((r) => r.kind === "clone")) return [];
  const outer = (id: string): string | undefined => {
    let r = site.byId.get(id);
    let found: string | undefined;
    while (r?.parent !== undefined) {
      const p = site.byId.get(r.parent);
      if (p?.kind === "clone") found = p.id;
      r = p;
    }
    return found;
  };
  const out: Diagnostic[] = [];
  for (const n of site.references) {
    const c = outer(n.text);
    if (c !== undefined) out.push(diag("HA2011", n.span, `\`${n.text}\` is inside clone \`${c}\`; constraints name the clone`, { hint: `write \`${c}\`` }));
  }
  // A placement: one report per resource, at its first location.
  const placed = new Set<string>();
  for (const { constraint: k, origin } of site.constraints) {
    if ((k.kind !== "location" && k.kind !== "location-rule") || placed.has(k.rsc)) continue;
    const c = outer(k.rsc);
    if (c === undefined) continue;
    placed.add(k.rsc);
    out.push(
      diag("HA2011", origin, `\`${k.rsc}\` is inside clone \`${c}\`; a placement names the clone`, {
        hint: `Pacemaker ignores a location of a clone's child: move the \`on\` list to \`${c}\``,
      }),
    );
  }
  return out;
}
