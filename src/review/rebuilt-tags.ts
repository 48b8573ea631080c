import { memberIds, needsRebuild, type Plan } from "./plan.js";
import type { ChangeSet } from "./compare.js";
import type { LiveCib } from "./live.js";
import { tagXml } from "./targets/cib.js";
import { shellQuote } from "../util/shell.js";
import { xpathLiteral } from "../util/xml.js";

/**
 * Tags around the resources a pcs or crmsh plan deletes (removed, or deleted
 * and made again because they cannot change in place). pcs refuses to delete
 * a resource a tag lists, and crmsh's `delete --force` takes it out of every
 * tag, deleting a tag it empties: the site's tag, or an administrator's, was
 * gone from the result. So each live tag that lists such a resource is
 * written, with cibadmin, without those members before the deletions, and
 * whole after the creations: the site's members when the site declares it,
 * exactly the live ones otherwise. The schema wants a tag to keep one
 * member: one that would keep none lists a resource the plan keeps
 * meanwhile, or, when the plan keeps none, is deleted and created again.
 * (The cib plan writes a rebuilt resource in place: its tags stay.)
 */
export interface TagAround {
  readonly id: string;
  /** What the tag lists while the resources are deleted and made; undefined: it is deleted meanwhile. */
  readonly during: readonly string[] | undefined;
  /** What it lists afterwards. */
  readonly after: readonly string[];
}

/** The live tags (the site's ownership tag aside) that list a resource the plan deletes and makes again, and what each lists during and after. */
export function tagsAround(plan: Plan): TagAround[] {
  return tagsAroundChanges(plan.live, plan.changes, plan.owner.id);
}

function tagsAroundChanges(live: LiveCib, cs: ChangeSet, ownerId: string): TagAround[] {
  const rebuilt = new Set(cs.resources.filter((r) => r.op === "change" && needsRebuild(r)).flatMap((r) => memberIds(r.old!)));
  if (rebuilt.size === 0) return [];
  // (A tag that loses a removed resource and nothing else is the pcs plan's `pcs tag update T remove`, pcs-objects.ts.)
  const deleted = new Set([...rebuilt, ...cs.resources.filter((r) => r.op === "remove").flatMap((r) => memberIds(r.old!))]);
  const survivor = live.cib.resources.map((r) => r.id).find((id) => !deleted.has(id));
  const out: TagAround[] = [];
  for (const t of live.tags) {
    if (t.id === ownerId || !t.refs.some((r) => rebuilt.has(r))) continue;
    const change = (cs.tags ?? []).find((c) => c.id === t.id);
    if (change?.op === "remove") continue;
    const after = change?.op === "change" ? (change.to ?? []) : t.refs;
    const left = t.refs.filter((r) => !deleted.has(r));
    out.push({ id: t.id, during: left.length > 0 ? left : survivor !== undefined ? [survivor] : undefined, after });
  }
  return out;
}

/**
 * A tag that must be deleted meanwhile (it would list nothing, and the plan
 * keeps no resource it could list instead) while something else names it (a
 * constraint's `rsc`, which the schema wants to exist): cibadmin refuses the
 * deletion, and crmsh takes only a resource in a tag, so the pcs and crmsh
 * scripts could not run. Refused, naming both.
 */
export function tagsAroundRefusals(live: LiveCib, cs: ChangeSet, ownerId: string): string[] {
  const out: string[] = [];
  for (const t of tagsAroundChanges(live, cs, ownerId)) {
    if (t.during !== undefined) continue;
    for (const ref of live.refs) {
      if (ref.to !== t.id || ref.via === "obj_ref") continue;
      out.push(
        `the tag \`${t.id}\` lists only resources the plan deletes and makes again, and the plan keeps no other resource it could list meanwhile (the schema wants one), so the pcs and crmsh scripts would delete it for that time, which ${ref.from} (its ${ref.via}) forbids; remove that by hand first and make it again afterwards, or change the resources in another plan`,
      );
    }
  }
  return out;
}

/** The ids of the tags `tagsAround` writes: the plan's other tag steps leave them to it. */
export function tagsAroundIds(plan: Plan): Set<string> {
  return new Set(tagsAround(plan).map((t) => t.id));
}

/** A tag step: cibadmin's words (to run on the copy) and what it does. */
export interface TagStep {
  readonly words: string;
  readonly what: string;
}

/** Before the deletions: each tag without the members that go (or, none left to list, deleted). */
export function tagsBefore(tags: readonly TagAround[]): TagStep[] {
  return tags.map((t) =>
    t.during !== undefined
      ? { words: `cibadmin --replace -o tags -X ${shellQuote(tagXml({ id: t.id, refs: t.during }))}`, what: `tag ${t.id} lists ${t.during.join(", ")} while the resources it lists are deleted and made again; written whole below` }
      : { words: `cibadmin --delete --xpath ${shellQuote(`/cib/configuration/tags/tag[@id=${xpathLiteral(t.id)}]`)}`, what: `tag ${t.id}, every member of which is deleted and made again; created again below` },
  );
}

/** After the creations: each tag whole, as it was or as the site declares it. */
export function tagsAfter(tags: readonly TagAround[]): TagStep[] {
  return tags.map((t) => ({
    words: `cibadmin ${t.during !== undefined ? "--replace" : "--create"} -o tags -X ${shellQuote(tagXml({ id: t.id, refs: t.after }))}`,
    what: `tag ${t.id}: ${t.after.join(", ")}`,
  }));
}
