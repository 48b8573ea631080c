import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type { GuestVfs, SiteModel } from "../model.js";

/** HA4001, HA4002, HA4003: host VFs claimed twice, guest slots used twice, more VFs on a host than `vf-limit`. */
export function slots(site: SiteModel): Diagnostic[] {
  const hosts = guestHosts(site);
  const guests: GuestSlots[] = site.guests.map((g) => ({ name: g.name, hosts: hosts(g), ib: g.ib }));
  return checkSlots(guests, site.vfLimit);
}

/** The hosts a guest may ever run on: in an opt-in cluster its listed hosts, else every node it does not ban. */
function guestHosts(site: SiteModel): (g: GuestVfs) => readonly string[] {
  const { allowed, banned } = site.placement;
  let nodes: readonly string[] | undefined;
  const distinct = () => (nodes ??= [...new Set(site.nodes)]);
  return (g) => {
    if (!site.symmetric) return allowed.get(g.rsc) ?? [];
    const bans = banned.get(g.rsc);
    if (bans === undefined) return distinct();
    return distinct().filter((n) => !bans.has(n));
  };
}

export interface GuestSlots {
  readonly name: string;
  /** Hosts the guest may ever run on (first choice and every failover host). */
  readonly hosts: readonly string[];
  readonly ib: readonly { host: string; slot: string; hostText: string; slotText: string; span: Span }[];
}

/**
 * The seed's virtual-function rules. A host VF may be claimed by two guests
 * only when they can never run on the same host; a guest uses each of its
 * own slots once; and the guests that may land on one host together claim at
 * most `limit` VFs.
 */
export function checkSlots(guests: readonly GuestSlots[], limit: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Per-guest: the same VF or the same guest slot twice (a guest has a handful of VFs: compared pairwise).
  for (const g of guests) {
    for (let i = 0; i < g.ib.length; i++) {
      const ib = g.ib[i]!;
      let h: Span | undefined;
      let s: Span | undefined;
      for (let j = 0; j < i && (h === undefined || s === undefined); j++) {
        const before = g.ib[j]!;
        if (h === undefined && before.host === ib.host) h = before.span;
        if (s === undefined && before.slot === ib.slot) s = before.span;
      }
      if (h) {
        out.push(
          diag("HA4001", ib.span, `guest \`${g.name}\` claims host VF \`${ib.hostText}\` twice`, {
            related: [{ span: h, message: "first claimed here" }],
          }),
        );
      }
      if (s) {
        out.push(
          diag("HA4002", ib.span, `guest \`${g.name}\` uses slot \`${ib.slotText}\` twice`, {
            hint: "each VF needs its own slot inside the guest",
            related: [{ span: s, message: "first used here" }],
          }),
        );
      }
    }
  }
  // Across guests: index claims by VF, then by host (linear in claims times hosts per guest).
  const byVf = new Map<string, { g: GuestSlots; span: Span; text: string }[]>();
  for (const g of guests) {
    for (let i = 0; i < g.ib.length; i++) {
      const ib = g.ib[i]!;
      if (firstOfHost(g, i) !== i) continue;
      let list = byVf.get(ib.host);
      if (!list) byVf.set(ib.host, (list = []));
      list.push({ g, span: ib.span, text: ib.hostText });
    }
  }
  const firstOnHost = new Map<string, number>();
  for (const claims of byVf.values()) {
    if (claims.length < 2) continue;
    // The earliest claim of this VF by a guest that may run on each host: a later
    // claim clashes with the earliest claim among its own hosts' entries.
    firstOnHost.clear();
    for (let i = 0; i < claims.length; i++) {
      const later = claims[i]!;
      let j = i;
      for (const h of later.g.hosts) {
        const k = firstOnHost.get(h);
        if (k === undefined) firstOnHost.set(h, i);
        else if (k < j) j = k;
      }
      if (j < i) {
        const earlier = claims[j]!;
        const hosts = new Set(later.g.hosts);
        const shared = earlier.g.hosts.filter((h) => hosts.has(h));
        out.push(
          diag(
            "HA4001",
            later.span,
            `host VF \`${later.text}\` is claimed by guests \`${earlier.g.name}\` and \`${later.g.name}\`, which can both run on ${shared.map((h) => "`" + h + "`").join(", ")}`,
            {
              hint: "give each guest its own VFs on every host it may fail over to",
              related: [{ span: earlier.span, message: `\`${earlier.g.name}\` claims it here` }],
            },
          ),
        );
      }
    }
  }
  // Per host: the distinct VFs of all guests that may run there, in the order they are first claimed.
  const onHost = new Map<string, GuestSlots[]>();
  for (const g of guests) {
    for (const h of g.hosts) {
      let l = onHost.get(h);
      if (!l) onHost.set(h, (l = []));
      l.push(g);
    }
  }
  const distinct = new Set<string>();
  for (const [host, gs] of onHost) {
    distinct.clear();
    for (const g of gs) for (const ib of g.ib) distinct.add(ib.host);
    if (distinct.size <= limit) continue;
    // Over the limit: who claims each VF first.
    const vfs = new Map<string, { guest: string; span: Span }>();
    for (const g of gs) for (const ib of g.ib) if (!vfs.has(ib.host)) vfs.set(ib.host, { guest: g.name, span: ib.span });
    const claims = [...vfs.values()];
    const over = claims[limit]!;
    const guestsOnHost = [...new Set(claims.map((c) => c.guest))];
    out.push(
      diag(
        "HA4003",
        over.span,
        `host \`${host}\` has ${limit} VFs, but the guests that may run on it (${guestsOnHost.map((g) => "`" + g + "`").join(", ")}) claim ${vfs.size}`,
        {
          hint: "spread the guests over more hosts, or raise `vf-limit` in the cluster block if the HCA has more VFs",
          related: claims.slice(0, limit).map((c) => ({ span: c.span, message: `claimed by \`${c.guest}\`` })),
        },
      ),
    );
  }
  return out;
}

/** The position of the first of a guest's claims of the VF claimed at `i`. */
function firstOfHost(g: GuestSlots, i: number): number {
  const host = g.ib[i]!.host;
  for (let j = 0; j < i; j++) if (g.ib[j]!.host === host) return j;
  return i;
}
