import { patternMatches } from "../util/posix-ere.js";
import * as V from "../check/values.js";
import type { Span } from "../diagnostics/span.js";
import type { PrimitiveModel, SiteModel } from "../check/model.js";
import { addScores, INF, scoreOf, whole } from "./scores.js";
import { locationReading, unpredictable } from "./unpredictable.js";

/**
 * The index of a site that placement works on, built once per prediction:
 * nodes and resources are numbered, each resource's nodes and scores listed,
 * its colocations and the nodes' capacities looked up by number, and the
 * resources split into parts that cannot affect each other (a failure of a
 * node re-places only its part).
 */

/** The node number of a stopped resource. */
export const NOWHERE = -1;

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
  /**
   * Meant to be stopped (`target-role=Stopped`, `stop-all-resources`):
   * Pacemaker assigns it no node, yet applies its colocations first (it
   * places its primaries) and keeps its scores until then, which a primary
   * folding it in as a dependent reads (pcmk_sched_primitive.c
   * pcmk__primitive_assign bans it from every node only after both
   * colocation passes).
   */
  readonly stopped?: true;
  /** Utilization; only filled in when capacities or a placement-strategy make it matter. */
  readonly util: ReadonlyMap<string, number>;
  /** Where the resource's nodes were listed (for messages). */
  readonly span: Span;
}

/** A colocation between two placed resources: `dep` with `prim`, at `score`. */
export interface Coloc {
  readonly dep: Placeable;
  readonly prim: Placeable;
  readonly score: number;
}

/** Node capacities: key -> amount, with the declaration's span. */
export interface Capacity {
  readonly amounts: ReadonlyMap<string, number>;
  readonly span: Span;
}

/** The parts of a site the prediction needs, indexed once. */
export interface FailoverPlan {
  /**
   * The cluster nodes (the hosts, numbered first), then the guest nodes: in a
   * symmetric cluster a plain resource may run inside a guest that is up.
   */
  readonly nodes: readonly string[];
  /** How many of `nodes` are hosts; the rest are guest nodes. */
  readonly hostCount: number;
  /** By node number: the resource number of the VM carrying that guest node, -1 for a host. */
  readonly vmOfNode: Int32Array;
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Each node's position in name order (Pacemaker's last tie-break). */
  readonly nameRank: Int32Array;
  readonly placeables: readonly Placeable[];
  readonly byId: ReadonlyMap<string, Placeable>;
  /** By resource number: colocations where it is the dependent ("this with"), and where it is the primary. */
  readonly withOthers: readonly (readonly Coloc[])[];
  readonly withThis: readonly (readonly Coloc[])[];
  /** Why a primitive outside groups and clones is not placed by the prediction (undefined: it is, or it is no such primitive). */
  unpredicted(id: string): string | undefined;
  /** By node number: the declared capacity, if any. */
  readonly capacity: readonly (Capacity | undefined)[];
  /**
   * The resource-stickiness of a guest's connection resource (the one named
   * after the guest, which Pacemaker makes and colocates with its VM): the
   * cluster's default, as it has no meta attributes of its own.
   */
  readonly connectionStickiness: number;
  /** Its priority likewise (the cluster default): a guest is sorted by its connection's, not its VM's (pcmk_sched_resource.c cmp_resources). */
  readonly connectionPriority: number;
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

function setting(list: readonly { key: string; value: string }[], key: string): string | undefined {
  for (let i = 0; i < list.length; i++) if (list[i]!.key === key) return list[i]!.value;
  return undefined;
}

const NO_UTIL: ReadonlyMap<string, number> = new Map();
const NONE: readonly never[] = [];

/** A resource's nodes and its location scores there (see `Placeable.on` and `base`). */
export interface AllowedNodes {
  readonly on: number[];
  readonly base: number[];
}

/**
 * Where each candidate may run, and its location score there: every node at 0
 * in a symmetric cluster (`symmetric-cluster`, true unless set to false), the
 * location constraints added on, the nodes banned with -INFINITY left out.
 * Undefined for a candidate placed inside a guest or by a rule (`only-on`),
 * which the prediction does not place. This is the one place placement works
 * out symmetry, allowed and banned nodes from the site's properties and
 * constraints.
 *
 * @param candidates the primitives outside groups and clones, numbered
 * @returns by candidate number
 */
