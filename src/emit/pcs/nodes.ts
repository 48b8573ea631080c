import type { NodeEntry } from "../../ir/nodes.js";
import type { AttrSet } from "../../ir/types.js";
import { shellQuote } from "../../util/shell.js";
import { escapeXml } from "../../util/xml.js";
import { ruledSetXml } from "../cib/cib.js";

/** One line of the script's body: the function that runs it (pcs, a Pacemaker tool on the copy, or `node_sets`), its comments and words. */
export interface NodeStep {
  readonly runner: "pcs_f" | "cib_f" | "node_sets";
  readonly comments: readonly string[];
  readonly words: readonly string[];
}

/**
 * A node's attributes and utilization as the pcs script writes them. `pcs
 * node attribute` and `pcs node utilization` set the named ones and leave the
 * node's others alone (an operator's standby stays); they find a cluster node
 * by name (`crmAttribute`: an older pcs lacks them, and crm_attribute does the
 * same). A guest or remote node may have no entry yet, which pcs cannot make:
 * cibadmin merges it, its sets included, with its name as its id as Pacemaker
 * gives it. A cluster node's sets chosen by a rule or a score: pcs writes no
 * rule or score, and the node's id is the cluster layer's, so the frame's
 * `node_sets` finds the entry by name and merges them into it. `value` checks
 * a value the script carries (and reports one it cannot), `pairs` writes a
 * set's `KEY=VALUE` words.
 */
export function nodeSteps(
  n: NodeEntry,
  crmAttribute: boolean,
  value: (v: string, where: string, id: string) => string,
  pairs: (set: AttrSet, where: string) => string[],
): NodeStep[] {
  const where = `node \`${n.node}\``;
  const ruled = [...(n.attributeSets ?? []), ...(n.utilizationSets ?? [])];
  const check = (ps: readonly { id: string; name: string; value: string }[]) => {
    for (const p of ps) value(p.value, `${where}, attribute \`${p.name}\``, p.id);
  };
  const setsXml = [...(n.attributeSets ?? []).map((s) => ruledSetXml(s, "instance_attributes")), ...(n.utilizationSets ?? []).map((s) => ruledSetXml(s, "utilization"))];
  const out: NodeStep[] = [];
  if (n.remote) {
    check([...(n.attributes?.pairs ?? []), ...(n.utilization?.pairs ?? []), ...ruled.flatMap((s) => s.pairs)]);
    const setXml = (tag: string, set: AttrSet | undefined): string[] =>
      set ? [`<${tag} id="${escapeXml(set.id)}">`, ...set.pairs.map((p) => `<nvpair id="${escapeXml(p.id)}" name="${escapeXml(p.name)}" value="${escapeXml(p.value)}"/>`), `</${tag}>`] : [];
    const xml = [
      `<node id="${escapeXml(n.node)}" uname="${escapeXml(n.node)}" type="remote">`,
      ...setXml("instance_attributes", n.attributes),
      ...(n.attributeSets ?? []).map((s) => ruledSetXml(s, "instance_attributes")),
      ...setXml("utilization", n.utilization),
      ...(n.utilizationSets ?? []).map((s) => ruledSetXml(s, "utilization")),
      "</node>",
    ].join("");
    const attrs = n.attributes || n.attributeSets;
    const util = n.utilization || n.utilizationSets;
    const what = attrs && util ? "attributes and utilization" : attrs ? "attributes" : "utilization";
    return [{ runner: "cib_f", comments: [`Node ${what} of ${n.node}, a guest or remote node: pcs cannot make its entry, cibadmin merges it`], words: ["cibadmin", "--modify", "--allow-create", "-o", "nodes", "-X", shellQuote(xml)] }];
  }
  if (crmAttribute) {
    // An older pcs (0.9.123 on EL6) may lack `pcs node attribute`/`utilization`: Pacemaker's crm_attribute, by node name.
    const sets: [AttrSet | undefined, string, string[]][] = [
      [n.attributes, "attributes", []],
      [n.utilization, "utilization", ["--utilization"]],
    ];
    for (const [set, what, flag] of sets) {
      for (const p of set?.pairs ?? []) {
        const v = value(p.value, `${where}, attribute \`${p.name}\``, p.id);
        out.push({ runner: "cib_f", comments: [`Node ${what} of ${n.node}: ${p.name} (crm_attribute, as an older pcs may lack pcs node ${what === "attributes" ? "attribute" : what})`], words: ["crm_attribute", "--node", shellQuote(n.node), "--name", shellQuote(p.name), ...flag, "--update", shellQuote(v)] });
      }
    }
  } else {
    if (n.attributes) out.push({ runner: "pcs_f", comments: [`Node attributes of ${n.node}`], words: ["node", "attribute", shellQuote(n.node), ...pairs(n.attributes, where)] });
    if (n.utilization) out.push({ runner: "pcs_f", comments: [`Node utilization of ${n.node}`], words: ["node", "utilization", shellQuote(n.node), ...pairs(n.utilization, where)] });
  }
  if (ruled.length === 0) return out;
  check(ruled.flatMap((s) => s.pairs));
  const ids = ruled.map((s) => s.id).join(", ");
  out.push({ runner: "node_sets", comments: [`Node ${n.node}: sets ${ids}, chosen by a rule or ranked by a score: cibadmin into its entry (found by its name), as pcs writes no rule or score for a node's set`], words: [shellQuote(n.node), shellQuote(setsXml.join(""))] });
  return out;
}
