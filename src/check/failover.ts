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
 *
 * The prediction runs once per failed host, so it works on indexes: nodes and
 * resources are numbered once by the plan, and a placement is an array of node
 * numbers (NOWHERE when stopped) indexed by resource. Resources that cannot
 * affect each other through a node or a colocation fall into separate parts,
 * and a host failure re-places only the part that holds the host.
 */

const INF = 1_000_000;
/** The node number of a stopped resource. */
const NOWHERE = -1;
/** A resource not assigned yet in the placement being computed. */
const UNSET = -2;

/** A resource id -> the node it runs on, or undefined when it is stopped. */
export type Placement = ReadonlyMap<string, string | undefined>;

/** A resource the prediction places: a guest's VM or a plain primitive on cluster nodes. */
export interface Placeable {
  readonly id: string;
  readonly prim: PrimitiveModel;
  /** The guest node this VM carries, if any. */
  readonly guest?: string;
  /** Its number in the plan, in declaration order. */
  readonly index: number;
  readonly priority: number;
  readonly stickiness: number;
  /**
   * The nodes it has a score on (numbers into the plan's nodes), in the order
   * Pacemaker lists them (every node first in a symmetric cluster, then the
   * locations), and the scores there (summed, clamped to ±INF). A node banned
   * with -INFINITY is left out: to the placement, a missing node and a ban are
   * the same.
   */
  readonly on: readonly number[];
  readonly base: readonly number[];
  /** Utilization; only filled in when capacities or a placement-strategy make it matter. */
  readonly util: ReadonlyMap<string, number>;
  /** Where the resource's nodes were listed (for messages). */
  readonly span: Span;
}

interface Coloc {
  readonly dep: Placeable;
  readonly prim: Placeable;
  readonly score: number;
}

/** Node capacities: key -> amount, with the declaration's span. */
interface Capacity {
  readonly amounts: ReadonlyMap<string, number>;
  readonly span: Span;
}

/** The parts of a site the prediction needs, indexed once. */
export interface FailoverPlan {
  readonly nodes: readonly string[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Each node's position in name order (Pacemaker's last tie-break). */
  readonly nameRank: Int32Array;
  readonly placeables: readonly Placeable[];
  readonly byId: ReadonlyMap<string, Placeable>;
  /** By resource number: colocations where it is the dependent ("this with"), and where it is the primary. */
  readonly withOthers: readonly (readonly Coloc[])[];
  readonly withThis: readonly (readonly Coloc[])[];
  /** By node number: the declared capacity, if any. */
  readonly capacity: readonly (Capacity | undefined)[];
  /** `placement-strategy` other than `default`: Pacemaker then refuses a node without room. */
  readonly strict: boolean;
  readonly strategy: string;
  /**
   * The resources that can affect each other through a node: those that may
   * run on a node, joined through colocations, in declaration order. A failure
   * of a node re-places only the resources of its part; the rest keep their
   * places. By node number, and by resource number.
   */
  readonly partOfNode: readonly (readonly Placeable[])[];
  readonly partOf: readonly (readonly Placeable[])[];
  /** Each resource's position in its part. */
  readonly slot: Int32Array;
  /** Every part that holds a resource, in the order of its first resource. */
  readonly parts: readonly (readonly Placeable[])[];
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
  return clamp(V.scoreValue(text));
}

function setting(list: readonly { key: string; value: string }[], key: string): string | undefined {
  for (let i = 0; i < list.length; i++) if (list[i]!.key === key) return list[i]!.value;
  return undefined;
}

function whole(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^[-+]?INFINITY$/.test(text)) return text.startsWith("-") ? -INF : INF;
  return undefined;
}

const NO_UTIL: ReadonlyMap<string, number> = new Map();
const NONE: readonly never[] = [];

