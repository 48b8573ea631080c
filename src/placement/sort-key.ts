import type { Room } from "./capacity.js";
import { INF } from "./scores.js";
/**
 * The order Pacemaker sorts resources in under a placement-strategy
 * (pcmk__sort_resources): priority, the score on the node a resource runs
 * on, then its scores node by node in the sorted node order.
 */
export interface SortKey {
  readonly priority: number;
  readonly onCurrent: number;
  /** The scores node by node in the sorted order: positions in that order and scores, ascending; `rest` on every node not listed. */
  readonly ranks: readonly number[];
  readonly scores: readonly number[];
  readonly rest: number;
}

/** Compares two keys' scores node by node in the sorted node order (`nodes` of them), higher first. */
export function compareScores(a: SortKey, b: SortKey, nodes: number): number {
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
  for (let r = 0; r < nodes; r++) {
    const va = i < a.ranks.length && a.ranks[i] === r ? a.scores[i++]! : a.rest;
    const vb = j < b.ranks.length && b.ranks[j] === r ? b.scores[j++]! : b.rest;
    if (va !== vb) return vb - va;
  }
  return 0;
}

/**
 * GLib's g_list_sort, step for step: a top-down merge sort whose first half
 * is the shorter one (⌊n/2⌋ items) and whose merge takes from the left on a
 * tie. For a consistent comparison any stable sort gives the same order;
 * Pacemaker's comparisons of nodes are not always consistent (under
 * `balanced`, h2 before h3 by name, h3 before h4 by name, h4 before h2 by
 * capacity), and then only the same steps give the same order (seed 1036).
 */
export function glibSort<T>(items: readonly T[], cmp: (a: T, b: T) => number): T[] {
  if (items.length < 2) return items.slice();
  const half = items.length >> 1;
  const left = glibSort(items.slice(0, half), cmp);
  const right = glibSort(items.slice(half), cmp);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) out.push(cmp(left[i]!, right[j]!) <= 0 ? left[i++]! : right[j++]!);
  while (i < left.length) out.push(left[i++]!);
  while (j < right.length) out.push(right[j++]!);
  return out;
}

/**
 * Pacemaker's pcmk__numeric_strcasecmp, the order of its node list: runs of
 * digits compare as numbers (`h2` before `h10`; on equal numbers the shorter
 * run first, `7` before `007`), other characters case-insensitively.
 */
export function numericCaseCompare(s1: string, s2: string): number {
  let i = 0;
  let j = 0;
  const digit = (c: number) => c >= 48 && c <= 57;
  while (i < s1.length && j < s2.length) {
    const c1 = s1.charCodeAt(i);
    const c2 = s2.charCodeAt(j);
    if (digit(c1) && digit(c2)) {
      let e1 = i;
      let e2 = j;
      while (e1 < s1.length && digit(s1.charCodeAt(e1))) e1++;
      while (e2 < s2.length && digit(s2.charCodeAt(e2))) e2++;
      const n1 = Number(s1.slice(i, e1));
      const n2 = Number(s2.slice(j, e2));
      if (n1 !== n2) return n1 < n2 ? -1 : 1;
      if (e1 - i !== e2 - j) return e1 - i < e2 - j ? -1 : 1;
      i = e1;
      j = e2;
    } else {
      // C's tolower: ASCII letters only.
      const l1 = c1 >= 65 && c1 <= 90 ? c1 + 32 : c1;
      const l2 = c2 >= 65 && c2 <= 90 ? c2 + 32 : c2;
      if (l1 !== l2) return l1 < l2 ? -1 : 1;
      i++;
      j++;
    }
  }
  return i < s1.length ? 1 : j < s2.length ? -1 : 0;
}

/**
 * pcmk__sort_nodes as pcmk__sort_resources calls it (every node at score 0,
 * nothing assigned yet): from Pacemaker's node list (`listOrder`), the nodes
 * that are up first, under \`balanced\` (`room` given) the one with more free
 * capacity, then by name (strcmp: `nameRank`), sorted as GLib sorts.
 */
export function sortNodes(listOrder: readonly number[], up: Uint8Array, room: Room | undefined, nameRank: Int32Array): number[] {
  return glibSort(listOrder, (a, b) => {
    if (up[a] !== up[b]) return up[a] ? -1 : 1;
    const r = room ? room.compare(a, b) : 0;
    return r !== 0 ? r : nameRank[a]! - nameRank[b]!;
  });
}

/**
 * A resource's sort key from its score table `t` over its nodes `on`, in the
 * node order `rank` (placer.ts \`keyOf\`): a node at -INFINITY sorts as an
 * absent one; `rest` 0 is a guest's connection, whose 0 is on the hosts only
 * (the first `hostCount` nodes): a guest node is no place for a connection,
 * and sorts as an absent one (seed 1383: g2 before h2 by name).
 */
export function keyFromScores(on: readonly number[], t: readonly number[], rank: Int32Array, priority: number, onCurrent: number, rest: number, hostCount: number): SortKey {
  if (rest === 0) {
    const hosts = Array.from({ length: hostCount }, (_, n) => rank[n]!).sort((a, b) => a - b);
    return { priority, onCurrent, ranks: hosts, scores: hosts.map(() => 0), rest: -INF };
  }
  const listed: number[] = [];
  for (let i = 0; i < on.length; i++) if (t[i]! > -INF) listed.push(i);
  listed.sort((a, b) => rank[on[a]!]! - rank[on[b]!]!);
  return { priority, onCurrent, ranks: listed.map((i) => rank[on[i]!]!), scores: listed.map((i) => t[i]!), rest };
}

/** Copies `t` into `me` (a resource's own table, changed in place). */
export function copyInto(me: number[], t: readonly number[]): void {
  if (t === me) return;
  for (let i = 0; i < me.length; i++) me[i] = t[i]!;
}
