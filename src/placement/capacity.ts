import { NOWHERE, type Capacity } from "./site-index.js";
import { INF } from "./scores.js";

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

/** No node to prefer, none tied. */
export const NO_PREFERENCE: { prefer: number; tied: readonly number[] } = { prefer: -1, tied: [] };

/** Above this many usable nodes, every one is taken as a possible pick of the hash order (instead of trying each order). */
const ORDERS_TRIED_UP_TO = 7;

/**
 * Pacemaker's pcmk__ban_insufficient_capacity, on one resource's table `me`
 * (aligned with `on`; changed in place): when some usable node has room for
 * `need` (the resource and what is mandatorily colocated with it), bans the
 * usable nodes without that room and prefers none; otherwise bans those
 * without room for `own` (the resource alone) and prefers the node with most
 * free room.
 *
 * That node is the last to beat the one before it while Pacemaker walks the
 * table in GLib's hash order, which hacc does not model: \`prefer\` is the
 * pick in name order, and \`tied\` every node some order could pick (only
 * \`prefer\` when the room decides alone).
 */
export function banInsufficient(
  room: Room,
  on: readonly number[],
  up: Uint8Array,
  me: number[],
  need: ReadonlyMap<string, number>,
  own: ReadonlyMap<string, number>,
  nameRank: Int32Array,
): { prefer: number; tied: readonly number[] } {
  let capable = false;
  let most = -1;
  const usable: number[] = [];
  for (let i = 0; i < on.length; i++) {
    const n = on[i]!;
    if (!up[n] || me[i]! < 0) continue;
    usable.push(n);
    if (room.fits(n, need)) capable = true;
    if (most < 0 || room.compare(n, most) < 0 || (room.compare(n, most) === 0 && nameRank[n]! < nameRank[most]!)) most = n;
  }
  const bar = capable ? need : own;
  for (let i = 0; i < on.length; i++) {
    const n = on[i]!;
    if (up[n] && me[i]! >= 0 && !room.fits(n, bar)) me[i] = -INF;
  }
  if (capable) return NO_PREFERENCE;
  return { prefer: most, tied: picks(room, usable, most) };
}

/** The nodes the walk for most room can end on, over every order of `nodes`. */
function picks(room: Room, nodes: readonly number[], most: number): readonly number[] {
  // One node with more room than each other one is the pick whatever the order.
  if (nodes.every((n) => n === most || room.compare(most, n) < 0)) return [most];
  if (nodes.length > ORDERS_TRIED_UP_TO) return nodes;
  const out = new Set<number>();
  const walk = (left: readonly number[], best: number) => {
    if (left.length === 0) {
      out.add(best);
      return;
    }
    for (let i = 0; i < left.length; i++) {
      const n = left[i]!;
      walk([...left.slice(0, i), ...left.slice(i + 1)], best < 0 || room.compare(n, best) < 0 ? n : best);
    }
  };
  walk(nodes, -1);
  return [...out].sort((a, b) => a - b);
}

/**
 * assign_best_node's choice once the first node of the sort is known (`first`,
 * a position in `on`): `prefer` (the node with most room, banInsufficient's)
 * when it scores as well, else the node it runs on (`at`) on a tie above 0.
 * NOWHERE when the choice scores below 0, or is a host that is down. A guest
 * node (number `guestsFrom` and up) that is down is taken at 0 or more:
 * Pacemaker assumes its connection will come up (pcmk_sched_resource.c
 * pcmk__finalize_assignment). It is first only when every node ties at
 * -INFINITY in the sort (down, or banned), on the resource count and the name.
 */
export function chooseNode(on: readonly number[], me: readonly number[], up: Uint8Array, at: number, first: number, prefer: number, guestsFrom: number): number {
  let chosen = first;
  const pi = prefer === NOWHERE ? -1 : on.indexOf(prefer);
  if (pi >= 0 && me[pi]! >= me[first]! && up[prefer] && me[pi]! >= 0) chosen = pi;
  else if (me[first]! > 0 && up[on[first]!] && at >= 0 && up[at]) {
    const ai = on.indexOf(at);
    if (ai >= 0 && me[ai]! === me[first]! && me[ai]! >= 0) chosen = ai;
  }
  const n = on[chosen]!;
  return me[chosen]! < 0 || (!up[n] && n < guestsFrom) ? NOWHERE : n;
}
