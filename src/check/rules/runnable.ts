import { diag, type Diagnostic, type Related } from "../../diagnostics/diagnostic.js";
import { childrenOf, type PrimitiveModel, type ResourceModel, type SiteModel } from "../model.js";

/**
 * HA4006: a resource that cannot run anywhere even with every host up: in an
 * opt-in cluster, no location allows it (nor its parent's, nor a child's);
 * or, under a placement-strategy other than `default`, its utilization is
 * more than every host it may run on offers (a node offers 0 of what it does
 * not declare, as Pacemaker counts it).
 */
export function runnable(site: SiteModel): Diagnostic[] {
  return [...optIn(site), ...capacity(site)];
}

function optIn(site: SiteModel): Diagnostic[] {
  if (site.symmetric) return [];
  const { allowed, failed, ruled } = site.placement;
  const related: Related[] = site.symmetricSpan ? [{ span: site.symmetricSpan, message: "the cluster is opt-in here" }] : [];
  const out: Diagnostic[] = [];
  for (const r of site.resources) {
    let ok = false;
    for (let cur: ResourceModel | undefined = r; cur; cur = cur.parent ? site.byId.get(cur.parent) : undefined) {
      if ((allowed.get(cur.id)?.length ?? 0) > 0 || ruled.has(cur.id)) ok = true;
    }
    if (ok || failed.has(r.id)) continue;
    if (childrenOf(r).some((c) => (allowed.get(c)?.length ?? 0) > 0 || ruled.has(c))) continue;
    out.push(
      diag("HA4006", r.span, `\`${r.id}\` can never run: the cluster is opt-in and no location allows it on any node`, {
        hint: `add \`on NODE prefer SCORE\` to it${r.parent ? ` or to \`${r.parent}\`` : ""}`,
        related,
      }),
    );
  }
  return out;
}

function capacity(site: SiteModel): Diagnostic[] {
  const strategy = site.properties.filter((p) => p.key === "placement-strategy").at(-1);
  if (!strategy || strategy.value === "default") return [];
  const offers = new Map<string, ReadonlyMap<string, number>>();
  for (const c of site.capacities ?? []) offers.set(c.node, new Map(c.settings.map((s) => [s.key, Number(s.value)])));
  const out: Diagnostic[] = [];
  for (const r of site.resources) {
    if (r.kind !== "primitive" || r.utilization.length === 0 || site.placement.failed.has(r.id)) continue;
    const hosts = hostsFor(site, r);
    if (hosts === undefined || hosts.length === 0) continue; // inside a guest, or nowhere (the opt-in check says so)
    const short = hosts.map((h) => ({ h, lack: r.utilization.filter((u) => Number(u.value) > (offers.get(h)?.get(u.key) ?? 0)) }));
    if (short.some((s) => s.lack.length === 0)) continue;
    const why = short.map(({ h, lack }) => `\`${h}\` offers ${lack.map((u) => `${u.key} ${offers.get(h)?.get(u.key) ?? 0} < ${u.value}`).join(", ")}`);
    out.push(
      diag("HA4006", r.span, `\`${r.id}\` can never run: its utilization fits on none of the hosts it may run on (${why.join("; ")})`, {
        hint: "declare more capacity (`utilization NODE KEY = VALUE;`), ask for less, or allow a bigger host",
        related: [{ span: strategy.span, message: `\`placement-strategy = ${strategy.value}\` makes Pacemaker enforce utilization` }],
      }),
    );
  }
  return out;
}

/** The cluster nodes `r` may run on with every host up; undefined when it runs inside a guest. */
function hostsFor(site: SiteModel, r: PrimitiveModel): readonly string[] | undefined {
  const nodes = new Set(site.nodes);
  const chain: ResourceModel[] = [];
  for (let cur: ResourceModel | undefined = r; cur; cur = cur.parent ? site.byId.get(cur.parent) : undefined) chain.push(cur);
  const allowed = chain.flatMap((c) => site.placement.allowed.get(c.id) ?? []);
  if (allowed.some((n) => !nodes.has(n))) return undefined;
  const banned = (n: string): boolean => chain.some((c) => site.placement.banned.get(c.id)?.has(n));
  const base = site.symmetric ? site.nodes : [...new Set(allowed)];
  return base.filter((n) => !banned(n));
}
