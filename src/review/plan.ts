import { childResources } from "../ir/resources.js";
import type { Cib, Resource } from "../ir/types.js";
import { sameSets } from "./compare-defaults.js";
import { compareCibs, isEmpty, needsRebuild, RUNTIME_SETTINGS, type ChangeSet, type ValueSection } from "./compare.js";
import { step, type LiveCib, type Unsupported } from "./live.js";
import { shadowedRefusals } from "./shadowed.js";
import { clashRefusals, danglingRefusals, ruledSetIds, sharedOpsRefusals, takeoverRefusals } from "./refusals.js";
import { renderChanges, summaryLine } from "./render.js";
import { operatorConstraint } from "../ir/constraints.js";
import { takesOnlyOldRoles, withOldRoles } from "./schema-roles.js";
import { tagsAroundRefusals } from "./rebuilt-tags.js";
import { ungrantedTickets, type UngrantedTicket } from "./tickets.js";
import { constraintIds, ownerTag, ownerTagId, resourceIds, templateIds, type OwnerTag } from "../emit/owner.js";

export { constraintIds, needsRebuild, resourceIds };

/** What `hacc plan` found: the change from the live CIB to the site, and what it left alone or refuses. */
export interface Plan {
  readonly changes: ChangeSet;
  readonly live: LiveCib;
  readonly site: Cib;
  /** The site's ownership tag as the plan leaves it (undefined when the site declares no resource or constraint). */
  readonly tag: OwnerTag | undefined;
  /** The ownership tag's id, and whether the live CIB has it. */
  readonly owner: { readonly id: string; readonly inLive: boolean };
  /** Live objects the site declares that its ownership tag did not list: the plan takes them over. */
  readonly takenOver: readonly string[];
  /** Live objects hacc cannot represent, and other hacc sites' ownership tags: listed, never changed or deleted. */
  readonly leftAlone: readonly Unsupported[];
  /** Why the plan cannot be carried out; empty when it can. */
  readonly refusals: readonly string[];
  /** Ticket constraints the plan adds or changes whose ticket the live cluster does not hold (empty without a live status). */
  readonly ungranted: readonly UngrantedTicket[];
}

export interface PlanOptions {
  /** Keep every live object the site does not declare, its own included (nothing is removed). */
  readonly keepUndeclared?: boolean;
  /** Also remove live resources, constraints, properties and defaults that the site never owned (run-time settings excepted). */
  readonly prune?: boolean;
  /** Live objects the site declares and may take over although another hacc site's tag lists them, or its own tag does not. */
  readonly adopt?: readonly string[];
  /** Take over every live object the site declares, whoever's tag lists it. */
  readonly adoptAll?: boolean;
}

