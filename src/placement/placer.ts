import { addScores, INF } from "./scores.js";
import { banInsufficient, chooseNode, NO_PREFERENCE, Room } from "./capacity.js";
import { connectionSlots, inPacemakerOrder, mandatorilyColocated } from "./colocations.js";
import { NOWHERE, type Coloc, type FailoverPlan, type Placeable } from "./site-index.js";
import type { Uncertainty } from "./uncertainty.js";
import { compareScores, copyInto, keyFromScores, numericCaseCompare, sortNodes, type SortKey } from "./sort-key.js";

/** A resource not assigned yet in the placement being computed. */
const UNSET = -2;

/**
 * The model of Pacemaker's scheduler that places resources on nodes (location scores, colocations), one part at a time, with
 * some nodes online: resources are assigned in Pacemaker's order (priority, score on the current node, best score), each to its
 * best available node (score, then fewest resources, then the node it runs on, then the name). A placement is an array of node
 * numbers (NOWHERE when stopped) by resource number; the working state is in arrays by node and resource number, reused.
 */
export class Placer {
  /** 1 when a node is online; `down` counts the hosts that are not. A guest node is online while its VM runs (set as the VM is placed). */
  private readonly up: Uint8Array;
  private down = 0;
  /** Pacemaker's node tables (allowed_nodes) by resource, aligned with its `on`: location scores and stickiness, changed by colocations as resources are assigned. */
  private readonly scores: number[][];
  private readonly busy: Uint8Array;
  private readonly merging: Uint8Array;
  /** Resources assigned to each node, and (under a strategy) the utilization they use. */
  private readonly count: Int32Array;
  private readonly room: Room;
  /** Another resource's scores by node, while folding them in (valid where `seen` is `epoch`). */
  private readonly seen: Int32Array;
  private readonly seenScore: Float64Array;
  private epoch = 0;
  private current: Int32Array | undefined;
  private result: Int32Array;
  private readonly orders = new Map<readonly Placeable[], readonly Placeable[]>();
  /** By node number: its position in the order Pacemaker sorts resources by (see \`rankNodes\`). */
  private readonly sortRank: Int32Array;
  /** The nodes as Pacemaker lists them (pcmk__numeric_strcasecmp's order): where its sort of them starts. */
  private readonly listOrder: readonly number[];
  /** By resource number: the guest node a VM carries, -1 for the others. */
  private readonly guestNode: Int32Array;
  /** Set once a choice hung on Pacemaker's hash order (capacity.ts \`banInsufficient\`); the resources assigned from then on, by number, in \`doubted\`. */
  private doubt = false;
  readonly doubted: number[] = [];
  /** The colocations by resource number, in Pacemaker's order (colocations.ts). */
  private readonly thisWithOf: readonly (readonly Coloc[])[];
  private readonly withThisOf: readonly (readonly Coloc[])[];
  /** By VM: where its connection resource comes among its "with this" colocations (colocations.ts). */
  private readonly connectionAt: Int32Array;
  /** Set when the site has resources the prediction does not place: judges which placements they could change. */
  watch: Uncertainty | undefined;
  /** For incremental.ts: a node's resource count as the tie-break reads it (instead of the tally); calls when a resource, and a guest's connection (on its VM's node, NOWHERE when stopped), is assigned. */
  hooks: {
    countAt?: (p: Placeable, node: number) => number;
    assigned?: (p: Placeable, node: number) => void;
    connected?: (p: Placeable, node: number) => void;
  } = {};

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
    this.room = new Room(plan.capacity);
    this.guestNode = new Int32Array(rscs).fill(-1);
    this.sortRank = Int32Array.from(plan.nameRank);
    this.listOrder = [...plan.nodes.keys()].sort((a, b) => numericCaseCompare(plan.nodes[a]!, plan.nodes[b]!));
    for (const p of plan.placeables) if (p.guest !== undefined) this.guestNode[p.index] = plan.nodeIndex.get(p.guest)!;
    this.thisWithOf = inPacemakerOrder(plan.withOthers, (c) => c.prim);
    this.withThisOf = inPacemakerOrder(plan.withThis, (c) => c.dep);
    this.connectionAt = connectionSlots(this.withThisOf, plan.placeables, plan.connectionPriority);
  }

  /** Takes nodes offline, or back online. */
  setUp(nodes: readonly number[], up: boolean): void {
    for (const n of nodes) {
      if (n >= this.plan.hostCount) continue;
      if (this.up[n] === (up ? 0 : 1)) this.down += up ? -1 : 1;
      this.up[n] = up ? 1 : 0;
    }
  }

  /** Sets a guest node online or offline (incremental.ts: at the start of a run a guest node is offline while its VM's host is down). */
  setGuestUp(node: number, up: boolean): void {
    this.up[node] = up ? 1 : 0;
  }

  private anyUp(): boolean {
    return this.down < this.plan.hostCount;
  }

  /**
   * Where Pacemaker would place each resource of `part` with the nodes in
   * `up` online, given where resources run now (`current`, for stickiness and
   * tie-breaks). Writes each one's node into `result` (NOWHERE when stopped).
   */
  placePart(part: readonly Placeable[], current: Int32Array | undefined, result: Int32Array): void {
    this.current = current;
    this.result = result;
    this.doubt = false;
    this.doubted.length = 0;
    this.watch?.startPart();
    // A guest node is online when the run starts if its VM runs on a host that is up
    // (unpack.c determine_remote_online_status: a VM on a host that left cleanly is stopped,
    // so its guest node is offline until its connection is assigned again).
    for (const p of part) {
      const g = this.guestNode[p.index]!;
      if (g < 0) continue;
      const was = this.nowAt(p);
      this.up[g] = was >= 0 && this.up[was] ? 1 : 0;
    }
    for (const p of part) {
      result[p.index] = UNSET;
      this.scoreNow(p);
      this.watch?.starting(p);
    }
    let order: readonly Placeable[];
    if (this.plan.strict) {
      // Under a placement-strategy Pacemaker sorts guests (each pulling in its VM), then the rest.
      this.rankNodes();
      const keys = new Map(part.map((p) => [p, this.keyOf(p)]));
      const byKey = (a: Placeable, b: Placeable): number => {
        const ka = keys.get(a)!;
        const kb = keys.get(b)!;
        return kb.priority - ka.priority || kb.onCurrent - ka.onCurrent || compareScores(ka, kb, this.plan.nodes.length) || a.index - b.index;
      };
      // Guests first here too (allocate_resources assigns remote connections first, in the sorted order).
      order = [...part.filter((p) => p.guest !== undefined).sort(byKey), ...part.filter((p) => p.guest === undefined).sort(byKey)];
    } else order = this.guestsFirst(part);
    for (const p of order) this.assignTop(p);
    // Leave the per-node tallies empty for the next part.
    for (const p of part) {
      const n = result[p.index]!;
      if (n >= 0) this.count[n] = 0;
    }
    this.room.clear();
  }

  /** Starts placing some resources of a part by hand (incremental.ts): where they run now, and the result to fill in. */
  begin(current: Int32Array | undefined, result: Int32Array): void {
    this.current = current;
    this.result = result;
    this.watch?.startPart();
  }

  /** Unassigns a resource and starts its table afresh (as `placePart` does for every resource first). */
  reset(p: Placeable): void {
    this.result[p.index] = UNSET;
    this.scoreNow(p);
    this.watch?.starting(p);
  }

  /**
   * Assigns a resource, and the ones it is colocated with, as `placePart`
   * does in its order. For a guest's VM, the top-level call is its connection
   * resource's (allocate_resources assigns the connections first, each
   * pulling in its VM): the connection is assigned after the VM, to its node,
   * and only then counts there and brings the guest node up
   * (pcmk_sched_primitive.c remote_connection_assigned; a VM pulled in
   * earlier by a colocation counts alone until then).
   */
  assignTop(p: Placeable): void {
    this.watch?.top(p);
    this.assign(p);
    if (p.guest === undefined) return;
    const best = this.result[p.index]!;
    const g = this.guestNode[p.index]!;
    if (g >= 0) this.up[g] = best >= 0 ? 1 : 0;
    if (best >= 0) this.count[best] = this.count[best]! + 1;
    this.hooks.connected?.(p, best);
  }

  /** A resource's table of scores (aligned with its `on`), as the last placement left it. */
  table(p: Placeable): readonly number[] | undefined {
    return this.scores[p.index];
  }

  /** Sets a resource's table (aligned with its `on`). */
  setTable(p: Placeable, t: readonly number[]): void {
    const s = this.scores[p.index];
    if (s === undefined) this.scores[p.index] = t.slice();
    else for (let i = 0; i < s.length; i++) s[i] = t[i]!;
  }

  /** Empties the per-node tallies of the nodes given. */
  clearCounts(nodes: Iterable<number>): void {
    for (const n of nodes) this.count[n] = 0;
  }

  private nowAt(p: Placeable): number {
    return this.current === undefined ? NOWHERE : this.current[p.index]!;
  }

  /**
   * The node a resource runs on as Pacemaker knows it when the run starts
   * (pe__current_node, the tie-break's "active" node): where it runs now, if
   * that node is up then. A host that is down left cleanly, and a guest node
   * whose VM ran there is offline: their history is not read (unpack.c
   * unpack_node_history), so a resource there runs nowhere (seed 2086).
   */
  private activeAt(p: Placeable): number {
    const at = this.nowAt(p);
    if (at < 0) return at;
    if (at < this.plan.hostCount) return this.up[at] ? at : NOWHERE;
    const vm = this.plan.vmOfNode[at]!;
    const host = vm < 0 || this.current === undefined ? NOWHERE : this.current[vm]!;
    return host >= 0 && host < this.plan.hostCount && this.up[host] ? at : NOWHERE;
  }

  /**
   * Without a placement-strategy, Pacemaker assigns guest connections first (each
   * pulling in its VM), then the rest, in the CIB's order. Kept per part.
   */
  guestsFirst(part: readonly Placeable[]): readonly Placeable[] {
    let order = this.orders.get(part);
    if (order === undefined) {
      // The rest by priority, highest first, then in the CIB's order (unpack.c sorts every resource so, stably).
      const vms = part.filter((p) => p.guest !== undefined);
      const rest = part.filter((p) => p.guest === undefined);
      if (rest.some((p) => p.priority !== rest[0]!.priority)) rest.sort((a, b) => b.priority - a.priority || a.index - b.index);
      order = vms.length === 0 ? rest : rest.length === 0 ? part : [...vms, ...rest];
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
    // Pacemaker ignores a stickiness below 1 (apply_stickiness).
    if (at >= 0 && this.up[at] && p.stickiness >= 1) {
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
      if (dir === "dependents") {
        // A VM's connection resource is its dependent too (at INFINITY: full weight), in its place in the list.
        const list = this.withThisOf[other.index]!;
        const conn = this.connectionAt[other.index]!;
        for (let k = 0; k <= list.length; k++) {
          if (k === conn) out = this.foldConnection(on, out, other, Math.sign(f32));
          if (k < list.length) out = this.fold(on, out, list[k]!.dep, (Math.sign(f32) * list[k]!.score) / INF, dir, true);
        }
      } else for (const c of this.thisWithOf[other.index]!) out = this.fold(on, out, c.prim, (Math.sign(f32) * c.score) / INF, dir, true);
    } else if (active) out = work;
    this.merging[other.index] = 0;
    return out;
  }

  /**
   * The scores of a guest's connection resource, by node: 0 on the hosts that
   * are up (its own stickiness added where its VM runs now), -INFINITY on
   * guest nodes and hosts that are down (pcmk_sched_primitive.c
   * rsc_avoids_remote_nodes).
   */
  private connectionScore(vm: Placeable, node: number): number {
    if (node >= this.plan.hostCount || !this.up[node]) return -INF;
    const stick = this.plan.connectionStickiness;
    return stick >= 1 && this.nowAt(vm) === node ? stick : 0;
  }

  /**
   * Folds a VM's connection resource into \`work\` at full weight (\`sign\`:
   * Pacemaker's colocation of the connection with its VM is INFINITY, so
   * pcmk__add_colocated_node_scores recurses into it at ±1), dropped when
   * that leaves no usable node. A negative factor never turns a ban into a
   * preference.
   */
  private foldConnection(on: readonly number[], work: readonly number[], vm: Placeable, sign: number): readonly number[] {
    const t = work.slice();
    for (let i = 0; i < on.length; i++) {
      const w = this.connectionScore(vm, on[i]!);
      if (sign < 0 && w < 0) continue;
      t[i] = addScores(sign * w, t[i]!);
    }
    return this.available(on, t) ? t : work;
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
      const zeros = p.on.map((n) => (this.connectionScore(p, n) > 0 ? this.connectionScore(p, n) : 0));
      t = this.anyUp() ? this.fold(p.on, zeros, p, 1, "primaries", true) : zeros;
      if (t === zeros) rest = 0;
    } else {
      t = this.scores[p.index]!;
      this.merging[p.index] = 1;
      if (this.available(p.on, t)) for (const c of this.thisWithOf[p.index]!) t = this.fold(p.on, t, c.prim, c.score / INF, "primaries", true);
      this.merging[p.index] = 0;
    }
    const at = this.nowAt(p);
    let onCurrent = -INF;
    if (at >= 0 && this.up[at]) {
      const i = p.on.indexOf(at);
      onCurrent = rest === 0 ? 0 : i >= 0 ? t[i]! : -INF;
    }
    const priority = p.guest !== undefined ? this.plan.connectionPriority : p.priority;
    return keyFromScores(p.on, t, this.sortRank, priority, onCurrent, rest, this.plan.hostCount);
  }

  /**
   * The order pcmk__sort_resources walks the nodes in (pcmk__sort_nodes over
   * the cluster's nodes, each at score 0): the nodes that are up first, under
   * \`balanced\` the one with more free capacity first, then by name. Nothing
   * is assigned yet when Pacemaker sorts, so the capacity is the whole one.
   */
  private rankNodes(): void {
    const order = sortNodes(this.listOrder, this.up, this.plan.strategy === "balanced" ? this.room : undefined, this.plan.nameRank);
    order.forEach((n, i) => (this.sortRank[n] = i));
  }

  /**
   * Under a placement-strategy, bans \`p\` from the usable nodes without room
   * (capacity.ts \`banInsufficient\`); returns the node with most room to
   * prefer, or NOWHERE, and whether that node hung on a tie (\`tied\`).
   */
  private banInsufficient(p: Placeable, me: number[]): { prefer: number; tied: readonly number[]; need?: ReadonlyMap<string, number> } {
    if (!this.plan.strict) return NO_PREFERENCE;
    const need = new Map<string, number>();
    for (const r of mandatorilyColocated(p, this.thisWithOf, this.withThisOf)) {
      if (this.result[r.index] !== UNSET) continue;
      for (const [k, v] of r.util) need.set(k, (need.get(k) ?? 0) + v);
    }
    return { ...banInsufficient(this.room, p.on, this.up, me, need, p.util, this.plan.nameRank), need };
  }

  /**
   * Pacemaker's compare_nodes, for `p`'s nodes at positions `a` and `b`:
   * negative when `a` comes first. Score (an offline node as -INFINITY);
   * under `minimal` then the name only; under `balanced` the free room; then
   * fewest resources, the node it runs on, the name.
   */
  private compareNodes(p: Placeable, me: readonly number[], at: number, a: number, b: number): number {
    const na = p.on[a]!;
    const nb = p.on[b]!;
    const wa = this.up[na] ? me[a]! : -INF;
    const wb = this.up[nb] ? me[b]! : -INF;
    if (wa !== wb) return wa > wb ? -1 : 1;
    const rank = this.plan.nameRank;
    if (this.plan.strategy !== "minimal") {
      if (this.plan.strategy === "balanced") {
        const r = this.room.compare(na, nb);
        if (r !== 0) return r < 0 ? -1 : 1;
      }
      const ca = this.countOf(p, na);
      const cb = this.countOf(p, nb);
      if (ca !== cb) return ca < cb ? -1 : 1;
      if (na === at) return -1;
      if (nb === at) return 1;
    }
    return rank[na]! - rank[nb]!;
  }

  /**
   * Pacemaker's assign_best_node: the first node by compareNodes; under a
   * strategy the node with most room instead when no node has room for the
   * resource and its colocated ones and that node scores as well as the best;
   * the node it runs on instead when that one scores the same and the score
   * is above 0. NOWHERE when the chosen node is below 0 or offline.
   */
  private countOf(p: Placeable, n: number): number {
    return this.hooks.countAt ? this.hooks.countAt(p, n) : this.count[n]!;
  }

  private bestNode(p: Placeable, me: number[], at: number): number {
    const pre = this.watch ? me.slice() : me;
    const { prefer, tied, need } = this.banInsufficient(p, me);
    let first = -1;
    for (let i = 0; i < p.on.length; i++) if (first < 0 || this.compareNodes(p, me, at, i, first) < 0) first = i;
    if (first < 0) return NOWHERE;
    const chosen = chooseNode(p.on, me, this.up, at, first, prefer, this.plan.hostCount);
    this.watch?.judge({ p, pre, me, at, now: this.nowAt(p), first, chosen, prefer, up: this.up, count: (n) => this.countOf(p, n), room: this.room, need });
    // Which of the tied nodes Pacemaker prefers is its hash table's order: when that changes the outcome, nothing from here on is predicted.
    if (tied.length > 1 && tied.some((t) => chooseNode(p.on, me, this.up, at, first, t, this.plan.hostCount) !== chosen)) this.doubt = true;
    // Pacemaker sorts the allowed nodes as its hash table lists them. Under `balanced`
    // the comparison of free room need not be consistent (a before b before c before a):
    // unless the first node comes before every other, the head of the sort is the hash
    // order's pick, and when another head would change the outcome nothing is predicted.
    if (this.plan.strategy === "balanced" && !this.doubt) {
      const beaten = (i: number) => i !== first && this.compareNodes(p, me, at, i, first) < 0;
      if (p.on.some((_, i) => beaten(i))) {
        const heads = p.on.map((_, i) => i).filter((i) => me[i] === me[first] && this.up[p.on[i]!] === this.up[p.on[first]!]);
        if (heads.some((h) => chooseNode(p.on, me, this.up, at, h, prefer, this.plan.hostCount) !== chosen)) this.doubt = true;
      }
    }
    return chosen;
  }

  /**
   * As a dependent (Pacemaker 2.1.5's apply_this_with and
   * pcmk__apply_coloc_to_weights): place the other resource first, then
   * apply the colocation to our scores. Nothing when the other is still
   * being placed (a colocation loop). With the other stopped, a positive
   * score is taken off every node (INFINITY: no node is left), a negative
   * one does nothing. With it placed, its node gets the score unless that
   * is INFINITY, and at INFINITY every other node gets -INFINITY. A finite
   * score (either sign) that would leave no usable node is rolled back.
   */
  private thisWith(p: Placeable, me: number[], c: Coloc): void {
    this.assign(c.prim);
    const at = this.result[c.prim.index]!;
    if (at === UNSET) return;
    if (at < 0 && c.score < 0) return;
    const work = me.slice();
    for (let i = 0; i < work.length; i++) {
      if (at < 0) work[i] = addScores(-c.score, work[i]!);
      else if (p.on[i] === at) {
        if (c.score < INF) work[i] = addScores(c.score, work[i]!);
      } else if (c.score >= INF) work[i] = -INF;
    }
    if (c.score <= -INF || c.score >= INF || this.available(p.on, work)) copyInto(me, work);
  }

  /** As the primary: resources colocated with this one pull (or push) it by their scores. */
  private withThis(p: Placeable, me: number[], c: Coloc): void {
    copyInto(me, this.fold(p.on, me, c.dep, c.score / INF, "dependents", true));
  }

  private assign(p: Placeable): void {
    if (this.result[p.index] !== UNSET || this.busy[p.index]) return;
    this.busy[p.index] = 1;
    const me = this.scores[p.index]!;
    const deps = this.thisWithOf[p.index]!;
    const dependents = this.withThisOf[p.index]!;
    // Pacemaker 2.1.5: every "this with" colocation, then every "with this" one (mandatory first came in 2.1.6).
    for (const c of deps) this.thisWith(p, me, c);
    // The connection resource is a dependent of its VM (its stickiness counts where the VM runs), in its place in the list.
    const conn = this.connectionAt[p.index]!;
    for (let k = 0; k <= dependents.length; k++) {
      if (k === conn) copyInto(me, this.foldConnection(p.on, me, p, 1));
      if (k < dependents.length) this.withThis(p, me, dependents[k]!);
    }
    // Meant to be stopped: assigned nowhere once its colocations are applied.
    const best = p.stopped ? NOWHERE : this.bestNode(p, me, this.activeAt(p));
    this.result[p.index] = best;
    this.busy[p.index] = 0;
    if (this.doubt) this.doubted.push(p.index);
    // A guest's node comes up, and its connection counts, when the connection is assigned (assignTop).
    if (best !== NOWHERE) {
      this.count[best] = this.count[best]! + 1;
      if (this.plan.strict) this.room.take(best, p.util);
    }
    this.hooks.assigned?.(p, best);
  }
}
