import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { bundlePromotable, type SiteModel } from "../model.js";

/** The role only a promotable clone's instances take (2.1's name and the one it replaced). */
const PROMOTION_ROLES = new Set(["Promoted", "Master"]);

/**
 * HA4070: a location (or one of its rules) for the Promoted role of a
 * resource that is not a promotable clone. Pacemaker accepts it (crm_verify
 * says nothing) and never applies it: no instance of the resource is ever
 * promoted. (An Unpromoted location is different: Pacemaker 2.1.5 applies
 * it to a started primitive as it would without the role, as crm_simulate
 * shows, so it is not reported.)
 */
export function locationRoles(site: SiteModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { constraint: c, origin } of site.constraints) {
    if (c.kind !== "location" && c.kind !== "location-rule") continue;
    const roles = [c.role, ...(c.kind === "location-rule" ? c.rules.map((r) => r.role) : [])].filter((r): r is string => r !== undefined && PROMOTION_ROLES.has(r));
    if (roles.length === 0) continue;
    const r = site.byId.get(c.rsc);
    if (r === undefined || (r.kind === "clone" && r.promotable) || (r.kind === "bundle" && bundlePromotable(r))) continue;
    const what = r.kind === "clone" ? "a clone that is not promotable" : `a ${r.kind}, not a promotable clone`;
    out.push(
      diag("HA4070", origin, `location \`${c.id}\` is for the ${roles[0]} role of \`${c.rsc}\`, ${what}: Pacemaker never applies it`, {
        hint: `only a promotable clone's instances are ${roles[0]}; name the promotable clone, or leave the role out`,
      }),
    );
  }
  return out;
}