/** Indexes a checked site for placement predictions (linear in its size). */
export function planOf(site: SiteModel): FailoverPlan {
  const nodes = site.nodes;
  const nodeIndex = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) if (!nodeIndex.has(nodes[i]!)) nodeIndex.set(nodes[i]!, i);
  const symmetric = (setting(site.properties, "symmetric-cluster") ?? "true").toLowerCase() !== "false";
  const strategy = (setting(site.properties, "placement-strategy") ?? "default").toLowerCase();
  const strict = strategy !== "default";
  // Utilization is weighed only against declared capacities, or by a strategy that enforces them.
  const capacities = site.capacities ?? [];
  const withUtil = strict || capacities.length > 0;
  const defaultStickiness = whole(setting(site.rscDefaults, "resource-stickiness")) ?? 0;
  const defaultPriority = whole(setting(site.rscDefaults, "priority")) ?? 0;

  // The candidates, numbered: primitives outside groups and clones. (Indexed loops over the
  // site: this runs once, before the engine optimises it, when an iterator allocates per step.)
  const candidates = new Map<string, number>();
  const prims: PrimitiveModel[] = [];
  for (let i = 0; i < site.resources.length; i++) {
    const r = site.resources[i]!;
    if (r.kind !== "primitive" || r.parent !== undefined) continue;
    candidates.set(r.id, prims.length);
    prims.push(r);
  }
  // Their locations as listed, and the colocations between them; a candidate placed inside a
  // guest or by a rule is not predicted.
  const skip = new Uint8Array(prims.length);
  const locOf: number[] = [];
  const locNode: number[] = [];
  const locScore: number[] = [];
  const colocations: { dep: number; prim: number; score: number }[] = [];
  for (let i = 0; i < site.constraints.length; i++) {
    const c = site.constraints[i]!.constraint;
    if (c.kind === "colocation") {
      const dep = candidates.get(c.rsc);
      const prim = candidates.get(c.withRsc);
      if (dep !== undefined && prim !== undefined) colocations.push({ dep, prim, score: scoreOf(c.score) });
      continue;
    }
    if (c.kind !== "location" && c.kind !== "location-rule") continue;
    const d = candidates.get(c.rsc);
    if (d === undefined) continue;
    const n = c.kind === "location" ? nodeIndex.get(c.node) : undefined;
    if (n === undefined) skip[d] = 1;
    else {
      locOf.push(d);
      locNode.push(n);
      locScore.push(scoreOf((c as { score: string }).score));
    }
  }
  // Each candidate's locations together, in declaration order (a counting sort).
  const first = new Int32Array(prims.length + 1);
  for (const d of locOf) first[d + 1]!++;
  for (let d = 0; d < prims.length; d++) first[d + 1]! += first[d]!;
  const next = first.slice(0, prims.length);
  const byCandidate = new Int32Array(locOf.length);
  for (let k = 0; k < locOf.length; k++) byCandidate[next[locOf[k]!]!++] = k;

  // Each one's scores: every node at 0 in a symmetric cluster, the locations added on.
  const at = new Int32Array(nodes.length).fill(-1);
  const placeables: Placeable[] = [];
  const placeableOf: (Placeable | undefined)[] = new Array<Placeable | undefined>(prims.length);
  const listed: number[] = [];
  const scores: number[] = [];
  const add = (n: number, score: number) => {
    const i = at[n]!;
    if (i < 0) {
      at[n] = listed.length;
      listed.push(n);
      scores.push(score);
    } else scores[i] = addScores(scores[i]!, score);
  };
  for (let d = 0; d < prims.length; d++) {
    if (skip[d]) continue;
    const r = prims[d]!;
    if (symmetric) for (const n of nodeIndex.values()) add(n, 0);
    for (let k = first[d]!; k < first[d + 1]!; k++) add(locNode[byCandidate[k]!]!, locScore[byCandidate[k]!]!);
    // Keep the nodes it may be scored on; a ban places as an absent node.
    let kept = 0;
    for (let i = 0; i < listed.length; i++) {
      at[listed[i]!] = -1;
      if (scores[i]! > -INF) {
        listed[kept] = listed[i]!;
        scores[kept++] = scores[i]!;
      }
    }
    const on = listed.slice(0, kept);
    const base = scores.slice(0, kept);
    listed.length = 0;
    scores.length = 0;
    let util = NO_UTIL;
    if (withUtil && r.utilization.length > 0) {
      const u = new Map<string, number>();
      for (const s of r.utilization) {
        const n = whole(s.value);
        if (n !== undefined) u.set(s.key, n);
      }
      util = u;
    }
    const p: { -readonly [K in keyof Placeable]: Placeable[K] } = {
      id: r.id,
      prim: r,
      index: placeables.length,
      priority: whole(setting(r.meta, "priority")) ?? defaultPriority,
      stickiness: whole(setting(r.meta, "resource-stickiness")) ?? defaultStickiness,
      on,
      base,
      util,
      span: r.span,
    };
    if (r.guest) p.guest = r.guest.name;
    placeables.push(p);
    placeableOf[d] = p;
  }

  // Most resources have no colocation: they share one empty list.
  const none: Coloc[] = [];
  const withOthers: Coloc[][] = new Array<Coloc[]>(placeables.length).fill(none);
  const withThis: Coloc[][] = new Array<Coloc[]>(placeables.length).fill(none);
  const push = (lists: Coloc[][], i: number, k: Coloc) => {
    if (lists[i] === none) lists[i] = [k];
    else lists[i]!.push(k);
  };
  for (const c of colocations) {
    const dep = placeableOf[c.dep];
    const prim = placeableOf[c.prim];
    if (dep === undefined || prim === undefined) continue;
    const k: Coloc = { dep, prim, score: c.score };
    push(withOthers, dep.index, k);
    push(withThis, prim.index, k);
  }

  const capacity: (Capacity | undefined)[] = nodes.map(() => undefined);
  for (const c of capacities) {
    const n = nodeIndex.get(c.node);
    if (n === undefined) continue;
    const amounts = new Map<string, number>();
    for (const s of c.settings) amounts.set(s.key, Number(s.value));
    capacity[n] = { amounts, span: c.span };
  }

  const byName = [...nodes.keys()].sort((a, b) => (nodes[a]! < nodes[b]! ? -1 : nodes[a]! > nodes[b]! ? 1 : a - b));
  const nameRank = new Int32Array(nodes.length);
  byName.forEach((n, rank) => (nameRank[n] = rank));

  // The resources by id, indexed when first asked for (the check itself goes by number).
  let byId: Map<string, Placeable> | undefined;
  return {
    nodes,
    nodeIndex,
    nameRank,
    placeables,
    get byId() {
      if (byId === undefined) {
        byId = new Map();
        for (const p of placeables) byId.set(p.id, p);
      }
      return byId;
    },
    withOthers,
    withThis,
    capacity,
    strict,
    strategy,
    ...partsOf(nodes.length, placeables, withOthers),
  };
}

