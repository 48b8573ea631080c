import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SiteModel } from "../model.js";
import * as V from "../values.js";

/**
 * HA4007, HA4008, HA4010: a target shared by a failover pair needs MMP, with
 * an update interval of 60 s or more; `shared` needs two hosts.
 */
export function storage(site: SiteModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of site.storage) {
    const hosts = site.placement.allowed.get(s.id)?.length ?? 0;
    const interval = s.mmp?.interval;
    if (interval && V.isDuration(interval.text)) {
      const secs = V.durationSeconds(interval.text);
      if (secs !== undefined && secs < 60) {
        out.push(
          diag("HA4010", interval.span, `MMP update interval \`${interval.text}\` is below 60 s`, {
            hint: "the arrays' failover takes longer; raise it: `tune2fs -E mmp_update_interval=60 -f DEVICE`",
          }),
        );
      }
    }
    const isShared = s.shared !== undefined || (s.sharedStorage && hosts > 1);
    if (isShared && !s.mmp) {
      out.push(
        diag("HA4007", s.name.span, `\`${s.name.text}\` is a target shared by a failover pair but is not declared with MMP`, {
          hint: "turn on multiple-mount protection (`tune2fs -O mmp DEVICE`, `tune2fs -E mmp_update_interval=60 -f DEVICE`) and say so with `mmp 60s;`",
        }),
      );
    }
    if (s.shared && hosts < 2) {
      out.push(
        diag("HA4008", s.shared, `\`${s.name.text}\` is marked shared but may run on ${hosts === 0 ? "no host" : "one host"}`, {
          hint: "list both hosts of the failover pair: `on HOST1 prefer 500, HOST2 100`",
        }),
      );
    }
  }
  return out;
}
