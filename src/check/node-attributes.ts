import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { NodeAttributesModel, Setting } from "./model.js";
import { badKey, namedLikeNode, setting, type Report } from "./problems.js";
import type { Scope } from "./scope.js";
import * as V from "./values.js";
import { bundleNodes } from "./bundles.js";
import { unlistedHolds } from "./unlisted.js";

/** The agent of a remote node's connection resource: its id is the node's name. */
export const REMOTE_AGENT = "ocf:pacemaker:remote";

/** Node attributes Pacemaker reads as booleans (crm_is_true): a value it cannot read is false. */
const BOOLEAN_ATTRIBUTES: readonly string[] = ["standby", "maintenance"];
const BOOLEANS = /^(true|on|yes|y|1|false|off|no|n|0)$/i;

/**
 * The nodes Pacemaker makes of resources, other than cluster nodes and
 * guests (`scope.remote`): the `remote-node` of any resource's meta, each
 * resource of the remote agent (whose id is its node's name), and the
 * replicas of a bundle that holds a primitive (`BUNDLE-0`, ...), in
 * declaration order. A name that is a cluster node or a guest already is
 * left to them.
 */
export function declareRemoteNodes(stmts: readonly A.Statement[], scope: Scope, report: Report): void {
  const add = (n: A.Name | A.Value, what: string, kind = "remote node") => {
    // Named as a cluster node (or as one but for case): Pacemaker makes no node of it, and the cluster node is confused with it.
    const node = scope.nodes.get(n.text) ?? scope.nodesFolded.get(n.text.toLowerCase())?.span;
    if (node !== undefined) {
      report(namedLikeNode(what, n, scope, node, `a ${kind} is a node of its own: give it a name of its own`));
      return;
    }
    if (!scope.guests.has(n.text) && !scope.remote.has(n.text)) scope.remote.set(n.text, n.span);
  };
  // A resource made from a template has the template's agent.
  const templateAgent = new Map<string, string>();
  for (const s of stmts) if (s.kind === "template" && !templateAgent.has(s.name.text)) templateAgent.set(s.name.text, s.agent.text);
  for (const s of stmts) {
    if (s.kind === "bundle") for (const n of bundleNodes(s)) add({ text: n, span: s.name.span }, `replica \`${n}\` of bundle \`${s.name.text}\``);
    if (s.kind !== "resource") continue;
    if ((s.agent?.text ?? templateAgent.get(s.template?.text ?? "")) === REMOTE_AGENT) add(s.name, `remote node \`${s.name.text}\` (a resource of ${REMOTE_AGENT})`);
    for (const it of s.block?.items ?? []) {
      if (it.kind !== "meta") continue;
      for (const p of it.pairs) if (p.key.text === "remote-node") add(p.value, `guest node \`${p.value.text}\` (the \`remote-node\` of \`${s.name.text}\`)`, "guest node");
    }
  }
}

/**
 * `attributes NODE k = v, ...;`: a cluster node, a guest or a remote node
 * (HA2001 otherwise); each attribute of a node set once over all its lines
 * (HA3050); `standby` and `maintenance` booleans Pacemaker can read (HA3051).
 * Lines of one node are merged, in declaration order.
 */
export function declareNodeAttributes(decls: readonly A.NodeAttributesDecl[], scope: Scope, report: Report): NodeAttributesModel[] {
  const out = new Map<string, { settings: Setting[]; span: Span; remote: boolean }>();
  const seen = new Map<string, Span>();
  const idOf = new Map<string, A.Name>();
  for (const d of decls) {
    const node = d.node.text;
    const isRemote = !scope.nodes.has(node);
    if (isRemote && !scope.guests.has(node) && !scope.remote.has(node)) {
      if (scope.unlisted.has(node)) unlistedHolds(d.node, "attributes", report);
      else scope.unknown(d.node, "node", "HA2001", "nodes and guests");
      continue;
    }
    const entry = out.get(node) ?? { settings: [], span: d.span, remote: isRemote };
    out.set(node, entry);
    for (const p of d.pairs) {
      const key = `${node}\u0000${p.key.text}`;
      const prev = seen.get(key);
      if (prev) {
        report(
          diag("HA3050", p.key.span, `the attribute \`${p.key.text}\` of node \`${node}\` is set twice`, {
            hint: "a node attribute has one value; keep one of the two",
            related: [{ span: prev, message: "first set here" }],
          }),
        );
        continue;
      }
      seen.set(key, p.key.span);
      const s = setting(p);
      if (!V.isNodeAttrName(p.key.text)) {
        report(badKey(s));
        continue;
      }
      // `a:0` and `a.0` would be one nvpair id (`:` is written `.` in ids).
      const idKey = `${node}\u0000${V.nvpairIdPart(p.key.text)}`;
      const clash = idOf.get(idKey);
      if (clash && clash.text !== p.key.text) {
        report(
          diag("HA2005", p.key.span, `the attributes \`${clash.text}\` and \`${p.key.text}\` of node \`${node}\` would have one id, \`nodes-${node}-${V.nvpairIdPart(p.key.text)}\``, {
            hint: "an id cannot hold `:`, which hacc writes as `.`; rename one of the two",
            related: [{ span: clash.span, message: "the other one" }],
          }),
        );
        continue;
      }
      idOf.set(idKey, p.key);
      if (BOOLEAN_ATTRIBUTES.includes(p.key.text) && !BOOLEANS.test(p.value.text)) {
        report(
          diag("HA3051", p.value.span, `\`${p.value.text}\` is not a boolean Pacemaker reads for \`${p.key.text}\``, {
            hint: `Pacemaker reads anything but true/on/yes/y/1 as false, so \`${p.key.text}\` would be off; write \`on\` or \`off\``,
          }),
        );
        continue;
      }
      entry.settings.push(s);
    }
  }
  return [...out].map(([node, e]) => ({ node, settings: e.settings, span: e.span, ...(e.remote ? { remote: true } : {}) }));
}