/** Union-find over nodes (0..nodes-1) and resources (nodes + index): linked when a resource may run on a node or two are colocated. */
function partsOf(
  nodeCount: number,
  placeables: readonly Placeable[],
  withOthers: readonly (readonly Coloc[])[],
): Pick<FailoverPlan, "partOfNode" | "partOf" | "slot" | "parts"> {
  const parent = new Int32Array(nodeCount + placeables.length);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    while (x !== r) {
      const next = parent[x]!;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };
  for (let i = 0; i < placeables.length; i++) {
    const p = placeables[i]!;
    for (let k = 0; k < p.on.length; k++) union(nodeCount + i, p.on[k]!);
    for (const c of withOthers[i]!) union(nodeCount + c.dep.index, nodeCount + c.prim.index);
  }
  const byRoot = new Map<number, Placeable[]>();
  const parts: Placeable[][] = [];
  const partOf: Placeable[][] = [];
  const slot = new Int32Array(placeables.length);
  for (let i = 0; i < placeables.length; i++) {
    const p = placeables[i]!;
    const r = find(nodeCount + p.index);
    let l = byRoot.get(r);
    if (!l) {
      byRoot.set(r, (l = []));
      parts.push(l);
    }
    slot[p.index] = l.length;
    l.push(p);
    partOf.push(l);
  }
  const partOfNode: (readonly Placeable[])[] = [];
  for (let n = 0; n < nodeCount; n++) partOfNode.push(byRoot.get(find(n)) ?? NONE);
  return { partOfNode, partOf, slot, parts };
}

/** The order Pacemaker sorts resources in under a placement-strategy. */
interface SortKey {
  readonly priority: number;
  readonly onCurrent: number;
  /** The scores node by node in name order: positions in name order and scores, ascending; `rest` on every node not listed. */
  readonly ranks: readonly number[];
  readonly scores: readonly number[];
  readonly rest: number;
}

/**
 * Places the resources of one part at a time, as Pacemaker would with some
 * nodes online. It holds the working state of a placement in arrays indexed
 * by node and resource number, reused from one placement to the next.
 */
