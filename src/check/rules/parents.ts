import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { childrenOf, type SiteModel } from "../model.js";

/** HA2012: a resource held by a second group or clone (the first holds it: its `parent`). */
export function parents(site: SiteModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of site.resources) {
    for (const c of childrenOf(r)) {
      const parent = site.byId.get(c)?.parent;
      if (parent === undefined || parent === r.id) continue;
      out.push(
        diag("HA2012", r.span, `\`${c}\` is already in \`${parent}\`; a resource has one parent`, {
          related: [{ span: site.byId.get(parent)!.span, message: `\`${parent}\` is declared here` }],
        }),
      );
    }
  }
  return out;
}
