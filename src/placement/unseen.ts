import { childrenOf, type ResourceModel, type SiteModel } from "../check/model.js";
import type { Rule } from "../ir/types.js";
import { INF, scoreOf, whole } from "./scores.js";
import type { FailoverPlan, Placeable } from "./site-index.js";

/**
 * The resources Pacemaker places and the prediction does not (groups, clones,
 * bundles, services inside guests, primitives it reports as not predicted):
 * unseen by the placer, they count nothing on a node and take no room there.
 * Pacemaker's tie-break between nodes of equal score reads both (2.1.5
 * pcmk_sched_nodes.c compare_nodes: free capacity under `balanced`, then
 * `num_resources`, which pcmk__finalize_assignment raises as each resource is
 * assigned), so a tie a predicted resource meets on a node one of these may
 * take is uncertain (placer.ts `judge`). Listed here: by node, the unseen
 * resources that may be assigned there, with their turn (when Pacemaker
 * assigns them, pcmk_sched_allocate.c allocate_resources: remote connections
 * first, then the rest in priority and CIB order; under a placement-strategy
 * the order is sorted by scores, and every unseen resource is taken as first).
 */

/** One unseen resource that may run on a node. */
interface Entry {
  readonly turn: number;
  readonly id: string;
  /** How many it may add to the node's resource count (a clone or bundle: any number). */
  readonly weight: number;
  /** Whether it has utilization (takes room under a placement-strategy). */
  readonly util: boolean;
  /** The utilization it may take on one node, by key (a clone or bundle: Infinity). */
  readonly amounts: ReadonlyMap<string, number>;
}

/** What an unseen resource may add to a node before a given turn. */
export interface UnseenLoad {
  readonly weight: number;
  readonly util: boolean;
  /** The utilization they may take there together, by key. */
  readonly amounts: ReadonlyMap<string, number>;
  /** The first such resource, to name. */
  readonly id: string | undefined;
}

const NO_LOAD: UnseenLoad = { weight: 0, util: false, amounts: new Map(), id: undefined };
/** A clone or a bundle may put any number of instances on a node. */
const MANY = 1_000_000;

export interface Unseen {
  /** The unseen resources that may be assigned to `node` before the top-level call of `turn`. */
  before(node: number, turn: number): UnseenLoad;
  /** The turn of a placeable's top-level call. */
  turnOf(p: Placeable): number;
  /** By node number: the VM (an unseen resource) carrying that guest node, whose guest node may be down while the placer takes it as up. */
  readonly vmUnseen: ReadonlyMap<number, string>;
  /** Whether an unseen resource may touch a node some resource of the part may run on. */
  exposed(part: readonly Placeable[]): boolean;
  /** Whether the site has any unseen resource at all. */
  readonly any: boolean;
}

function leaves(site: SiteModel, r: ResourceModel): ResourceModel[] {
  if (r.kind === "primitive") return [r];
  return childrenOf(r).flatMap((c) => {
    const x = site.byId.get(c);
    return x ? leaves(site, x) : [];
  });
}

function meta(list: readonly { key: string; value: string }[], key: string): string | undefined {
  return list.find((m) => m.key === key)?.value;
}

/**
 * The scores of rules that test the node's name alone (`"#uname" eq NODE`, `ne NODE`; Pacemaker compares strings
 * without case), by node number; undefined for any other rule, or one with a role, which this reading does not place.
 */
function unameRules(rules: readonly Rule[], role: string | undefined, nodes: readonly string[]): [number, number][] | undefined {
  if (role !== undefined) return undefined;
  const out: [number, number][] = [];
  for (const r of rules) {
    const e = r.expressions.length === 1 ? r.expressions[0]! : undefined;
    if (r.role !== undefined || r.score === undefined || e?.kind !== "expression" || e.attribute !== "#uname" || e.value === undefined) return undefined;
    if ((e.type !== undefined && e.type !== "string") || e.valueSource !== undefined || (e.operation !== "eq" && e.operation !== "ne")) return undefined;
    const value = e.value.toLowerCase();
    for (let n = 0; n < nodes.length; n++) if ((nodes[n]!.toLowerCase() === value) === (e.operation === "eq")) out.push([n, scoreOf(r.score)]);
  }
  return out;
}