class Placer {
  /** 1 when a node is online; `down` counts the others. */
  private readonly up: Uint8Array;
  private down = 0;
  /** Pacemaker's node tables (allowed_nodes) by resource, aligned with its `on`: location scores and stickiness, changed by colocations as resources are assigned. */
  private readonly scores: number[][];
  private readonly busy: Uint8Array;
  private readonly merging: Uint8Array;
  /** Resources assigned to each node, and (under a strategy) the utilization they use. */
  private readonly count: Int32Array;
  private used = new Map<number, Map<string, number>>();
  /** Another resource's scores by node, while folding them in (valid where `seen` is `epoch`). */
  private readonly seen: Int32Array;
  private readonly seenScore: Float64Array;
  private epoch = 0;
  private current: Int32Array | undefined;
  private result: Int32Array;
  private readonly orders = new Map<readonly Placeable[], readonly Placeable[]>();

  constructor(private readonly plan: FailoverPlan) {
    const nodes = plan.nodes.length;
    const rscs = plan.placeables.length;
    this.up = new Uint8Array(nodes).fill(1);
    this.scores = new Array<number[]>(rscs);
    this.busy = new Uint8Array(rscs);
    this.merging = new Uint8Array(rscs);
    this.count = new Int32Array(nodes);
    this.seen = new Int32Array(nodes);
    this.seenScore = new Float64Array(nodes);
    this.result = new Int32Array(0);
  }

  /** Takes nodes offline, or back online. */
  setUp(nodes: readonly number[], up: boolean): void {
    for (const n of nodes) {
      if (this.up[n] === (up ? 0 : 1)) this.down += up ? -1 : 1;
      this.up[n] = up ? 1 : 0;
    }
  }

  private anyUp(): boolean {
    return this.down < this.up.length;
  }

  /**
   * Where Pacemaker would place each resource of `part` with the nodes in
   * `up` online, given where resources run now (`current`, for stickiness and
   * tie-breaks). Writes each one's node into `result` (NOWHERE when stopped).
   */
  placePart(part: readonly Placeable[], current: Int32Array | undefined, result: Int32Array): void {
    this.current = current;
    this.result = result;
    for (const p of part) {
      result[p.index] = UNSET;
      this.scoreNow(p);
    }
    let order: readonly Placeable[];
    if (this.plan.strict) {
      // Under a placement-strategy Pacemaker sorts guests (each pulling in its VM), then the rest.
      const keys = new Map(part.map((p) => [p, this.keyOf(p)]));
      const byKey = (a: Placeable, b: Placeable): number => {
        const ka = keys.get(a)!;
        const kb = keys.get(b)!;
        return kb.priority - ka.priority || kb.onCurrent - ka.onCurrent || this.compareByName(ka, kb) || a.index - b.index;
      };
      order = [...part.filter((p) => p.guest !== undefined).sort(byKey), ...part.filter((p) => p.guest === undefined).sort(byKey)];
    } else order = this.guestsFirst(part);
    for (const p of order) this.assign(p);
    // Leave the per-node tallies empty for the next part.
    for (const p of part) {
      const n = result[p.index]!;
      if (n >= 0) this.count[n] = 0;
    }
    this.used.clear();
  }

  private nowAt(p: Placeable): number {
    return this.current === undefined ? NOWHERE : this.current[p.index]!;
  }

  /**
   * Without a placement-strategy, Pacemaker assigns guest connections first (each
   * pulling in its VM), then the rest, in the CIB's order. Kept per part.
   */
  private guestsFirst(part: readonly Placeable[]): readonly Placeable[] {
    let order = this.orders.get(part);
    if (order === undefined) {
      const vms = part.filter((p) => p.guest !== undefined);
      order = vms.length === 0 || vms.length === part.length ? part : [...vms, ...part.filter((p) => p.guest === undefined)];
      this.orders.set(part, order);
    }
    return order;
  }

  /** Starts a resource's table from its location scores, with stickiness where it runs now. */
  private scoreNow(p: Placeable): void {
    // Each resource keeps one table, refilled for every placement.
    let s = this.scores[p.index];
    if (s === undefined) this.scores[p.index] = s = p.base.slice();
    else for (let i = 0; i < s.length; i++) s[i] = p.base[i]!;
    const at = this.nowAt(p);
    if (at >= 0 && this.up[at]) {
      const i = p.on.indexOf(at);
      if (i >= 0) s[i] = addScores(s[i]!, p.stickiness);
    }
  }

