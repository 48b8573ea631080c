import type { Colocation, ColocationSet, Constraint, Location, LocationRule, Order, OrderSet, ResourceSet, Rule, RuleExpression, Ticket, TicketSet } from "./types.js";

/** The resources a constraint names: its `rsc`; an order's `first` and `then`; a colocation's two; every member of its sets. */
export function constraintRefs(c: Constraint): string[] {
  switch (c.kind) {
    case "location":
    case "location-rule":
      return [...locationResources(c)];
    case "order":
      return [c.first, c.then];
    case "colocation":
      return [c.rsc, c.withRsc];
    case "ticket":
      return [c.rsc];
    case "order-set":
    case "colocation-set":
    case "ticket-set":
      return c.sets.flatMap((s) => s.resources);
  }
}

/** The resources a location names: its `rsc`, or every member of its set; none for a pattern (see `patternMatches`). */
export function locationResources(c: Location | LocationRule): readonly string[] {
  return c.set !== undefined ? c.set.resources : c.pattern !== undefined ? [] : [c.rsc];
}

/** A location by `rsc-pattern`: the same constraint with `pattern` in place of `rsc`. */
export function ofPattern<L extends Location | LocationRule>(l: L, pattern: string): L {
  return { ...l, rsc: "", pattern };
}

/** A location of a resource set: the same constraint with `set` in place of `rsc`. */
export function ofSet<L extends Location | LocationRule>(l: L, set: ResourceSet): L {
  return { ...l, rsc: "", set };
}

// Constructors, so every constraint of a kind has one field order (the order the IR's JSON shows).

export function location(id: string, rsc: string, node: string, score: string, role?: string, discovery?: string): Location {
  return { kind: "location", id, rsc, node, score, ...(role !== undefined ? { role } : {}), ...(discovery !== undefined ? { discovery } : {}) };
}

export function locationRule(id: string, rsc: string, rules: readonly Rule[], role?: string, discovery?: string): LocationRule {
  return { kind: "location-rule", id, rsc, ...(role !== undefined ? { role } : {}), ...(discovery !== undefined ? { discovery } : {}), rules };
}

/** The id of a location's `i`th rule, and of a rule's `i`th expression, as pcs names them: `ID-rule`, `ID-rule-1`, ... */
export function ruleId(locationId: string, i: number): string {
  return i === 0 ? `${locationId}-rule` : `${locationId}-rule-${i}`;
}

/** A `<rule>` inside rule `ruleId` (a parenthesised group): `RULE-rule`, `RULE-rule-1`, ..., as pcs names them. */
export function nestedRuleId(ruleId: string, i: number): string {
  return i === 0 ? `${ruleId}-rule` : `${ruleId}-rule-${i}`;
}

export function expressionId(ruleId: string, i: number): string {
  return i === 0 ? `${ruleId}-expr` : `${ruleId}-expr-${i}`;
}

/** Keeps `rsc` off every node but `node`: a -INFINITY rule on `#uname ne node`. */
export function onlyOn(id: string, rsc: string, node: string): LocationRule {
  const rid = ruleId(id, 0);
  const expression: RuleExpression = { kind: "expression", id: expressionId(rid, 0), attribute: "#uname", operation: "ne", value: node };
  return locationRule(id, rsc, [{ id: rid, score: "-INFINITY", expressions: [expression] }]);
}

/** Options of an order beyond its kind, each as written (absent: Pacemaker's default). */
export interface OrderOptions {
  readonly symmetrical?: boolean;
  readonly requireAll?: boolean;
}

export function order(id: string, first: string, firstAction: string, then: string, thenAction: string, orderKind: Order["orderKind"], options: OrderOptions = {}): Order {
  return {
    kind: "order",
    id,
    first,
    firstAction,
    then,
    thenAction,
    orderKind,
    ...(options.symmetrical !== undefined ? { symmetrical: options.symmetrical } : {}),
    ...(options.requireAll !== undefined ? { requireAll: options.requireAll } : {}),
  };
}

/** A colocation's options beside its roles: `node-attribute` and `influence`. */
export interface ColocationOptions {
  readonly nodeAttribute?: string;
  readonly influence?: string;
}

export function colocation(id: string, rsc: string, withRsc: string, score: string, rscRole?: string, withRscRole?: string, options: ColocationOptions = {}): Colocation {
  return {
    kind: "colocation", id, rsc, withRsc, score, ...(rscRole !== undefined ? { rscRole } : {}), ...(withRscRole !== undefined ? { withRscRole } : {}),
    ...(options.nodeAttribute !== undefined ? { nodeAttribute: options.nodeAttribute } : {}), ...(options.influence !== undefined ? { influence: options.influence } : {}),
  };
}

export function ticket(id: string, t: string, rsc: string, rscRole: string | undefined, lossPolicy: string | undefined): Ticket {
  return { kind: "ticket", id, ticket: t, rsc, ...(rscRole !== undefined ? { rscRole } : {}), ...(lossPolicy !== undefined ? { lossPolicy } : {}) };
}

