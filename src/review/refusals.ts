import { ruleElements } from "../ir/constraints.js";
import { unreachable } from "../util/never.js";
import { childResources } from "../ir/resources.js";
import type { AttrSet, Cib, Constraint, Resource, RuledSet, Template } from "../ir/types.js";
import { constraintIds, resourceIds, templateIds } from "../emit/owner.js";
import { needsRebuild, type ChangeSet, type ResourceChange } from "./compare.js";
import type { LiveCib, LiveTag } from "./live.js";
import { withRuntimeMeta } from "./runtime.js";

/**
 * Why a plan cannot be carried out, object by object: each check here is a
 * pure function of the live CIB, the change set and the site, and returns
 * one sentence per refusal, naming both ends.
 */

/** The resources and members of a resource, by id. */
function membersOf(r: Resource): Resource[] {
  return [r, ...childResources(r).flatMap(membersOf)];
}

/** Every element of an IR resource with the tag the CIB gives it: the resource, its members, sets, nvpairs and ops. */
export function resourceElements(r: Resource): [string, string][] {
  const set = (s: AttrSet | undefined, tag: string): [string, string][] => (s ? [[s.id, tag], ...s.pairs.map((p): [string, string] => [p.id, "nvpair"])] : []);
  switch (r.kind) {
    case "primitive":
      return [
        [r.id, "primitive"], ...set(r.instance, "instance_attributes"), ...set(r.meta, "meta_attributes"), ...set(r.utilization, "utilization"),
        ...(r.instanceSets ?? []).flatMap((s) => ruledSetElements(s, "instance_attributes")), ...(r.metaSets ?? []).flatMap((s) => ruledSetElements(s)),
        ...r.ops.map((o): [string, string] => [o.id, "op"]),
      ];
    case "group":
      return [[r.id, "group"], ...set(r.instance, "instance_attributes"), ...set(r.meta, "meta_attributes"), ...r.children.flatMap(resourceElements)];
    case "clone":
      return [[r.id, "clone"], ...set(r.instance, "instance_attributes"), ...set(r.meta, "meta_attributes"), ...resourceElements(r.child)];
    case "bundle":
      return [
        [r.id, "bundle"], ...set(r.meta, "meta_attributes"),
        ...(r.network?.portMappings ?? []).map((m): [string, string] => [m.id, "port-mapping"]),
        ...(r.storage ?? []).map((m): [string, string] => [m.id, "storage-mapping"]),
        ...(r.child !== undefined ? resourceElements(r.child) : []),
      ];
  }
}

/** Every element of a template with the tag the CIB gives it. */
export function templateElements(t: Template): [string, string][] {
  return resourceElements({ kind: "primitive", ...t }).map(([id, tag]): [string, string] => [id, id === t.id ? "template" : tag]);
}

/** Every element of a defaults set (or, `tag` "cluster_property_set", a property set; or a resource's set) with a rule or a score with the tag the CIB gives it. */
export function ruledSetElements(s: RuledSet, tag = "meta_attributes"): [string, string][] {
  return [
    [s.id, tag],
    ...(s.rule ? [[s.rule.id, "rule"] as [string, string], ...ruleElements(s.rule)] : []),
    ...s.pairs.map((p): [string, string] => [p.id, "nvpair"]),
  ];
}

/** Every id a defaults set with a rule or a score carries. */
export function ruledSetIds(s: RuledSet): string[] {
  return ruledSetElements(s).map(([id]) => id);
}

/** Every element of an IR constraint with the tag the CIB gives it. */
export function constraintElements(c: Constraint): [string, string][] {
  switch (c.kind) {
    case "location":
      return [[c.id, "rsc_location"], ...(c.set !== undefined ? [[c.set.id, "resource_set"] as [string, string]] : [])];
    case "location-rule":
      return [[c.id, "rsc_location"], ...(c.set !== undefined ? [[c.set.id, "resource_set"] as [string, string]] : []), ...c.rules.flatMap((r): [string, string][] => [[r.id, "rule"], ...ruleElements(r)])];
    case "order":
      return [[c.id, "rsc_order"]];
    case "colocation":
      return [[c.id, "rsc_colocation"]];
    case "ticket":
      return [[c.id, "rsc_ticket"]];
    case "order-set":
    case "colocation-set":
    case "ticket-set": {
      const tag = c.kind === "order-set" ? "rsc_order" : c.kind === "colocation-set" ? "rsc_colocation" : "rsc_ticket";
      return [[c.id, tag], ...c.sets.map((s): [string, string] => [s.id, "resource_set"])];
    }
    default:
      return unreachable(c);
  }
}