export function allowedNodes(
  site: SiteModel,
  nodeIndex: ReadonlyMap<string, number>,
  candidates: ReadonlyMap<string, number>,
  guestNodes: readonly number[] = NONE,
  guestIndex?: ReadonlyMap<string, number>,
): (AllowedNodes | undefined)[] {
  const count = candidates.size;
  const symmetric = site.symmetric;
  // The candidates' locations as listed; a candidate placed inside a guest or by a rule is not predicted.
  const skip = new Uint8Array(count);
  const locOf: number[] = [];
  const locNode: number[] = [];
  const locScore: number[] = [];
  let top: string[] | undefined;
  // An unlisted node is never up: Pacemaker ignores a location to it (no node of that name), so it places nothing.
  const unlisted = new Set(site.unlistedNodes);
  for (let i = 0; i < site.constraints.length; i++) {
    const c = site.constraints[i]!.constraint;
    if (c.kind !== "location" && c.kind !== "location-rule") continue;
    // A location of a resource set is beyond the model: its resources are not predicted.
    if (c.set !== undefined) {
      for (const r of c.set.resources) {
        const d = candidates.get(r);
        if (d !== undefined) skip[d] = 1;
      }
      continue;
    }
    // A location by pattern is a location of each top-level resource it matches (Pacemaker's `unpack_location`).
    for (const rsc of c.pattern !== undefined ? (patternMatches(c.pattern, (top ??= topLevel(site))) ?? []) : [c.rsc]) {
      const d = candidates.get(rsc);
      if (d === undefined) continue;
      // A rule or exclusive resource-discovery is beyond the model: the candidate is not predicted.
      // Whatever its role or discovery: Pacemaker drops the whole constraint (pcmk_sched_location.c, no node found).
      if (c.kind === "location" && unlisted.has(c.node)) continue;
      const reading = c.kind === "location" ? locationReading(c) : "unread";
      if (reading === "ignored") continue;
      const plain = c.kind === "location" && reading === "plain";
      let n = plain ? nodeIndex.get(c.node) : undefined;
      // A ban from a guest node keeps the resource off it, which the prediction models; anything else there places it inside a guest.
      if (n === undefined && plain && guestIndex !== undefined && scoreOf(c.score) <= -INF) n = guestIndex.get(c.node);
      if (n === undefined) skip[d] = 1;
      else {
        locOf.push(d);
        locNode.push(n);
        locScore.push(scoreOf((c as { score: string }).score));
      }
    }
  }
  // Each candidate's locations together, in declaration order (a counting sort).
  const first = new Int32Array(count + 1);
  for (const d of locOf) first[d + 1]!++;
  for (let d = 0; d < count; d++) first[d + 1]! += first[d]!;
  const next = first.slice(0, count);
  const byCandidate = new Int32Array(locOf.length);
  for (let k = 0; k < locOf.length; k++) byCandidate[next[locOf[k]!]!++] = k;

  // Each one's scores: every node at 0 in a symmetric cluster, the locations added on.
  const at = new Int32Array(site.nodes.length + guestNodes.length).fill(-1);
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
  const out = new Array<AllowedNodes | undefined>(count);
  for (let d = 0; d < count; d++) {
    if (skip[d]) continue;
    if (symmetric) {
      for (const n of nodeIndex.values()) add(n, 0);
      for (const n of guestNodes) add(n, 0);
    }
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
    out[d] = { on: listed.slice(0, kept), base: scores.slice(0, kept) };
    listed.length = 0;
    scores.length = 0;
  }
  return out;
}

