import { diag, type Diagnostic, type Related } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { PrimitiveModel, SiteModel } from "./model.js";
import * as V from "./values.js";

/**
 * The N-1 check: for every single host failure, where does each guest go, and
 * does it fit there? Placement follows Pacemaker's scheduler for the cases a
 * site of hacc describes (primitives placed on cluster nodes by location
 * scores and colocations): resources are assigned in Pacemaker's order
 * (priority, score on the current node, best score), each to its best
 * available node (score, then fewest resources, then the node it runs on,
 * then the name). Groups, clones and resources placed inside guests are not
 * predicted. The tests hold these predictions to `crm_simulate`'s.
 */

const INF = 1_000_000;

/** A resource id -> the node it runs on, or undefined when it is stopped. */
export type Placement = ReadonlyMap<string, string | undefined>;

/** A resource the prediction places: a guest's VM or a plain primitive on cluster nodes. */
interface Placeable {
  readonly id: string;
  readonly prim: PrimitiveModel;
  /** The guest node this VM carries, if any. */
  readonly guest?: string;
  readonly index: number;
  readonly priority: number;
  readonly stickiness: number;
  /** Location scores by node (summed, clamped to ±INF); in an opt-in cluster only the listed nodes. */
  readonly base: ReadonlyMap<string, number>;
  readonly util: ReadonlyMap<string, number>;
  /** Where the resource's nodes were listed (for messages). */
  readonly span: Span;
}

interface Coloc {
  readonly dep: string;
  readonly prim: string;
  readonly score: number;
}

/** The parts of a site the prediction needs, indexed once. */
export interface FailoverPlan {
  readonly nodes: readonly string[];
  readonly placeables: readonly Placeable[];
  readonly byId: ReadonlyMap<string, Placeable>;
  /** Colocations where the resource is the dependent ("this with"), and where it is the primary. */
  readonly withOthers: ReadonlyMap<string, readonly Coloc[]>;
  readonly withThis: ReadonlyMap<string, readonly Coloc[]>;
  /** Node capacities: node -> key -> amount, with the declaration's span. */
  readonly capacity: ReadonlyMap<string, { readonly amounts: ReadonlyMap<string, number>; readonly span: Span }>;
  /** `placement-strategy` other than `default`: Pacemaker then refuses a node without room. */
  readonly strict: boolean;
  readonly strategy: string;
  /**
   * The resources that can affect each other through a node: those that may
   * run on a node, joined through colocations. A failure of a node re-places
   * only the resources of its part; the rest keep their places.
   */
  readonly partOfNode: ReadonlyMap<string, readonly Placeable[]>;
}

function clamp(n: number): number {
  return n >= INF ? INF : n <= -INF ? -INF : n;
}

/** Pacemaker's score addition: -INFINITY wins over INFINITY. */
function addScores(a: number, b: number): number {
  if (a <= -INF || b <= -INF) return -INF;
  if (a >= INF || b >= INF) return INF;
  return clamp(a + b);
}

function scoreOf(text: string): number {
  const v = V.scoreValue(text);
  return clamp(v);
}

function setting(list: readonly { key: string; value: string }[], key: string): string | undefined {
  return list.find((s) => s.key === key)?.value;
}

function whole(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^[-+]?INFINITY$/.test(text)) return text.startsWith("-") ? -INF : INF;
  return undefined;
}