/** The id of a constraint's `i`th resource set: `ID-0`, `ID-1`, ... (as crmsh names them). */
export function setId(constraintId: string, i: number): string {
  return `${constraintId}-${i}`;
}

/** A resource set's attributes beyond its members, each as written (absent: Pacemaker's default). */
export interface SetOptions {
  readonly action?: string;
  readonly role?: string;
  readonly sequential?: boolean;
  readonly requireAll?: boolean;
  readonly ordering?: string;
}

export function resourceSet(id: string, resources: readonly string[], o: SetOptions = {}): ResourceSet {
  return {
    id,
    resources,
    ...(o.action !== undefined ? { action: o.action } : {}),
    ...(o.role !== undefined ? { role: o.role } : {}),
    ...(o.sequential !== undefined ? { sequential: o.sequential } : {}),
    ...(o.requireAll !== undefined ? { requireAll: o.requireAll } : {}),
    ...(o.ordering !== undefined ? { ordering: o.ordering } : {}),
  };
}

export function orderSet(id: string, orderKind: OrderSet["orderKind"], sets: readonly ResourceSet[], symmetrical?: boolean): OrderSet {
  return { kind: "order-set", id, orderKind, ...(symmetrical !== undefined ? { symmetrical } : {}), sets };
}

export function colocationSet(id: string, score: string, sets: readonly ResourceSet[], influence?: string): ColocationSet {
  return { kind: "colocation-set", id, score, ...(influence !== undefined ? { influence } : {}), sets };
}

export function ticketSet(id: string, t: string, sets: readonly ResourceSet[], lossPolicy?: string): TicketSet {
  return { kind: "ticket-set", id, ticket: t, ...(lossPolicy !== undefined ? { lossPolicy } : {}), sets };
}

/**
 * The ids of a role's permissions, in order, as `pcs acl role create` makes them (it takes none):
 * `ROLE-KIND`, and `ROLE-KIND-1`, `ROLE-KIND-2`, ... for the next of one kind.
 */
export function aclPermissionIds(role: string, kinds: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return kinds.map((k) => {
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    return n === 0 ? `${role}-${k}` : `${role}-${k}-${n}`;
  });
}

/** A rule's elements below it with their CIB tags, a rule inside it with its own, in document order. */
export function ruleElements(r: Pick<Rule, "expressions">): [string, string][] {
  return r.expressions.flatMap((e): [string, string][] =>
    e.kind === "rule"
      ? [[e.id, "rule"], ...ruleElements(e)]
      : e.kind === "date" && e.spec !== undefined
        ? [[e.id, "date_expression"], [e.spec.id, "date_spec"]]
        : [[e.id, e.kind === "date" ? "date_expression" : e.kind === "rsc" ? "rsc_expression" : e.kind === "op" ? "op_expression" : "expression"]],
  );
}

/** An operator's temporary location: the tool that made it, and how it goes away. */
export interface OperatorConstraint {
  /** The command that writes it, quoted: `` `crm_resource --ban` ``. */
  readonly made: string;
  /** The command that removes it. */
  readonly clear: string;
}

/**
 * Whether a live constraint id is one an operator's command writes for a
 * while, not configuration: `crm_resource --ban` (`cli-ban-RSC-on-NODE`) and
 * `--move` (`cli-prefer-RSC`), which `pcs resource ban/move` and `crm
 * resource ban/move` call (Pacemaker 2.1.5 tools/crm_resource_ban.c);
 * Pacemaker 1.1's `crm_resource --migrate` away from a node
 * (`cli-standby-RSC`, which 2.1's `--clear` does not match); and `pcs
 * resource relocate run` (`pcs-relocate-RSC`, pcs's resource.py). A plan
 * keeps them, import leaves them out with a warning, and the checker warns
 * of a site that declares one (HA4150).
 */
export function operatorConstraint(id: string, rsc: string | undefined): OperatorConstraint | undefined {
  const r = rsc !== undefined ? ` --resource ${rsc}` : "";
  if (id.startsWith("cli-ban-")) return { made: "`crm_resource --ban` (also run by `pcs resource ban`, `crm resource ban`)", clear: `crm_resource --clear${r}` };
  if (id.startsWith("cli-prefer-")) return { made: "`crm_resource --move` (also run by `pcs resource move`, `crm resource move`)", clear: `crm_resource --clear${r}` };
  if (id.startsWith("cli-standby-")) return { made: "Pacemaker 1.1's `crm_resource --migrate`", clear: `cibadmin --delete --xml-text '<rsc_location id="${id}"/>'` };
  if (id.startsWith("pcs-relocate-")) return { made: "`pcs resource relocate run`", clear: "pcs resource relocate clear" };
  return undefined;
}
