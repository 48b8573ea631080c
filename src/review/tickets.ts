import { isTrue } from "../check/values.js";
import type { Constraint } from "../ir/types.js";
import type { ChangeSet } from "./compare.js";
import type { El } from "./xml.js";

/**
 * Tickets as the live cluster holds them: `/cib/status/tickets/ticket_state`
 * (`crm_ticket --grant` and booth write it). A ticket is granted only while
 * its state says `granted="true"`; a ticket without a state has never been
 * granted here. Pacemaker starts nothing that depends on a ticket it does not
 * hold (`rsc_ticket`), and `standby="true"` makes it act as if lost.
 */
export interface TicketState {
  readonly granted: boolean;
  readonly standby: boolean;
}

/** The ticket states of a `<cib>`'s status, or undefined when the document has no `<status>` (a bare configuration says nothing of tickets). */
export function readTicketStates(root: El): ReadonlyMap<string, TicketState> | undefined {
  const status = root.tag === "cib" ? root.children.find((c) => c.tag === "status") : undefined;
  if (status === undefined) return undefined;
  const out = new Map<string, TicketState>();
  for (const t of status.children.find((c) => c.tag === "tickets")?.children ?? []) {
    const id = t.attrs["id"];
    if (t.tag !== "ticket_state" || id === undefined) continue;
    out.set(id, { granted: isTrue(t.attrs["granted"] ?? ""), standby: isTrue(t.attrs["standby"] ?? "") });
  }
  return out;
}

/** A ticket constraint the plan adds or changes whose ticket the live cluster does not hold. */
export interface UngrantedTicket {
  readonly ticket: string;
  /** The constraint's id. */
  readonly id: string;
  /** What depends on the ticket, in words: the resource (and its role), or each set's members. */
  readonly rsc: string;
  /** Why it is not held: never granted here, revoked, or in standby. */
  readonly state: "never granted" | "not granted" | "in standby";
}

/**
 * The ticket constraints a plan adds or changes whose ticket the live cluster
 * does not hold: once pushed, their resource stops, or does not start, until
 * the ticket is granted. Empty when the live CIB carries no status.
 */
export function ungrantedTickets(changes: ChangeSet, states: ReadonlyMap<string, TicketState> | undefined): UngrantedTicket[] {
  if (states === undefined) return [];
  const out: UngrantedTicket[] = [];
  for (const c of changes.constraints) {
    if ((c.op !== "add" && c.op !== "change") || c.new === undefined) continue;
    const next = dependents(c.new);
    if (next === undefined) continue;
    // The same dependency under another id or with another loss-policy: nothing the push starts to wait for.
    const before = c.old === undefined ? undefined : dependents(c.old);
    if (before !== undefined && before.ticket === next.ticket && before.what === next.what) continue;
    const s = states.get(next.ticket);
    const state = s === undefined ? "never granted" : !s.granted ? "not granted" : s.standby ? "in standby" : undefined;
    if (state === undefined) continue;
    out.push({ ticket: next.ticket, id: c.new.id, rsc: next.what, state });
  }
  return out;
}

/** The ticket a constraint makes resources depend on, and those resources in words (`db-clone in role Promoted`, or a set's members); undefined for other constraints. */
function dependents(c: Constraint): { ticket: string; what: string } | undefined {
  if (c.kind === "ticket") return { ticket: c.ticket, what: `${c.rsc}${c.rscRole !== undefined ? ` in role ${c.rscRole}` : ""}` };
  if (c.kind === "ticket-set") {
    const sets = c.sets.map((s) => `${s.resources.join(", ")}${s.role !== undefined ? ` in role ${s.role}` : ""}`);
    return { ticket: c.ticket, what: sets.join("; ") };
  }
  return undefined;
}

