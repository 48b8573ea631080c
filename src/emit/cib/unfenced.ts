import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Cib, Origins } from "../../ir/types.js";
import { primitivesOf } from "../../ir/resources.js";
import { fileSpan } from "../span.js";

/**
 * HA5090: a whole CIB (`--full`) in which fencing is on because nothing
 * turns it off (`stonith-enabled` is true by default) and no fencing device
 * is declared. crm_verify refuses such a CIB ("Resource start-up disabled
 * since no STONITH resources have been defined", "config not valid", exit
 * 78) and Pacemaker starts no resource, which is what `hacc simulate` shows. The fragment is not warned about: it is merged into a
 * cluster whose properties and devices hacc may not manage (HA4020 is the
 * error for `stonith-enabled = true` written without a device).
 */
export function unfencedWholeCib(cib: Cib, sourceName: string | undefined, origins: Origins | undefined): Diagnostic[] {
  const all = cib.resources.flatMap(primitivesOf);
  if (all.length === 0 || all.some((p) => p.standard === "stonith")) return [];
  const says = (pairs: readonly { name: string }[]) => pairs.some((p) => p.name === "stonith-enabled");
  if (says(cib.properties.pairs) || (cib.propertySets ?? []).some((s) => says(s.pairs))) return [];
  const first = cib.resources[0]!;
  return [
    diag("HA5090", origins?.get(first.id) ?? fileSpan(sourceName ?? "<input>"), "this whole CIB leaves fencing on (`stonith-enabled` is true by default) and declares no fencing device: crm_verify refuses it and Pacemaker starts no resource", {
      hint: "declare a fencing device (`resource fence-n1 stonith:fence_ipmilan { ... }`), or say `property stonith-enabled = false;` if the cluster runs without fencing",
    }),
  ];
}