/** A sub-element's id in words: the object itself, or the id with the object it is in. */
function within(id: string, owner: string): string {
  return owner.endsWith(`\`${id}\``) ? owner : `\`${id}\` (in ${owner})`;
}

/** An id the plan deletes: what it belongs to, and whether that object stays (changed) rather than goes. */
export interface Deleted {
  readonly what: string;
  readonly changed: boolean;
}

/**
 * The ids a plan deletes from the live CIB, whatever the target, each with
 * what it belongs to in words: removed objects whole; a rebuilt resource's
 * ids the site does not declare again; for a resource changed in place,
 * every live id the site's form of it lacks (the cib target deletes an
 * emptied set and dropped nvpairs and ops; crmsh writes the object whole
 * with the site's ids); a changed constraint's old ids; and the nvpairs of
 * properties and defaults that go.
 */
export function deletedIds(live: LiveCib, changes: ChangeSet, declared: ReadonlySet<string>): Map<string, Deleted> {
  const deleted = new Map<string, Deleted>();
  const note = (ids: readonly string[], what: string, changed = false): void => {
    for (const id of ids) if (id !== "" && !declared.has(id) && !deleted.has(id)) deleted.set(id, { what, changed });
  };
  for (const r of changes.resources) {
    const what = `${r.old?.kind ?? r.kind} \`${r.id}\``;
    if (r.op === "remove") note(resourceIds(r.old!), what);
    else if (r.op === "change") {
      const kept = new Set(resourceIds(withRuntimeMeta(r.old!, r.new!)));
      note(
        resourceIds(r.old!).filter((id) => !kept.has(id)),
        what,
        true,
      );
    }
  }
  for (const c of changes.constraints) {
    if (c.op === "remove") note(constraintIds(c.old!), `constraint \`${c.old!.id}\``);
    else if (c.op === "change") {
      const kept = new Set(c.oldId === undefined ? constraintIds(c.new!) : []);
      note(
        constraintIds(c.old!).filter((id) => !kept.has(id)),
        `constraint \`${c.old!.id}\``,
        true,
      );
    }
  }
  const values = (set: AttrSet | undefined, chs: ChangeSet["properties"], what: string): void => {
    for (const ch of chs) {
      if (ch.to !== undefined) continue;
      const p = set?.pairs.find((x) => x.name === ch.name);
      if (p) note([p.id], `${what} \`${ch.name}\``);
    }
  };
  values(live.cib.properties, changes.properties, "property");
  values(live.cib.rscDefaults, changes.rscDefaults, "resource default");
  values(live.cib.opDefaults, changes.opDefaults, "op default");
  // A changed template is written anew whole, as the site has it: the live ids its form lacks go.
  for (const t of changes.templates ?? []) {
    if (t.op === "remove") note(resourceIds(t.old!), `template \`${t.id}\``);
    else if (t.op === "change") {
      const kept = new Set(resourceIds(t.new!));
      note(resourceIds(t.old!).filter((id) => !kept.has(id)), `template \`${t.id}\``, true);
    }
  }
  for (const t of changes.tags ?? []) if (t.op === "remove") note([t.id], `tag \`${t.id}\``);
  // A changed defaults set is deleted and written anew.
  for (const d of changes.defaultSets ?? []) {
    const what = `${d.section === "property" ? "property" : "defaults"} set \`${d.old?.id ?? ""}\``;
    if (d.op === "remove") note(ruledSetIds(d.old!), what);
    else if (d.op === "change") {
      const kept = new Set(ruledSetIds(d.new!));
      note(ruledSetIds(d.old!).filter((id) => !kept.has(id)), what, true);
    }
  }
  return deleted;
}

/**
 * A deletion must not leave a reference dangling: every live reference held
 * by an object the plan keeps (a fencing level, an ACL's reference or
 * xpath, an alert's id-ref, a tag, a ticket, a resource set, a template
 * user, another site's constraint...) to an id the plan deletes refuses the
 * plan, naming both ends. A resource the plan deletes and makes again
 * (rebuilt) takes along, with pcs and crmsh, whatever points at it.
 */