  private available(on: readonly number[], t: readonly number[]): boolean {
    for (let i = 0; i < on.length; i++) if (t[i]! >= 0 && this.up[on[i]!]) return true;
    return false;
  }

  /**
   * Folds `other`'s scores, times `factor`, into a copy of `work` (scores on
   * the nodes `on`; Pacemaker's add_colocated_node_scores): rounded half away
   * from zero and never to zero, a negative factor never turning a ban into a
   * preference; then, while some node is still usable, the resources colocated
   * with `other` (its dependents, or its primaries), each at ±score / INFINITY.
   * With `active`, a fold that leaves no usable node is dropped.
   */
  private fold(on: readonly number[], work: readonly number[], other: Placeable, factor: number, dir: "dependents" | "primaries", active: boolean): readonly number[] {
    const os = this.scores[other.index]!;
    if (this.merging[other.index]) return work;
    this.merging[other.index] = 1;
    const epoch = ++this.epoch;
    for (let i = 0; i < other.on.length; i++) {
      this.seen[other.on[i]!] = epoch;
      this.seenScore[other.on[i]!] = os[i]!;
    }
    const t = work.slice();
    const f32 = Math.fround(factor);
    for (let i = 0; i < on.length; i++) {
      const n = on[i]!;
      const w = this.up[n] && this.seen[n] === epoch ? this.seenScore[n]! : -INF;
      if (f32 < 0 && w < 0) continue;
      const f = Math.fround(f32 * w);
      let add = Math.trunc(f < 0 ? f - 0.5 : f + 0.5);
      if (add === 0 && w !== 0) add = f32 > 0 ? 1 : f32 < 0 ? -1 : 0;
      t[i] = addScores(add, t[i]!);
    }
    let out: readonly number[] = t;
    if (this.available(on, t)) {
      if (dir === "dependents") for (const c of this.plan.withThis[other.index]!) out = this.fold(on, out, c.dep, (Math.sign(f32) * c.score) / INF, dir, true);
      else for (const c of this.plan.withOthers[other.index]!) out = this.fold(on, out, c.prim, (Math.sign(f32) * c.score) / INF, dir, true);
    } else if (active) out = work;
    this.merging[other.index] = 0;
    return out;
  }

  /**
   * Pacemaker's order: priority, then the score on the current node, then the
   * scores node by node in name order (absent = -INFINITY), then the CIB's order.
   * The scores are its own with its primaries' folded in.
   */
  private keyOf(p: Placeable): SortKey {
    let t: readonly number[];
    let rest = -INF;
    if (p.guest !== undefined) {
      // A guest is sorted as its connection resource: 0 on every node, with the VM's
      // scores on the nodes that are up (and its primaries') folded in at full weight;
      // 0 everywhere when that leaves no usable node.
      const zeros = p.on.map(() => 0);
      t = this.anyUp() ? this.fold(p.on, zeros, p, 1, "primaries", true) : zeros;
      if (t === zeros) rest = 0;
    } else {
      t = this.scores[p.index]!;
      this.merging[p.index] = 1;
      if (this.available(p.on, t)) for (const c of this.plan.withOthers[p.index]!) t = this.fold(p.on, t, c.prim, c.score / INF, "primaries", true);
      this.merging[p.index] = 0;
    }
    const at = this.nowAt(p);
    let onCurrent = -INF;
    if (at >= 0 && this.up[at]) {
      const i = p.on.indexOf(at);
      onCurrent = rest === 0 ? 0 : i >= 0 ? t[i]! : -INF;
    }
    const rank = this.plan.nameRank;
    const listed: number[] = [];
    // A node at -INFINITY sorts as an absent one.
    if (rest !== 0) for (let i = 0; i < p.on.length; i++) if (t[i]! > -INF) listed.push(i);
    listed.sort((a, b) => rank[p.on[a]!]! - rank[p.on[b]!]!);
    return { priority: p.priority, onCurrent, ranks: listed.map((i) => rank[p.on[i]!]!), scores: listed.map((i) => t[i]!), rest };
  }

