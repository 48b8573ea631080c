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
