import { normScore } from "./live-ruled.js";

/**
 * Where sets of one kind tie on score, Pacemaker applies them in order
 * (a resource's or a default's: the first wins; a node's: the later wins).
 * A plan writes a set by id, deleting it and merging it again, which puts it
 * after its element's other sets of that kind: so every declared set that
 * follows a written one (added or changed) with the same score must be
 * written again after it, in the site's order, for the sets to keep their
 * order. `sets` is the site's sets of one kind in order, `written` whether
 * each is written anyway; the result is the ids of the unchanged ones to
 * write again.
 */
export function rewrittenForOrder(sets: readonly { readonly id: string; readonly score?: string }[], written: (id: string) => boolean): Set<string> {
  const scores = new Set<string>();
  const out = new Set<string>();
  for (const s of sets) {
    const score = scoreKey(s.score);
    if (written(s.id)) scores.add(score);
    else if (scores.has(score)) {
      out.add(s.id);
      scores.add(score);
    }
  }
  return out;
}

/** A set's score as Pacemaker compares it: none is 0, `+INFINITY` and `inf` are `INFINITY` (normScore), `007` is `7`. */
export function scoreKey(score: string | undefined): string {
  const s = normScore(score ?? "0");
  return /^-?\d+$/.test(s) ? String(Number(s)) : s;
}