  /** Compares two keys' scores node by node in name order, higher first. */
  private compareByName(a: SortKey, b: SortKey): number {
    let i = 0;
    let j = 0;
    if (a.rest === b.rest) {
      // Only the listed nodes can differ.
      while (i < a.ranks.length || j < b.ranks.length) {
        const ra = i < a.ranks.length ? a.ranks[i]! : Infinity;
        const rb = j < b.ranks.length ? b.ranks[j]! : Infinity;
        const va = ra <= rb ? a.scores[i++]! : a.rest;
        const vb = rb <= ra ? b.scores[j++]! : b.rest;
        if (va !== vb) return vb - va;
      }
      return 0;
    }
    // The first node listed by neither differs, so this stops within a.ranks + b.ranks + 1 nodes.
    for (let r = 0; r < this.plan.nodes.length; r++) {
      const va = i < a.ranks.length && a.ranks[i] === r ? a.scores[i++]! : a.rest;
      const vb = j < b.ranks.length && b.ranks[j] === r ? b.scores[j++]! : b.rest;
      if (va !== vb) return vb - va;
    }
    return 0;
  }

  private fits(p: Placeable, node: number): boolean {
    if (!this.plan.strict || p.util.size === 0) return true;
    const cap = this.plan.capacity[node]?.amounts;
    const u = this.used.get(node);
    for (const [k, need] of p.util) if ((cap?.get(k) ?? 0) - (u?.get(k) ?? 0) < need) return false;
    return true;
  }

  /** Copies `t` into `me` (a resource's own table, changed in place). */
  private static replace(me: number[], t: readonly number[]): void {
    if (t === me) return;
    for (let i = 0; i < me.length; i++) me[i] = t[i]!;
  }

  /** As a dependent: place the other resource first, then apply the colocation to our scores; a finite negative one that would leave no usable node is reverted. */
  private thisWith(p: Placeable, me: number[], c: Coloc): void {
    const archive = c.score < 0 && c.score > -INF ? me.slice() : undefined;
    this.assign(c.prim);
    const r = this.result[c.prim.index]!;
    const at = r >= 0 ? r : NOWHERE;
    if (c.score >= INF) {
      for (let i = 0; i < me.length; i++) if (p.on[i] !== at) me[i] = -INF;
    } else if (at >= 0) {
      const i = p.on.indexOf(at);
      if (i >= 0) me[i] = c.score <= -INF ? -INF : addScores(me[i]!, c.score);
    }
    if (archive && !this.available(p.on, me)) Placer.replace(me, archive);
  }

  /** As the primary: resources colocated with this one pull (or push) it by their scores. */
  private withThis(p: Placeable, me: number[], c: Coloc): void {
    Placer.replace(me, this.fold(p.on, me, c.dep, c.score / INF, "dependents", true));
  }

  private assign(p: Placeable): void {
    if (this.result[p.index] !== UNSET || this.busy[p.index]) return;
    this.busy[p.index] = 1;
    const me = this.scores[p.index]!;
    const deps = this.plan.withOthers[p.index]!;
    const dependents = this.plan.withThis[p.index]!;
    for (const c of deps) if (mandatory(c)) this.thisWith(p, me, c);
    for (const c of dependents) if (mandatory(c)) this.withThis(p, me, c);
    for (const c of deps) if (!mandatory(c)) this.thisWith(p, me, c);
    for (const c of dependents) if (!mandatory(c)) this.withThis(p, me, c);
    const at = this.nowAt(p);
    const rank = this.plan.nameRank;
    // The best node: highest score, then fewest resources, then where it runs now, then the name.
    let best = NOWHERE;
    let bv = 0;
    for (let i = 0; i < p.on.length; i++) {
      const n = p.on[i]!;
      const v = me[i]!;
      if (v < 0 || !this.up[n] || !this.fits(p, n)) continue;
      if (best === NOWHERE) {
        best = n;
        bv = v;
        continue;
      }
      if (v !== bv) {
        if (v > bv) {
          best = n;
          bv = v;
        }
        continue;
      }
      const cn = this.count[n]!;
      const cb = this.count[best]!;
      if (cn !== cb) {
        if (cn < cb) best = n;
        continue;
      }
      if ((n === at) !== (best === at)) {
        if (n === at) best = n;
        continue;
      }
      if (rank[n]! < rank[best]!) best = n;
    }
    this.result[p.index] = best;
    this.busy[p.index] = 0;
    if (best !== NOWHERE) {
      // A guest's VM brings its remote connection resource to the same node.
      this.count[best] = this.count[best]! + (p.guest !== undefined ? 2 : 1);
      if (this.plan.strict && p.util.size > 0) {
        let u = this.used.get(best);
        if (!u) this.used.set(best, (u = new Map()));
        for (const [k, v] of p.util) u.set(k, (u.get(k) ?? 0) + v);
      }
    }
  }
}