/** Indexes a checked site for placement predictions (linear in its size). */
export function planOf(site: SiteModel): FailoverPlan {
  const nodes = new Set(site.nodes);
  const symmetric = (setting(site.properties, "symmetric-cluster") ?? "true").toLowerCase() !== "false";
  const strategy = (setting(site.properties, "placement-strategy") ?? "default").toLowerCase();
  const defaultStickiness = whole(setting(site.rscDefaults, "resource-stickiness")) ?? 0;
  const defaultPriority = whole(setting(site.rscDefaults, "priority")) ?? 0;
  const locations = new Map<string, { node: string; score: number }[]>();
  const onGuestOrRule = new Set<string>();
  for (const c of site.constraints) {
    if (c.kind === "location") {
      if (!nodes.has(c.node)) onGuestOrRule.add(c.rsc);
      let l = locations.get(c.rsc);
      if (!l) locations.set(c.rsc, (l = []));
      l.push({ node: c.node, score: scoreOf(c.score) });
    } else if (c.kind === "only-on") onGuestOrRule.add(c.rsc);
  }
  const placeables: Placeable[] = [];
  let index = 0;
  for (const r of site.resources) {
    if (r.kind !== "primitive" || r.parent !== undefined || onGuestOrRule.has(r.id)) continue;
    const base = new Map<string, number>();
    if (symmetric) for (const n of site.nodes) base.set(n, 0);
    for (const l of locations.get(r.id) ?? []) base.set(l.node, addScores(base.get(l.node) ?? 0, l.score));
    const util = new Map<string, number>();
    for (const u of r.utilization) {
      const n = whole(u.value);
      if (n !== undefined) util.set(u.key, n);
    }
    placeables.push({
      id: r.id,
      prim: r,
      ...(r.guest ? { guest: r.guest.name } : {}),
      index: index++,
      priority: whole(setting(r.meta, "priority")) ?? defaultPriority,
      stickiness: whole(setting(r.meta, "resource-stickiness")) ?? defaultStickiness,
      base,
      util,
      span: r.span,
    });
  }
  const byId = new Map(placeables.map((p) => [p.id, p]));
  const withOthers = new Map<string, Coloc[]>();
  const withThis = new Map<string, Coloc[]>();
  for (const c of site.constraints) {
    if (c.kind !== "colocation" || !byId.has(c.rsc) || !byId.has(c.withRsc)) continue;
    const k: Coloc = { dep: c.rsc, prim: c.withRsc, score: scoreOf(c.score) };
    let a = withOthers.get(k.dep);
    if (!a) withOthers.set(k.dep, (a = []));
    a.push(k);
    let b = withThis.get(k.prim);
    if (!b) withThis.set(k.prim, (b = []));
    b.push(k);
  }
  const capacity = new Map<string, { amounts: Map<string, number>; span: Span }>();
  for (const c of site.capacities ?? []) {
    const amounts = new Map<string, number>();
    for (const s of c.settings) amounts.set(s.key, Number(s.value));
    capacity.set(c.node, { amounts, span: c.span });
  }
  return { nodes: site.nodes, placeables, byId, withOthers, withThis, capacity, strict: strategy !== "default", strategy, partOfNode: parts(site.nodes, placeables, withOthers) };
}

/** Union-find over nodes and resources: linked when a resource may run on a node or two are colocated. */
function parts(nodes: readonly string[], placeables: readonly Placeable[], withOthers: ReadonlyMap<string, readonly Coloc[]>): Map<string, Placeable[]> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const n of nodes) parent.set("node\0" + n, "node\0" + n);
  for (const p of placeables) parent.set("rsc\0" + p.id, "rsc\0" + p.id);
  for (const p of placeables) {
    for (const [n, v] of p.base) if (v > -INF && parent.has("node\0" + n)) union("rsc\0" + p.id, "node\0" + n);
    for (const c of withOthers.get(p.id) ?? []) union("rsc\0" + c.dep, "rsc\0" + c.prim);
  }
  const byRoot = new Map<string, Placeable[]>();
  for (const p of placeables) {
    const r = find("rsc\0" + p.id);
    let l = byRoot.get(r);
    if (!l) byRoot.set(r, (l = []));
    l.push(p);
  }
  const out = new Map<string, Placeable[]>();
  for (const n of nodes) out.set(n, byRoot.get(find("node\0" + n)) ?? []);
  return out;
}

/**
 * Where Pacemaker would place each predictable resource with `up` nodes
 * online, given where resources run now (`current`, for stickiness and
 * tie-breaks). Returns every placeable resource, undefined when stopped.
 */