export function danglingRefusals(live: LiveCib, changes: ChangeSet, declared: ReadonlySet<string>, ownerId: string): string[] {
  const deleted = deletedIds(live, changes, declared);
  const rebuilt = new Map<string, string>();
  for (const r of changes.resources) {
    if (r.op === "change" && needsRebuild(r)) for (const m of membersOf(r.old!)) if (declared.has(m.id)) rebuilt.set(m.id, `${r.old!.kind} \`${r.id}\``);
  }
  if (deleted.size + rebuilt.size === 0) return [];
  // Holders that go or are written anew by the plan do not count.
  const gone = new Set<string>([ownerId, ...declared]);
  for (const r of changes.resources) if (r.op === "remove") gone.add(r.id);
  for (const c of changes.constraints) if (c.op === "remove" || c.op === "change") gone.add(c.old!.id);
  for (const t of changes.tags ?? []) if (t.op === "remove") gone.add(t.id);
  // A tag the plan writes again without the member drops its reference before the member goes.
  const retagged = new Map((changes.tags ?? []).filter((t) => t.op === "change").map((t) => [t.id, new Set(t.to ?? [])]));
  const tags = new Set(live.tags.map((t) => t.id));
  const out: string[] = [];
  for (const ref of live.refs) {
    if (ref.holder !== undefined && gone.has(ref.holder)) continue;
    if (ref.holder !== undefined && ref.via === "obj_ref" && retagged.has(ref.holder) && !retagged.get(ref.holder)!.has(ref.to) && !rebuilt.has(ref.to)) continue;
    const again = rebuilt.get(ref.to);
    // A tag listing a rebuilt resource is written again as it was around the deletion (rebuilt-tags.ts).
    if (again !== undefined && ref.via === "obj_ref" && ref.holder !== undefined && tags.has(ref.holder)) continue;
    if (again !== undefined) {
      out.push(
        `${within(ref.to, again)} is deleted and made again (${again} cannot change in place), and pcs and crmsh delete what points at a deleted resource: ${ref.from} (its ${ref.via}) would be lost; remove it by hand first and make it again afterwards`,
      );
      continue;
    }
    const d = deleted.get(ref.to);
    if (d === undefined) continue;
    out.push(
      `removing ${within(ref.to, d.what)} would leave ${ref.from} (its ${ref.via}) pointing at nothing; remove or change that by hand first, or ${d.changed ? `keep in the site what ${d.what} holds there` : `keep ${d.what}`}`,
    );
  }
  return out;
}

/**
 * Every id the plan writes must be free in the live CIB, or be the same
 * element of the same object that it replaces: an id the plan creates that
 * a live element of another kind, or of another object, carries refuses the
 * plan, naming both. Ids the plan deletes first are free.
 */
export function clashRefusals(live: LiveCib, changes: ChangeSet, declared: ReadonlySet<string>, tag: { id: string; inLive: boolean } | undefined): string[] {
  const freed = new Set(deletedIds(live, changes, declared).keys());
  for (const r of changes.resources) if (r.op === "change" && needsRebuild(r)) for (const id of resourceIds(r.old!)) freed.add(id);
  for (const c of changes.constraints) if (c.op === "change" && c.oldId !== undefined) for (const id of constraintIds(c.old!)) freed.add(id);
  const out: string[] = [];
  const check = (elements: readonly [string, string][], old: ReadonlySet<string>, self: string, what: string): void => {
    for (const [id, tagName] of elements) {
      const at = live.elements.get(id);
      if (at === undefined || freed.has(id) || (at.tag === tagName && old.has(id))) continue;
      const name = id === self ? what : `the <${tagName}> \`${id}\` of ${what}`;
      out.push(`${name} needs the id \`${id}\`, which the live CIB already gives to ${at.path}; rename one of them (the site's name, or the live element by hand)`);
    }
  };
  for (const r of changes.resources) {
    if (r.op !== "add" && r.op !== "change") continue;
    const written = r.op === "add" ? r.new! : withRuntimeMeta(r.old!, r.new!);
    check(resourceElements(written), new Set(r.old ? resourceIds(r.old) : []), r.id, `the ${r.op === "add" ? "new " : ""}${written.kind} \`${r.id}\``);
  }
  for (const c of changes.constraints) {
    if (c.op !== "add" && c.op !== "change") continue;
    check(constraintElements(c.new!), new Set(c.old && c.oldId === undefined ? constraintIds(c.old) : []), c.id, `the ${c.op === "add" ? "new " : ""}constraint \`${c.id}\``);
  }
  for (const t of changes.templates ?? []) {
    if (t.op !== "add" && t.op !== "change") continue;
    const n = t.new! as Template & { kind?: string };
    check(templateElements(n), new Set(t.old ? resourceIds(t.old) : []), t.id, `the ${t.op === "add" ? "new " : ""}template \`${t.id}\``);
  }
  for (const t of changes.tags ?? []) if (t.op === "add") check([[t.id, "tag"]], new Set(), t.id, `the new tag \`${t.id}\``);
  for (const d of changes.defaultSets ?? []) {
    if (d.op !== "add" && d.op !== "change") continue;
    check(ruledSetElements(d.new!, d.section === "property" ? "cluster_property_set" : "meta_attributes"), new Set(d.old ? ruledSetIds(d.old) : []), d.new!.id, `the new ${d.section === "property" ? "property" : "defaults"} set \`${d.new!.id}\` (${d.text})`);
  }
  if (tag) check([[tag.id, "tag"]], new Set(tag.inLive ? [tag.id] : []), tag.id, `the ownership tag \`${tag.id}\``);
  return out;
}

