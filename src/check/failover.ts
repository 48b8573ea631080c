import { diag, type Diagnostic, type Related } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import { failureSets, predict, type FailoverPlan, type Placeable, type Prediction } from "../placement/index.js";
import { prerequisites } from "../placement/orders.js";
import { DEFAULT_HOST_FAILURES } from "./names.js";
import type { SiteModel } from "./model.js";

/**
 * The N-1 rule: for every single host failure, where does each guest go, and
 * does it fit there? The prediction is placement's (src/placement/, a model
 * of Pacemaker's scheduler); this rule turns it into diagnostics: a guest
 * with nowhere to go (HA4011), a guest that stops although another host is
 * allowed (HA4012), a host over its declared capacity (HA4013).
 */

function tick(s: string): string {
  return "`" + s + "`";
}

function list(xs: readonly string[]): string {
  return xs.map(tick).join(", ");
}

/** The utilization the resources `among` use on `node`, with each placed where `nodeOf` says. */
function loadOn(node: number, among: readonly Placeable[], nodeOf: (p: Placeable) => number): Map<string, number> {
  const u = new Map<string, number>();
  for (const p of among) {
    if (nodeOf(p) !== node) continue;
    for (const [k, v] of p.util) u.set(k, (u.get(k) ?? 0) + v);
  }
  return u;
}

/** Declared capacity keys of `node` that a load exceeds: key, needed, offered. */
function overloads(plan: FailoverPlan, node: number, load: ReadonlyMap<string, number> | undefined): { key: string; need: number; has: number }[] {
  const cap = plan.capacity[node];
  if (!cap) return [];
  const out: { key: string; need: number; has: number }[] = [];
  for (const [key, has] of cap.amounts) {
    const need = load?.get(key) ?? 0;
    if (need > has) out.push({ key, need, has });
  }
  return out;
}

function utilSpan(p: Placeable): Span {
  return p.prim.utilization[0]?.span ?? p.span;
}

/**
 * The N-1 check. With all hosts up and after each single host failure, every
 * guest must have somewhere to run, and the hosts that receive guests must
 * have the declared capacity for them. Linear in the site per failure.
 */
