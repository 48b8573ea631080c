import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type { PrimitiveModel, SiteModel } from "../model.js";
import * as V from "../values.js";

/** Pacemaker's remote-connect-timeout when a guest does not set one. */
const CONNECT_DEFAULT = 60;

/**
 * HA4022: guests whose start timeout is longer than their
 * remote-connect-timeout (60 s unless set): the boot counts against the
 * connection, so a guest that needs the long start fails to connect. One
 * diagnostic per cause: all the guests left at Pacemaker's default together,
 * and those sharing one `remote-connect-timeout` setting together.
 * HA4025: `allow-migrate` on a guest with passed-through VFs (a VM holding
 * a host's PCI device cannot be live-migrated). HA4023: in a symmetric
 * cluster, resources not declared in a guest may be placed, or recovered,
 * inside guest nodes (crm_simulate does so after failures): hacc adds no
 * constraint for this, it says so.
 */
export function guests(site: SiteModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const vms: PrimitiveModel[] = [];
  for (const r of site.resources) if (r.kind === "primitive" && r.guest) vms.push(r);
  // HA4022 by cause: the guests that rely on one connection timeout (Pacemaker's default, or one setting).
  const slow = new Map<Span | undefined, Slow>();
  for (const vm of vms) {
    const metaOf = (key: string) => vm.meta.filter((s) => s.key === key).at(-1);
    const start = vm.ops.filter((o) => o.name === "start").flatMap((o) => o.attrs.filter((a) => a.key === "timeout")).at(-1);
    const startSecs = start && V.isDuration(start.value) ? V.durationSeconds(start.value) : undefined;
    const rct = metaOf("remote-connect-timeout");
    const connect = rct ? (V.isDuration(rct.value) ? V.durationSeconds(rct.value) : undefined) : CONNECT_DEFAULT;
    // The agent's own default start timeout is not the site's choice: only a timeout the site wrote is held to the connection.
    const agentDefault = vm.declared?.ops.filter((o) => o.name === "start").flatMap((o) => o.attrs.filter((a) => a.key === "timeout")).some((a) => a.span === start?.span);
    if (start && !agentDefault && startSecs !== undefined && connect !== undefined && startSecs > connect) {
      let entry = slow.get(rct?.span);
      if (!entry) slow.set(rct?.span, (entry = { rct, connect, guests: [] }));
      entry.guests.push({ name: vm.guest!.name, start, secs: startSecs });
    }
    const migrate = metaOf("allow-migrate");
    if (migrate && V.isTrue(migrate.value) && vm.guest!.ib.length > 0) {
      out.push(
        diag("HA4025", migrate.span, `guest \`${vm.guest!.name}\` has passed-through VFs and \`allow-migrate\`: a VM holding a host's PCI device cannot be live-migrated`, {
          hint: "remove `allow-migrate` (Pacemaker then stops the guest and starts it on the other host), or detach the VFs before migrating",
          related: [{ span: vm.guest!.ib[0]!.span, message: "a VF passed through here" }],
        }),
      );
    }
  }
  for (const s of slow.values()) out.push(slowConnect(s));
  if (site.symmetric && vms.length > 0) {
    const guestNames = new Set(vms.map((v) => v.guest!.name));
    const loose: string[] = [];
    for (const r of site.resources) {
      if ((r.kind === "primitive" && r.guest) || r.parent) continue;
      const allowed = site.placement.allowed.get(r.id) ?? [];
      if (allowed.some((n) => guestNames.has(n))) continue; // declared inside a guest
      const banned = site.placement.banned.get(r.id);
      if ([...guestNames].every((g) => banned?.has(g))) continue;
      loose.push(r.id);
    }
    if (loose.length > 0) {
      const shown = loose.slice(0, 3).map((i) => `\`${i}\``).join(", ") + (loose.length > 3 ? ` and ${loose.length - 3} more` : "");
      out.push(
        diag("HA4023", site.symmetricSpan ?? vms[0]!.span, `the cluster is symmetric and has guest nodes: ${shown} may be placed or recovered inside a guest`, {
          hint: "set `property symmetric-cluster = false;` (resources then run only where `on` allows), or ban each guest: `on HOST prefer 100, GUEST -INFINITY`",
        }),
      );
    }
  }
  return out;
}

/** Guests that start for longer than one connection timeout lets them (Pacemaker's default, or one setting). */
interface Slow {
  readonly rct: { readonly value: string; readonly span: Span } | undefined;
  readonly connect: number;
  readonly guests: { name: string; start: { value: string; span: Span }; secs: number }[];
}

/** One HA4022 for the guests of one cause: at the first one's start timeout, the next ones (and the setting) related. */
function slowConnect({ rct, connect, guests }: Slow): Diagnostic {
  const longest = guests.reduce((a, b) => (b.secs > a.secs ? b : a));
  const names = guests.map((g) => `\`${g.name}\``);
  const who = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(names.length === 2 ? " and " : ", ");
  // A bare number is seconds to Pacemaker: said with its unit (`900 s`), as written otherwise (`15min`).
  const secs = (v: string): string => (/^\d+$/.test(v) ? `${v} s` : v);
  const after = rct ? secs(rct.value) : `${connect} s (the default)`;
  const one = guests.length === 1;
  const related = [
    ...(rct ? [{ span: rct.span, message: "the connection timeout is set here" }] : []),
    ...guests.filter((g) => g !== longest).slice(0, 2).map((g) => ({ span: g.start.span, message: `\`${g.name}\` may take ${secs(g.start.value)} to start` })),
  ];
  // At the longest start (the value the message and the hint name); the others are notes.
  return diag(
    "HA4022",
    longest.start.span,
    one
      ? `guest ${who} may take ${secs(guests[0]!.start.value)} to start but Pacemaker gives up connecting to it after ${after}`
      : `guests ${who} may take up to ${secs(longest.start.value)} to start but Pacemaker gives up connecting to them after ${after}`,
    {
      hint: `the boot counts against the connection: add \`meta remote-connect-timeout = ${longest.start.value};\` to ${one ? "the guest" : "each of them (or to `guest-defaults`)"}`,
      ...(related.length > 0 ? { related } : {}),
    },
  );
}
