import type { ResourceSet, SetConstraint } from "../ir/types.js";
import { unreachable } from "../util/never.js";
import { escapeXml as x } from "../util/xml.js";

/**
 * A constraint of resource sets as XML, shared by the CIB printer (one
 * element a line) and the pcs script's `cibadmin --create` step (joined into
 * one line): the attributes in one order, so the targets agree. `role`
 * writes a set's role as the target's Pacemaker names it.
 */

function attr(name: string, value: string | undefined): string {
  return value === undefined ? "" : ` ${name}="${x(value)}"`;
}

function bool(b: boolean | undefined): string | undefined {
  return b === undefined ? undefined : String(b);
}

/** `<resource_set ...>`'s attributes: id, sequential, require-all, ordering, action, role. */
function setAttrs(s: ResourceSet, role: (r: string) => string): string {
  return (
    `id="${x(s.id)}"${attr("sequential", bool(s.sequential))}${attr("require-all", bool(s.requireAll))}${attr("ordering", s.ordering)}` +
    `${attr("action", s.action)}${attr("role", s.role !== undefined ? role(s.role) : undefined)}`
  );
}

/** The constraint element's attributes. */
function head(c: SetConstraint): string {
  switch (c.kind) {
    case "order-set":
      return `<rsc_order id="${x(c.id)}" kind="${x(c.orderKind)}"${attr("symmetrical", bool(c.symmetrical))}>`;
    case "colocation-set":
      return `<rsc_colocation id="${x(c.id)}" score="${x(c.score)}"${attr("influence", c.influence)}>`;
    case "ticket-set":
      return `<rsc_ticket id="${x(c.id)}" ticket="${x(c.ticket)}"${attr("loss-policy", c.lossPolicy)}>`;
    default:
      return unreachable(c);
  }
}

const TAG: Readonly<Record<SetConstraint["kind"], string>> = { "order-set": "rsc_order", "colocation-set": "rsc_colocation", "ticket-set": "rsc_ticket" };

/** The constraint's XML, each element with its depth below the constraint's. */
export function setConstraintXml(c: SetConstraint, role: (r: string) => string = (r) => r): (readonly [number, string])[] {
  const out: (readonly [number, string])[] = [[0, head(c)]];
  for (const s of c.sets) out.push(...resourceSetXml(s, role).map(([d, t]) => [d + 1, t] as const));
  out.push([0, `</${TAG[c.kind]}>`]);
  return out;
}

/** One `<resource_set>` with its `<resource_ref>`s, each element with its depth below the set's (a location's set too). */
export function resourceSetXml(s: ResourceSet, role: (r: string) => string = (r) => r): (readonly [number, string])[] {
  return [[0, `<resource_set ${setAttrs(s, role)}>`], ...s.resources.map((r) => [1, `<resource_ref id="${x(r)}"/>`] as const), [0, "</resource_set>"]];
}
