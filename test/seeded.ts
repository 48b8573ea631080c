/**
 * A small deterministic random generator (mulberry32): the same seed, the
 * same numbers, so a failure can be replayed. Apart from test/helpers.ts
 * (which imports vitest) so scripts run with tsx can use it too.
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
