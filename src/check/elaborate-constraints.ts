import type * as A from "../ast/types.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import * as C from "../ir/constraints.js";
import { STATEMENT_KEYWORDS } from "../syntax/keywords.js";
import type { Elaboration } from "./elaborate.js";
import { ACTIONS } from "./known.js";
import type { Setting } from "./model.js";
import * as N from "./names.js";
import { badId, checkItems } from "./problems.js";
import * as V from "./values.js";

/** `KIND on GUEST [after X]`: a service's primitive inside the guest, kept there, ordered after X. */
export function elaborateInstance(e: Elaboration, s: A.InstanceDecl): void {
  const { scope, report } = e;
  const services = e.decls.services;
  const kind = services.get(s.service.text);
  if (!kind) {
    const near = V.closest(s.service.text, [...services.keys(), ...STATEMENT_KEYWORDS]);
    report(
      diag("HA2007", s.service.span, `\`${s.service.text}\` is not a statement or a declared service kind`, {
        hint: near
          ? `did you mean \`${near}\`?`
          : `service kinds are declared with \`service NAME agent AGENT guest-param PARAM;\`${services.size ? "; known: " + [...services.keys()].sort().join(", ") : ""}`,
      }),
    );
    return;
  }
  if (!scope.guests.has(s.guest.text)) {
    scope.unknown(s.guest, "guest", "HA2003", "guests");
    return;
  }
  const id = N.instanceId(s.service.text, s.guest.text);
  if (scope.ids.get(id)?.span !== s.span) return;
  if (s.block) checkItems(s.block, "instance", report);
  const auto: Setting[] = kind.guestParam ? [{ key: kind.guestParam.text, value: s.guest.text, span: s.guest.span }] : [];
  const prim = e.primitives.primitive(id, s.span, kind.agent.text, kind.agent.span, s.block?.items ?? [], auto, []);
  if (!prim) return;
  e.addResource(prim);
  const lid = N.locationId(id, s.guest.text);
  e.addConstraint(C.location(lid, id, s.guest.text, "INFINITY"), s.span);
  scope.claimConstraint(lid, s.span);
  e.allow(id, [s.guest.text]);
  if (e.decls.symmetric) {
    const oid = N.onlyOnId(id, s.guest.text);
    e.addConstraint(C.onlyOn(oid, id, s.guest.text), s.span);
    scope.claimConstraint(oid, s.span);
  }
  if (s.after) {
    const first = s.after.text === "vm" ? N.guestResourceId(s.guest.text) : s.after.text;
    if (s.after.text !== "vm" && !e.ref(s.after)) return;
    e.addOrder(first, "start", id, "start", "Mandatory", s.span, s);
  }
}

export function elaborateOrder(e: Elaboration, o: A.OrderDecl): void {
  // A misspelt kind (`order a then b optinal;`) is a syntax error (src/ast/slips.ts): such a file is never checked.
  const first = e.ref(o.first);
  const then = e.ref(o.then);
  let ok = first !== undefined && then !== undefined;
  for (const a of [o.firstAction, o.thenAction]) {
    if (a && !ACTIONS.has(a.text)) {
      ok = false;
      e.report(diag("HA1003", a.span, `\`${a.text}\` is not an action`, { hint: "order actions are start, stop, promote and demote" }));
    }
  }
  const options = orderOptions(e, o);
  if (!ok || options === undefined) return;
  const kind = o.orderKind?.text === "optional" ? "Optional" : o.orderKind?.text === "serialize" ? "Serialize" : "Mandatory";
  // What Pacemaker ignores (pcmk_sched_ordering.c): symmetrical on a Serialize order, require-all unless `first` is a clone
  // without clone-min. Kept as written (the CIB says it), and said.
  const sym = o.options?.find((x) => x.text === "symmetrical");
  if (kind === "Serialize" && sym) {
    e.report(diag("HA3060", sym.span, "Pacemaker ignores `symmetrical` on a `serialize` order", { hint: "a serialize order is never symmetrical; remove `symmetrical`" }));
  }
  // require-all is read only when `first` is a clone: the order rule (src/check/rules/roles.ts) says so, once every resource is known.
  const req = o.options?.find((x) => x.text === "require-any" || x.text === "require-all");
  e.addOrder(first!, o.firstAction?.text ?? "start", then!, o.thenAction?.text ?? "start", kind, o.span, o, options, req?.span);
}

