import type { Cib } from "../ir/types.js";

/**
 * The ownership record a site keeps in the CIB: one Pacemaker `<tag>`
 * (`<tags><tag id="hacc-CLUSTER"><obj_ref id="..."/>...</tag></tags>`) that
 * lists the id of every top-level resource, every constraint, every
 * template, every tag and every property set with a rule or a score the site declares. Every target writes it; `hacc plan` reads it to tell what the
 * site owns (and may change or delete) from what others made. `pcs tag` and
 * `crm configure show` show it. Properties and defaults are not listed: a
 * site owns the values it declares, by name (and its defaults sets by id).
 */
export interface OwnerTag {
  readonly id: string;
  /** Resources first, then constraints, templates, tags and property sets, in the IR's order. */
  readonly refs: readonly string[];
}

/** The ownership tag's id for a cluster: `hacc-` and the cluster's name. */
export function ownerTagId(clusterName: string): string {
  return `hacc-${clusterName === "" ? "site" : clusterName}`;
}

/** The ownership tag of a site's IR; undefined when it declares no resource, constraint, template, tag or property set (a tag needs one reference). */
export function ownerTag(cib: Cib): OwnerTag | undefined {
  const refs = [
    ...cib.resources.map((r) => r.id), ...cib.constraints.map((c) => c.id), ...(cib.templates ?? []).map((t) => t.id), ...(cib.tags ?? []).map((t) => t.id),
    ...(cib.propertySets ?? []).map((s) => s.id),
  ];
  return refs.length > 0 ? { id: ownerTagId(cib.clusterName), refs } : undefined;
}

export { constraintIds, createdIds, resourceIds, templateIds } from "../ir/ids.js";
