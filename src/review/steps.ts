import type { Alert, AttrSet, Bundle, Cib, Clone, Constraint, FencingLevel, Group, NvPair, Op, Primitive, Resource, RuledSet, Tag, Template } from "../ir/types.js";
import { targetText } from "./compare-admin.js";
import { constraintRefs } from "../ir/constraints.js";
import { xpathLiteral } from "../util/xml.js";
import { ownParamChanges, type ResourceChange, type ValueChange } from "./compare.js";
import type { OwnerTag } from "../emit/owner.js";
import { constraintIds, needsRebuild, resourceIds, type Plan } from "./plan.js";
import { nodeSetCommands, type NodeChange } from "./nodes.js";
import { withRuntimeMeta } from "./runtime.js";
import { aclPlanCommands } from "./acl-steps.js";
import { SET_TITLE, setXpath } from "./compare-defaults.js";
import { ownSetChanges, ownSetIds, ownSetXpath } from "./own-sets.js";

export { withRuntimeMeta };

/** One element the plan deletes from the CIB: where, and what it is in words. */
export interface Deletion {
  readonly xpath: string;
  readonly what: string;
}

/**
 * A plan as edits of a CIB: first these deletions, then the replacements, then one merge
 * (`cibadmin --modify`) of `merge`, an IR holding only what is added or
 * changed, with the live CIB's ids wherever an object already exists there.
 * Every target writes the same edits in its own form.
 */
export interface Steps {
  /** In an order that never leaves a constraint pointing at a deleted resource: constraints, resources, then values and ops. */
  readonly deletions: readonly Deletion[];
  /** Resources that cannot change in place, and changed templates, written anew whole (`cibadmin --replace`), so nothing points at a missing id meanwhile. */
  readonly replacements: readonly (Resource | TemplateElement)[];
  /** The site's tags that change, written anew whole after the merge (`cibadmin --replace`: a merge would keep the members that go). */
  readonly tags: readonly Tag[];
  /** Undefined when nothing is added or changed. */
  readonly merge?: Cib;
  /** Node attributes and utilization to set or delete, one by one by node name (src/review/nodes.ts). */
  readonly nodes: readonly NodeChange[];
  /** Nodes' sets chosen by a rule or a score, deleted and merged by id with cibadmin (nodeSetCommands), after the merge. */
  readonly nodeSets: readonly { readonly words: readonly string[]; readonly what: string }[];
  /** ACL entries, added and changed, by their own cibadmin calls (acl-steps.ts), after the merge. */
  readonly acl: readonly { readonly words: readonly string[]; readonly what: string }[];
  /** The site's ownership tag, merged whole (the live one, if any, is among the deletions): set whenever the plan changes anything. */
  readonly tag?: OwnerTag;
}

/** A template to write whole: its element is `<template>`. */
export interface TemplateElement {
  readonly kind: "template";
  readonly template: Template;
}

const CONSTRAINT_TAG: Readonly<Record<Constraint["kind"], string>> = {
  location: "rsc_location",
  "location-rule": "rsc_location",
  order: "rsc_order",
  colocation: "rsc_colocation",
  ticket: "rsc_ticket",
  "order-set": "rsc_order",
  "colocation-set": "rsc_colocation",
  "ticket-set": "rsc_ticket",
};

