import type { Cib, Resource } from "../ir/types.js";
import { compareCibs, isEmpty, RUNTIME_META, type ChangeSet, type ResourceChange } from "./compare.js";
import type { LiveCib, Unsupported } from "./live.js";
import { renderChanges, summaryLine } from "./render.js";
import { constraintIds, resourceIds } from "../emit/owner.js";

export { constraintIds, resourceIds };

/** What `hacc plan` found: the change from the live CIB to the site, and what it left alone or refuses. */
export interface Plan {
  readonly changes: ChangeSet;
  readonly live: LiveCib;
  readonly site: Cib;
  /** Live objects hacc cannot represent: listed, never changed or deleted. */
  readonly leftAlone: readonly Unsupported[];
  /** Why the plan cannot be carried out; empty when it can. */
  readonly refusals: readonly string[];
}

export interface PlanOptions {
  /** Keep live objects the site does not declare instead of removing them. */
  readonly keepUndeclared?: boolean;
}

/** The resource ids in a resource: its own, its members' and its clone child's. */
export function memberIds(r: Resource): string[] {
  return r.kind === "primitive" ? [r.id] : r.kind === "group" ? [r.id, ...r.children.map((c) => c.id)] : [r.id, ...memberIds(r.child)];
}

/**
 * Plans the change from a live CIB to what the site compiles to. Live
 * objects hacc cannot represent are left alone; the plan is refused when the
 * site declares one of them, or when a removal would leave one dangling.
 */
export function planAgainstLive(live: LiveCib, site: Cib, opts: PlanOptions = {}): Plan {
  const changes = compareCibs(live.cib, site, { live: true, keepUndeclared: opts.keepUndeclared === true });
  const refusals: string[] = [];
  const declared = new Set([...site.resources.flatMap(resourceIds), ...site.constraints.flatMap(constraintIds)]);
  const removedResources = new Set(changes.resources.filter((r) => r.op === "remove").flatMap((r) => memberIds(r.old!)));
  for (const u of live.unsupported) {
    if (u.id !== undefined && declared.has(u.id)) {
      refusals.push(`the site declares \`${u.id}\`, but the live ${u.path} cannot be read by hacc (${u.reason}); change it by hand or remove it first`);
    }
    const dangling = u.refs.filter((x) => removedResources.has(x) && x !== u.id);
    if (dangling.length > 0) {
      refusals.push(`removing ${dangling.map((d) => `\`${d}\``).join(", ")} would leave ${u.path} (which hacc cannot read) pointing at nothing; remove or change it by hand first, or keep the resource`);
    }
  }
  // A new object must not take an id that a live object keeps.
  const freed = new Set<string>([
    ...changes.resources.filter((r) => r.op === "remove" || (r.op === "change" && needsRebuild(r))).flatMap((r) => resourceIds(r.old!)),
    ...changes.constraints.filter((c) => c.op === "remove" || c.op === "change").flatMap((c) => constraintIds(c.old!)),
  ]);
  const liveDeclared = new Set([...live.cib.resources.flatMap(resourceIds), ...live.cib.constraints.flatMap(constraintIds)]);
  const taken = (id: string): boolean => live.ids.has(id) && !freed.has(id) && !liveDeclared.has(id);
  for (const r of changes.resources) {
    if (r.op !== "add") continue;
    for (const id of resourceIds(r.new!)) if (taken(id)) refusals.push(`the new resource \`${r.id}\` needs the id \`${id}\`, which the live CIB already uses elsewhere`);
  }
  for (const c of changes.constraints) {
    if (c.op !== "add") continue;
    for (const id of constraintIds(c.new!)) if (taken(id)) refusals.push(`the new constraint \`${c.id}\` needs the id \`${id}\`, which the live CIB already uses elsewhere`);
  }
  return { changes, live, site, leftAlone: live.unsupported, refusals: [...new Set(refusals)] };
}

/** Whether a resource change must delete and create the object rather than edit it in place. */
export function needsRebuild(r: ResourceChange): boolean {
  return r.rebuild !== undefined || r.members.some(needsRebuild);
}

/** The guest nodes a resource carries (a VM with `remote-node`, also inside a group or clone). */
export function guestsOf(r: Resource): { node: string; rsc: string }[] {
  if (r.kind === "primitive") return r.guestNode !== undefined ? [{ node: r.guestNode, rsc: r.id }] : [];
  if (r.kind === "group") return r.children.flatMap(guestsOf);
  return guestsOf(r.child);
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
  const added = plan.changes.resources.filter((r) => r.op === "add").flatMap((r) => guestsOf(r.new!));
  if (added.length > 0) {
    out.push("", "new guest nodes: before the push, each needs pacemaker_remote running and /etc/pacemaker/authkey copied in:");
    for (const g of added) out.push(`  ${g.node} (the VM ${g.rsc})`);
  }
  if (plan.leftAlone.length > 0) {
    out.push("", "left alone (hacc cannot represent these; they are never changed or deleted):");
    for (const u of plan.leftAlone) out.push(`  ${u.path}: ${u.reason}`);
  }
  return out;
}

/** Meta attributes an operator set at run time on a live resource that the site does not declare. */
export function runtimeMeta(live: Resource, site: Resource): { name: string; value: string }[] {
  const declared = new Set((site.meta?.pairs ?? []).map((p) => p.name));
  return (live.meta?.pairs ?? []).filter((p) => RUNTIME_META.includes(p.name) && !declared.has(p.name)).map((p) => ({ name: p.name, value: p.value }));
}
