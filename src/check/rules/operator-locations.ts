import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { operatorConstraint } from "../../ir/constraints.js";
import type { SiteModel } from "../model.js";

/**
 * HA4150: a location the site declares with an id an operator's command
 * writes (`cli-ban-RSC-on-NODE`, `cli-prefer-RSC`, `cli-standby-RSC`,
 * `pcs-relocate-RSC`), as an old import or a copied `crm configure show`
 * leaves. It was meant for a while; in the site it is permanent: every
 * compile and plan writes it again, after `crm_resource --clear` too. Import
 * leaves them out for the same reason (HA1008).
 */
export function operatorLocations(site: SiteModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { constraint: c, origin } of site.constraints) {
    if (c.kind !== "location" && c.kind !== "location-rule") continue;
    const op = operatorConstraint(c.id, c.set === undefined ? c.rsc : undefined);
    if (op === undefined) continue;
    out.push(
      diag("HA4150", origin, `location \`${c.id}\` has the id of an operator's temporary location, made by ${op.made}: declared in the site, it becomes permanent`, {
        hint: `remove it from the site (hacc import leaves these out, HA1008) and clear it on the cluster when it is no longer wanted (\`${op.clear}\`); to keep such a location for good, give it a name of its own`,
      }),
    );
  }
  return out;
}
