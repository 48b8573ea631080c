import * as V from "../check/values.js";

/**
 * Pacemaker's score arithmetic: scores are whole numbers clamped to
 * ±INFINITY (1,000,000), and -INFINITY wins over INFINITY when added.
 */

/** Pacemaker's INFINITY. */
export const INF = 1_000_000;

/** Clamps a sum to ±INFINITY. */
export function clamp(n: number): number {
  return n >= INF ? INF : n <= -INF ? -INF : n;
}

/** Pacemaker's score addition: -INFINITY wins over INFINITY. */
export function addScores(a: number, b: number): number {
  if (a <= -INF || b <= -INF) return -INF;
  if (a >= INF || b >= INF) return INF;
  return clamp(a + b);
}

/** A constraint's score as written in the site (`500`, `-INFINITY`, ...), clamped. */
export function scoreOf(text: string): number {
  return clamp(V.scoreValue(text));
}

/** A whole number or ±INFINITY as written in a setting; undefined for anything else. */
export function whole(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^[-+]?INFINITY$/.test(text)) return text.startsWith("-") ? -INF : INF;
  return undefined;
}
