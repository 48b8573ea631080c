import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SiteModel } from "../model.js";
import { lower } from "../../ir/lower.js";
import { emitCibFragment } from "../../emit/cib/cib.js";
import { decodeEntities } from "../../review/xml.js";
import * as V from "../values.js";

/**
 * HA4120: ACLs declared while `enable-acl` is not true: Pacemaker does not
 * apply them (every user in the `haclient` group may do anything). HA2122:
 * a permission's `id` names no id the site's CIB holds: it may be one the
 * live cluster has (a resource hacc does not manage), or a misspelling, which
 * then protects nothing (cibadmin refuses a reference to an id the CIB lacks).
 */
export function acls(site: SiteModel): Diagnostic[] {
  if (site.acls === undefined) return [];
  const out: Diagnostic[] = [];
  const enable = site.properties.filter((p) => p.key === "enable-acl").at(-1);
  if (enable === undefined || !V.isTrue(enable.value)) {
    out.push(
      diag("HA4120", enable?.span ?? site.acls.span, "ACLs are declared and `enable-acl` is not true: Pacemaker does not apply them", {
        hint: "set `property enable-acl = true;` in the cluster block (pcs: `pcs acl enable`), unless the live cluster sets it",
      }),
    );
  }
  if (site.acls.references.length === 0) return out;
  const known = declaredIds(site);
  for (const r of site.acls.references) {
    if (known.has(r.id)) continue;
    const near = V.closest(r.id, known);
    out.push(
      diag("HA2122", r.span, `no id \`${r.id}\` is declared by the site: the permission applies only if the cluster has one`, {
        hint: near ? `did you mean \`${near}\`?` : "an id of the live CIB is fine; a misspelt one protects nothing",
      }),
    );
  }
  return out;
}

/**
 * The ids of the CIB the site makes: every `id` the CIB target writes for
 * the site's IR (resources and templates with their sets, nvpairs and ops,
 * constraints, rules, defaults and property sets, fencing levels, alerts,
 * ACLs, the ownership tag), read from the text it writes, so the check knows
 * no id the site does not make and misses none it does.
 */
function declaredIds(site: SiteModel): Set<string> {
  const ids = new Set<string>();
  for (const m of emitCibFragment(lower(site)).matchAll(/\sid="([^"]*)"/g)) ids.add(decodeEntities(m[1]!));
  return ids;
}
