import type { AttrSet, Cib, RuledSet } from "./types.js";

/** What a site says about one node: its attributes and utilization; a remote one is a guest or remote node. */
export interface NodeEntry {
  readonly node: string;
  readonly remote: boolean;
  readonly attributes?: AttrSet;
  readonly utilization?: AttrSet;
  /** Its `<instance_attributes>` chosen by a rule or ranked by a score, after the plain one, in order. */
  readonly attributeSets?: readonly RuledSet[];
  /** Its `<utilization>` sets chosen by a rule or ranked by a score, after the plain one, in order. */
  readonly utilizationSets?: readonly RuledSet[];
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
  const setsOf = (node: string, which: "attributes" | "utilization"): RuledSet[] => (cib.nodeSets ?? []).filter((s) => s.node === node && s.which === which).map((s) => s.set);
  const entry = (node: string, remote: boolean, a: AttrSet | undefined, u: AttrSet | undefined): NodeEntry[] => {
    const as = setsOf(node, "attributes");
    const us = setsOf(node, "utilization");
    if (!a && !u && as.length === 0 && us.length === 0) return [];
    return [{ node, remote, ...(a ? { attributes: a } : {}), ...(u ? { utilization: u } : {}), ...(as.length > 0 ? { attributeSets: as } : {}), ...(us.length > 0 ? { utilizationSets: us } : {}) }];
  };
  const util = first(cib.nodeUtilization, (u) => !u.remote);
  const attrs = first(cib.nodeAttributes, (a) => !a.remote);
  const out: NodeEntry[] = [];
  for (const n of cib.nodes) out.push(...entry(n, false, attrs.get(n)?.attributes, util.get(n)?.utilization));
  // A guest's or remote node's entry: its attributes, utilization and sets, in the order of their first declaration.
  const remoteAttrs = first(cib.nodeAttributes, (a) => a.remote === true);
  const remoteUtil = first(cib.nodeUtilization, (u) => u.remote === true);
  const remoteSets = (cib.nodeSets ?? []).filter((s) => s.remote === true).map((s) => s.node);
  for (const n of new Set([...remoteAttrs.keys(), ...remoteUtil.keys(), ...remoteSets])) out.push(...entry(n, true, remoteAttrs.get(n)?.attributes, remoteUtil.get(n)?.utilization));
  return out;
}
