import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import { duplicate, type Report } from "./problems.js";
import type { Scope } from "./scope.js";
import * as V from "./values.js";

/**
 * `unlisted-nodes NAME, ...;` in the cluster block: node names that
 * constraints and fencing levels may name although `<nodes>` lists no entry
 * for them (a node removed, or one that has not joined yet: Pacemaker writes
 * a node's entry when it first joins). Nothing is written for them. Pacemaker
 * accepts such references (crm_verify passes): a location to a node it does
 * not know places nothing, a fencing level for one waits for it.
 */

/**
 * Declares the unlisted nodes, after the listed ones: a name once (HA2004),
 * not a listed node's, nor one differing from a listed or unlisted node's
 * only in case (HA2004: Pacemaker compares node names without case), and a
 * valid node name (HA3005).
 */
export function declareUnlistedNodes(names: readonly A.Name[], scope: Scope, report: Report): void {
  const folded = new Map<string, { name: A.Name; what: string }>();
  for (const [n, span] of scope.nodes) folded.set(n.toLowerCase(), { name: { text: n, span }, what: "node" });
  for (const n of names) {
    const listed = scope.nodes.get(n.text);
    const again = scope.unlisted.get(n.text);
    if (listed) {
      report(
        diag("HA2004", n.span, `\`${n.text}\` is in \`nodes\` and in \`unlisted-nodes\``, {
          hint: "a listed node has its entry; remove it from `unlisted-nodes`",
          related: [{ span: listed, message: "the listed node" }],
        }),
      );
      continue;
    }
    if (again) {
      report(duplicate(n, "unlisted node", again));
      continue;
    }
    const same = folded.get(n.text.toLowerCase());
    if (same) {
      report(
        diag("HA2004", n.span, `unlisted node \`${n.text}\` differs from ${same.what} \`${same.name.text}\` only in case`, {
          hint: "Pacemaker compares node names without case, so they are one node to it; name the node as its host is named, once",
          related: [{ span: same.name.span, message: `the other ${same.what}` }],
        }),
      );
      continue;
    }
    if (!V.isNodeName(n.text)) {
      report(diag("HA3005", n.span, `\`${n.text}\` is not a valid node name`, { hint: "node names are host names: letters, digits, `_ . -`" }));
    }
    folded.set(n.text.toLowerCase(), { name: n, what: "unlisted node" });
    scope.unlisted.set(n.text, n.span);
  }
}

/**
 * An unlisted node that is a guest or a node a resource makes (a remote
 * node, a `remote-node`, a bundle's replica): that node has an entry of its
 * own, so it cannot be unlisted (HA2004). Run once guest and remote nodes are
 * known; the name is then left to them.
 */
export function unlistedClashes(scope: Scope, report: Report): void {
  for (const [n, span] of scope.unlisted) {
    const guest = scope.guests.get(n);
    const made = guest ? guest.name.span : scope.remote.get(n);
    if (made === undefined) continue;
    report(
      diag("HA2004", span, `unlisted node \`${n}\` is ${guest ? "a guest" : "a node a resource makes (a remote node, a `remote-node`, a bundle's replica)"}`, {
        hint: "that node is the site's already: remove it from `unlisted-nodes`",
        related: [{ span: made, message: guest ? "the guest" : "the resource that makes it" }],
      }),
    );
    scope.unlisted.delete(n);
  }
}

/** `attributes NODE ...` or `utilization NODE ...` of an unlisted node: it has no entry to hold them (HA2001). */
export function unlistedHolds(n: A.Name, what: "attributes" | "utilization", report: Report): void {
  report(
    diag("HA2001", n.span, `\`${n.text}\` is an unlisted node: it has no entry to hold ${what === "attributes" ? "attributes" : "a capacity"}`, {
      hint: `list it in \`nodes\` to give it an entry (Pacemaker's \`<node>\`), or remove this line`,
    }),
  );
}

/** HA2014: an unlisted node that no location, placement or fencing level names. */
export function unusedUnlisted(scope: Scope, report: Report): void {
  for (const [n, span] of scope.unlisted) {
    if (scope.unlistedNamed.has(n)) continue;
    report(
      diag("HA2014", span, `unlisted node \`${n}\` is named by no location, placement or fencing level`, {
        hint: "remove it from `unlisted-nodes` (it is there only so that a constraint may name it)",
      }),
    );
  }
}

/** Whether `n` is an unlisted node; marks it named. */
export function namesUnlisted(scope: Scope, n: string): boolean {
  if (!scope.unlisted.has(n)) return false;
  scope.unlistedNamed.add(n);
  return true;
}
