import { isTrue } from "../check/values.js";
import type { Constraint, Ticket } from "../ir/types.js";
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
  readonly rsc: string;
  readonly rscRole?: string;
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
    if ((c.op !== "add" && c.op !== "change") || !isTicket(c.new)) continue;
    // The same dependency under another id or with another loss-policy: nothing the push starts to wait for.
    if (isTicket(c.old) && c.old.ticket === c.new.ticket && c.old.rsc === c.new.rsc && c.old.rscRole === c.new.rscRole) continue;
    const s = states.get(c.new.ticket);
    const state = s === undefined ? "never granted" : !s.granted ? "not granted" : s.standby ? "in standby" : undefined;
    if (state === undefined) continue;
    out.push({ ticket: c.new.ticket, id: c.new.id, rsc: c.new.rsc, ...(c.new.rscRole !== undefined ? { rscRole: c.new.rscRole } : {}), state });
  }
  return out;
}

function isTicket(c: Constraint | undefined): c is Ticket {
  return c?.kind === "ticket";
}