export function unseenOf(site: SiteModel, plan: FailoverPlan): Unseen {
  const tops = site.resources.filter((r) => r.parent === undefined);
  const unseen = tops.filter((r) => !(r.kind === "primitive" && plan.byId.has(r.id)));
  const nodeCount = plan.nodes.length;
  const allNodes = [...plan.nodes.keys()];
  const hosts = allNodes.slice(0, plan.hostCount);
  const defaultPriority = whole(meta(site.rscDefaults, "priority")) ?? 0;
  // The top-level resource each resource id belongs to.
  const topOf = new Map<string, string>();
  for (const t of tops) {
    const walk = (id: string) => {
      topOf.set(id, t.id);
      const r = site.byId.get(id);
      if (r) for (const c of childrenOf(r)) walk(c);
    };
    walk(t.id);
  }
  // Locations by top-level resource; a location this reading cannot place (a rule, a set, a pattern, a tag or template) lets it run anywhere.
  const plain = new Map<string, Map<number, number>>();
  const anywhere = new Set<string>();
  let anyUnread = false;
  for (const { constraint: c } of site.constraints) {
    if (c.kind !== "location" && c.kind !== "location-rule") continue;
    const top = c.set === undefined && c.pattern === undefined ? topOf.get(c.rsc) : undefined;
    if (top === undefined) {
      anyUnread = true;
      continue;
    }
    const own = (n: number, s: number) => {
      let m = plain.get(top);
      if (!m) plain.set(top, (m = new Map()));
      // A member's ban does not keep its group off the node (another member's location may still place it there): only the top's own ban counts.
      if (s <= -INF) {
        if (c.rsc === top) m.set(n, -INF);
      } else if (m.get(n) !== -INF) m.set(n, s);
    };
    if ((c.discovery ?? "").toLowerCase() === "exclusive") anywhere.add(top);
    else if (c.kind === "location-rule") {
      const on = unameRules(c.rules, c.role, plan.nodes);
      if (on === undefined) anywhere.add(top);
      else for (const [n, s] of on) own(n, s);
    } else {
      const n = plan.nodeIndex.get(c.node);
      if (n !== undefined) own(n, scoreOf(c.score));
    }
  }
  const strict = plan.strict;
  // Pacemaker's order of top-level calls: remote connections (a guest's, each pulling in its VM) first, in CIB order; the rest by priority, then CIB order.
  const order = tops.map((r, i) => {
    const remote = r.kind === "primitive" && (r.guest !== undefined || r.agentText === "ocf:pacemaker:remote");
    const priority = remote ? defaultPriority : (whole(meta(r.meta, "priority")) ?? defaultPriority);
    return { id: r.id, pass: remote ? 0 : 1, priority, i };
  });
  order.sort((a, b) => a.pass - b.pass || (a.pass === 1 ? b.priority - a.priority : 0) || a.i - b.i);
  const turn = new Map<string, number>();
  order.forEach((o, k) => turn.set(o.id, k));
  const remotes = order.filter((o) => o.pass === 0).length;
  // An unseen resource another one depends on (a colocation "dep with it") is assigned when that one is, if earlier
  // (pcmk__primitive_assign assigns a resource's primaries first; never a predicted one's: that one would not be predicted).
  const unseenIds = new Set(unseen.map((r) => r.id));
  const primaries = new Map<string, string[]>();
  for (const { constraint: c } of site.constraints) {
    if (c.kind !== "colocation") continue;
    const dep = topOf.get(c.rsc);
    const prim = topOf.get(c.withRsc);
    if (dep === undefined || prim === undefined || dep === prim || !unseenIds.has(dep) || !unseenIds.has(prim)) continue;
    const l = primaries.get(dep);
    if (l === undefined) primaries.set(dep, [prim]);
    else l.push(prim);
  }
  // In order of turn, each one's primaries (and theirs) not reached yet take its turn.
  const earliest = new Map<string, number>();
  for (const r of [...unseen].sort((x, y) => turn.get(x.id)! - turn.get(y.id)!)) {
    if (earliest.has(r.id)) continue;
    const t = turn.get(r.id)!;
    const stack = [r.id];
    earliest.set(r.id, t);
    while (stack.length > 0) {
      for (const q of primaries.get(stack.pop()!) ?? []) {
        if (earliest.has(q)) continue;
        earliest.set(q, t);
        stack.push(q);
      }
    }
  }
  const byNode: Entry[][] = Array.from({ length: nodeCount }, () => []);
  const vmUnseen = new Map<number, string>();
  for (const r of unseen) {
    const ls = leaves(site, r);
    if (ls.length === 0) continue;
    const vm = r.kind === "primitive" && r.guest !== undefined;
    if (vm) {
      const g = plan.nodeIndex.get(r.guest!.name);
      if (g !== undefined) vmUnseen.set(g, r.id);
    }
    const weight = r.kind === "clone" || r.kind === "bundle" ? MANY : vm ? 2 : ls.length;
    const util = ls.some((l) => l.kind === "primitive" && l.utilization.length > 0);
    const amounts = new Map<string, number>();
    for (const l of ls) {
      if (l.kind !== "primitive") continue;
      for (const u of l.utilization) amounts.set(u.key, (amounts.get(u.key) ?? 0) + (weight >= MANY ? Infinity : (whole(u.value) ?? Infinity)));
    }
    // Under a strategy the order is sorted by scores, but remote connections still come first: an unseen one is taken as
    // before every other call, any other unseen one as before every call but the remote connections.
    const t = strict ? (order[turn.get(r.id)!]!.pass === 0 ? -1 : remotes - 0.5) : earliest.get(r.id)!;
    let nodes: readonly number[];
    const locs = plain.get(r.id);
    if (anyUnread || anywhere.has(r.id) || r.kind === "bundle") nodes = vm ? hosts : allNodes;
    else if (site.symmetric) nodes = (vm ? hosts : allNodes).filter((n) => (locs?.get(n) ?? 0) > -INF);
    else nodes = locs === undefined ? [] : [...locs].filter(([n, s]) => s > -INF && (!vm || n < plan.hostCount)).map(([n]) => n);
    for (const n of nodes) byNode[n]!.push({ turn: t, id: r.id, weight, util, amounts });
  }
  for (const l of byNode) l.sort((a, b) => a.turn - b.turn);
  // Prefix sums of weight, and of "has utilization", by node.
  const sums = byNode.map((l) => {
    const w: number[] = [];
    const u: number[] = [];
    let sw = 0;
    let su = 0;
    for (const e of l) {
      sw = Math.min(MANY, sw + e.weight);
      su += e.util ? 1 : 0;
      w.push(sw);
      u.push(su);
    }
    return { w, u };
  });
  const turnOf = (p: Placeable) => turn.get(p.id) ?? 0;
  // Asked once per failure: worked out once per part.
  const exposure = new Map<readonly Placeable[], boolean>();
  return {
    any: unseen.length > 0,
    vmUnseen,
    turnOf,
    before(node, t) {
      const l = byNode[node]!;
      if (l.length === 0) return NO_LOAD;
      let lo = 0;
      let hi = l.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (l[mid]!.turn < t) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) return NO_LOAD;
      const amounts = new Map<string, number>();
      for (let k = 0; k < lo; k++) for (const [key, v] of l[k]!.amounts) amounts.set(key, (amounts.get(key) ?? 0) + v);
      return { weight: sums[node]!.w[lo - 1]!, util: sums[node]!.u[lo - 1]! > 0, amounts, id: l[0]!.id };
    },
    exposed(part) {
      let e = exposure.get(part);
      if (e === undefined) {
        e = part.some((p) => p.on.some((n) => byNode[n]!.length > 0 || vmUnseen.has(n)));
        exposure.set(part, e);
      }
      return e;
    },
  };
}
