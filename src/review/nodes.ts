import { nodeEntries, type NodeEntry } from "../ir/nodes.js";
import type { AttrSet, Cib, RuledSet } from "../ir/types.js";
import { shellQuote } from "../util/shell.js";
import { escapeXml, xpathLiteral } from "../util/xml.js";
import { ruledSetXml } from "../emit/cib/cib.js";
import { rewrittenForOrder } from "./set-order.js";
import type { ValueChange } from "./compare.js";

/**
 * Node attributes that operators set at run time (`pcs node standby`,
 * `pcs node maintenance`, `crm node standby`): against a live cluster a plan
 * changes them only where the site declares them, as it does a resource's
 * `target-role` (src/review/runtime.ts).
 */
export const RUNTIME_NODE_ATTRIBUTES: readonly string[] = ["standby", "maintenance"];

/** What changes on one node: its attributes and its utilization. */
export interface NodeChange {
  readonly node: string;
  /** A guest or remote node (its entry has `type="remote"`). */
  readonly remote: boolean;
  readonly attributes: readonly ValueChange[];
  readonly utilization: readonly ValueChange[];
  /** What the live node has that the site does not declare and the plan leaves as it is: `standby=on` and why. */
  readonly kept: readonly { readonly what: string; readonly why: string }[];
  /** Its sets chosen by a rule or ranked by a score, by id: added, changed (score, tests or pairs) or removed. */
  readonly sets: readonly SetChange[];
}

/** One of a node's sets chosen by a rule or a score that a diff finds added, changed or removed. */
export interface SetChange {
  readonly id: string;
  readonly which: "attributes" | "utilization";
  /** `reorder`: unchanged, written again after a set of equal score written before it, to keep the site's order. */
  readonly op: "add" | "change" | "reorder" | "remove";
  /** The set as the site declares it (to add, or to write anew when it changes or moves). */
  readonly set?: RuledSet;
}

const RUNTIME_KEPT = "set at run time and not declared by the site";

type Compare = (o: readonly (readonly [string, string])[], n: readonly (readonly [string, string])[]) => ValueChange[];

function pairs(set: AttrSet | undefined): [string, string][] {
  return (set?.pairs ?? []).map((p) => [p.name, p.value]);
}

/**
 * The nodes' changes, node by node in the new side's order, then nodes only
 * on the old side by name. Between two sites every node counts. Against a
 * live cluster (`live`), a node's attributes (or utilization) are the site's
 * only when it declares some for that node: a node it says nothing about is
 * left alone, and an undeclared run-time attribute (standby, maintenance) is
 * kept, never removed. Any other attribute (or utilization) the site does
 * not declare is hacc's only with `--prune` (`keepUndeclared` says why it
 * stays otherwise): an agent's (pgsql's `pgsql-data-status`, SAPHanaSR's,
 * NodeUtilization's) or another admin's is never hacc's to remove.
 */
export function compareNodes(old: Cib, next: Cib, live: boolean, compare: Compare, keepUndeclared: () => string | undefined = () => undefined): NodeChange[] {
  const oldBy = new Map(nodeEntries(old).map((e) => [e.node, e]));
  const newBy = new Map(nodeEntries(next).map((e) => [e.node, e]));
  const names = [...newBy.keys(), ...[...oldBy.keys()].filter((n) => !newBy.has(n)).sort()];
  const out: NodeChange[] = [];
  for (const node of names) {
    const o = oldBy.get(node);
    const n = newBy.get(node);
    const kept: { what: string; why: string }[] = [];
    const side = (pick: (e: NodeEntry | undefined) => AttrSet | undefined, runtime: readonly string[]): ValueChange[] => {
      if (live && pick(n) === undefined) return [];
      return compare(pairs(pick(o)), pairs(pick(n))).filter((c) => {
        if (!live || c.to !== undefined) return true;
        const why = runtime.includes(c.name) ? RUNTIME_KEPT : keepUndeclared();
        if (why !== undefined) kept.push({ what: `${runtime.length === 0 ? "utilization " : ""}${c.name}=${c.from}`, why });
        return why === undefined;
      });
    };
    const attributes = side((e) => e?.attributes, RUNTIME_NODE_ATTRIBUTES);
    const utilization = side((e) => e?.utilization, []);
    const sets = compareSets(o, n, live, keepUndeclared, kept);
    if (attributes.length + utilization.length + kept.length + sets.length === 0) continue;
    out.push({ node, remote: (n ?? o)!.remote, attributes, utilization, kept, sets });
  }
  return out;
}

/**
 * A node's sets chosen by a rule or a score, compared by id as what they say (score, tests, pairs). Against a live
 * cluster a live set the site does not declare is left alone, as an undeclared attribute is.
 */
