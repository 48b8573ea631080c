import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type { Placeable } from "../../placement/index.js";
import { reach } from "../../placement/reach.js";
import { DEFAULT_HOST_FAILURES } from "../names.js";
import type { GuestVfs, SiteModel } from "../model.js";

/**
 * HA4001, HA4002, HA4003: host VFs claimed twice, guest slots used twice,
 * more VFs on a host than `vf-limit`. The cross-guest checks ask the failure
 * model (placement/reach.ts): in every placement reachable with at most
 * `host-failures` hosts down, do the guests together on a host clash? A
 * guest the prediction does not place (or in a part whose history is too
 * large to explore) counts as running on every host it may run on, always.
 */
export function slots(site: SiteModel): Diagnostic[] {
  const hosts = guestHosts(site);
  const guests: GuestSlots[] = site.guests.map((g) => ({ name: g.name, rsc: g.rsc, hosts: hosts(g), ib: g.ib }));
  return [...checkOwnSlots(guests), ...checkShared(site, guests)];
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
  /** The VirtualDomain resource's id. */
  readonly rsc: string;
  /** Hosts the guest may ever run on (first choice and every failover host). */
  readonly hosts: readonly string[];
  readonly ib: readonly { host: string; slot: string; hostText: string; slotText: string; span: Span }[];
}

/** Per guest: the same host VF, or the same guest slot, twice (a guest has a handful of VFs: compared pairwise). */
export function checkOwnSlots(guests: readonly GuestSlots[]): Diagnostic[] {
  const out: Diagnostic[] = [];
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
  return out;
}

/**
 * Across guests, in every placement the failure model reaches: a host VF
 * claimed by two guests on one host (HA4001), and more distinct VFs on a host
 * than `vf-limit` (HA4003). Each clash is reported once, for the first state
 * that shows it (fewest events first).
 */