export function checkFailover(site: SiteModel | undefined): Diagnostic[] {
  if (site === undefined || site.nodes.length === 0) return [];
  const k = site.hostFailures ?? DEFAULT_HOST_FAILURES;
  if (k === 0) return [];
  const report = predict(site, (plan) => failureSets(plan, k));
  const { plan, allUp } = report;
  const out: Diagnostic[] = [];
  const strategyHint = plan.strict
    ? `with \`placement-strategy = ${plan.strategy}\` Pacemaker leaves it stopped; add capacity, or let it fail over to another host`
    : "Pacemaker's `placement-strategy` is `default`, which ignores utilization: it would start the guest anyway and overcommit the host; add capacity or another failover host, and set `property placement-strategy = utilization;` to have Pacemaker enforce it";
  const capacitySpan = (node: number) => plan.capacity[node]!.span;

  out.push(...notStarted(site, report));

  // All hosts up: every host within its declared capacity.
  if (plan.capacity.some((c) => c !== undefined)) {
    const upAt = (p: Placeable) => allUp.nodeOf(p);
    const here = new Map<number, Placeable[]>();
    const upLoads = new Map<number, Map<string, number>>();
    for (const p of plan.placeables) {
      const n = upAt(p);
      if (n < 0 || plan.capacity[n] === undefined || p.util.size === 0) continue;
      let h = here.get(n);
      if (!h) here.set(n, (h = []));
      h.push(p);
      let u = upLoads.get(n);
      if (!u) upLoads.set(n, (u = new Map()));
      for (const [k, v] of p.util) u.set(k, (u.get(k) ?? 0) + v);
    }
    for (let node = 0; node < plan.nodes.length; node++) {
      const over = overloads(plan, node, upLoads.get(node));
      if (over.length === 0) continue;
      const on = here.get(node) ?? [];
      const name = plan.nodes[node]!;
      out.push(
        diag(
          "HA4013",
          utilSpan(on[on.length - 1] ?? plan.placeables[0]!),
          `with all hosts up, ${tick(name)} runs ${list(on.map((p) => p.guest ?? p.id))}, which need ${over.map((o) => `${o.need} ${o.key}`).join(" and ")}; it has ${over.map((o) => `${o.has}`).join(" and ")}`,
          { hint: "spread the guests over the hosts or raise the host's declared capacity", related: [{ span: capacitySpan(node), message: `the capacity of ${tick(name)}` }] },
        ),
      );
    }
  }

  for (const sc of report.scenarios) {
    const failedSet = new Set(sc.failed.split(", "));
    const failedList = [...failedSet];
    // "`a` fails", "`a` and `b` fail".
    const failed = failedList.join("` and `");
    const fails = failedList.length === 1 ? "fails" : "fail";
    const after = sc.after;
    // Guests that lived on the failed host, or were pushed off elsewhere, and now stop.
    for (let k = 0; k < sc.moves.length; k++) {
      const m = sc.moves[k]!;
      const p = sc.moved[k]!;
      if (p.guest === undefined || m.to !== undefined) continue;
      const allowed: number[] = [];
      for (let i = 0; i < p.on.length; i++) if (p.base[i]! >= 0 && !failedSet.has(plan.nodes[p.on[i]!]!)) allowed.push(p.on[i]!);
      const names = allowed.map((n) => plan.nodes[n]!);
      if (allowed.length === 0) {
        const own = p.on.filter((_, i) => p.base[i]! >= 0).map((n) => plan.nodes[n]!);
        out.push(
          diag("HA4011", p.span, `if ${tick(failed)} ${fails}, guest ${tick(p.guest)} has nowhere to go: ${own.length <= 1 ? `${list(own.length ? own : failedList)} is the only host` : `${list(own)} are the only hosts`} it may run on`, {
            hint: `list a second host for it, e.g. \`on ${failedList[0]} prefer 500, OTHER 100\``,
          }),
        );
      } else {
        // Hosts that would be over capacity with the guest on them.
        const full = plan.strict
          ? allowed.filter((n) => overloads(plan, n, loadOn(n, plan.partOfNode[n]!, (q) => (q === p ? n : after.nodeOf(q)))).length > 0).map((n) => plan.nodes[n]!)
          : [];
        const why =
          full.length > 0
            ? `${list(full)} ${full.length === 1 ? "has" : "have"} no room for it`
            : "its constraints rule out every host that is left";
        out.push(
          diag("HA4012", p.span, `if ${tick(failed)} ${fails}, guest ${tick(p.guest)} stops: it may run on ${list(names)}, but ${why}`, {
            hint:
              (full.length > 0
                ? `raise the declared capacity of ${list(full)} or give the guest another failover host`
                : "check its colocations and location scores against the remaining hosts") + mayDiffer(sc.uncertain, [p], failedList),
          }),
        );
      }
    }
    // Hosts that receive guests: within their declared capacity afterwards. Only arrivals that
    // use capacity, on a host that declares it, can push a host over it.
    const arriving = new Map<number, Placeable[]>();
    for (let k = 0; k < sc.moves.length; k++) {
      const m = sc.moves[k]!;
      const p = sc.moved[k]!;
      if (m.to === undefined) continue;
      const to = plan.nodeIndex.get(m.to)!;
      if (p.util.size === 0 || plan.capacity[to] === undefined) continue;
      let a = arriving.get(to);
      if (!a) arriving.set(to, (a = []));
      a.push(p);
    }
    for (const [node, moved] of arriving) {
      const over = overloads(plan, node, loadOn(node, plan.partOfNode[node]!, (q) => after.nodeOf(q)));
      if (over.length === 0) continue;
      const name = plan.nodes[node]!;
      const who = moved.map((p) => p.guest ?? p.id);
      const related: Related[] = [{ span: capacitySpan(node), message: `the capacity of ${tick(name)}` }];
      for (const p of moved.slice(1)) related.push({ span: utilSpan(p), message: `${tick(p.guest ?? p.id)} moves too` });
      out.push(
        diag(
          "HA4013",
          utilSpan(moved[0]!),
          `if ${tick(failed)} ${fails}, ${list(who)} ${who.length === 1 ? "moves" : "move"} to ${tick(name)}, which then needs ${over.map((o) => `${o.need} ${o.key}`).join(" and ")} and has ${over.map((o) => `${o.has}`).join(" and ")}`,
          { hint: strategyHint + mayDiffer(sc.uncertain, [...moved, ...plan.partOfNode[node]!.filter((q) => after.nodeOf(q) === node)], failedList), related },
        ),
      );
    }
  }
  return out;
}

