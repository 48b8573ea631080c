import { ruleElements } from "../ir/constraints.js";
import type { AttrSet, Cib, Constraint, Primitive, Resource, Template } from "../ir/types.js";

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

/** Every id an IR resource carries, its members', sets', nvpairs' and ops' included. */
export function resourceIds(r: Resource): string[] {
  const set = (s: AttrSet | undefined): string[] => (s ? [s.id, ...s.pairs.map((p) => p.id)] : []);
  switch (r.kind) {
    case "primitive":
      return [r.id, ...set(r.instance), ...set(r.meta), ...set(r.utilization), ...ruledSetIds(r), ...r.ops.map((o) => o.id)];
    case "group":
      return [r.id, ...set(r.instance), ...set(r.meta), ...r.children.flatMap(resourceIds)];
    case "clone":
      return [r.id, ...set(r.instance), ...set(r.meta), ...resourceIds(r.child)];
    case "bundle":
      return [
        r.id, ...set(r.meta), ...(r.network?.portMappings ?? []).map((m) => m.id), ...(r.storage ?? []).map((m) => m.id),
        ...(r.child !== undefined ? resourceIds(r.child) : []),
      ];
  }
}

/** Every id a template carries: its sets', nvpairs' and ops' included. */
export function templateIds(t: Template): string[] {
  const set = (s: AttrSet | undefined): string[] => (s ? [s.id, ...s.pairs.map((p) => p.id)] : []);
  return [t.id, ...set(t.instance), ...set(t.meta), ...set(t.utilization), ...ruledSetIds(t), ...t.ops.map((o) => o.id)];
}

/** The ids of a primitive's or template's sets with a rule or a score: the set, its rule and tests, its pairs. */
function ruledSetIds(p: Pick<Primitive, "instanceSets" | "metaSets">): string[] {
  return [...(p.instanceSets ?? []), ...(p.metaSets ?? [])].flatMap((s) => [s.id, ...(s.rule ? [s.rule.id, ...s.rule.expressions.map((e) => e.id)] : []), ...s.pairs.map((q) => q.id)]);
}

/** Every id an IR constraint carries. */
export function constraintIds(c: Constraint): string[] {
  const set = (c.kind === "location" || c.kind === "location-rule") && c.set !== undefined ? [c.set.id] : [];
  if (c.kind === "location-rule") return [c.id, ...set, ...c.rules.flatMap((r) => [r.id, ...ruleElements(r).map(([id]) => id)])];
  if (c.kind === "location") return [c.id, ...set];
  if (c.kind === "order-set" || c.kind === "colocation-set" || c.kind === "ticket-set") return [c.id, ...c.sets.map((s) => s.id)];
  return [c.id];
}

/**
 * Every id the objects of an IR carry (templates, resources, constraints, fencing
 * levels, alerts, ACL roles, permissions and groups, and the ownership tag when there is one): the ids a script that creates them must
 * find free.
 */
export function createdIds(cib: Cib, tag: OwnerTag | undefined): string[] {
  const set = (s: AttrSet | undefined): string[] => (s ? [s.id, ...s.pairs.map((p) => p.id)] : []);
  const admin = [
    ...(cib.fencingLevels ?? []).map((f) => f.id),
    ...(cib.alerts ?? []).flatMap((a) => [a.id, ...set(a.instance), ...set(a.meta), ...a.recipients.flatMap((r) => [r.id, ...set(r.instance), ...set(r.meta)])]),
    ...(cib.acls?.roles ?? []).flatMap((r) => [r.id, ...r.permissions.map((p) => p.id)]),
    ...(cib.acls?.groups ?? []).map((g) => g.id),
    ...(cib.tags ?? []).map((t) => t.id),
    ...[...(cib.propertySets ?? []), ...(cib.nodeSets ?? []).map((n) => n.set)].flatMap((s) => [s.id, ...(s.rule ? [s.rule.id, ...s.rule.expressions.map((e) => e.id)] : []), ...s.pairs.map((p) => p.id)]),
  ];
  return [...(cib.templates ?? []).flatMap(templateIds), ...cib.resources.flatMap(resourceIds), ...cib.constraints.flatMap(constraintIds), ...admin, ...(tag ? [tag.id] : [])];
}