export function place(plan: FailoverPlan, up: { has(node: string): boolean }, current?: Placement, only: readonly Placeable[] = plan.placeables): Map<string, string | undefined> {
  const scoreNow = (p: Placeable): Map<string, number> => {
    const s = new Map(p.base);
    const at = current?.get(p.id);
    if (at !== undefined && up.has(at) && s.has(at)) s.set(at, addScores(s.get(at)!, p.stickiness));
    return s;
  };
  // Pacemaker's node tables (allowed_nodes): location scores and stickiness, changed by
  // colocations as resources are assigned.
  const scores = new Map(only.map((p) => [p.id, scoreNow(p)]));
  const available = (t: ReadonlyMap<string, number>): boolean => {
    for (const [n, v] of t) if (v >= 0 && up.has(n)) return true;
    return false;
  };
  const merging = new Set<string>();
  /**
   * Folds `other`'s scores, times `factor`, into a copy of `work` (Pacemaker's
   * add_colocated_node_scores): rounded half away from zero and never to zero,
   * a negative factor never turning a ban into a preference; then, while some
   * node is still usable, the resources colocated with `other` (its dependents,
   * or its primaries), each at ±score / INFINITY. With `active`, a fold that
   * leaves no usable node is dropped.
   */
  const fold = (work: ReadonlyMap<string, number>, other: string, factor: number, dir: "dependents" | "primaries", active: boolean): ReadonlyMap<string, number> => {
    const os = scores.get(other);
    if (os === undefined || merging.has(other)) return work;
    merging.add(other);
    const t = new Map(work);
    const f32 = Math.fround(factor);
    for (const [n, v] of t) {
      const w = up.has(n) ? os.get(n) ?? -INF : -INF;
      if (f32 < 0 && w < 0) continue;
      const f = Math.fround(f32 * w);
      let add = Math.trunc(f < 0 ? f - 0.5 : f + 0.5);
      if (add === 0 && w !== 0) add = f32 > 0 ? 1 : f32 < 0 ? -1 : 0;
      t.set(n, addScores(add, v));
    }
    let out: ReadonlyMap<string, number> = t;
    if (available(t)) {
      const next = dir === "dependents" ? (plan.withThis.get(other) ?? []).map((c) => [c.dep, c.score] as const) : (plan.withOthers.get(other) ?? []).map((c) => [c.prim, c.score] as const);
      for (const [o, score] of next) out = fold(out, o, (Math.sign(f32) * score) / INF, dir, true);
    } else if (active) out = work;
    merging.delete(other);
    return out;
  };
  /** The scores Pacemaker sorts a resource by: its own, with its primaries' folded in. */
  const sortScores = (p: Placeable): ReadonlyMap<string, number> => {
    if (p.guest !== undefined) {
      // A guest is sorted as its connection resource: 0 on every node, with the VM's
      // scores on the nodes that are up (and its primaries') folded in at full weight.
      const zeros = new Map(plan.nodes.map((n) => [n, 0]));
      return available(zeros) ? fold(zeros, p.id, 1, "primaries", true) : zeros;
    }
    let t: ReadonlyMap<string, number> = scores.get(p.id)!;
    merging.add(p.id);
    if (available(t)) for (const c of plan.withOthers.get(p.id) ?? []) t = fold(t, c.prim, c.score / INF, "primaries", true);
    merging.delete(p.id);
    return t;
  };
  // Pacemaker's order: priority, then the score on the current node, then the
  // scores node by node in name order (absent = -INFINITY), then the CIB's order.
  // Each resource's scores are kept sparse and sorted by node name.
  interface Key {
    readonly priority: number;
    readonly onCurrent: number;
    readonly byName: readonly (readonly [string, number])[];
  }
  const keyOf = (p: Placeable): Key => {
    const s = sortScores(p);
    const at = current?.get(p.id);
    const onCurrent = at !== undefined && up.has(at) ? s.get(at) ?? -INF : -INF;
    const byName = [...s].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    return { priority: p.priority, onCurrent, byName };
  };
  const keys = new Map(plan.strict ? only.map((p) => [p.id, keyOf(p)]) : []);
  const compareByName = (a: Key["byName"], b: Key["byName"]): number => {
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const na = a[i]?.[0];
      const nb = b[j]?.[0];
      let va: number;
      let vb: number;
      if (nb === undefined || (na !== undefined && na < nb)) {
        va = a[i++]![1];
        vb = -INF;
      } else if (na === undefined || nb < na) {
        va = -INF;
        vb = b[j++]![1];
      } else {
        va = a[i++]![1];
        vb = b[j++]![1];
      }
      if (va !== vb) return vb - va;
    }
    return 0;
  };
  // Pacemaker assigns guest connections first (each pulling in its VM), then the rest; it sorts
  // resources only with a placement-strategy other than `default`, else keeps the CIB's order.
  const byKey = (a: Placeable, b: Placeable): number => {
    const ka = keys.get(a.id)!;
    const kb = keys.get(b.id)!;
    return kb.priority - ka.priority || kb.onCurrent - ka.onCurrent || compareByName(ka.byName, kb.byName) || a.index - b.index;
  };
  const vms = only.filter((p) => p.guest !== undefined);
  const rest = only.filter((p) => p.guest === undefined);
  const order = plan.strict ? [...vms.sort(byKey), ...rest.sort(byKey)] : [...vms, ...rest];

  const result = new Map<string, string | undefined>();
  const busy = new Set<string>();
  const count = new Map<string, number>();
  const used = new Map<string, Map<string, number>>();

  const fits = (p: Placeable, node: string): boolean => {
    if (!plan.strict || p.util.size === 0) return true;
    const cap = plan.capacity.get(node)?.amounts;
    const u = used.get(node);
    for (const [k, need] of p.util) if ((cap?.get(k) ?? 0) - (u?.get(k) ?? 0) < need) return false;
    return true;
  };

  const assign = (p: Placeable): string | undefined => {
    if (result.has(p.id)) return result.get(p.id);
    if (busy.has(p.id)) return undefined;
    busy.add(p.id);
    const me = scores.get(p.id)!;
    const replace = (t: ReadonlyMap<string, number>) => {
      if (t === me) return;
      const copy = [...t];
      me.clear();
      for (const [n, v] of copy) me.set(n, v);
    };
    // As a dependent: place the other resource first, then apply the colocation to our scores;
    // a finite negative one that would leave no usable node is reverted.
    const thisWith = (c: Coloc) => {
      const archive = c.score < 0 && c.score > -INF ? new Map(me) : undefined;
      assign(plan.byId.get(c.prim)!);
      const at = result.get(c.prim);
      if (c.score >= INF) {
        for (const n of me.keys()) if (n !== at) me.set(n, -INF);
      } else if (c.score <= -INF) {
        if (at !== undefined && me.has(at)) me.set(at, -INF);
      } else if (at !== undefined && me.has(at)) me.set(at, addScores(me.get(at)!, c.score));
      if (archive && !available(me)) replace(archive);
    };
    // As the primary: resources colocated with this one pull (or push) it by their scores.
    const withThis = (c: Coloc) => replace(fold(me, c.dep, c.score / INF, "dependents", true));
    const mandatory = (c: Coloc) => c.score >= INF || c.score <= -INF;
    const deps = plan.withOthers.get(p.id) ?? [];
    const dependents = plan.withThis.get(p.id) ?? [];
    for (const c of deps) if (mandatory(c)) thisWith(c);
    for (const c of dependents) if (mandatory(c)) withThis(c);
    for (const c of deps) if (!mandatory(c)) thisWith(c);
    for (const c of dependents) if (!mandatory(c)) withThis(c);
    const s = new Map<string, number>();
    for (const [n, v] of me) if (up.has(n)) s.set(n, v);
    const at = current?.get(p.id);
    // The best node: highest score, then fewest resources, then where it runs now, then the name.
    let best: string | undefined;
    for (const [n, v] of s) {
      if (v < 0 || !fits(p, n)) continue;
      if (best === undefined) {
        best = n;
        continue;
      }
      const bv = s.get(best)!;
      if (v !== bv) {
        if (v > bv) best = n;
        continue;
      }
      const cn = count.get(n) ?? 0;
      const cb = count.get(best) ?? 0;
      if (cn !== cb) {
        if (cn < cb) best = n;
        continue;
      }
      if ((n === at) !== (best === at)) {
        if (n === at) best = n;
        continue;
      }
      if (n < best) best = n;
    }
    result.set(p.id, best);
    busy.delete(p.id);
    if (best !== undefined) {
      // A guest's VM brings its remote connection resource to the same node.
      count.set(best, (count.get(best) ?? 0) + (p.guest !== undefined ? 2 : 1));
      let u = used.get(best);
      if (!u) used.set(best, (u = new Map()));
      for (const [k, v] of p.util) u.set(k, (u.get(k) ?? 0) + v);
    }
    return best;
  };
  for (const p of order) assign(p);
  return result;
}

