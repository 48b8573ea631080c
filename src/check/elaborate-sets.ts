import { SET_OPTIONS } from "../ast/sets.js";
import type * as A from "../ast/types.js";
import { diag, type Related } from "../diagnostics/diagnostic.js";
import * as C from "../ir/constraints.js";
import type { ResourceSet } from "../ir/types.js";
import { badLossPolicy, colocationOptions, COLOCATION_ROLES, LOSS_POLICIES } from "./elaborate-constraints.js";
import type { Elaboration } from "./elaborate.js";
import { ACTIONS } from "./known.js";
import * as N from "./names.js";
import { badId } from "./problems.js";
import * as V from "./values.js";

/** `ordering`'s values (Pacemaker's schema). */
const ORDERINGS = ["group", "listed"] as const;

/** The statements whose sets this file reads. */
type SetStatement = "order" | "colocate" | "ticket" | "location";

/**
 * A location's set, `location NAME for (ROLE a, b, ...) ...`: its members
 * resolved and named once, its lead a role; Pacemaker reads only the role
 * there (`unpack_location_set`), so another option is HA3082. The IR set is
 * `ID-0`, as crmsh names it, claimed. Undefined when any of it failed.
 */
export function locationSet(e: Elaboration, id: string, set: A.ResourceSetDecl): ResourceSet | undefined {
  const read = readSets(e, [set], "location");
  return read === undefined ? undefined : irSets(e, id, read, set.span)?.[0];
}

/** A set as read: its members resolved, its lead and options checked. */
interface SetRead {
  readonly members: string[];
  readonly options: C.SetOptions;
}

/**
 * Reads a statement's sets: every member resolved (HA2002, ...), named once
 * in all the statement's sets (HA2080), the lead an action (in an order)
 * or a role, each option known and said once (HA3081), and read by
 * Pacemaker in this statement's sets (HA3082, a warning).
 * Undefined when any of it failed (reported).
 */
function readSets(e: Elaboration, sets: readonly A.ResourceSetDecl[], statement: SetStatement): SetRead[] | undefined {
  const lead = statement === "order" ? "action" : "role";
  let ok = true;
  const seen = new Map<string, A.Name>();
  const out: SetRead[] = [];
  for (const s of sets) {
    if (s.malformed) {
      ok = false;
      e.report(diag("HA3080", s.malformed.span, s.malformed.message, { hint: s.malformed.hint }));
      continue;
    }
    const members: string[] = [];
    for (const m of s.members) {
      const id = e.ref(m);
      if (id === undefined) {
        ok = false;
        continue;
      }
      const prev = seen.get(id);
      if (prev) {
        ok = false;
        e.report(
          diag("HA2080", m.span, `\`${id}\` is named twice in this constraint's sets`, {
            hint: "a resource stands in one set of a constraint, once: Pacemaker would order or colocate it with itself",
            related: [{ span: prev.span, message: `\`${prev.text}\` is named here` }],
          }),
        );
        continue;
      }
      seen.set(id, m);
      members.push(id);
    }
    const options = setOptions(e, s, lead);
    if (options === undefined) ok = false;
    else {
      ignoredOptions(e, s, statement);
      out.push({ members, options });
    }
  }
  return ok ? out : undefined;
}