function mandatory(c: Coloc): boolean {
  return c.score >= INF || c.score <= -INF;
}

/** A placement read as a map from resource id to node, over the plan's numbering. */
abstract class PlacementView implements ReadonlyMap<string, string | undefined> {
  constructor(protected readonly plan: FailoverPlan) {}
  /** The node number of a resource, NOWHERE when stopped. */
  abstract nodeOf(p: Placeable): number;
  get(id: string): string | undefined {
    const p = this.plan.byId.get(id);
    if (p === undefined) return undefined;
    const n = this.nodeOf(p);
    return n >= 0 ? this.plan.nodes[n] : undefined;
  }
  has(id: string): boolean {
    return this.plan.byId.has(id);
  }
  get size(): number {
    return this.plan.placeables.length;
  }
  *keys(): IterableIterator<string> {
    for (const p of this.plan.placeables) yield p.id;
  }
  *values(): IterableIterator<string | undefined> {
    for (const p of this.plan.placeables) yield this.get(p.id);
  }
  *entries(): IterableIterator<[string, string | undefined]> {
    for (const p of this.plan.placeables) yield [p.id, this.get(p.id)];
  }
  [Symbol.iterator](): IterableIterator<[string, string | undefined]> {
    return this.entries();
  }
  forEach(cb: (value: string | undefined, key: string, map: ReadonlyMap<string, string | undefined>) => void): void {
    for (const [k, v] of this.entries()) cb(v, k, this);
  }
}

/** Every resource's node, by resource number. */
class WholePlacement extends PlacementView {
  constructor(
    plan: FailoverPlan,
    private readonly at: Int32Array,
  ) {
    super(plan);
  }
  nodeOf(p: Placeable): number {
    return this.at[p.index]!;
  }
}

/** A placement that differs from a base one in a few parts, without copying the base. */
class PartsPlacement extends PlacementView {
  constructor(
    plan: FailoverPlan,
    private readonly base: Int32Array,
    /** The parts placed anew, and their resources' nodes by position in the part. */
    private readonly parts: readonly (readonly Placeable[])[],
    private readonly at: readonly (readonly number[])[],
  ) {
    super(plan);
  }
  nodeOf(p: Placeable): number {
    const part = this.plan.partOf[p.index];
    for (let k = 0; k < this.parts.length; k++) if (this.parts[k] === part) return this.at[k]![this.plan.slot[p.index]!]!;
    return this.base[p.index]!;
  }
}

/** A resource that runs elsewhere after a failure, or stops. */
export interface Move {
  readonly id: string;
  readonly guest?: string;
  readonly from?: string;
  readonly to?: string;
}

/** What one host failure does to the site. */
export interface FailureScenario {
  readonly failed: string;
  readonly after: Placement;
  /** Resources that run elsewhere afterwards (or stop), in declaration order. */
  readonly moves: readonly Move[];
}

/** A scenario as the check reads it: the moved resources themselves, beside their moves. */
interface Scenario extends FailureScenario {
  readonly after: PartsPlacement;
  readonly moved: readonly Placeable[];
}

/** The prediction for all hosts up and for every single host failure. */
export interface FailoverReport {
  readonly plan: FailoverPlan;
  readonly allUp: Placement;
  readonly scenarios: readonly FailureScenario[];
}

/** Predicts the all-up placement, then each single host failure from it. */
export function failoverReport(site: SiteModel, failures: readonly (readonly string[])[] = site.nodes.map((n) => [n])): FailoverReport {
  return predict(site, failures);
}

/** The report as the check reads it. */
interface Prediction extends FailoverReport {
  readonly allUp: WholePlacement;
  readonly scenarios: readonly Scenario[];
}