/** A placement that differs from a base one in a few resources, without copying the base. */
class Overlay implements ReadonlyMap<string, string | undefined> {
  constructor(
    private readonly base: Placement,
    private readonly top: Placement,
  ) {}
  get(id: string): string | undefined {
    return this.top.has(id) ? this.top.get(id) : this.base.get(id);
  }
  has(id: string): boolean {
    return this.top.has(id) || this.base.has(id);
  }
  get size(): number {
    return [...this.keys()].length;
  }
  *keys(): IterableIterator<string> {
    yield* this.base.keys();
    for (const k of this.top.keys()) if (!this.base.has(k)) yield k;
  }
  *values(): IterableIterator<string | undefined> {
    for (const k of this.keys()) yield this.get(k);
  }
  *entries(): IterableIterator<[string, string | undefined]> {
    for (const k of this.keys()) yield [k, this.get(k)];
  }
  [Symbol.iterator](): IterableIterator<[string, string | undefined]> {
    return this.entries();
  }
  forEach(cb: (value: string | undefined, key: string, map: ReadonlyMap<string, string | undefined>) => void): void {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }
}

/** What one host failure does to the site. */
export interface FailureScenario {
  readonly failed: string;
  readonly after: Placement;
  /** Resources that run elsewhere afterwards (or stop), in declaration order. */
  readonly moves: readonly { readonly id: string; readonly guest?: string; readonly from?: string; readonly to?: string }[];
}

