import type { Placer } from "./placer.js";
import { NOWHERE, type FailoverPlan, type Placeable } from "./site-index.js";

/**
 * Incremental placement: one full placement of every part (the base), with
 * enough recorded to redo, for another set of hosts up or another current
 * placement, only the resources whose answer can differ, giving exactly what
 * a full placement would (test/placement/incremental.test.ts holds it to
 * that on generated sites).
 *
 * Why it is exact. Without a placement-strategy the placer assigns a part's
 * resources in a fixed order, each top-level call pulling in the resources
 * it is colocated with, so the sequence of assignments does not depend on
 * scores: a resource is assigned at the same moment in both placements. A
 * resource's answer depends on its own table (location scores, stickiness
 * where it runs now), the hosts up, the tables and answers of the resources
 * it is colocated with (its colocation group), and the tally of resources on
 * each node at that moment, which only breaks ties between nodes of equal
 * score. So a group is redone when one of its members runs elsewhere now, had
 * a host that went down, or ties on a node whose tally has changed by the
 * time it is assigned; a redone resource that lands elsewhere changes two
 * tallies from then on. Everything else keeps its base answer. A redone
 * resource is placed by the placer itself, with the tally it would have seen.
 * Under a placement-strategy the order depends on the scores: callers place
 * whole parts there.
 */
export class Incremental {
  /** The base answer of every resource. */
  readonly base: Int32Array;
  /** By resource: when it was assigned (in its part's run), and the key of the top-level call that assigned it. */
  private readonly time: Int32Array;
  private readonly key: Int32Array;
  /** By guest VM: when its connection resource was assigned, and the key of that (its own) top-level call. */
  private readonly ctime: Int32Array;
  private readonly ckey: Int32Array;
  /** The top-level resource of each call key. */
  private readonly tops: Placeable[] = [];
  /** Colocation groups by resource number (a resource alone is its own group of one). */
  private readonly group: (readonly Placeable[])[];
  private readonly groupId: Int32Array;
  /** Final tables of grouped resources in the base (read by the others of the group). */
  private readonly finalTable: (readonly number[] | undefined)[];
  /** By node: base assignment times, the weighted tally up to each, and the resources assigned there. */
  private readonly times: number[][];
  private readonly tally: number[][];
  private readonly here: Placeable[][];
  /** By node: resources running there in the base's current placement (their stickiness there lapses when it is down). */
  private readonly at: Placeable[][];
  /** By node: resources whose base answer ties there with another node (sorted by time). */
  private readonly ties: Placeable[][];
  /** By node: resources of groups of two or more that may run there. */
  private readonly grouped: Placeable[][];
  /** Resources redone, in the last call to `place`. */
  work = 0;