function predict(site: SiteModel, failures: readonly (readonly string[])[]): Prediction {
  const plan = planOf(site);
  const placer = new Placer(plan);
  const allUp = new Int32Array(plan.placeables.length);
  for (const part of plan.parts) placer.placePart(part, undefined, allUp);
  // With nothing failed, where everything stays once running (stickiness, current nodes).
  const steady = new Int32Array(plan.placeables.length);
  for (const part of plan.parts) placer.placePart(part, allUp, steady);
  const drift = plan.placeables.filter((p) => steady[p.index] !== allUp[p.index]);
  const scratch = new Int32Array(plan.placeables.length);
  const scenarios = failures.map((failed): Scenario => {
    // The nodes left up, marked node by node: a copy of every node per failure would be quadratic.
    const down: number[] = [];
    const parts: (readonly Placeable[])[] = [];
    for (const f of failed) {
      const n = plan.nodeIndex.get(f);
      if (n === undefined) continue;
      down.push(n);
      const part = plan.partOfNode[n]!;
      if (part.length > 0 && !parts.includes(part)) parts.push(part);
    }
    placer.setUp(down, false);
    const at = parts.map((part) => {
      placer.placePart(part, allUp, scratch);
      return part.map((p) => scratch[p.index]!);
    });
    placer.setUp(down, true);
    const after = new PartsPlacement(plan, steady, parts, at);
    // Only these can have moved: the failed hosts' parts and what drifts with nothing failed.
    const candidates: readonly Placeable[] = parts.length === 1 && drift.length === 0 ? parts[0]! : [...new Set([...drift, ...parts.flat()])].sort((a, b) => a.index - b.index);
    const moves: Move[] = [];
    const moved: Placeable[] = [];
    for (const p of candidates) {
      const from = allUp[p.index]!;
      const to = after.nodeOf(p);
      if (from === to) continue;
      const m: { id: string; guest?: string; from?: string; to?: string } = { id: p.id };
      if (p.guest) m.guest = p.guest;
      if (from >= 0) m.from = plan.nodes[from]!;
      if (to >= 0) m.to = plan.nodes[to]!;
      moves.push(m);
      moved.push(p);
    }
    return { failed: failed.join(", "), after, moves, moved };
  });
  return { plan, allUp: new WholePlacement(plan, allUp), scenarios };
}

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
  const report = predict(site, site.nodes.map((n) => [n]));
  const { plan, allUp } = report;
  const out: Diagnostic[] = [];
  const strategyHint = plan.strict
    ? `with \`placement-strategy = ${plan.strategy}\` Pacemaker leaves it stopped; add capacity, or let it fail over to another host`
    : "Pacemaker's `placement-strategy` is `default`, which ignores utilization: it would start the guest anyway and overcommit the host; add capacity or another failover host, and set `property placement-strategy = utilization;` to have Pacemaker enforce it";
  const capacitySpan = (node: number) => plan.capacity[node]!.span;

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
    const failed = sc.failed;
    const after = sc.after;
    // Guests that lived on the failed host, or were pushed off elsewhere, and now stop.
    for (let k = 0; k < sc.moves.length; k++) {
      const m = sc.moves[k]!;
      const p = sc.moved[k]!;
      if (p.guest === undefined || m.to !== undefined) continue;
      const allowed: number[] = [];
      for (let i = 0; i < p.on.length; i++) if (p.base[i]! >= 0 && plan.nodes[p.on[i]!] !== failed) allowed.push(p.on[i]!);
      const names = allowed.map((n) => plan.nodes[n]!);
      if (allowed.length === 0) {
        out.push(
          diag("HA4011", p.span, `if ${tick(failed)} fails, guest ${tick(p.guest)} has nowhere to go: ${tick(failed)} is the only host it may run on`, {
            hint: `list a second host for it, e.g. \`on ${failed} prefer 500, OTHER 100\``,
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
          diag("HA4012", p.span, `if ${tick(failed)} fails, guest ${tick(p.guest)} stops: it may run on ${list(names)}, but ${why}`, {
            hint:
              full.length > 0
                ? `raise the declared capacity of ${list(full)} or give the guest another failover host`
                : "check its colocations and location scores against the remaining hosts",
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
          `if ${tick(failed)} fails, ${list(who)} ${who.length === 1 ? "moves" : "move"} to ${tick(name)}, which then needs ${over.map((o) => `${o.need} ${o.key}`).join(" and ")} and has ${over.map((o) => `${o.has}`).join(" and ")}`,
          { hint: strategyHint, related },
        ),
      );
    }
  }
  return out;
}
