import type { Cib, Constraint, Op, Primitive, Resource, ResourceSet, Rule, RuledSet, Template } from "../ir/types.js";
import { unreachable } from "../util/never.js";

/**
 * The role names a live CIB's schema takes. Pacemaker's schema 3.7 renamed
 * the roles Master and Slave to Promoted and Unpromoted, keeping the old names
 * beside them (constraints-3.7.rng `attribute-roles`, resources-3.7.rng's
 * `op` role); the schemas before it (constraints-3.6.rng, resources-3.5.rng)
 * take Master and Slave only, and refuse a constraint, set or op that says
 * Promoted. A plan against such a CIB (a cluster upgraded from Pacemaker 2.0
 * without `cibadmin --upgrade`) writes the old names.
 */

/** Whether a CIB whose `validate-with` is this takes only the old role names (a `pacemaker-X.Y` before 3.7). */
export function takesOnlyOldRoles(validateWith: string | undefined): boolean {
  const m = /^pacemaker-(\d+)\.(\d+)$/.exec(validateWith ?? "");
  if (m === null) return false;
  const major = Number(m[1]);
  return major < 3 || (major === 3 && Number(m[2]) < 7);
}

const OLD: Readonly<Record<string, string>> = { Promoted: "Master", Unpromoted: "Slave" };

/** A role in the old names (`Promoted` as `Master`, `Unpromoted` as `Slave`; any other as it is). */
function old(role: string): string {
  return OLD[role] ?? role;
}

function withRole<T extends { readonly role?: string }>(x: T): T {
  return x.role !== undefined && OLD[x.role] !== undefined ? { ...x, role: old(x.role) } : x;
}

function rule(r: Rule): Rule {
  return withRole(r);
}

function ruledSet(s: RuledSet): RuledSet {
  return s.rule ? { ...s, rule: rule(s.rule) } : s;
}

function set(s: ResourceSet): ResourceSet {
  return withRole(s);
}

function op(o: Op): Op {
  return o.attrs.some(([k, v]) => k === "role" && OLD[v] !== undefined) ? { ...o, attrs: o.attrs.map(([k, v]) => (k === "role" ? [k, old(v)] : [k, v])) } : o;
}

function primitive<P extends Primitive | Template>(p: P): P {
  return {
    ...p,
    ops: p.ops.map(op),
    ...(p.instanceSets ? { instanceSets: p.instanceSets.map(ruledSet) } : {}),
    ...(p.metaSets ? { metaSets: p.metaSets.map(ruledSet) } : {}),
  };
}

function resource(r: Resource): Resource {
  switch (r.kind) {
    case "primitive":
      return primitive(r);
    case "group":
      return { ...r, children: r.children.map(primitive) };
    case "clone":
      return { ...r, child: r.child.kind === "primitive" ? primitive(r.child) : { ...r.child, children: r.child.children.map(primitive) } };
    case "bundle":
      return r.child ? { ...r, child: primitive(r.child) } : r;
    default:
      return unreachable(r);
  }
}

function constraint(c: Constraint): Constraint {
  switch (c.kind) {
    case "location":
      return withRole(c.set ? { ...c, set: set(c.set) } : c);
    case "location-rule":
      return withRole({ ...c, ...(c.set ? { set: set(c.set) } : {}), rules: c.rules.map(rule) });
    case "order":
      return c;
    case "colocation":
      return {
        ...c,
        ...(c.rscRole !== undefined ? { rscRole: old(c.rscRole) } : {}),
        ...(c.withRscRole !== undefined ? { withRscRole: old(c.withRscRole) } : {}),
      };
    case "ticket":
      return c.rscRole !== undefined ? { ...c, rscRole: old(c.rscRole) } : c;
    case "order-set":
    case "colocation-set":
    case "ticket-set":
      return { ...c, sets: c.sets.map(set) } as Constraint;
    default:
      return unreachable(c);
  }
}

/**
 * The IR with every role in the old names, wherever a role is written: a
 * location's and its rules', a colocation's two, a ticket's, a resource
 * set's, an op's (primitives, members, templates), a rule of a resource's or
 * a defaults or property set.
 */
export function withOldRoles(cib: Cib): Cib {
  return {
    ...cib,
    resources: cib.resources.map(resource),
    constraints: cib.constraints.map(constraint),
    ...(cib.templates ? { templates: cib.templates.map(primitive) } : {}),
    ...(cib.rscDefaultSets ? { rscDefaultSets: cib.rscDefaultSets.map(ruledSet) } : {}),
    ...(cib.opDefaultSets ? { opDefaultSets: cib.opDefaultSets.map(ruledSet) } : {}),
    ...(cib.propertySets ? { propertySets: cib.propertySets.map(ruledSet) } : {}),
  };
}