function compareSets(o: NodeEntry | undefined, n: NodeEntry | undefined, live: boolean, keepUndeclared: () => string | undefined, kept: { what: string; why: string }[]): SetChange[] {
  const all = (e: NodeEntry | undefined) =>
    new Map<string, { which: SetChange["which"]; s: RuledSet }>([...(e?.attributeSets ?? []).map((s) => [s.id, { which: "attributes", s }] as const), ...(e?.utilizationSets ?? []).map((s) => [s.id, { which: "utilization", s }] as const)]);
  const [before, after] = [all(o), all(n)];
  const written = new Map<string, "add" | "change">();
  for (const [id, { which, s }] of after) {
    const was = before.get(id);
    if (!was) written.set(id, "add");
    else if (was.which !== which || JSON.stringify(was.s) !== JSON.stringify(s)) written.set(id, "change");
  }
  // Against a live cluster a written set lands after the node's others of its kind: those of equal score after it are written again (set-order.ts).
  const again = new Set<string>();
  if (live) for (const sets of [n?.attributeSets ?? [], n?.utilizationSets ?? []]) for (const id of rewrittenForOrder(sets, (id) => written.has(id))) again.add(id);
  const out: SetChange[] = [];
  for (const [id, { which, s }] of after) {
    const op = written.get(id) ?? (again.has(id) ? "reorder" : undefined);
    if (op !== undefined) out.push({ id, which, op, set: s });
  }
  // A set only on the old side: removed between two sites; against a live cluster kept and said, or removed with --prune (the tag lists no node set).
  for (const [id, { which }] of before) {
    if (after.has(id)) continue;
    const why = live ? keepUndeclared() : undefined;
    if (why !== undefined) kept.push({ what: `${which} set ${id}`, why });
    else out.push({ id, which, op: "remove" });
  }
  return out;
}

/** The diff's lines for a node's changes: `~ node n1: attribute standby: off -> on`, `= node n1: standby=on (kept, ...)`. */
export function nodeLines(ch: NodeChange, valueLine: (prefix: string, v: ValueChange) => string): string[] {
  return [
    ...ch.attributes.map((v) => valueLine(`node ${ch.node} attribute `, v)),
    ...ch.utilization.map((v) => valueLine(`node ${ch.node} utilization `, v)),
    ...ch.kept.map((k) => `= node ${ch.node} ${k.what}  (kept, ${k.why})`),
    ...ch.sets.map((s) => `${s.op === "add" ? "+" : s.op === "remove" ? "-" : "~"} node ${ch.node} ${s.which} set ${s.id}${s.op === "reorder" ? "  (unchanged, written again to keep its place after a set of equal score)" : ""}`),
  ];
}

/**
 * A plan's node changes as Pacemaker's own commands on the CIB copy, for the
 * cib and crmsh plans: `crm_attribute` finds a node by name, whatever its
 * id, and sets or deletes one attribute (`--utilization` for utilization).
 * A guest or remote node may have no entry yet, which crm_attribute cannot
 * make: cibadmin merges one first (its id is its name).
 */
export function crmAttributeLines(changes: readonly NodeChange[], run: string): string[] {
  const out: string[] = [];
  for (const ch of changes) {
    if (ch.attributes.length + ch.utilization.length === 0) continue;
    out.push(`# Node ${ch.node}${ch.remote ? " (a guest or remote node)" : ""}`);
    if (ch.remote) {
      const xml = `<node id="${escapeXml(ch.node)}" uname="${escapeXml(ch.node)}" type="remote"/>`;
      out.push(`${run} cibadmin --modify --allow-create -o nodes -X ${shellQuote(xml)}`);
    }
    const one = (v: ValueChange, util: boolean): string => {
      const what = `${run} crm_attribute --node ${shellQuote(ch.node)} --name ${shellQuote(v.name)}${util ? " --utilization" : ""}`;
      return v.to === undefined ? `${what} --delete` : `${what} --update ${shellQuote(v.to)}`;
    };
    out.push(...ch.attributes.map((v) => one(v, false)), ...ch.utilization.map((v) => one(v, true)));
  }
  return out;
}

/** The element of a node's set of one kind. */
const SET_TAG: Readonly<Record<SetChange["which"], string>> = { attributes: "instance_attributes", utilization: "utilization" };

/**
 * A plan's changes to nodes' sets chosen by a rule or a score, as cibadmin
 * commands on the CIB copy, for every target (pcs writes no rule or score for
 * a node's set; crmsh's `node` statement would replace the node's whole
 * entry, an operator's standby with it). By id: a set that goes or changes is
 * deleted (an XPath by the node's name and the set's id), and one that comes
 * or changes is merged whole into the node's entry, whose id is the live
 * CIB's (`nodeIds`: a cluster node's id is the cluster layer's, and the
 * script refuses to run on a CIB that changed since the plan). A guest or
 * remote node without an entry gets one, its name as its id.
 */
export function nodeSetCommands(changes: readonly NodeChange[], nodeIds: ReadonlyMap<string, string>): { readonly what: string; readonly words: readonly string[] }[] {
  const out: { what: string; words: string[] }[] = [];
  for (const ch of changes) {
    for (const s of ch.sets) {
      const tag = SET_TAG[s.which];
      const what = `node ${ch.node}: ${s.which} set ${s.id}`;
      if (s.op !== "add") {
        const xpath = `/cib/configuration/nodes/node[@uname=${xpathLiteral(ch.node)}]/${tag}[@id=${xpathLiteral(s.id)}]`;
        out.push({ what: `${what} ${s.op === "remove" ? "removed" : s.op === "reorder" ? "deleted, to be written again after a set of equal score" : "changes: deleted, then written anew"}`, words: ["cibadmin", "--delete", "--xpath", shellQuote(xpath)] });
      }
      if (s.set === undefined) continue;
      const id = nodeIds.get(ch.node);
      const entry = id !== undefined ? `<node id="${escapeXml(id)}">` : `<node id="${escapeXml(ch.node)}" uname="${escapeXml(ch.node)}" type="remote">`;
      const create = id === undefined ? ["--allow-create"] : [];
      out.push({ what: `${what} ${s.op === "add" ? "added" : "written"}`, words: ["cibadmin", "--modify", ...create, "-o", "nodes", "-X", shellQuote(`${entry}${ruledSetXml(s.set, tag)}</node>`)] });
    }
  }
  return out;
}