/** The options after an order's kind: each of `one-way`/`symmetrical` and `require-any`/`require-all` at most once (HA3061). */
function orderOptions(e: Elaboration, o: A.OrderDecl): C.OrderOptions | undefined {
  let symmetrical: { value: boolean; at: A.Name } | undefined;
  let requireAll: { value: boolean; at: A.Name } | undefined;
  let ok = true;
  for (const x of o.options ?? []) {
    const isSym = x.text === "one-way" || x.text === "symmetrical";
    const prev = isSym ? symmetrical : requireAll;
    if (prev) {
      ok = false;
      const what = prev.at.text === x.text ? `\`${x.text}\` is written twice` : `\`${x.text}\` contradicts \`${prev.at.text}\``;
      e.report(diag("HA3061", x.span, `${what} in one order`, { hint: isSym ? "an order is either `one-way` or `symmetrical` (the default)" : "an order is either `require-any` or `require-all` (the default)", related: [{ span: prev.at.span, message: `\`${prev.at.text}\` is here` }] }));
      continue;
    }
    if (isSym) symmetrical = { value: x.text === "symmetrical", at: x };
    else requireAll = { value: x.text === "require-all", at: x };
  }
  if (!ok) return undefined;
  return { ...(symmetrical ? { symmetrical: symmetrical.value } : {}), ...(requireAll ? { requireAll: requireAll.value } : {}) };
}

/** Colocation roles as the CIB writes them, by the lower-case form a site may write (Pacemaker reads them in any case). */
export const COLOCATION_ROLES: ReadonlyMap<string, string> = new Map(["Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave"].map((r) => [r.toLowerCase(), r]));