/** Indexes a checked site for placement predictions (linear in its size). */
export function planOf(site: SiteModel): FailoverPlan {
  const hosts = site.nodes;
  const hostIndex = new Map<string, number>();
  for (let i = 0; i < hosts.length; i++) if (!hostIndex.has(hosts[i]!)) hostIndex.set(hosts[i]!, i);
  const strategy = (setting(site.properties, "placement-strategy") ?? "default").toLowerCase();
  const strict = strategy !== "default";
  // Utilization is weighed only against declared capacities, or by a strategy that enforces them.
  const capacities = site.capacities ?? [];
  const withUtil = strict || capacities.length > 0;
  const defaultStickiness = whole(setting(site.rscDefaults, "resource-stickiness")) ?? 0;
  const defaultPriority = whole(setting(site.rscDefaults, "priority")) ?? 0;

  // The candidates, numbered: primitives outside groups and clones. (Indexed loops over the
  // site: docs/performance.md, "Design choices made for speed".)
  const candidates = new Map<string, number>();
  const prims: PrimitiveModel[] = [];
  for (let i = 0; i < site.resources.length; i++) {
    const r = site.resources[i]!;
    if (r.kind !== "primitive" || r.parent !== undefined) continue;
    candidates.set(r.id, prims.length);
    prims.push(r);
  }
  // The colocations between them.
  const colocations: { dep: number; prim: number; score: number }[] = [];
  for (let i = 0; i < site.constraints.length; i++) {
    const c = site.constraints[i]!.constraint;
    if (c.kind !== "colocation") continue;
    const dep = candidates.get(c.rsc);
    const prim = candidates.get(c.withRsc);
    if (dep !== undefined && prim !== undefined) colocations.push({ dep, prim, score: scoreOf(c.score) });
  }
  // The guest nodes, numbered after the hosts (Pacemaker's guest nodes are nodes too).
  const nodes: string[] = [...hosts];
  const nodeIndex = new Map(hostIndex);
  const guestNodes: number[] = [];
  const guestIndex = new Map<string, number>();
  for (const r of prims) {
    if (!r.guest || nodeIndex.has(r.guest.name)) continue;
    nodeIndex.set(r.guest.name, nodes.length);
    guestIndex.set(r.guest.name, nodes.length);
    guestNodes.push(nodes.length);
    nodes.push(r.guest.name);
  }
  // Locations are read against the hosts: a resource placed inside a guest by one is not predicted (a ban there is).
  const allowed = allowedNodes(site, hostIndex, candidates, guestNodes, guestIndex);
  // Nodes the site puts in standby run nothing (Pacemaker's node attribute); under maintenance, nothing there is managed.
  const standby = new Set<number>();
  const maintenance = new Set<number>();
  for (const na of site.nodeAttributes ?? []) {
    const n = nodeIndex.get(na.node);
    if (n === undefined) continue;
    if (isTrue(setting(na.settings, "standby"))) standby.add(n);
    if (isTrue(setting(na.settings, "maintenance"))) maintenance.add(n);
  }
  const unknown = unpredictable(site, candidates, prims, allowed, maintenance, nodes);
  const stopAll = isTrue(setting(site.properties, "stop-all-resources"));

  const placeables: Placeable[] = [];
  const placeableOf: (Placeable | undefined)[] = new Array<Placeable | undefined>(prims.length);
  for (let d = 0; d < prims.length; d++) {
    const a = allowed[d];
    if (a === undefined || unknown.marked[d]) continue;
    const r = prims[d]!;
    let util = NO_UTIL;
    if (withUtil && r.utilization.length > 0) {
      const u = new Map<string, number>();
      for (const s of r.utilization) {
        const n = whole(s.value);
        if (n !== undefined) u.set(s.key, n);
      }
      util = u;
    }
    let on = a.on;
    let base = a.base;
    // Meant to be stopped: Pacemaker assigns it no node (its scores stay, see Placeable.stopped).
    const stopped = stopAll || (setting(r.meta, "target-role") ?? setting(site.rscDefaults, "target-role") ?? "").toLowerCase() === "stopped";
    if (standby.size > 0) {
      on = [];
      base = [];
      for (let i = 0; i < a.on.length; i++) {
        if (standby.has(a.on[i]!) || (r.guest && a.on[i]! >= hosts.length)) continue;
        on.push(a.on[i]!);
        base.push(a.base[i]!);
      }
    } else if (r.guest && guestNodes.length > 0) {
      // A guest's VM never runs inside a guest (pcmk_sched_primitive.c, rsc_avoids_remote_nodes).
      on = [];
      base = [];
      for (let i = 0; i < a.on.length; i++) {
        if (a.on[i]! >= hosts.length) continue;
        on.push(a.on[i]!);
        base.push(a.base[i]!);
      }
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
    if (stopped) p.stopped = true;
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

  const vmOfNode = new Int32Array(nodes.length).fill(-1);
  for (const p of placeables) if (p.guest !== undefined) vmOfNode[nodeIndex.get(p.guest)!] = p.index;

  const byName = [...nodes.keys()].sort((a, b) => (nodes[a]! < nodes[b]! ? -1 : nodes[a]! > nodes[b]! ? 1 : a - b));
  const nameRank = new Int32Array(nodes.length);
  byName.forEach((n, rank) => (nameRank[n] = rank));

  // The resources by id, indexed when first asked for (the check itself goes by number).
  let byId: Map<string, Placeable> | undefined;
  return {
    nodes,
    hostCount: hosts.length,
    vmOfNode,
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
    unpredicted: (id) => {
      const d = candidates.get(id);
      return d === undefined ? undefined : unknown.why(d);
    },
    capacity,
    connectionStickiness: defaultStickiness,
    connectionPriority: defaultPriority,
    strict,
    strategy,
    ...partsOf(nodes.length, placeables, withOthers, vmOfNode),
  };
}

/** Union-find over nodes (0..nodes-1) and resources (nodes + index): linked when a resource may run on a node or two are colocated. */
function partsOf(
  nodeCount: number,
  placeables: readonly Placeable[],
  withOthers: readonly (readonly Coloc[])[],
  vmOfNode: Int32Array,
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
  // A guest node is up only while its VM runs: they go together.
  for (let n = 0; n < nodeCount; n++) if (vmOfNode[n]! >= 0) union(n, nodeCount + vmOfNode[n]!);
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

/** Pacemaker's boolean, unset as false (check/values.ts \`isTrue\`). */
function isTrue(v: string | undefined): boolean {
  return v !== undefined && V.isTrue(v);
}

/** The ids of the site's top-level resources (outside groups, clones and bundles), in declaration order: what `rsc-pattern` is matched against. */
export function topLevel(site: SiteModel): string[] {
  return site.resources.filter((r) => r.parent === undefined).map((r) => r.id);
}
