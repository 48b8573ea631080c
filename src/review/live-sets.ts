import * as C from "../ir/constraints.js";
import type { ResourceSet, SetConstraint } from "../ir/types.js";
import type { El } from "./xml.js";

/** What an order's set may carry beside its id, and a colocation's or ticket's. */
const SET_ATTRS: Readonly<Record<string, readonly string[]>> = {
  rsc_order: ["id", "sequential", "require-all", "action", "ordering"],
  rsc_colocation: ["id", "sequential", "require-all", "role", "ordering"],
  rsc_ticket: ["id", "sequential", "require-all", "role", "ordering"],
  // Pacemaker reads only a location set's role (unpack_location_set).
  rsc_location: ["id", "role"],
};
/** The constraint's own attributes hacc reads beside its sets. */
const CONSTRAINT_ATTRS: Readonly<Record<string, readonly string[]>> = {
  rsc_order: ["id", "kind", "symmetrical"],
  rsc_colocation: ["id", "score", "influence"],
  rsc_ticket: ["id", "ticket", "loss-policy"],
};
const ACTIONS = ["start", "stop", "promote", "demote"];

/** A boolean as the schema writes it (xsd:boolean), or why another spelling would not come back as written. */
function flag(el: El, k: string): boolean | string | undefined {
  const v = el.attrs[k];
  return v === undefined ? undefined : v === "true" ? true : v === "false" ? false : `\`${k}="${v}"\` on <${el.tag}> is not \`true\` or \`false\``;
}

/**
 * Why an order's `kind` outside Mandatory, Optional and Serialize stays refused: Pacemaker's schema
 * (order-types) refuses the CIB, and with validation off Pacemaker 2.1.5 reads it as Mandatory with a
 * configuration error (get_ordering_type, as crm_verify shows), so no site should say it.
 */
export function unknownOrderKind(kind: string): string {
  return `order kind \`${kind}\` is none of Pacemaker's (Mandatory, Optional, Serialize): its schema refuses it, and with validation off Pacemaker 2.1.5 reads it as Mandatory with a configuration error; write the kind meant`;
}

/** A `<resource_set>` of the constraint `constraintTag`, or why hacc cannot hold it. */
export function readSet(el: El, constraintTag: string): ResourceSet | string {
  if (el.tag !== "resource_set") return `<${el.tag}> beside resource sets is not supported by hacc`;
  const a = el.attrs;
  const allowed = SET_ATTRS[constraintTag]!;
  for (const k of Object.keys(a)) {
    if (k === "score" || k === "kind") return `a resource set's own \`${k}\` has no form in the language`;
    if (!allowed.includes(k)) return `attribute \`${k}\` on a <resource_set> of <${constraintTag}> is not supported by hacc`;
  }
  if (a["id"] === undefined) return "a <resource_set> without an id";
  const sequential = flag(el, "sequential");
  const requireAll = flag(el, "require-all");
  if (typeof sequential === "string") return sequential;
  if (typeof requireAll === "string") return requireAll;
  if (a["action"] !== undefined && !ACTIONS.includes(a["action"])) return `a resource set's action \`${a["action"]}\` is not one of ${ACTIONS.join(", ")}`;
  if (a["ordering"] !== undefined && a["ordering"] !== "group" && a["ordering"] !== "listed") return `a resource set's ordering \`${a["ordering"]}\` is not \`group\` or \`listed\``;
  const resources: string[] = [];
  for (const r of el.children) {
    if (r.tag !== "resource_ref") return `<${r.tag}> in a resource set is not supported by hacc`;
    for (const k of Object.keys(r.attrs)) if (k !== "id") return `attribute \`${k}\` on a <resource_ref> is not supported by hacc`;
    if (r.attrs["id"] === undefined) return "a <resource_ref> without an id";
    resources.push(r.attrs["id"]);
  }
  if (resources.length === 0) return "an empty resource set has no form in the language";
  return C.resourceSet(a["id"], resources, {
    ...(a["action"] !== undefined ? { action: a["action"] } : {}),
    ...(a["role"] !== undefined ? { role: a["role"] } : {}),
    ...(sequential !== undefined ? { sequential } : {}),
    ...(requireAll !== undefined ? { requireAll } : {}),
    ...(a["ordering"] !== undefined ? { ordering: a["ordering"] } : {}),
  });
}

/**
 * An `<rsc_order>`, `<rsc_colocation>` or `<rsc_ticket>` of resource sets read
 * into the IR, or why hacc cannot hold it (a string): a set's own score or
 * kind, an attribute beyond those the language says, a location of sets.
 */
export function readSetConstraint(el: El, score: (s: string) => string): SetConstraint | string {
  const own = CONSTRAINT_ATTRS[el.tag];
  if (own === undefined) return `resource sets in <${el.tag}> are not supported by hacc`;
  for (const k of Object.keys(el.attrs)) if (!own.includes(k)) return `attribute \`${k}\` on <${el.tag}> with resource sets is not supported by hacc`;
  const sets: ResourceSet[] = [];
  for (const c of el.children) {
    const s = readSet(c, el.tag);
    if (typeof s === "string") return s;
    sets.push(s);
  }
  const a = el.attrs;
  const id = a["id"]!;
  switch (el.tag) {
    case "rsc_order": {
      const kind = a["kind"] ?? "Mandatory";
      if (kind !== "Mandatory" && kind !== "Optional" && kind !== "Serialize") return unknownOrderKind(kind);
      const symmetrical = flag(el, "symmetrical");
      if (typeof symmetrical === "string") return symmetrical;
      return C.orderSet(id, kind, sets, symmetrical);
    }
    case "rsc_colocation":
      if (a["score"] === undefined) return "a colocation of resource sets without a `score`";
      return C.colocationSet(id, score(a["score"]), sets, a["influence"]);
    default:
      if (a["ticket"] === undefined) return "a ticket constraint without `ticket`";
      return C.ticketSet(id, a["ticket"], sets, a["loss-policy"]);
  }
}