/** The prediction for all hosts up and for every single host failure. */
export interface FailoverReport {
  readonly plan: FailoverPlan;
  readonly allUp: Placement;
  readonly scenarios: readonly FailureScenario[];
}

/** Predicts the all-up placement, then each single host failure from it. */
export function failoverReport(site: SiteModel, failures: readonly (readonly string[])[] = site.nodes.map((n) => [n])): FailoverReport {
  const plan = planOf(site);
  const all = new Set(site.nodes);
  const allUp = place(plan, all);
  // With nothing failed, where everything stays once running (stickiness, current nodes).
  const steady = place(plan, all, allUp);
  const drift = plan.placeables.filter((p) => steady.get(p.id) !== allUp.get(p.id));
  const scenarios = failures.map((failed) => {
    // The nodes left up, asked node by node: a copy of every node per failure would be quadratic.
    const down = new Set(failed);
    const up = { has: (n: string) => all.has(n) && !down.has(n) };
    const touched = new Set<Placeable>();
    for (const f of failed) for (const p of plan.partOfNode.get(f) ?? []) touched.add(p);
    const after = new Overlay(steady, place(plan, up, allUp, [...touched]));
    // Only these can have moved; in declaration order (`index`), without a pass over every resource.
    const candidates = [...new Set([...drift, ...touched])].sort((a, b) => a.index - b.index);
    const moves = candidates
      .filter((p) => after.get(p.id) !== allUp.get(p.id))
      .map((p) => {
        const from = allUp.get(p.id);
        const to = after.get(p.id);
        return { id: p.id, ...(p.guest ? { guest: p.guest } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
      });
    return { failed: failed.join(", "), after, moves };
  });
  return { plan, allUp, scenarios };
}

function tick(s: string): string {
  return "`" + s + "`";
}

function list(xs: readonly string[]): string {
  return xs.map(tick).join(", ");
}

/** Sums utilization on each node of a placement (over `among`, by default every resource). */
function load(plan: FailoverPlan, placement: Placement, among: readonly Placeable[] = plan.placeables): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const p of among) {
    const at = placement.get(p.id);
    if (at === undefined) continue;
    let u = out.get(at);
    if (!u) out.set(at, (u = new Map()));
    for (const [k, v] of p.util) u.set(k, (u.get(k) ?? 0) + v);
  }
  return out;
}

