import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SiteModel } from "../model.js";
import * as V from "../values.js";

/**
 * HA4020: `stonith-enabled = true` (or `fencing-enabled = true`) and no
 * fencing device (Pacemaker starts nothing then; crm_verify says so).
 * Neither set (true by default) is not reported: the live cluster may set
 * it, or hold a device, outside what the site manages; `hacc simulate`
 * starts nothing then, as crm_simulate does. HA4024: fencing off with shared storage
 * (a host that hangs keeps the target while its partner takes it over), one
 * diagnostic at the setting, naming the shared targets.
 */
export function fencing(site: SiteModel): Diagnostic[] {
  // Pacemaker 3 reads `fencing-enabled` first; 2.1.5 only `stonith-enabled` (HA3012 says so): either, set true, counts.
  const prop = site.properties.filter((p) => p.key === "stonith-enabled" || (p.key === "fencing-enabled" && V.isTrue(p.value))).at(-1);
  const device = site.resources.some((r) => r.kind === "primitive" && r.agent.standard === "stonith");
  // Left unset it is true too, but the site may not own the cluster's properties (a fragment merged into a
  // live cluster that sets it, or holds a device hacc does not manage): `hacc simulate` shows what it does.
  if (prop === undefined) return [];
  if (!V.isBoolean(prop.value)) return [];
  if (V.isTrue(prop.value)) {
    if (device) return [];
    return [
      diag("HA4020", prop.span, "fencing is enabled and no fencing device is declared: Pacemaker starts no resource", {
        hint: "declare one (`resource fence-n1 stonith:fence_ipmilan { ... }`), or set `stonith-enabled = false` if the site runs without fencing",
      }),
    ];
  }
  // HA4024 by cause: one for the setting that turned fencing off, naming every shared target.
  const shared = site.storage.filter((s) => s.shared !== undefined);
  if (shared.length === 0) return [];
  const names = shared.map((s) => `\`${s.name.text}\``);
  const who = names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(names.length === 2 ? " and " : ", ");
  const one = shared.length === 1;
  return [
    diag("HA4024", prop.span, `fencing is off and ${who} ${one ? "is" : "are"} shared storage`, {
      hint: "without fencing, a host that hangs (not down) still holds a target when its partner mounts it; MMP only refuses the second mount. Declare a fencing device and set `stonith-enabled = true`",
      related: shared.slice(0, 3).map((s) => ({ span: s.shared!, message: `\`${s.name.text}\` is shared here` })),
    }),
  ];
}