class Ids {
  private readonly used: Set<string>;
  constructor(live: ReadonlySet<string>) {
    this.used = new Set(live);
  }
  free(ids: readonly string[]): void {
    for (const id of ids) this.used.delete(id);
  }
  take(ids: readonly string[]): void {
    for (const id of ids) this.used.add(id);
  }
  /** `base`, or `base-2`, `base-3`, ... when taken. */
  fresh(base: string): string {
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}-${i}`;
    this.used.add(id);
    return id;
  }
}

const CONFIG = "/cib/configuration";

/** An XPath step by id, the id quoted as an XPath literal (a live CIB read without its schema may hold any id). */
function step(tag: string, id: string): string {
  return `${tag}[@id=${xpathLiteral(id)}]`;
}

/** A template change's side (compare-templates.ts reads a template as a primitive) as the template it is. */
export function asTemplate(r: Resource): Template {
  const { kind: _k, guestNode: _g, template: _t, ...t } = r as Primitive;
  return t;
}

/** Turns a plan into CIB edits. Call only for a plan without refusals. */
export function planSteps(plan: Plan): Steps {
  const live = plan.live;
  const ids = new Ids(live.ids);
  const deletions: Deletion[] = [];
  const constraintDeletions: Deletion[] = [];
  const resourceDeletions: Deletion[] = [];
  const replacements: (Resource | TemplateElement)[] = [];
  const del = (xpath: string, what: string, freed: readonly string[], into: Deletion[] = deletions): void => {
    into.push({ xpath, what });
    ids.free(freed);
  };
  let changed = false;

  /** Deletes changed and removed values of a live set; returns the pairs to merge. */
  const values = (label: string, liveSet: AttrSet | undefined, fallbackSetId: string, chs: readonly ValueChange[], setTag?: string): AttrSet | undefined => {
    if (chs.length === 0) return undefined;
    changed = true;
    const pairs: NvPair[] = [];
    const emptied = liveSet !== undefined && liveSet.pairs.length > 0 && chs.every((c) => c.to === undefined) && liveSet.pairs.every((p) => chs.some((c) => c.name === p.name));
    if (emptied && liveSet.id !== "" && setTag !== undefined) {
      // Every value goes: the set goes with them, rather than stay behind empty.
      del(`${CONFIG}//${step(setTag, liveSet.id)}`, `${label.replace(/:$/, "")} (all of it)`, [liveSet.id, ...liveSet.pairs.map((p) => p.id)]);
      return undefined;
    }
    const setId = liveSet?.id || ids.fresh(fallbackSetId);
    for (const c of chs) {
      const old = liveSet?.pairs.find((p) => p.name === c.name);
      if (c.from !== undefined && old) del(`${CONFIG}//${step("nvpair", old.id)}`, `${label} ${c.name}`, [old.id]);
    }
    for (const c of chs) {
      if (c.to === undefined) continue;
      const old = liveSet?.pairs.find((p) => p.name === c.name);
      const id = old && c.from !== undefined ? old.id : ids.fresh(`${setId}-${c.name}`);
      ids.take([id]);
      pairs.push({ id, name: c.name, value: c.to });
    }
    return { id: setId, pairs };
  };

  const properties = values("property", live.cib.properties, "cib-bootstrap-options", plan.changes.properties);
  const rscDefaults = values("resource default", live.cib.rscDefaults, "rsc-options", plan.changes.rscDefaults);
  const opDefaults = values("op default", live.cib.opDefaults, "op-options", plan.changes.opDefaults);

  const inPlacePrimitive = (ch: ResourceChange | undefined, l: Primitive, s: Primitive): Primitive => {
    const instance = values(`param of ${s.id}:`, l.instance, `${s.id}-instance_attributes`, ch?.params ?? [], "instance_attributes");
    const meta = values(`meta of ${s.id}:`, l.meta, `${s.id}-meta_attributes`, ch?.meta ?? [], "meta_attributes");
    const utilization = values(`utilization of ${s.id}:`, l.utilization, `${s.id}-utilization`, ch?.utilization ?? [], "utilization");
    const ops: Op[] = [];
    for (const o of ch?.ops ?? []) {
      if (o.op === "remove" || o.op === "change") del(`${CONFIG}//${step("op", o.old!.id)}`, `op ${o.name} ${o.interval} of ${s.id}`, [o.old!.id]);
    }
    for (const o of ch?.ops ?? []) {
      if (o.op === "add") ops.push({ ...o.new!, id: ids.fresh(o.new!.id) });
      if (o.op === "change") {
        ids.take([o.old!.id]);
        ops.push({ ...o.new!, id: o.old!.id });
      }
    }
    if ((ch?.ops.length ?? 0) > 0) changed = true;
    // Its sets with a rule or a score: a removed or changed one deleted by id, a new or changed one merged into it.
    const setChanges = ownSetChanges(l, s);
    for (const c of setChanges) {
      if (c.op !== "add") del(ownSetXpath(s.id, c), `${c.tag === "instance_attributes" ? "params" : "meta"} set ${c.old!.id} of ${s.id}${c.op === "change" ? ", merged again below" : c.op === "reorder" ? ", merged again below to keep its place after a set of equal score" : ""}`, ownSetIds(c.old!));
    }
    const written = setChanges.filter((c) => c.op !== "remove").map((c) => c.new!);
    ids.take(written.flatMap(ownSetIds));
    if (setChanges.length > 0) changed = true;
    const instanceSets = setChanges.filter((c) => c.op !== "remove" && c.tag === "instance_attributes").map((c) => c.new!);
    const metaSets = setChanges.filter((c) => c.op !== "remove" && c.tag === "meta_attributes").map((c) => c.new!);
    return {
      kind: "primitive",
      id: s.id,
      standard: s.standard,
      ...(s.provider !== undefined ? { provider: s.provider } : {}),
      type: s.type,
      ...(instance ? { instance } : {}),
      ...(meta ? { meta } : {}),
      ...(utilization ? { utilization } : {}),
      ...(instanceSets.length > 0 ? { instanceSets } : {}),
      ...(metaSets.length > 0 ? { metaSets } : {}),
      ops,
      ...(s.description !== undefined ? { description: s.description } : {}),
      siteProvided: s.siteProvided,
      ...(s.guestNode !== undefined ? { guestNode: s.guestNode } : {}),
    };
  };

  const inPlace = (ch: ResourceChange | undefined, l: Resource, s: Resource): Resource => {
    if (l.kind === "primitive" && s.kind === "primitive") return inPlacePrimitive(ch, l, s);
    if (l.kind === "group" && s.kind === "group") {
      const meta = values(`meta of ${s.id}:`, l.meta, `${s.id}-meta_attributes`, ch?.meta ?? [], "meta_attributes");
      const instance = values(`param of ${s.id}:`, l.instance, `${s.id}-instance_attributes`, ownParamChanges(ch), "instance_attributes");
      const children = (ch?.members ?? []).map((m) => inPlacePrimitive(m, m.old as Primitive, m.new as Primitive));
      const g: Group = { kind: "group", id: s.id, ...(instance ? { instance } : {}), ...(meta ? { meta } : {}), children };
      return g;
    }
    if (l.kind === "clone" && s.kind === "clone") {
      const meta = values(`meta of ${s.id}:`, l.meta, `${s.id}-meta_attributes`, ch?.meta ?? [], "meta_attributes");
      const instance = values(`param of ${s.id}:`, l.instance, `${s.id}-instance_attributes`, ownParamChanges(ch), "instance_attributes");
      const m = ch?.members[0];
      const child = inPlace(m, l.child, s.child) as Primitive | Group;
      const c: Clone = { kind: "clone", id: s.id, promotable: s.promotable, ...(instance ? { instance } : {}), ...(meta ? { meta } : {}), child };
      return c;
    }
    if (l.kind === "bundle" && s.kind === "bundle") {
      // Its container, network and mappings are the same (else it is rebuilt): its meta and its primitive change in place.
      const meta = values(`meta of ${s.id}:`, l.meta, `${s.id}-meta_attributes`, ch?.meta ?? [], "meta_attributes");
      const m = ch?.members[0];
      const child = l.child && s.child ? inPlacePrimitive(m, l.child, s.child) : undefined;
      const b: Bundle = { kind: "bundle", id: s.id, ...(meta ? { meta } : {}), container: s.container, ...(s.network ? { network: s.network } : {}), ...(s.storage ? { storage: s.storage } : {}), ...(child ? { child } : {}) };
      return b;
    }
    throw new Error(`in-place change of ${l.kind} ${l.id} into a ${s.kind}`);
  };

  const merged: Resource[] = [];
  for (const r of plan.changes.resources) {
    if (r.op === "remove") del(`${CONFIG}/resources/${step(r.old!.kind, r.id)}`, `${r.old!.kind} ${r.id}`, resourceIds(r.old!), resourceDeletions);
  }
  for (const r of plan.changes.resources) {
    if (r.op === "add") {
      changed = true;
      ids.take(resourceIds(r.new!));
      merged.push(r.new!);
    } else if (r.op === "change" && needsRebuild(r) && r.old!.kind === r.new!.kind) {
      ids.free(resourceIds(r.old!));
      ids.take(resourceIds(r.new!));
      replacements.push(withRuntimeMeta(r.old!, r.new!));
    } else if (r.op === "change" && needsRebuild(r)) {
      // A different element: deleted, then merged anew (a constraint on it would dangle meanwhile, so those are deleted and merged too).
      del(`${CONFIG}/resources/${step(r.old!.kind, r.id)}`, `${r.old!.kind} ${r.id}`, resourceIds(r.old!), resourceDeletions);
      changed = true;
      ids.take(resourceIds(r.new!));
      merged.push(withRuntimeMeta(r.old!, r.new!));
    } else if (r.op === "change") {
      merged.push(inPlace(r, r.old!, r.new!));
    }
  }

  // Unchanged constraints on a resource that becomes another kind of element go out and back in around it.
  const retyped = new Set(plan.changes.resources.filter((r) => r.op === "change" && r.old!.kind !== r.new!.kind).flatMap((r) => resourceIds(r.old!)));
  const touched = new Set(plan.changes.constraints.map((c) => c.id));
  const liveConstraints = new Map(live.cib.constraints.map((c) => [c.id, c]));
  const constraints: Constraint[] = [];
  for (const c of plan.site.constraints) {
    if (touched.has(c.id) || !constraintRefs(c).some((x) => retyped.has(x))) continue;
    const l = liveConstraints.get(c.id);
    if (l) del(`${CONFIG}/constraints/${step(CONSTRAINT_TAG[l.kind], l.id)}`, `constraint ${l.id}, to be written again`, constraintIds(l), constraintDeletions);
    constraints.push(c);
    changed = true;
  }
  for (const c of plan.changes.constraints) {
    if (c.op === "remove" || c.op === "change") del(`${CONFIG}/constraints/${step(CONSTRAINT_TAG[c.old!.kind], c.old!.id)}`, `constraint ${c.old!.id}`, constraintIds(c.old!), constraintDeletions);
  }
  for (const c of plan.changes.constraints) {
    if (c.op === "add" || c.op === "change") {
      changed = true;
      ids.take(constraintIds(c.new!));
      constraints.push(c.new!);
    }
  }

  // Fencing levels and alerts: a removed or changed one is deleted, a new or changed one merged whole, with free ids.
  const fencingLevels: FencingLevel[] = [];
  const alerts: Alert[] = [];
  // ACL entries are written by their own cibadmin calls (targets/acl.ts), after the merge.
  for (const a of plan.changes.admin ?? []) {
    if (a.op !== "remove" && a.op !== "change") continue;
    if (a.kind === "acl-role" || a.kind === "acl-user" || a.kind === "acl-group") continue;
    if (a.kind === "fencing-level") del(`${CONFIG}/fencing-topology/${step("fencing-level", a.old!.id)}`, `fencing level ${a.old!.index} of ${targetText(a.old!)}`, [a.old!.id], constraintDeletions);
    else del(`${CONFIG}/alerts/${step("alert", a.old!.id)}`, `alert ${a.old!.id}`, [a.old!.id, ...a.old!.recipients.map((r) => r.id)], constraintDeletions);
  }
  for (const a of plan.changes.admin ?? []) {
    if (a.op !== "add" && a.op !== "change") continue;
    if (a.kind === "acl-role" || a.kind === "acl-user" || a.kind === "acl-group") continue;
    changed = true;
    if (a.kind === "fencing-level") fencingLevels.push({ ...a.new!, id: ids.fresh(a.new!.id) });
    else {
      ids.take([a.new!.id, ...a.new!.recipients.map((r) => r.id)]);
      alerts.push(a.new!);
    }
  }

  // Templates: a new one merged (before the resources made from it), a changed one written anew whole (Pacemaker merges
  // it into each resource made from it at read time), a removed one deleted after the resources.
  const templates: Template[] = [];
  const templateDeletions: Deletion[] = [];
  for (const t of plan.changes.templates ?? []) {
    if (t.op === "add") templates.push(asTemplate(t.new!));
    else if (t.op === "change") {
      ids.free(resourceIds(t.old!));
      replacements.push({ kind: "template", template: asTemplate(t.new!) });
    } else if (t.op === "remove") del(`${CONFIG}/resources/${step("template", t.id)}`, `template ${t.id}`, resourceIds(t.old!), templateDeletions);
    if (t.op === "add" || t.op === "change") {
      changed = true;
      ids.take(resourceIds(t.new!));
    }
  }
  // Tags: a new one merged, a changed one written anew whole after the merge (its new members exist then), a removed one deleted.
  const tags: Tag[] = [];
  const tagsAgain: Tag[] = [];
  for (const t of plan.changes.tags ?? []) {
    if (t.op === "add") tags.push({ id: t.id, refs: t.to! });
    else if (t.op === "change") tagsAgain.push({ id: t.id, refs: t.to! });
    else if (t.op === "remove") del(`${CONFIG}/tags/${step("tag", t.id)}`, `tag ${t.id}`, [t.id], constraintDeletions);
    if (t.op !== "keep") changed = true;
  }
  // Defaults and property sets with a rule or a score: a removed or changed one deleted by its id, a new or changed one merged.
  const sets: Record<"rsc" | "op" | "property", RuledSet[]> = { rsc: [], op: [], property: [] };
  for (const d of plan.changes.defaultSets ?? []) {
    if (d.op === "remove" || d.op === "change") del(setXpath(d.section, d.old!.id), `${SET_TITLE[d.section]} set ${d.old!.id}`, [d.old!.id], deletions);
    if (d.op === "add" || d.op === "change") sets[d.section].push(d.new!);
    if (d.op !== "keep") changed = true;
  }
  const { rsc: rscDefaultSets, op: opDefaultSets, property: propertySets } = sets;

  // The ownership tag is written anew whenever anything changes, so it lists exactly what the site owns afterwards.
  const acts = changed || replacements.length > 0 || constraintDeletions.length + resourceDeletions.length + deletions.length > 0 || plan.changes.ownership !== undefined;
  const tagDeletions: Deletion[] = acts && plan.owner.inLive ? [{ xpath: `${CONFIG}/tags/${step("tag", plan.owner.id)}`, what: `the ownership tag ${plan.owner.id}${plan.tag ? ", written again below" : ""}` }] : [];
  const tag = acts && plan.tag ? { tag: plan.tag } : {};
  const ordered = [...tagDeletions, ...constraintDeletions, ...resourceDeletions, ...templateDeletions, ...deletions];
  const nodes = plan.changes.nodes.filter((n) => n.attributes.length + n.utilization.length > 0);
  const acl = aclPlanCommands(plan);
  const nodeSets = nodeSetCommands(plan.changes.nodes, live.nodeIds);
  if (!changed) return { deletions: ordered, replacements, tags: tagsAgain, nodes, nodeSets, acl, ...tag };
  return {
    ...tag,
    acl,
    nodes,
    nodeSets,
    deletions: ordered,
    replacements,
    tags: tagsAgain,
    merge: {
      clusterName: plan.site.clusterName,
      nodes: [],
      properties: properties ?? { id: live.cib.properties.id, pairs: [] },
      ...(rscDefaults ? { rscDefaults } : {}),
      ...(opDefaults ? { opDefaults } : {}),
      resources: merged,
      constraints,
      ...(fencingLevels.length > 0 ? { fencingLevels } : {}),
      ...(alerts.length > 0 ? { alerts } : {}),
      ...(templates.length > 0 ? { templates } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(rscDefaultSets.length > 0 ? { rscDefaultSets } : {}),
      ...(opDefaultSets.length > 0 ? { opDefaultSets } : {}),
      ...(propertySets.length > 0 ? { propertySets } : {}),
    },
  };
}