/** Declared capacity keys of `node` that `placement` exceeds: key, needed, offered. */
function overloads(plan: FailoverPlan, loads: Map<string, Map<string, number>>, node: string): { key: string; need: number; has: number }[] {
  const cap = plan.capacity.get(node);
  if (!cap) return [];
  const u = loads.get(node);
  const out: { key: string; need: number; has: number }[] = [];
  for (const [key, has] of cap.amounts) {
    const need = u?.get(key) ?? 0;
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
  const report = failoverReport(site);
  const { plan, allUp } = report;
  const out: Diagnostic[] = [];
  const strategyHint = plan.strict
    ? `with \`placement-strategy = ${plan.strategy}\` Pacemaker leaves it stopped; add capacity, or let it fail over to another host`
    : "Pacemaker's `placement-strategy` is `default`, which ignores utilization: it would start the guest anyway and overcommit the host; add capacity or another failover host, and set `property placement-strategy = utilization;` to have Pacemaker enforce it";

  // All hosts up: every host within its declared capacity.
  const upLoads = load(plan, allUp);
  for (const node of plan.nodes) {
    const over = overloads(plan, upLoads, node);
    if (over.length === 0) continue;
    const here = plan.placeables.filter((p) => allUp.get(p.id) === node && p.util.size > 0);
    out.push(
      diag(
        "HA4013",
        utilSpan(here[here.length - 1] ?? plan.placeables[0]!),
        `with all hosts up, ${tick(node)} runs ${list(here.map((p) => p.guest ?? p.id))}, which need ${over.map((o) => `${o.need} ${o.key}`).join(" and ")}; it has ${over.map((o) => `${o.has}`).join(" and ")}`,
        { hint: "spread the guests over the hosts or raise the host's declared capacity", related: [{ span: plan.capacity.get(node)!.span, message: `the capacity of ${tick(node)}` }] },
      ),
    );
  }

  for (const sc of report.scenarios) {
    const failed = sc.failed;
    // Guests that lived on the failed host, or were pushed off elsewhere, and now stop.
    for (const m of sc.moves) {
      const p = plan.byId.get(m.id)!;
      if (p.guest === undefined || m.to !== undefined) continue;
      const allowed = [...p.base].filter(([n, v]) => n !== failed && v >= 0).map(([n]) => n);
      if (allowed.length === 0) {
        out.push(
          diag("HA4011", p.span, `if ${tick(failed)} fails, guest ${tick(p.guest)} has nowhere to go: ${tick(failed)} is the only host it may run on`, {
            hint: `list a second host for it, e.g. \`on ${failed} prefer 500, OTHER 100\``,
          }),
        );
      } else {
        const full = plan.strict
          ? allowed.filter((n) => overloads(plan, load(plan, new Overlay(sc.after, new Map([[p.id, n]])), plan.partOfNode.get(n)), n).length > 0)
          : [];
        const why =
          full.length > 0
            ? `${list(full)} ${full.length === 1 ? "has" : "have"} no room for it`
            : "its constraints rule out every host that is left";
        out.push(
          diag("HA4012", p.span, `if ${tick(failed)} fails, guest ${tick(p.guest)} stops: it may run on ${list(allowed)}, but ${why}`, {
            hint:
              full.length > 0
                ? `raise the declared capacity of ${list(full)} or give the guest another failover host`
                : "check its colocations and location scores against the remaining hosts",
          }),
        );
      }
    }
    // Hosts that receive guests: within their declared capacity afterwards.
    const loads = new Map<string, Map<string, number>>();
    for (const m of sc.moves) if (m.to !== undefined && !loads.has(m.to)) loads.set(m.to, load(plan, sc.after, plan.partOfNode.get(m.to))?.get(m.to) ?? new Map());
    const arriving = new Map<string, Placeable[]>();
    for (const m of sc.moves) {
      const p = plan.byId.get(m.id)!;
      // Only arrivals that use capacity can push a host over it.
      if (m.to === undefined || p.util.size === 0) continue;
      let a = arriving.get(m.to);
      if (!a) arriving.set(m.to, (a = []));
      a.push(p);
    }
    for (const [node, moved] of arriving) {
      const over = overloads(plan, loads, node);
      if (over.length === 0) continue;
      const who = moved.map((p) => p.guest ?? p.id);
      const related: Related[] = [{ span: plan.capacity.get(node)!.span, message: `the capacity of ${tick(node)}` }];
      for (const p of moved.slice(1)) related.push({ span: utilSpan(p), message: `${tick(p.guest ?? p.id)} moves too` });
      out.push(
        diag(
          "HA4013",
          utilSpan(moved[0]!),
          `if ${tick(failed)} fails, ${list(who)} ${who.length === 1 ? "moves" : "move"} to ${tick(node)}, which then needs ${over.map((o) => `${o.need} ${o.key}`).join(" and ")} and has ${over.map((o) => `${o.has}`).join(" and ")}`,
          { hint: strategyHint, related },
        ),
      );
    }
  }
  return out;
}
