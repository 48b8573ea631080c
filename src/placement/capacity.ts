import type { Capacity } from "./site-index.js";

/**
 * The room left on each node under a placement-strategy: its declared
 * capacity less the utilization of the resources assigned to it so far
 * (Pacemaker's have_enough_capacity and pcmk__compare_node_capacities).
 */
export class Room {
  /** By node number: the utilization taken so far, per key. */
  private readonly used = new Map<number, Map<string, number>>();

  constructor(private readonly capacity: readonly (Capacity | undefined)[]) {}

  /** Forgets every assignment: each node has its whole capacity again. */
  clear(): void {
    this.used.clear();
  }

  /** Counts `util` as taken on `node`. */
  take(node: number, util: ReadonlyMap<string, number>): void {
    if (util.size === 0) return;
    let u = this.used.get(node);
    if (!u) this.used.set(node, (u = new Map()));
    for (const [k, v] of util) u.set(k, (u.get(k) ?? 0) + v);
  }

  /** A node's free amount of one utilization key (0 where it declares none). */
  free(node: number, key: string): number {
    return (this.capacity[node]?.amounts.get(key) ?? 0) - (this.used.get(node)?.get(key) ?? 0);
  }

  /** Whether a node has room for `need` (every key; Pacemaker's have_enough_capacity). */
  fits(node: number, need: ReadonlyMap<string, number>): boolean {
    for (const [k, v] of need) if (this.free(node, k) < v) return false;
    return true;
  }

  /**
   * Pacemaker's pcmk__compare_node_capacities: the keys where `a` has more
   * free than `b`, less those where it has less. Negative when `a` has more room.
   */
  compare(a: number, b: number): number {
    let r = 0;
    const ka = this.capacity[a]?.amounts;
    const kb = this.capacity[b]?.amounts;
    const cmp = (k: string) => {
      const fa = this.free(a, k);
      const fb = this.free(b, k);
      if (fa > fb) r--;
      else if (fa < fb) r++;
    };
    if (ka) for (const k of ka.keys()) cmp(k);
    if (kb) for (const k of kb.keys()) if (!ka?.has(k)) cmp(k);
    return r;
  }
}