export function checkShared(site: SiteModel, guests: readonly GuestSlots[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (guests.every((g) => g.ib.length === 0)) return out;
  const limit = site.vfLimit;
  const r = reach(site, site.hostFailures ?? DEFAULT_HOST_FAILURES);
  const { plan, steady } = r;
  const complete = new Set(r.parts.filter((p) => p.complete).map((p) => p.part));
  const given = r.parts.filter((p) => !p.complete);
  if (given.length > 0) out.push(gaveUp(given.flatMap((p) => p.part.filter((x) => x.guest !== undefined)), given.reduce((n, p) => n + p.states.length, 0)));
  // The guests the prediction places (in a part explored to the end), by VM resource number; the rest take the worst case.
  const guestAt = new Map<number, number>();
  const vmOf = new Int32Array(guests.length).fill(-1);
  const worst = new Uint8Array(guests.length);
  for (let gi = 0; gi < guests.length; gi++) {
    const p = plan.byId.get(guests[gi]!.rsc);
    if (p !== undefined && p.guest !== undefined && complete.has(plan.partOf[p.index]!)) {
      guestAt.set(p.index, gi);
      vmOf[gi] = p.index;
    } else worst[gi] = 1;
  }
  // Who is on each host with every host up: predicted guests where the steady placement puts them, the others on every host they may run on.
  const base = new Map<string, number[]>();
  const put = (host: string, gi: number) => {
    let l = base.get(host);
    if (!l) base.set(host, (l = []));
    l.push(gi);
  };
  for (let gi = 0; gi < guests.length; gi++) {
    if (worst[gi]) for (const h of guests[gi]!.hosts) put(h, gi);
    else if (steady[vmOf[gi]!]! >= 0) put(plan.nodes[steady[vmOf[gi]!]!]!, gi);
  }
  for (const l of base.values()) l.sort((a, b) => a - b);

  const reported = new Set<string>();
  const full = new Set<string>();
  const check = (host: string, occupants: readonly number[], trail: readonly string[]) => {
    const when = trail.length === 0 ? "with all hosts up" : `after ${trail.join(", ")}`;
    const first = new Map<string, { gi: number; span: Span; text: string }>();
    for (const gi of occupants) {
      const g = guests[gi]!;
      for (let i = 0; i < g.ib.length; i++) {
        if (firstOfHost(g, i) !== i) continue;
        const ib = g.ib[i]!;
        const e = first.get(ib.host);
        if (e === undefined) {
          first.set(ib.host, { gi, span: ib.span, text: ib.hostText });
          continue;
        }
        const key = `${ib.host}|${e.gi}|${gi}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const earlier = guests[e.gi]!;
        const verb = worst[e.gi] || worst[gi] ? "may both run" : "both run";
        out.push(
          diag("HA4001", ib.span, `host VF \`${ib.hostText}\` is claimed by guests \`${earlier.name}\` and \`${g.name}\`, which ${verb} on \`${host}\` ${when}`, {
            hint: "give each guest its own VFs on every host it may fail over to",
            related: [{ span: e.span, message: `\`${earlier.name}\` claims it here` }],
          }),
        );
      }
    }
    if (first.size <= limit || full.has(host)) return;
    full.add(host);
    const claims = [...first.values()];
    const who = [...new Set(claims.map((c) => c.gi))].map((gi) => "`" + guests[gi]!.name + "`").join(", ");
    const onIt = claims.some((c) => worst[c.gi]) ? "the guests that may run on it" : "the guests on it";
    out.push(
      diag("HA4003", claims[limit]!.span, `host \`${host}\` has ${limit} VFs, but ${when} ${onIt} (${who}) claim ${first.size}`, {
        hint: "spread the guests over more hosts, or raise `vf-limit` in the cluster block if the HCA has more VFs",
        related: claims.slice(0, limit).map((c) => ({ span: c.span, message: `claimed by \`${guests[c.gi]!.name}\`` })),
      }),
    );
  };

  for (const [host, occupants] of base) check(host, occupants, []);
  const moved = new Map<number, number>();
  for (const pr of r.parts) {
    if (!complete.has(pr.part)) continue;
    for (const s of pr.states) {
      // Only the hosts a guest leaves or reaches can hold a new combination.
      moved.clear();
      const touched = new Set<number>();
      for (let j = 0; j < s.diff.length; j += 2) {
        const idx = s.diff[j]!;
        if (!guestAt.has(idx)) continue;
        moved.set(idx, s.diff[j + 1]!);
        if (s.diff[j + 1]! >= 0) touched.add(s.diff[j + 1]!);
      }
      for (const node of [...touched].sort((a, b) => a - b)) {
        const host = plan.nodes[node]!;
        const here = (base.get(host) ?? []).filter((gi) => worst[gi] || !moved.has(vmOf[gi]!));
        for (const [idx, to] of moved) if (to === node) here.push(guestAt.get(idx)!);
        here.sort((a, b) => a - b);
        check(host, here, s.trail);
      }
    }
  }
  return out;
}

/** The position of the first of a guest's claims of the VF claimed at `i`. */
function firstOfHost(g: GuestSlots, i: number): number {
  const host = g.ib[i]!.host;
  for (let j = 0; j < i; j++) if (g.ib[j]!.host === host) return j;
  return i;
}

/**
 * HA4026: the failure model gave up on some parts (their states exceeded the
 * budget, src/placement/reach.ts); their guests are checked as if each ran on
 * every host it may run on at once. Said once, naming the guests.
 */
function gaveUp(vms: readonly Placeable[], states: number): Diagnostic {
  const names = vms.map((p) => `\`${p.guest}\``);
  const who = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(names.length === 2 ? " and " : ", ");
  return diag(
    "HA4026",
    vms[0]!.span,
    `the failure model stopped after ${states} states, before every sequence of failures and recoveries was explored for ${who}: their VFs are checked as if each ran on every host it may run on at once`,
    {
      hint: "a history that keeps changing placements (e.g. `resource-stickiness` on a large N+1 site) makes too many states; an error here may be a false alarm, and `hacc simulate --fail HOST` shows a given failure",
    },
  );
}