/**
 * A finding that rests on a placement hacc reports as uncertain (a resource it
 * does not predict may change it, placement/uncertainty.ts) is still made,
 * and its hint says so, with the first such resource and why.
 */
function mayDiffer(uncertain: ReadonlyMap<string, string>, on: readonly Placeable[], failed: readonly string[]): string {
  if (uncertain.size === 0) return "";
  const p = on.find((q) => uncertain.has(q.id));
  if (p === undefined) return "";
  return `; this rests on hacc's placement of ${tick(p.id)}, which may differ in Pacemaker (${uncertain.get(p.id)!}): \`hacc simulate${failed.length > 0 ? ` --fail ${failed.join(",")}` : ""}\` asks Pacemaker`;
}

/**
 * HA4027: a resource the prediction leaves stopped with every host up,
 * though a node is allowed to it (HA4006 is the one no node allows) and it
 * is not meant to be stopped: why, as far as one reason explains it.
 */
function notStarted(site: SiteModel, report: Prediction): Diagnostic[] {
  const { plan, allUp } = report;
  const out: Diagnostic[] = [];
  let after: ReturnType<typeof prerequisites> | undefined;
  for (const p of plan.placeables) {
    if (p.stopped || allUp.nodeOf(p) >= 0 || report.allUpUndetermined.has(p.id)) continue;
    const hosts = p.on.filter((n, i) => n < plan.hostCount && p.base[i]! >= 0);
    if (hosts.length === 0) continue; // meant to be stopped (target-role), or HA4006's
    after ??= prerequisites(site);
    const blocker = after.get(p.id)?.find((f) => plan.byId.get(f.id) !== undefined && allUp.get(f.id) === undefined)?.id;
    const full = plan.strict ? hosts.filter((n) => overloads(plan, n, loadOn(n, plan.partOfNode[n]!, (q) => (q === p ? n : allUp.nodeOf(q)))).length > 0) : [];
    const why =
      blocker !== undefined
        ? `it must start after ${tick(blocker)} (a mandatory order or an INFINITY colocation), which does not run`
        : full.length === hosts.length
          ? `${list(full.map((n) => plan.nodes[n]!))} ${full.length === 1 ? "has" : "have"} no room left for it once the others are placed`
          : "its colocations and scores leave it no node once the others are placed";
    out.push(
      diag("HA4027", p.span, `${p.guest !== undefined ? `guest ${tick(p.guest)}` : tick(p.id)} does not start even with every host up (as hacc predicts Pacemaker): ${why}`, {
        hint:
          (blocker !== undefined
            ? `make ${tick(blocker)} runnable, or the order optional`
            : full.length === hosts.length
              ? "add capacity, ask for less, or allow another host"
              : "check its colocations and location scores (`hacc simulate SITE` shows where everything runs)") + mayDiffer(report.allUpUncertain, [p], []),
      }),
    );
  }
  return out;
}