/**
 * Taking over a live object the site declares: without a tag of its own, a
 * site adopts what it declares (a cluster is first brought under hacc that
 * way); but an object another hacc site's ownership tag lists, or one the
 * site's own tag does not list although the tag exists (someone made it
 * after the site began managing the cluster), is refused unless adopted
 * explicitly (`--adopt ID`, `--adopt-all`).
 */
export function takeoverRefusals(site: Cib, live: LiveCib, ownTag: LiveTag | undefined, ownerId: string, adopt: (id: string) => boolean): string[] {
  const liveTop = new Set([...live.cib.resources.map((r) => r.id), ...live.cib.constraints.map((c) => c.id)]);
  const others = live.tags.filter((t) => t.id.startsWith("hacc-") && t.id !== ownerId);
  const out: string[] = [];
  for (const id of [...site.resources.map((r) => r.id), ...site.constraints.map((c) => c.id)]) {
    if (!liveTop.has(id) || (ownTag?.refs.includes(id) ?? false) || adopt(id)) continue;
    const owners = others.filter((t) => t.refs.includes(id)).map((t) => t.id);
    if (owners.length > 0) {
      out.push(
        `the site declares \`${id}\`, which another hacc site owns: the ownership tag ${owners.join(", ")} lists it; to take it over, plan with --adopt ${id} (${owners.join(", ")} keeps listing it until that site's plan drops it)`,
      );
    } else if (ownTag) {
      out.push(
        `the site declares \`${id}\`, which the live CIB has but ${ownerId} does not list: someone else made it after this site's tag was written; check whose it is, then plan with --adopt ${id} to take it over`,
      );
    }
  }
  return out;
}

/**
 * A plan that would change the ops of a primitive whose ops are a shared op
 * list (`<operations id-ref="X">`, or the `<operations id="X">` others name),
 * or write such a primitive anew: the list is every sharer's, so changing it
 * for one would change them all, and writing one primitive's own ops in its
 * place would leave the others pointing at nothing. Pacemaker reads each
 * sharer's ops as a copy of the list (expand_idref), so the plan compares
 * them so, and says nothing while they agree.
 */
export function sharedOpsRefusals(live: LiveCib, changes: ChangeSet): string[] {
  const shared = live.sharedOps;
  if (shared === undefined) return [];
  const out: string[] = [];
  const say = (id: string, what: string, why = "which would change every primitive that shares that list"): void => {
    const s = shared.get(id);
    if (s === undefined) return;
    const others = s.sharers.filter((x) => x !== id).map((x) => `\`${x}\``).join(", ");
    const how = s.sharers[0] === id ? `holds the op list \`${s.list}\` that ${others} name${s.sharers.length === 2 ? "s" : ""} by id-ref` : `takes its ops from the op list \`${s.list}\` (id-ref) that ${others} share${s.sharers.length === 2 ? "s" : ""}`;
    out.push(`the live primitive \`${id}\` ${how}, and the site ${what}, ${why}; give the primitives <operations> of their own by hand first, or keep \`${id}\` as it is`);
  };
  const walk = (c: ResourceChange): void => {
    if (c.op !== "change") return;
    if (c.rebuild !== undefined && c.old) {
      for (const m of membersOf(c.old)) say(m.id, `writes ${m.id === c.id ? "it" : `\`${c.id}\``} anew (${c.rebuild})`);
      return;
    }
    if (c.ops.length > 0) say(c.id, `changes its ops (${c.ops.map((o) => `${o.op} ${o.name} ${o.interval}`).join(", ")})`);
    // The holder changed in any way: crmsh's `load update` writes a changed primitive whole, with ops of its own, and the
    // list's id would go with it (crm_verify then stops the crmsh script: an id-ref to nothing). One rule for every target.
    else if (c.kind === "primitive" && shared.get(c.id)?.sharers[0] === c.id) say(c.id, "changes it", `which crmsh's \`load update\` would write whole, taking the list's id away from ${shared.get(c.id)!.sharers.slice(1).map((x) => `\`${x}\``).join(", ")}`);
    c.members.forEach(walk);
  };
  changes.resources.forEach(walk);
  return out;
}
