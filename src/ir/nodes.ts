import type { AttrSet, Cib } from "./types.js";

/** What a site says about one node: its attributes and utilization; a remote one is a guest or remote node. */
export interface NodeEntry {
  readonly node: string;
  readonly remote: boolean;
  readonly attributes?: AttrSet;
  readonly utilization?: AttrSet;
}

/**
 * The nodes the site gives attributes or utilization, each once: cluster
 * nodes in the order of `nodes`, then guest and remote nodes in declaration
 * order. The first set of a kind for a node counts.
 */
export function nodeEntries(cib: Cib): NodeEntry[] {
  const first = <T extends { node: string }>(xs: readonly T[] | undefined, ok: (x: T) => boolean): Map<string, T> => {
    const m = new Map<string, T>();
    for (const x of xs ?? []) if (ok(x) && !m.has(x.node)) m.set(x.node, x);
    return m;
  };
  const util = first(cib.nodeUtilization, (u) => !u.remote);
  const attrs = first(cib.nodeAttributes, (a) => !a.remote);
  const out: NodeEntry[] = [];
  for (const n of cib.nodes) {
    const a = attrs.get(n)?.attributes;
    const u = util.get(n)?.utilization;
    if (a || u) out.push({ node: n, remote: false, ...(a ? { attributes: a } : {}), ...(u ? { utilization: u } : {}) });
  }
  // A guest's or remote node's entry: its attributes and utilization, in the order of their first declaration.
  const remoteAttrs = first(cib.nodeAttributes, (a) => a.remote === true);
  const remoteUtil = first(cib.nodeUtilization, (u) => u.remote === true);
  for (const n of new Set([...remoteAttrs.keys(), ...remoteUtil.keys()])) {
    const a = remoteAttrs.get(n)?.attributes;
    const u = remoteUtil.get(n)?.utilization;
    out.push({ node: n, remote: true, ...(a ? { attributes: a } : {}), ...(u ? { utilization: u } : {}) });
  }
  return out;
}
