import { nm } from "../syntax/names.js";
import type { Location, LocationRule, ResourceSet } from "./types.js";

/**
 * A resource set in the words of the `.ha` language, `(promote a, b
 * independent require-any)`: its action or role (lower case, as the language
 * writes a role), its members (a keyword as a string, `"group"`), its options. Shared by the importer, which
 * writes sites, and the review's renderer, which shows changes.
 */
export function setText(s: ResourceSet): string {
  const lead = s.action ?? (s.role !== undefined ? s.role.toLowerCase() : undefined);
  const options = [
    ...(s.sequential === undefined ? [] : [s.sequential ? "sequential" : "independent"]),
    ...(s.requireAll === undefined ? [] : [s.requireAll ? "require-all" : "require-any"]),
    ...(s.ordering === undefined ? [] : [`ordering ${s.ordering}`]),
  ];
  return `(${lead !== undefined ? `${lead} ` : ""}${s.resources.map(nm).join(", ")}${options.length > 0 ? ` ${options.join(" ")}` : ""})`;
}

/** What a location places, as the language writes it: its resource, its set `(promoted a, b)`, or its pattern `pattern "^vm-"`. */
export function locationTarget(c: Location | LocationRule): string {
  if (c.pattern !== undefined) return `pattern "${c.pattern.replace(/[\\"]/g, (ch) => "\\" + ch)}"`;
  return c.set === undefined ? nm(c.rsc) : setText(c.set);
}
