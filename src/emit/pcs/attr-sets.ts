import type { AttrSet, Primitive, Resource } from "../../ir/types.js";
import { shellQuote } from "../../util/shell.js";
import { ruledSetXml } from "../cib/cib.js";
import { escapeXml as x } from "../../util/xml.js";
import type { LocationStep } from "./locations.js";

/**
 * What pcs cannot write of a resource, merged by cibadmin after pcs has made it: a primitive's extra
 * `<instance_attributes>` and `<meta_attributes>` with a rule or a score (`pcs resource update` takes
 * no rule or score for a set), and a group's or clone's own `<instance_attributes>` (pcs writes none).
 * `cibadmin --modify` finds the element by its id wherever it stands and appends the sets after its
 * plain ones, in order, as the CIB target writes them (of one score, Pacemaker takes the later).
 * A primitive made from a template is created whole by cibadmin already (src/emit/pcs/templates.ts).
 */
export function attrSetSteps(r: Resource): LocationStep[] {
  switch (r.kind) {
    case "primitive":
      return primitiveSets(r);
    case "group":
      return [...ownSet("group", r.id, r.instance), ...r.children.flatMap(primitiveSets)];
    case "clone":
      return [...ownSet("clone", r.id, r.instance), ...(r.child.kind === "primitive" ? primitiveSets(r.child) : attrSetSteps(r.child))];
    case "bundle":
      return r.child ? primitiveSets(r.child) : [];
  }
}

/** Whether a resource has anything `attrSetSteps` writes. */
export function hasAttrSets(r: Resource): boolean {
  return attrSetSteps(r).length > 0;
}

function primitiveSets(p: Primitive): LocationStep[] {
  if (p.template !== undefined || (!p.instanceSets && !p.metaSets)) return [];
  const sets = [...(p.instanceSets ?? []).map((s) => ruledSetXml(s, "instance_attributes")), ...(p.metaSets ?? []).map((s) => ruledSetXml(s, "meta_attributes"))];
  const ids = [...(p.instanceSets ?? []), ...(p.metaSets ?? [])].map((s) => s.id).join(", ");
  return [modify([`Resource ${p.id}: sets ${ids}, chosen by a rule or ranked by a score: cibadmin, as pcs writes no rule or score for a resource's set`], `<primitive id="${x(p.id)}">${sets.join("")}</primitive>`)];
}

function ownSet(tag: "group" | "clone", id: string, set: AttrSet | undefined): LocationStep[] {
  if (!set) return [];
  const pairs = set.pairs.map((p) => `<nvpair id="${x(p.id)}" name="${x(p.name)}" value="${x(p.value)}"/>`).join("");
  return [modify([`${tag === "group" ? "Group" : "Clone"} ${id}: its instance attributes (its members inherit them): cibadmin, as pcs writes none for a ${tag}`], `<${tag} id="${x(id)}"><instance_attributes id="${x(set.id)}">${pairs}</instance_attributes></${tag}>`)];
}

function modify(comments: readonly string[], xml: string): LocationStep {
  return { tool: "cib", comments, words: ["cibadmin", "--modify", "-o", "resources", "-X", shellQuote(xml)] };
}
