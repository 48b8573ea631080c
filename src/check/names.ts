import type { FencingTarget } from "../ir/types.js";

/**
 * The ids hacc generates. Every target uses these, so a resource or
 * constraint has one name in review, in `crm_mon` and in `pcs status`.
 * Ids derive from names only (never counters or scores), so editing a score
 * keeps every id.
 */

/** The VirtualDomain primitive of a guest: `vm-NAME` (the seed's naming). */
export function guestResourceId(guest: string): string {
  return `vm-${guest}`;
}

/** A service instance inside a guest: `KIND-GUEST` (`lwfsd-vnio006`). */
export function instanceId(kind: string, guest: string): string {
  return `${kind}-${guest}`;
}

export function locationId(rsc: string, node: string): string {
  return `location-${rsc}-${node}`;
}

/** The rule that keeps an in-guest service off every other node (symmetric clusters). */
export function onlyOnId(rsc: string, node: string): string {
  return `location-${rsc}-only-${node}`;
}

export function orderId(first: string, firstAction: string, then: string, thenAction: string): string {
  return firstAction === "start" && thenAction === "start"
    ? `order-${first}-${then}`
    : `order-${firstAction}-${first}-${thenAction}-${then}`;
}

export function ticketId(ticket: string, rsc: string): string {
  return `ticket-${ticket}-${rsc}`;
}

/**
 * A fencing level's id as `pcs stonith level add` makes it (it takes none):
 * `fl-TARGET-INDEX`, TARGET the node, the pattern or the attribute's name
 * without the characters an id cannot hold; a taken one gets `-1`, `-2`, ...
 * (the elaboration does that, in declaration order, as pcs would).
 */
export function fencingLevelId(t: FencingTarget, index: string): string {
  const safe = (x: string) => x.replace(/[^A-Za-z0-9_.-]/g, "");
  return `fl-${safe(t.kind === "node" ? t.node : t.kind === "pattern" ? t.pattern : t.name)}-${index}`;
}

/** An alert's `n`-th recipient (from 1), as Pacemaker's examples name them: `ALERT-recipient-N`. */
export function recipientId(alert: string, n: number): string {
  return `${alert}-recipient-${n}`;
}

/** A role's permission ids as pcs gives them: ir/constraints.ts, which the pcs target reads too. */
export { aclPermissionIds } from "../ir/constraints.js";

export function colocationId(rsc: string, withRsc: string): string {
  return `colocation-${rsc}-${withRsc}`;
}

/** The default libvirt domain XML of a guest when neither it nor `guest-defaults` says. */
export const DEFAULT_GUEST_CONFIG = "/etc/libvirt/qemu/{guest}.xml";
export const DEFAULT_HYPERVISOR = "qemu:///system";
export const DEFAULT_VF_LIMIT = 8;
/** How many hosts the failure model takes down at once unless `host-failures` says. */
export const DEFAULT_HOST_FAILURES = 1;
/** A resource whose agent is declared nowhere still gets a monitor. */
export const FALLBACK_MONITOR = { interval: "10s", timeout: "20s" } as const;

/** An order of resource sets: `order-set-` and every member, in order. */
export function orderSetId(members: readonly string[]): string {
  return `order-set-${members.join("-")}`;
}

/** A colocation of resource sets: `colocation-set-` and every member, in order. */
export function colocationSetId(members: readonly string[]): string {
  return `colocation-set-${members.join("-")}`;
}

/** A ticket on resource sets: `ticket-TICKET-set-` and every member, in order. */
export function ticketSetId(ticket: string, members: readonly string[]): string {
  return `ticket-${ticket}-set-${members.join("-")}`;
}

/** The id hacc derives for the `n`th set of `section` without `named` (from 1): `rsc-options-N`, `op-options-N`, `cluster-options-N`. */
export function derivedSetId(section: "rsc" | "op" | "property", n: number): string {
  return `${section === "property" ? "cluster" : section}-options-${n}`;
}