function setOptions(e: Elaboration, s: A.ResourceSetDecl, lead: "action" | "role"): C.SetOptions | undefined {
  let ok = true;
  const o: { action?: string; role?: string; sequential?: boolean; requireAll?: boolean; ordering?: string } = {};
  if (s.lead) {
    if (lead === "action") {
      if (ACTIONS.has(s.lead.text)) o.action = s.lead.text;
      else {
        ok = false;
        const near = V.closest(s.lead.text, ACTIONS);
        e.report(diag("HA3081", s.lead.span, `\`${s.lead.text}\` is not an action`, { hint: `${near ? `did you mean \`${near}\`? ` : ""}a set's action is start, stop, promote or demote` }));
      }
    } else {
      const role = COLOCATION_ROLES.get(s.lead.text.toLowerCase());
      if (role !== undefined) o.role = role;
      else {
        ok = false;
        const near = V.closest(s.lead.text.toLowerCase(), COLOCATION_ROLES.keys());
        e.report(diag("HA3081", s.lead.span, `\`${s.lead.text}\` is not a role`, { hint: `${near ? `did you mean \`${near}\`? ` : ""}roles: started, promoted, unpromoted, stopped (and 2.1's master, slave)` }));
      }
    }
  }
  const said = new Map<string, A.Name>();
  const twice = (key: string, x: A.Name): boolean => {
    const prev = said.get(key);
    if (prev === undefined) {
      said.set(key, x);
      return false;
    }
    const what = prev.text === x.text ? `\`${x.text}\` is written twice` : `\`${x.text}\` contradicts \`${prev.text}\``;
    const related: Related[] = [{ span: prev.span, message: `\`${prev.text}\` is here` }];
    e.report(diag("HA3081", x.span, `${what} in one resource set`, { hint: "say each of a set's options once", related }));
    return true;
  };
  for (const x of s.options) {
    switch (x.text) {
      case "sequential":
      case "independent":
        if (twice("sequential", x)) ok = false;
        else o.sequential = x.text === "sequential";
        break;
      case "require-all":
      case "require-any":
        if (twice("require", x)) ok = false;
        else o.requireAll = x.text === "require-all";
        break;
      case "ordering": {
        const v = s.ordering!;
        if (twice("ordering", x)) ok = false;
        else if (!(ORDERINGS as readonly string[]).includes(v.text)) {
          ok = false;
          e.report(diag("HA3081", v.span, `\`${v.text}\` is not a set's ordering`, { hint: "write `ordering listed` or `ordering group`" }));
        } else o.ordering = v.text;
        break;
      }
      default: {
        ok = false;
        const near = V.closest(x.text, SET_OPTIONS);
        e.report(
          diag("HA3081", x.span, `\`${x.text}\` is not a resource set option`, {
            hint: `${near ? `did you mean \`${near}\`? ` : ""}a set's options, after its last resource: sequential, independent, require-all, require-any, ordering listed|group (and resources are separated by commas)`,
          }),
        );
      }
    }
  }
  return ok ? o : undefined;
}

/**
 * HA3082: options Pacemaker reads only in some constraints' sets
 * (pcmk_sched_ordering.c, pcmk_sched_colocation.c, pcmk_sched_tickets.c):
 * `require-*` only in an order's, `sequential`/`independent` not in a
 * ticket's. Kept as written (the CIB says it), and said.
 */
function ignoredOptions(e: Elaboration, s: A.ResourceSetDecl, statement: SetStatement): void {
  for (const x of s.options) {
    const require = x.text === "require-any" || x.text === "require-all";
    const sequential = x.text === "sequential" || x.text === "independent";
    if ((require && statement !== "order") || (sequential && (statement === "ticket" || statement === "location"))) {
      e.report(
        diag("HA3082", x.span, `Pacemaker ignores \`${x.text}\` in a ${statement === "colocate" ? "colocation" : statement}'s set`, {
          hint: require ? "require-any and require-all apply to an order's sets only; remove it" : `a ${statement} applies to each member of its sets alike; remove it`,
        }),
      );
    }
  }
}

/** The IR sets of a constraint, ids `ID-0`, `ID-1`, ..., each claimed. */
function irSets(e: Elaboration, id: string, read: readonly SetRead[], span: A.ResourceSetDecl["span"]): ResourceSet[] | undefined {
  const out: ResourceSet[] = [];
  for (let i = 0; i < read.length; i++) {
    const sid = C.setId(id, i);
    if (!e.scope.claimConstraint(sid, span)) return undefined;
    out.push(C.resourceSet(sid, read[i]!.members, read[i]!.options));
  }
  return out;
}

/** `order (SET) then (SET) ...`: the constraint, and for the cycle check the pairs Pacemaker makes of it. */
export function elaborateOrderSet(e: Elaboration, o: A.OrderSetDecl): void {
  const read = readSets(e, o.sets, "order");
  let symmetrical: { value: boolean; at: A.Name } | undefined;
  let ok = read !== undefined;
  for (const x of o.options ?? []) {
    if (x.text === "require-any" || x.text === "require-all") {
      ok = false;
      e.report(diag("HA3081", x.span, `\`${x.text}\` belongs to a set of an order of sets`, { hint: `write it in the set it applies to, after its last resource: \`(a, b ${x.text})\`` }));
      continue;
    }
    if (symmetrical) {
      ok = false;
      const what = symmetrical.at.text === x.text ? `\`${x.text}\` is written twice` : `\`${x.text}\` contradicts \`${symmetrical.at.text}\``;
      e.report(diag("HA3061", x.span, `${what} in one order`, { hint: "an order is either `one-way` or `symmetrical` (the default)", related: [{ span: symmetrical.at.span, message: `\`${symmetrical.at.text}\` is here` }] }));
      continue;
    }
    symmetrical = { value: x.text === "symmetrical", at: x };
  }
  if (!ok || read === undefined) return;
  const kind = o.orderKind?.text === "optional" ? "Optional" : o.orderKind?.text === "serialize" ? "Serialize" : "Mandatory";
  if (kind === "Serialize" && symmetrical?.value === true) {
    e.report(diag("HA3060", symmetrical.at.span, "Pacemaker ignores `symmetrical` on a `serialize` order", { hint: "a serialize order is never symmetrical; remove `symmetrical`" }));
  }
  const id = ownId(e, o.name, N.orderSetId(read.flatMap((s) => s.members)));
  if (id === undefined || !e.scope.claimConstraint(id, o.name?.span ?? o.span)) return;
  const sets = irSets(e, id, read, o.span);
  if (sets === undefined) return;
  e.addConstraint(C.orderSet(id, kind, sets, symmetrical?.value), o.span);
  for (const p of orderSetPairs(sets)) {
    e.addOrderEdge({ ...p, orderKind: kind, ...(symmetrical ? { symmetrical: symmetrical.value } : {}), span: o.span, from: { kind: "set", id } });
  }
}

/**
 * The pairs of actions Pacemaker orders for an order of sets (unpack_order_set
 * and order_rsc_sets, pcmk_sched_ordering.c): within a sequential set each
 * member before the next; between two sets, the last member of a sequential
 * set (every member of an independent one) before the first member of the
 * next if it is sequential (every member if not). A `require-any` set is
 * ordered the same way: Pacemaker puts a pseudo-action between it and the
 * next set, and a loop through any member still leaves that pseudo-action
 * and what follows it pending (checked with crm_simulate,
 * test/pacemaker/sets.test.ts).
 */
export function orderSetPairs(sets: readonly ResourceSet[]): { first: string; firstAction: string; then: string; thenAction: string }[] {
  const out: { first: string; firstAction: string; then: string; thenAction: string }[] = [];
  const action = (s: ResourceSet) => s.action ?? "start";
  for (const s of sets) {
    if (s.sequential === false) continue;
    for (let i = 0; i + 1 < s.resources.length; i++) out.push({ first: s.resources[i]!, firstAction: action(s), then: s.resources[i + 1]!, thenAction: action(s) });
  }
  for (let k = 0; k + 1 < sets.length; k++) {
    const a = sets[k]!;
    const b = sets[k + 1]!;
    const from = a.sequential === false ? a.resources : a.resources.slice(-1);
    const to = b.sequential === false ? b.resources : b.resources.slice(0, 1);
    for (const f of from) for (const t of to) out.push({ first: f, firstAction: action(a), then: t, thenAction: action(b) });
  }
  return out;
}

/** `colocate (SET) with (SET) ... [SCORE];` */
export function elaborateColocateSet(e: Elaboration, c: A.ColocateSetDecl): void {
  const read = readSets(e, c.sets, "colocate");
  const score = c.score ? e.score(c.score) : "INFINITY";
  // `influence BOOL` as a plain colocation's (HA3130 twice, HA3131 not a boolean); Pacemaker reads it for every pair of the sets.
  const options = colocationOptions(e, c);
  if (read === undefined || score === undefined || options === undefined) return;
  c.sets.forEach((s, i) => {
    const role = read[i]!.options.role;
    if (role !== undefined) for (const rsc of read[i]!.members) e.roles.push({ rsc, role, span: s.lead!.span });
  });
  const id = ownId(e, c.name, N.colocationSetId(read.flatMap((s) => s.members)));
  if (id === undefined || !e.scope.claimConstraint(id, c.name?.span ?? c.span)) return;
  const sets = irSets(e, id, read, c.span);
  if (sets === undefined) return;
  e.addConstraint(C.colocationSet(id, score, sets, options.influence), c.span);
}

/** `ticket TICKET for (SET), (SET) ... [loss-policy POLICY];` */
export function elaborateTicketSet(e: Elaboration, t: A.TicketSetDecl): void {
  const read = readSets(e, t.sets, "ticket");
  let ok = read !== undefined;
  if (!V.isXmlId(t.ticket.text)) {
    ok = false;
    e.report(diag("HA3005", t.ticket.span, `\`${t.ticket.text}\` is not a valid ticket name`, { hint: "a ticket is named like an id: a letter or `_`, then letters, digits, `_ . -`" }));
  }
  if (t.lossPolicy && !LOSS_POLICIES.has(t.lossPolicy.text)) {
    ok = false;
    e.report(badLossPolicy(t.lossPolicy));
  }
  if (!ok || read === undefined) return;
  const id = ownId(e, t.name, N.ticketSetId(t.ticket.text, read.flatMap((s) => s.members)));
  if (id === undefined || !e.scope.claimConstraint(id, t.name?.span ?? t.span)) return;
  const sets = irSets(e, id, read, t.span);
  if (sets === undefined) return;
  e.addConstraint(C.ticketSet(id, t.ticket.text, sets, t.lossPolicy?.text), t.span);
}

/** A constraint's id: its `named ID` (reported when it is no valid id: undefined), else the derived one. */
function ownId(e: Elaboration, name: A.Name | undefined, derived: string): string | undefined {
  if (name === undefined) return derived;
  if (V.isXmlId(name.text)) return name.text;
  e.report(badId(name, "constraint id"));
  return undefined;
}
