import type { Location, LocationRule, Resource, Template } from "../ir/types.js";
import { setStatement } from "./sets.js";
import { compileEre, patternParts } from "../util/posix-ere.js";
import { isNameWord, nm } from "../syntax/names.js";
import { fitsString } from "./write.js";

/**
 * How the importer says what a constraint names and what it is called: the
 * resources a location may name, and a constraint's own id where it is not
 * the one hacc derives.
 */

/**
 * ` named ID` when a constraint's id is not the one hacc derives and the
 * language can write it, so that it comes back (a plan finds the live
 * constraint by it); else nothing, and the derived id stands in.
 */
export function ownId(id: string, derived: string): string {
  return id !== derived && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(id) ? ` named ${nm(id)}` : "";
}

/** What a location may name: a top-level resource, a member of a top-level group, a template, or what a clone holds (by the clone's id). */
export type Placeable = ReadonlyMap<string, "top" | "member" | "refused" | { readonly clone: string }>;

export function placeables(resources: readonly Resource[], templates: readonly Template[] = [], tags: readonly { readonly id: string }[] = []): Placeable {
  const out = new Map<string, "top" | "member" | "refused" | { readonly clone: string }>();
  // A tag has no `on` list either (the ownership tag is no resource; the checker says so if a location names it).
  for (const t of tags) if (!/^hacc-/.test(t.id)) out.set(t.id, "member");
  // A template has no `on` list: its locations are `location` statements, as a group member's are.
  for (const t of templates) out.set(t.id, "member");
  for (const r of resources) {
    out.set(r.id, "top");
    if (r.kind === "group") for (const m of r.children) out.set(m.id, "member");
    if (r.kind !== "clone") continue;
    out.set(r.child.id, { clone: r.id });
    if (r.child.kind === "group") for (const m of r.child.children) out.set(m.id, { clone: r.id });
  }
  return out;
}

/** Why a location of `rsc` cannot be said, or undefined when it can. */
export function unplaceable(rsc: string, placeable: Placeable): string | undefined {
  const p = placeable.get(rsc);
  if (p === "top" || p === "member") return undefined;
  // Its resource is refused on its own (a <master>, say): said as such, not as a resource the CIB lacks.
  if (p === "refused") return `a location of \`${rsc}\`, whose resource cannot be imported (its own error says why)`;
  // crm_simulate (Pacemaker 2.1.5) places the clone as if the location were not there.
  if (p !== undefined) return `a location of \`${rsc}\`, inside clone \`${p.clone}\`, which Pacemaker's scheduler ignores (hacc's HA2011: a placement names the clone)`;
  return `a location of \`${rsc}\`, which is no primitive, group, clone, group member, template or tag the site declares`;
}

/** Why a location cannot be said, or undefined when it can: its resource, or each of its set's, and the set's role. */
export function unsaidLocation(c: Location | LocationRule, placeable: Placeable): string | undefined {
  if (c.pattern !== undefined) {
    const ere = compileEre(patternParts(c.pattern).expression);
    if ("error" in ere) return `rsc-pattern \`${c.pattern}\` is not a regular expression Pacemaker reads (${ere.error}), so Pacemaker ignores the constraint`;
    return fitsString(c.pattern) ? undefined : "an rsc-pattern with a control character has no form in the language";
  }
  if (c.set === undefined) return unplaceable(c.rsc, placeable);
  const said = setStatement({ kind: "ticket-set", id: c.id, ticket: "", sets: [c.set] }, "");
  return "why" in said ? said.why : c.set.resources.map((m) => unplaceable(m, placeable)).find((w) => w !== undefined);
}