/** The resource ids in a resource: its own, its members' and its clone child's. */
export function memberIds(r: Resource): string[] {
  return [r.id, ...childResources(r).flatMap(memberIds)];
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Plans the change from a live CIB to what the site compiles to. The site
 * owns what its ownership tag lists and what it declares; it changes and
 * deletes only that. Live objects it does not own are kept unless `prune`;
 * run-time settings are changed only when the site declares them. Live
 * objects hacc cannot represent are left alone. The plan is refused when the
 * site declares one of those, when it would take over a live object that
 * another hacc site's tag lists or its own tag does not (unless adopted),
 * when an id it creates is a live element's of another kind or object, or
 * when an id it deletes is referenced by anything it keeps (refusals.ts).
 */
export function planAgainstLive(live: LiveCib, declaredSite: Cib, opts: PlanOptions = {}): Plan {
  // A live CIB whose schema predates Promoted and Unpromoted (before pacemaker-3.7) gets the old names, wherever a role is written.
  const site = takesOnlyOldRoles(live.schema) ? withOldRoles(declaredSite) : declaredSite;
  const tag = ownerTag(site);
  const ownerId = ownerTagId(site.clusterName);
  const liveTag = live.tags.find((t) => t.id === ownerId);
  const declaredTop = new Set([...site.resources.map((r) => r.id), ...site.constraints.map((c) => c.id)]);
  const owned = new Set([...(liveTag?.refs ?? []), ...declaredTop]);
  const notOwned = liveTag ? `not this site's (not in ${ownerId})` : `not this site's (not declared; no ${ownerId} yet)`;
  const keep = (id: string): string | undefined => {
    // An operator's ban or move (crm_resource --ban/--move, pcs resource relocate) is run-time state: kept, pruned, owned or not.
    const op = declaredTop.has(id) ? undefined : operatorConstraint(id, undefined);
    if (op !== undefined && live.cib.constraints.some((c) => c.id === id)) return `an operator's temporary location, made by ${op.made}: a plan never changes it; \`${op.clear}\` removes it`;
    return opts.keepUndeclared ? "not declared by the site" : opts.prune || owned.has(id) ? undefined : notOwned;
  };
  const keepValue = (_section: ValueSection, name: string): string | undefined =>
    RUNTIME_SETTINGS.includes(name) ? "a run-time setting, changed only when the site declares it" : opts.prune && !opts.keepUndeclared ? undefined : "not declared by the site";
  // Fencing levels and alerts are not in the ownership tag (a level's id is the tool's): one the site does not declare stays, unless pruned.
  // ACL entries have no id hacc can tag (a user's is not an XML id): a plan never removes one, pruned or not.
  const keepAdmin = (kind: string): string | undefined =>
    kind.startsWith("acl-")
      ? "not declared by the site (a plan never removes an ACL entry: hacc cannot tell one it made from an administrator's)"
      : opts.keepUndeclared ? "not declared by the site" : opts.prune ? undefined : "not declared by the site (a plan removes fencing levels and alerts only with --prune)";
  // Defaults sets with a rule or a score are not in the ownership tag: the site's by id, as values are by name, so one the site
  // does not declare stays unless pruned. Templates, tags and property sets with a rule or a score are the site's when its tag
  // lists them, as resources are: one the site no longer declares goes, --prune or not. One the tag does not list stays, pruned
  // or not: other people's resources may be made from a template, administrators make tags (`pcs tag create`), and a property
  // set may be the cluster's own (a maintenance window set by hand).
  const keepOther = (kind: "defaults set" | "property set" | "template" | "tag", id: string): string | undefined => {
    if (opts.keepUndeclared) return "not declared by the site";
    if (kind === "defaults set") return opts.prune ? undefined : "not declared by the site (a plan removes defaults sets with a rule or a score only with --prune)";
    if (!(liveTag?.refs.includes(id) ?? false)) return `${notOwned}; a plan removes a ${kind} only when ${ownerId} lists it, --prune or not`;
    return undefined;
  };
  // A node attribute the site does not declare may be an agent's (pgsql, SAPHanaSR) or another admin's: it goes only with --prune.
  const keepNodeValue = (): string | undefined => (opts.prune && !opts.keepUndeclared ? undefined : "not declared by the site; --prune removes it");
  const compared = compareCibs(live.cib, site, { live: true, keep, keepValue, keepAdmin, keepOther, keepNodeValue });

  // The ownership tag, as the plan leaves it.
  // Owned objects a plan keeps (--keep-undeclared) stay listed, so a later plan still removes them.
  const keptOwned = [
    ...[...compared.resources, ...compared.constraints, ...(compared.templates ?? []), ...(compared.tags ?? [])].map((x) => ({ op: x.op, id: x.id })),
    ...(compared.defaultSets ?? []).filter((d) => d.section === "property").map((d) => ({ op: d.op, id: d.old?.id ?? "" })),
  ]
    .filter((x) => x.op === "keep" && (liveTag?.refs.includes(x.id) ?? false))
    .map((x) => x.id);
  // A property set the live CIB already says is listed by the live one's id (it may differ: the sets are matched by what they say).
  const same = sameSets(live.cib, site);
  const siteSets = new Set((site.propertySets ?? []).map((s) => s.id));
  const nextRefs = [...(tag?.refs ?? []).map((id) => (siteSets.has(id) ? (same.get(id) ?? id) : id)), ...keptOwned];
  const next = nextRefs.length > 0 ? nextRefs : undefined;
  const planTag: OwnerTag | undefined = next ? { id: ownerId, refs: next } : undefined;
  const tagChanges = liveTag === undefined ? next !== undefined : next === undefined || !sameIds(liveTag.refs, next);
  const changes: ChangeSet = tagChanges
    ? {
        ...compared,
        ownership: {
          id: ownerId,
          ...(liveTag ? { from: liveTag.refs } : {}),
          ...(next ? { to: next } : {}),
        },
      }
    : compared;

  const refusals: string[] = [];
  const declared = new Set([
    ...site.resources.flatMap(resourceIds), ...site.constraints.flatMap(constraintIds), ...(site.templates ?? []).flatMap(templateIds), ...(site.tags ?? []).map((t) => t.id),
    ...[...(site.rscDefaultSets ?? []), ...(site.opDefaultSets ?? []), ...(site.propertySets ?? [])].flatMap(ruledSetIds),
  ]);
  if (declared.has(ownerId)) refusals.push(`the site declares \`${ownerId}\`, the id of its own ownership tag; rename that object`);
  for (const u of live.unsupported) {
    if (u.id !== undefined && u.id !== ownerId && declared.has(u.id)) {
      refusals.push(`the site declares \`${u.id}\`, but the live ${u.path} cannot be read by hacc (${u.reason}); change it by hand or remove it first`);
    }
  }
  // The cib and pcs scripts delete the ownership tag and write it again; a reference to it (an
  // ACL permission, say) would point at nothing in between, which Pacemaker's schema refuses.
  for (const ref of live.refs) {
    if (ref.to === ownerId && ref.via !== "obj_ref" && !ref.from.includes(`/tag[@id=`)) {
      refusals.push(`${ref.from} refers to \`${ownerId}\` (its ${ref.via}), the site's ownership tag, which a plan deletes and writes again; refer to the objects themselves, or remove that reference by hand first`);
    }
  }
  // A node's sets are merged into its entry by the entry's id: a cluster node's is the cluster layer's, so it must be there.
  for (const n of changes.nodes) {
    const adds = n.sets.filter((s) => s.op !== "remove");
    if (adds.length > 0 && !n.remote && !live.nodeIds.has(n.node)) {
      refusals.push(`node \`${n.node}\` has no entry in the live CIB (a cluster node has one once it has joined the cluster), so its sets ${adds.map((s) => s.id).join(", ")} have nowhere to go; plan again when it has joined`);
    }
  }
  refusals.push(...takeoverRefusals(site, live, liveTag, ownerId, (id) => opts.adoptAll === true || (opts.adopt?.includes(id) ?? false)));
  refusals.push(...danglingRefusals(live, changes, declared, ownerId));
  refusals.push(...tagsAroundRefusals(live, changes, ownerId));
  refusals.push(...sharedOpsRefusals(live, changes));
  refusals.push(...shadowedRefusals(live, changes));
  refusals.push(...clashRefusals(live, changes, declared, planTag ? { id: ownerId, inLive: liveTag !== undefined } : undefined));
  // Templates and tags the site declares are taken over without --adopt (a tag written before hacc listed them lacks them), and said so.
  const liveTop = new Set([...live.cib.resources, ...live.cib.constraints, ...(live.cib.templates ?? []), ...(live.cib.tags ?? [])].map((x) => x.id));
  const takenOver = [...declaredTop, ...[...(site.templates ?? []), ...(site.tags ?? [])].map((x) => x.id)].filter((id) => liveTop.has(id) && !(liveTag?.refs.includes(id) ?? false));
  return {
    changes,
    live,
    site,
    tag: planTag,
    owner: { id: ownerId, inLive: liveTag !== undefined },
    takenOver,
    leftAlone: [
      ...live.unsupported,
      // Another site's ownership tag; the other tags are the site's tags section's (kept or removed there).
      ...live.tags.filter((t) => t.id !== ownerId && t.id.startsWith("hacc-")).map((t) => ({ path: `/cib/configuration/tags/${step("tag", t.id)}`, id: t.id, reason: "another hacc site's ownership tag; it is left as it is", refs: t.refs })),
    ],
    refusals: [...new Set(refusals)],
    ungranted: ungrantedTickets(changes, live.tickets),
  };
}

/** The guest nodes a resource carries (a VM with `remote-node`, also inside a group or clone). */
export function guestsOf(r: Resource): { node: string; rsc: string }[] {
  if (r.kind === "primitive") return r.guestNode !== undefined ? [{ node: r.guestNode, rsc: r.id }] : [];
  return childResources(r).flatMap(guestsOf);
}

/** The primitives (members included) made from a template. */
function madeFrom(rs: readonly Resource[], template: string): string[] {
  return rs.flatMap((r) => (r.kind === "primitive" ? (r.template === template ? [r.id] : []) : madeFrom(childResources(r), template)));
}

/** Guest nodes that go away with the resources the plan removes. */
export function removedGuests(plan: Plan): { node: string; rsc: string }[] {
  return plan.changes.resources.filter((r) => r.op === "remove").flatMap((r) => guestsOf(r.old!));
}

/** The readable plan, as `hacc plan` prints it and as the scripts carry it in comments. */
export function renderPlan(plan: Plan, names: { readonly site: string; readonly live: string }): string[] {
  const v = plan.live.version;
  const out = [`hacc plan: ${names.site} against ${names.live}${v ? ` (admin_epoch ${v.adminEpoch}, epoch ${v.epoch})` : ""}`];
  if (plan.refusals.length > 0) {
    out.push("", "REFUSED: this plan cannot be carried out:", ...plan.refusals.map((r) => `  ! ${r}`));
  }
  out.push(isEmpty(plan.changes) ? "no changes: the live configuration already is what the site declares" : summaryLine(plan.changes));
  const body = renderChanges(plan.changes);
  if (body.length > 0) out.push("", ...body);
  const removed = plan.changes.resources.filter((r) => r.op === "remove");
  if (removed.length > 0) {
    const ids = removed.map((r) => r.id);
    out.push(
      "",
      "removal: when the change is pushed, Pacemaker stops every removed resource that is running.",
      `  To stop them first and watch: pcs resource disable ${ids.join(" ")} --wait`,
      `  (crmsh: crm resource stop ${ids.join(" ")}), then apply the plan.`,
    );
    for (const g of removedGuests(plan)) {
      out.push(`  Guest node ${g.node} goes with ${g.rsc}; afterwards \`crm_node --force --remove ${g.node}\` clears its leftover node state.`);
    }
  }
  const retemplated = (plan.changes.templates ?? []).filter((t) => t.op === "change");
  if (retemplated.length > 0) {
    out.push("", "templates: Pacemaker merges a template into each resource made from it when it reads the configuration, so a changed template changes those resources (a restart or reload, as for a change of their own):");
    for (const t of retemplated) {
      const made = madeFrom(plan.site.resources, t.id);
      out.push(`  ${t.id}: ${made.length > 0 ? made.join(", ") : "no resource of the site"}`);
    }
  }
  const added = plan.changes.resources.filter((r) => r.op === "add").flatMap((r) => guestsOf(r.new!));
  if (added.length > 0) {
    out.push("", "new guest nodes: before the push, each needs pacemaker_remote running and /etc/pacemaker/authkey copied in:");
    for (const g of added) out.push(`  ${g.node} (the VM ${g.rsc})`);
  }
  if (takesOnlyOldRoles(plan.live.schema) && !isEmpty(plan.changes)) {
    out.push("", `roles: the live CIB validates with ${plan.live.schema ?? ""}, whose schema takes only the role names Master and Slave (Promoted and Unpromoted came with pacemaker-3.7): the plan writes Promoted as Master and Unpromoted as Slave (\`cibadmin --upgrade --force\` moves the CIB to the current schema).`);
  }
  if (plan.ungranted.length > 0) {
    out.push("", "tickets: the live cluster does not hold these; once the change is pushed, what depends on them stops or does not start until they are granted:");
    for (const t of plan.ungranted) {
      // A ticket in standby is held but acts as lost until it is activated; granting it again leaves the standby.
      const fix = t.state === "in standby" ? `Activate it first: crm_ticket --ticket ${t.ticket} --activate` : `Grant it first: crm_ticket --ticket ${t.ticket} --grant (or let booth grant it)`;
      out.push(`  ${t.ticket} (${t.state}): ${t.rsc}, by ${t.id}. ${fix}`);
    }
  }
  const kept = [...plan.changes.resources, ...plan.changes.constraints, ...plan.changes.keptValues.map(() => ({ op: "keep" })), ...plan.changes.nodes.flatMap((n) => n.kept).map(() => ({ op: "keep" })), ...(plan.changes.admin ?? []), ...(plan.changes.defaultSets ?? []), ...(plan.changes.templates ?? []), ...(plan.changes.tags ?? [])].filter(
    (x) => x.op === "keep",
  ).length;
  if (kept > 0 || plan.takenOver.length > 0 || !plan.owner.inLive)
    out.push(
      "",
      `ownership: the site owns what ${plan.owner.id} lists${plan.owner.inLive ? "" : " (not in the live CIB yet: the site owns what it declares)"} and what it declares; the plan changes and deletes nothing else.`,
    );
  if (kept > 0)
    out.push(`  ${kept} live object${kept === 1 ? " is" : "s are"} kept exactly as ${kept === 1 ? "it is" : "they are"} (=); --prune removes those the site never owned, except run-time settings, operators' bans and the templates, tags and property sets ${plan.owner.id} does not list.`);
  if (plan.takenOver.length > 0) out.push(`  taken over (declared by the site, in the live CIB, not yet in ${plan.owner.id}): ${plan.takenOver.join(", ")}`);
  if (plan.leftAlone.length > 0) {
    out.push("", "left alone (hacc cannot represent these; they are never changed or deleted):");
    for (const u of plan.leftAlone) out.push(`  ${u.path}: ${u.reason}`);
  }
  return out;
}
