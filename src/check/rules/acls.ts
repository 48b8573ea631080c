import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Setting, SiteModel } from "../model.js";
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
 * The ids of the CIB the site makes: resources, their attribute sets,
 * nvpairs and ops (named as src/ir/lower.ts names them), constraints, fencing
 * levels, alerts, the cluster's sets and the ACLs themselves.
 */
function declaredIds(site: SiteModel): Set<string> {
  const ids = new Set<string>();
  const set = (id: string, settings: readonly Setting[]) => {
    if (settings.length === 0) return;
    ids.add(id);
    for (const s of settings) ids.add(`${id}-${V.nvpairIdPart(s.key)}`);
  };
  set("cib-bootstrap-options", site.properties);
  set("rsc-options", site.rscDefaults);
  set("op-options", site.opDefaults);
  for (const r of site.resources) {
    ids.add(r.id);
    set(`${r.id}-meta_attributes`, r.meta);
    if (r.kind !== "primitive") continue;
    set(`${r.id}-instance_attributes`, r.params);
    set(`${r.id}-utilization`, r.utilization);
    for (const o of r.ops) ids.add(`${r.id}-${o.name}-interval-${o.interval}`);
  }
  for (const c of site.constraints) ids.add(c.constraint.id);
  for (const f of site.fencingLevels ?? []) ids.add(f.level.id);
  for (const a of site.alerts ?? []) {
    ids.add(a.id);
    for (const r of a.recipients) ids.add(r.id);
  }
  const acl = site.acls?.acls;
  for (const r of acl?.roles ?? []) {
    ids.add(r.id);
    for (const p of r.permissions) ids.add(p.id);
  }
  for (const g of acl?.groups ?? []) ids.add(g.id);
  return ids;
}
