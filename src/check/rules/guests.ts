import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { PrimitiveModel, SiteModel } from "../model.js";
import * as V from "../values.js";

/** Pacemaker's remote-connect-timeout when a guest does not set one. */
const CONNECT_DEFAULT = 60;

/**
 * HA4022: a guest whose start timeout is longer than its
 * remote-connect-timeout (60 s unless set): the boot counts against the
 * connection, so a guest that needs the long start fails to connect.
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
  for (const vm of vms) {
    const metaOf = (key: string) => vm.meta.filter((s) => s.key === key).at(-1);
    const start = vm.ops.filter((o) => o.name === "start").flatMap((o) => o.attrs.filter((a) => a.key === "timeout")).at(-1);
    const startSecs = start && V.isDuration(start.value) ? V.durationSeconds(start.value) : undefined;
    const rct = metaOf("remote-connect-timeout");
    const connect = rct ? (V.isDuration(rct.value) ? V.durationSeconds(rct.value) : undefined) : CONNECT_DEFAULT;
    // The agent's own default start timeout is not the site's choice: only a timeout the site wrote is held to the connection.
    const agentDefault = vm.declared?.ops.filter((o) => o.name === "start").flatMap((o) => o.attrs.filter((a) => a.key === "timeout")).some((a) => a.span === start?.span);
    if (start && !agentDefault && startSecs !== undefined && connect !== undefined && startSecs > connect) {
      out.push(
        diag(
          "HA4022",
          start.span,
          `guest \`${vm.guest!.name}\` may take ${start.value} to start but Pacemaker gives up connecting to it after ${rct ? rct.value : `${CONNECT_DEFAULT} s (the default)`}`,
          {
            hint: `the boot counts against the connection: add \`meta remote-connect-timeout = ${start.value};\` to the guest`,
            ...(rct ? { related: [{ span: rct.span, message: "the connection timeout is set here" }] } : {}),
          },
        ),
      );
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
