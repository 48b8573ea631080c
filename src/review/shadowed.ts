import type { ChangeSet } from "./compare.js";
import type { LiveCib } from "./live.js";

/**
 * A live resource with a name set twice in a set (or set again by a later
 * set) is read as Pacemaker reads it, as `hacc import` does: the value
 * Pacemaker takes counts, and a site that says it plans no change. A plan
 * that changes such a resource is refused: the tools differ on which pair
 * they update (pcs, crm_resource and crmsh's `load update` each touch one,
 * or rewrite the set), so the value Pacemaker reads afterwards is not
 * certain. The reason names the set and the pair to remove by hand.
 */
export function shadowedRefusals(live: LiveCib, changes: ChangeSet): string[] {
  const out: string[] = [];
  for (const c of changes.resources) {
    if (c.op !== "change") continue;
    const at = live.elements.get(c.id)?.path;
    if (at === undefined) continue;
    for (const s of live.shadowed ?? []) {
      const path = live.elements.get(s.set)?.path;
      if (path === undefined || !path.startsWith(`${at}/`)) continue;
      const where = s.by !== undefined ? `in ${path} and again in the later set \`${s.by}\`, whose value Pacemaker reads` : `twice in ${path}, where Pacemaker reads the first`;
      out.push(`the site changes \`${c.id}\`, whose live \`${s.name}\` is set ${where}; remove the pair Pacemaker ignores by hand first (\`${s.name}\` = \`${s.value}\`), then plan again`);
    }
  }
  return out;
}
