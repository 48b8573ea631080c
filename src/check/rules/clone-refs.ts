import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SiteModel } from "../model.js";

/** HA2011: a constraint names what a clone holds instead of the clone. */
export function cloneRefs(site: SiteModel): Diagnostic[] {
  // Only a site with clones can get this wrong.
  if (!site.resources.some((r) => r.kind === "clone")) return [];
  const out: Diagnostic[] = [];
  for (const n of site.references) {
    let r = site.byId.get(n.text);
    let outer: string | undefined;
    while (r?.parent !== undefined) {
      const p = site.byId.get(r.parent);
      if (p?.kind === "clone") outer = p.id;
      r = p;
    }
    if (outer !== undefined) {
      out.push(diag("HA2011", n.span, `\`${n.text}\` is inside clone \`${outer}\`; constraints name the clone`, { hint: `write \`${outer}\`` }));
    }
  }
  return out;
}
