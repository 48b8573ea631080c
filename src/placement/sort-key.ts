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