/** A colocation role as the CIB writes it, or undefined (reported). */
function colocationRole(e: Elaboration, n: A.Name | undefined): string | undefined | false {
  if (n === undefined) return undefined;
  const role = COLOCATION_ROLES.get(n.text.toLowerCase());
  if (role === undefined) {
    const near = V.closest(n.text.toLowerCase(), COLOCATION_ROLES.keys());
    e.report(diag("HA1003", n.span, `\`${n.text}\` is not a role`, { hint: `${near ? `did you mean \`${near}\`? ` : ""}roles: started, promoted, unpromoted, stopped (and 2.1's master, slave)` }));
    return false;
  }
  return role;
}

export function elaborateColocate(e: Elaboration, c: A.ColocateDecl): void {
  const rscRole = colocationRole(e, c.rscRole);
  const withRole = colocationRole(e, c.withRole);
  const rsc = e.ref(c.rsc);
  const w = e.ref(c.with);
  const score = c.score ? e.score(c.score) : "INFINITY";
  const options = colocationOptions(e, c);
  if (rsc === undefined || w === undefined || score === undefined || rscRole === false || withRole === false || options === undefined) return;
  if (rsc === w) {
    e.report(diag("HA4009", c.span, `\`${rsc}\` is colocated with itself`, { hint: "a colocation needs two different resources" }));
    return;
  }
  const standIn = (id: string) => e.scope.templates.has(id) || e.scope.tags.has(id);
  if (standIn(rsc) && standIn(w) && (e.scope.tags.has(rsc) || e.scope.tags.has(w))) {
    e.report(diag("HA3112", c.span, `\`${rsc}\` and \`${w}\` both stand for several resources (a tag or template): Pacemaker ignores such a colocation`, { hint: "colocate a tag with a resource, or name the members of one of them" }));
    return;
  }
  if (e.scope.templates.has(rsc) && e.scope.templates.has(w)) {
    e.report(diag("HA3110", c.span, `\`${rsc}\` and \`${w}\` are both templates: Pacemaker ignores a colocation of two templates`, { hint: "colocate a template with a resource, or name the resources made from one of them" }));
    return;
  }
  if (rscRole !== undefined) e.roles.push({ rsc, role: rscRole, span: c.rscRole!.span });
  if (withRole !== undefined) e.roles.push({ rsc: w, role: withRole, span: c.withRole!.span });
  if (c.name && !V.isXmlId(c.name.text)) {
    e.report(badId(c.name, "constraint id"));
    return;
  }
  const id = c.name?.text ?? N.colocationId(rsc, w);
  if (!e.scope.claimConstraint(id, c.name?.span ?? c.span)) return;
  e.addConstraint(C.colocation(id, rsc, w, score, rscRole, withRole, options), c.span);
}

/**
 * A colocation's `node-attribute ATTR` (a node attribute's name, Pacemaker's
 * own `#uname` and the like too) and `influence BOOL`, each at most once
 * (HA3130); a value that is none is HA3131. Kept as written.
 */
export function colocationOptions(e: Elaboration, c: Pick<A.ColocateDecl, "options">): C.ColocationOptions | undefined {
  const seen = new Map<string, A.Pair>();
  let ok = true;
  for (const o of c.options ?? []) {
    const key = o.key.text;
    const prev = seen.get(key);
    if (prev) {
      ok = false;
      e.report(diag("HA3130", o.key.span, `\`${key}\` is written twice in one colocation`, { hint: "write it once", related: [{ span: prev.key.span, message: `\`${key}\` is here` }] }));
      continue;
    }
    seen.set(key, o);
    const v = o.value.text;
    if (key === "node-attribute" && !(V.isAttrName(v) || (v.startsWith("#") && V.isAttrName(v.slice(1))))) {
      ok = false;
      e.report(diag("HA3131", o.value.span, `\`${v}\` is not a node attribute name`, { hint: "a node attribute is named with letters, digits, `_ . -` (Pacemaker's own start with `#`, written as a string: `\"#uname\"`)" }));
    } else if (key === "influence" && !V.isBoolean(v)) {
      ok = false;
      e.report(diag("HA3131", o.value.span, `\`${v}\` is not a boolean`, { hint: "`influence` is `true` (the default) or `false`" }));
    }
  }
  if (!ok) return undefined;
  const nodeAttribute = seen.get("node-attribute")?.value.text;
  const influence = seen.get("influence")?.value.text;
  return { ...(nodeAttribute !== undefined ? { nodeAttribute } : {}), ...(influence !== undefined ? { influence } : {}) };
}

/** Roles a `rsc_ticket` may name (Pacemaker 2.1 takes the old names too). */
const TICKET_ROLES = new Set(["Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave"]);
/** What losing the ticket does (Pacemaker Explained, "Ticket constraints"). */
export const LOSS_POLICIES = new Set(["stop", "demote", "fence", "freeze"]);

/** A loss policy that is none, with the nearest one when it looks misspelt. */
export function badLossPolicy(n: A.Name): Diagnostic {
  const near = V.closest(n.text, LOSS_POLICIES);
  return diag("HA1003", n.span, `\`${n.text}\` is not a loss policy`, { hint: near !== undefined ? `did you mean \`${near}\`? (loss policies: stop, demote, fence, freeze)` : "loss policies: stop, demote, fence, freeze" });
}

export function elaborateTicket(e: Elaboration, t: A.TicketDecl): void {
  const rsc = e.ref(t.rsc);
  let ok = rsc !== undefined;
  if (!V.isXmlId(t.ticket.text)) {
    ok = false;
    e.report(diag("HA3005", t.ticket.span, `\`${t.ticket.text}\` is not a valid ticket name`, { hint: "a ticket is named like an id: a letter or `_`, then letters, digits, `_ . -`" }));
  }
  if (t.role && !TICKET_ROLES.has(t.role.text)) {
    ok = false;
    e.report(diag("HA1003", t.role.span, `\`${t.role.text}\` is not a role`, { hint: `roles: ${[...TICKET_ROLES].join(", ")}` }));
  }
  if (t.lossPolicy && !LOSS_POLICIES.has(t.lossPolicy.text)) {
    ok = false;
    e.report(badLossPolicy(t.lossPolicy));
  }
  if (!ok) return;
  if (t.name && !V.isXmlId(t.name.text)) {
    e.report(badId(t.name, "constraint id"));
    return;
  }
  const id = t.name?.text ?? N.ticketId(t.ticket.text, rsc!);
  if (!e.scope.claimConstraint(id, t.name?.span ?? t.span)) return;
  e.addConstraint(C.ticket(id, t.ticket.text, rsc!, t.role?.text, t.lossPolicy?.text), t.span);
}
