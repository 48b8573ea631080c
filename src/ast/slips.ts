import * as T from "../syntax/tokens.js";
import { distance } from "../util/distance.js";

/**
 * Mistakes that parse: text the grammar reads one way that the author surely
 * meant another. The AST builder reports them as syntax errors (HA1003), and
 * `hacc fmt` refuses such a file as it refuses one that does not parse, so
 * both say what `hacc check` says.
 */

/** The actions an order may name (Pacemaker's `first-action` and `then-action`). */
export const ORDER_ACTIONS: ReadonlySet<string> = new Set(["start", "stop", "promote", "demote"]);

/** The kinds an order may end with, as written. */
export const ORDER_KINDS: readonly string[] = [T.Optional, T.Mandatory, T.Serialize].map((t) => String(t.PATTERN));

/**
 * `order a then b optinal;` reads as the `then` action `b` of a resource
 * `optinal`. Where the word read as an action is no action and the word read
 * as the resource is within two edits of an order kind (any case), the kind
 * it misspells; otherwise undefined.
 */
export function misspeltOrderKind(thenAction: string | undefined, then: string): string | undefined {
  if (thenAction === undefined || ORDER_ACTIONS.has(thenAction)) return undefined;
  const word = then.toLowerCase();
  let best: string | undefined;
  let bestD = 3;
  for (const kind of ORDER_KINDS) {
    const d = distance(word, kind, 2);
    if (d < bestD) [best, bestD] = [kind, d];
  }
  return best;
}
