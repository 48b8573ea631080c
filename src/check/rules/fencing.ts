import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SiteModel } from "../model.js";
import * as V from "../values.js";

/**
 * HA4020: `stonith-enabled = true` and no fencing device (Pacemaker starts
 * nothing then; crm_verify says so). HA4024: fencing off with shared storage
 * (a host that hangs keeps the target while its partner takes it over).
 */
export function fencing(site: SiteModel): Diagnostic[] {
  const prop = site.properties.filter((p) => p.key === "stonith-enabled").at(-1);
  if (prop === undefined || !V.isBoolean(prop.value)) return [];
  if (V.isTrue(prop.value)) {
    const device = site.resources.some((r) => r.kind === "primitive" && r.agent.standard === "stonith");
    if (device) return [];
    return [
      diag("HA4020", prop.span, "fencing is enabled and no fencing device is declared: Pacemaker starts no resource", {
        hint: "declare one (`resource fence-n1 stonith:fence_ipmilan { ... }`), or set `stonith-enabled = false` if the site runs without fencing",
      }),
    ];
  }
  const out: Diagnostic[] = [];
  for (const s of site.storage) {
    if (!s.shared) continue;
    out.push(
      diag("HA4024", s.shared, `\`${s.name.text}\` is shared storage and fencing is off`, {
        hint: "without fencing, a host that hangs (not down) still holds the target when its partner mounts it; MMP only refuses the second mount. Declare a fencing device and set `stonith-enabled = true`",
        related: [{ span: prop.span, message: "fencing is turned off here" }],
      }),
    );
  }
  return out;
}