  constructor(
    private readonly plan: FailoverPlan,
    private readonly placer: Placer,
    /** Where resources run when the base is placed (stickiness, tie-breaks); read here only. */
    current: Int32Array | undefined,
  ) {
    const n = plan.placeables.length;
    const nodes = plan.nodes.length;
    this.base = new Int32Array(n);
    this.time = new Int32Array(n);
    this.key = new Int32Array(n);
    this.ctime = new Int32Array(n);
    this.ckey = new Int32Array(n);
    this.finalTable = new Array<readonly number[] | undefined>(n);
    this.times = Array.from({ length: nodes }, () => []);
    this.tally = Array.from({ length: nodes }, () => []);
    this.here = Array.from({ length: nodes }, () => []);
    this.ties = Array.from({ length: nodes }, () => []);
    this.grouped = Array.from({ length: nodes }, () => []);
    this.at = Array.from({ length: nodes }, () => []);
    if (current) for (const p of plan.placeables) if (current[p.index]! >= 0) this.at[current[p.index]!]!.push(p);
    // Colocation groups: union-find over colocations.
    const parent = Int32Array.from({ length: n }, (_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
    for (let i = 0; i < n; i++) for (const c of plan.withOthers[i]!) parent[find(c.dep.index)] = find(c.prim.index);
    const groups = new Map<number, Placeable[]>();
    this.groupId = new Int32Array(n);
    this.group = new Array<readonly Placeable[]>(n);
    for (const p of plan.placeables) {
      const r = find(p.index);
      let g = groups.get(r);
      if (!g) groups.set(r, (g = []));
      g.push(p);
      this.groupId[p.index] = r;
      this.group[p.index] = g;
    }
    for (const p of plan.placeables) if (this.group[p.index]!.length > 1) for (const node of p.on) this.grouped[node]!.push(p);
    // The base run, recorded.
    let clock = 0;
    let top = 0;
    const count = (node: number, at: number) => {
      const t = this.times[node]!;
      const u = this.tally[node]!;
      t.push(at);
      u.push((u.length > 0 ? u[u.length - 1]! : 0) + 1);
    };
    placer.hooks = {
      assigned: (p, best) => {
        this.time[p.index] = clock++;
        this.key[p.index] = top;
        if (best === NOWHERE) return;
        count(best, this.time[p.index]!);
        this.here[best]!.push(p);
        const table = placer.table(p)!;
        if (this.group[p.index]!.length > 1) this.finalTable[p.index] = table.slice();
        const bv = table[p.on.indexOf(best)]!;
        let tied = false;
        for (let i = 0; i < p.on.length; i++) {
          if (p.on[i] !== best && table[i] === bv) {
            this.ties[p.on[i]!]!.push(p);
            tied = true;
          }
        }
        if (tied) this.ties[best]!.push(p);
      },
      // A guest's connection resource counts on its VM's node from its own top-level call on.
      connected: (p, node) => {
        this.ctime[p.index] = clock++;
        this.ckey[p.index] = top;
        if (node !== NOWHERE) count(node, this.ctime[p.index]!);
      },
    };
    for (const part of plan.parts) {
      placer.begin(current, this.base);
      for (const p of part) placer.reset(p);
      for (const p of placer.guestsFirst(part)) {
        top = this.tops.length;
        this.tops.push(p);
        placer.assignTop(p);
      }
      placer.clearCounts(part.map((p) => this.base[p.index]!).filter((x) => x >= 0));
    }
    placer.hooks = {};
  }

  /** The base tally of `node` before the moment `t`. */
  private tallyBefore(node: number, t: number): number {
    const times = this.times[node]!;
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : this.tally[node]![lo - 1]!;
  }

  /**
   * Places every part with `down` offline and resources running where
   * `current` says, where it differs from the base's current only for the
   * resources `moved`. Writes into `out` (which must hold the base answers)
   * and returns the resources whose answer differs from the base; the caller
   * puts their base answers back into `out` when done.
   */
  place(down: readonly number[], current: Int32Array, moved: readonly Placeable[], out: Int32Array): Placeable[] {
    const { placer } = this;
    const heap: number[] = [];
    const queued = new Set<number>();
    const dirty = new Set<number>();
    const delta = new Map<number, number>();
    const changed: Placeable[] = [];
    const touched = new Set<number>();
    let now = -1;
    this.work = 0;
    const push = (k: number) => {
      if (queued.has(k)) return;
      queued.add(k);
      heap.push(k);
      for (let i = heap.length - 1; i > 0; ) {
        const up = (i - 1) >> 1;
        if (heap[up]! <= heap[i]!) break;
        [heap[up], heap[i]] = [heap[i]!, heap[up]!];
        i = up;
      }
    };
    const pop = (): number => {
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && heap[l]! < heap[m]!) m = l;
          if (r < heap.length && heap[r]! < heap[m]!) m = r;
          if (m === i) break;
          [heap[m], heap[i]] = [heap[i]!, heap[m]!];
          i = m;
        }
      }
      return top;
    };
    // Redo a group: members whose call is done keep their base answer and table; the rest are placed again.
    const redo = (p: Placeable) => {
      const id = this.groupId[p.index]!;
      if (dirty.has(id)) return;
      dirty.add(id);
      for (const m of this.group[p.index]!) {
        const k = this.key[m.index]!;
        if (k <= now) {
          const t = this.finalTable[m.index];
          if (t) placer.setTable(m, t);
        } else {
          placer.reset(m);
          this.work++;
          push(k);
        }
      }
    };
    const shift = (node: number, by: number, t: number) => {
      delta.set(node, (delta.get(node) ?? 0) + by);
      for (const q of this.ties[node]!) if (this.time[q.index]! > t) redo(q);
    };
    placer.begin(current, out);
    placer.setUp(down, false);
    const connected: Placeable[] = [];
    placer.hooks = {
      countAt: (p, node) => this.tallyBefore(node, this.time[p.index]!) + (delta.get(node) ?? 0),
      assigned: (p, best) => {
        if (best >= 0) touched.add(best);
        const was = this.base[p.index]!;
        if (best === was) return;
        changed.push(p);
        const t = this.time[p.index]!;
        if (was >= 0) shift(was, -1, t);
        if (best >= 0) shift(best, 1, t);
        // Its connection follows it, in its own top-level call (never an earlier one).
        if (p.guest !== undefined) push(this.ckey[p.index]!);
      },
      connected: (p, node) => {
        connected.push(p);
        const was = this.base[p.index]!;
        if (node === was) return;
        const t = this.ctime[p.index]!;
        if (was >= 0) shift(was, -1, t);
        if (node >= 0) shift(node, 1, t);
      },
    };
    for (const p of moved) redo(p);
    // A guest node whose VM runs on a host that is down is offline until its VM is assigned
    // again (unpack.c determine_remote_online_status), as a host that is down would be.
    const downSet = new Set(down);
    const guestsDown: [number, Placeable][] = [];
    for (const p of [...down.flatMap((node) => this.at[node]!), ...moved]) {
      if (p.guest === undefined || !downSet.has(current[p.index]!)) continue;
      const g = this.plan.nodeIndex.get(p.guest)!;
      if (guestsDown.some(([x]) => x === g)) continue;
      guestsDown.push([g, p]);
      placer.setGuestUp(g, false);
    }
    for (const node of [...down, ...guestsDown.map(([g]) => g)]) {
      for (const p of this.here[node]!) redo(p);
      for (const p of this.at[node]!) redo(p);
      for (const p of this.grouped[node]!) redo(p);
    }
    while (heap.length > 0) {
      now = pop();
      placer.assignTop(this.tops[now]!);
    }
    placer.hooks = {};
    placer.setUp(down, true);
    for (const [, vm] of guestsDown) connected.push(vm);
    for (const vm of connected) placer.setGuestUp(this.plan.nodeIndex.get(vm.guest!)!, this.base[vm.index]! >= 0);
    placer.clearCounts(touched);
    return changed;
  }
}
