import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { PrimitiveModel, Setting, SiteModel } from "../model.js";
import * as V from "../values.js";

/** Pacemaker's default migration-threshold: INFINITY (a resource is never moved for its failures). */
const INFINITY = 1_000_000;

/**
 * HA4021: a failure-timeout no longer than the monitor interval while
 * migration-threshold is above 1: each failure expires before the next
 * monitor can fail, the fail count never passes 1, and the resource is
 * restarted in place forever instead of moved. One report per
 * failure-timeout setting, naming the resources it affects.
 */
export function failures(site: SiteModel): Diagnostic[] {
  const meta = (r: PrimitiveModel, key: string): Setting | undefined => {
    for (let cur: { meta: readonly Setting[]; parent?: string } | undefined = r; cur; cur = cur.parent ? site.byId.get(cur.parent) : undefined) {
      const own = cur.meta.filter((s) => s.key === key).at(-1);
      if (own) return own;
    }
    return site.rscDefaults.filter((s) => s.key === key).at(-1);
  };
  const bySetting = new Map<Setting, { threshold: number; interval: number; shortest: number; ids: string[] }>();
  for (const r of site.resources) {
    if (r.kind !== "primitive") continue;
    const ft = meta(r, "failure-timeout");
    const secs = ft && V.isDuration(ft.value) ? V.durationSeconds(ft.value) : undefined;
    if (ft === undefined || secs === undefined || secs <= 0) continue;
    const mt = meta(r, "migration-threshold");
    const threshold = mt === undefined ? INFINITY : V.isScore(mt.value) ? Math.min(V.scoreValue(mt.value), INFINITY) : INFINITY;
    if (!(threshold > 1)) continue;
    const intervals = r.ops
      .filter((o) => o.name === "monitor")
      .map((o) => V.durationSeconds(o.interval))
      .filter((s): s is number => s !== undefined && s > 0);
    if (intervals.length === 0) continue;
    const interval = Math.min(...intervals);
    if (secs > interval) continue;
    let entry = bySetting.get(ft);
    if (!entry) bySetting.set(ft, (entry = { threshold, interval, shortest: interval, ids: [] }));
    entry.shortest = Math.min(entry.shortest, interval);
    entry.interval = Math.max(entry.interval, interval);
    entry.threshold = Math.min(entry.threshold, threshold);
    entry.ids.push(r.id);
  }
  const out: Diagnostic[] = [];
  for (const [ft, { threshold, interval, shortest, ids }] of bySetting) {
    const shown = ids.slice(0, 3).map((i) => `\`${i}\``);
    const who = ids.length > 3 ? `${shown.join(", ")} and ${ids.length - 3} more` : shown.join(ids.length === 2 ? " and " : ", ");
    const finite = threshold < INFINITY;
    const need = finite ? threshold * interval : interval * 2;
    out.push(
      diag(
        "HA4021",
        ft.span,
        `\`failure-timeout = ${ft.value}\` is no longer than the monitor interval (${shortest === interval ? interval : `${shortest}-${interval}`} s): each failure expires before the next can add to it, so ${who} ${ids.length === 1 ? "is" : "are"} restarted in place and never moved`,
        {
          hint: finite
            ? `${threshold} failures take about ${threshold} × ${interval} s: set \`failure-timeout\` to at least ${need}s (e.g. \`${suggest(need)}\`), or \`migration-threshold = 1\` to move on the first failure`
            : `set \`failure-timeout\` well above the monitor interval (e.g. \`${suggest(need)}\`)`,
        },
      ),
    );
  }
  return out;
}

/** A round duration at least `secs` long. */
function suggest(secs: number): string {
  for (const m of [1, 2, 5, 10, 15, 30, 60]) if (m * 60 >= secs) return `${m}min`;
  return `${Math.ceil(secs / 3600)}h`;
}
