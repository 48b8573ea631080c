import { replicaNodes } from "../check/model.js";
import type { AttrSet, NodeSet, Primitive, Resource } from "../ir/types.js";
import { step, TOOL_PROPERTIES } from "../review/live.js";
import { resourceSets } from "../review/live-ruled.js";
import type { El } from "../review/xml.js";
import { isNameWord } from "../syntax/names.js";

/**
 * The importer's reading of what the live reader (src/review/live.ts) merges
 * or skips: node entries, attribute sets beyond one of a kind, tags. Split
 * from import.ts, which writes the statements.
 */

export const BASE = "/cib/configuration";

/** What the importer offers these readers: a refusal by path, and a name check that refuses what the grammar cannot read back. */
export interface Refuser {
  refuse(path: string, reason: string): void;
  name(s: string, path: string, what: string): boolean;
}

/** The nodes the resources make: each `ocf:pacemaker:remote` primitive's id, and each primitive's `remote-node`. */
export function remoteNodesOf(resources: readonly Resource[]): Set<string> {
  const out = new Set<string>();
  const prim = (p: Primitive) => {
    if (p.standard === "ocf" && p.provider === "pacemaker" && p.type === "remote") out.add(p.id);
    const node = p.meta?.pairs.find((m) => m.name === "remote-node")?.value;
    if (node !== undefined) out.add(node);
  };
  for (const r of resources) {
    if (r.kind === "primitive") prim(r);
    else if (r.kind === "group") r.children.forEach(prim);
    else if (r.kind === "bundle") {
      // A bundle that holds a primitive makes a guest node of each replica.
      for (const n of replicaNodes(r.id, r.container.attrs.map(([key, value]) => ({ key, value })), r.child !== undefined)) out.add(n);
    } else if (r.child.kind === "primitive") prim(r.child);
    else r.child.children.forEach(prim);
  }
  return out;
}

/** Refusals for what the reader merges or skips and the language cannot say: several sets of one kind, node entries beyond a name, attributes and utilization. */
export function rawRefusals(
  config: El,
  imp: Refuser,
  made: ReadonlySet<string>,
): { nodes: string[]; remote: string[]; bare: string[]; utilization: Map<string, AttrSet>; attributes: Map<string, AttrSet>; nodeSets: Map<string, NodeSet[]>; toolProps: [string, string][]; ownerTag?: string } {
  // Several rule-less sets of one kind are one set to Pacemaker when no name is set twice (the reader refuses
  // a name set twice and a set with a rule), so they are written as one. A set with a score is refused: its
  // score ranks it, which one set cannot say.
  const sets = (el: El, path: string) => {
    for (const c of el.children) {
      const cpath = `${path}/${step(c.tag, c.attrs["id"])}`;
      // A primitive's or template's parameters and meta attributes with a score are its `params`/`meta` sets (src/review/live-ruled.ts).
      const own = (el.tag === "primitive" || el.tag === "template") && (c.tag === "instance_attributes" || c.tag === "meta_attributes");
      if (["instance_attributes", "meta_attributes", "utilization", "cluster_property_set"].includes(c.tag) && c.attrs["score"] !== undefined && !own) {
        imp.refuse(cpath, `a <${c.tag}> with a score has no form in the language yet`);
      }
      if (c.tag !== "nvpair" && c.tag !== "rule") sets(c, cpath);
    }
  };
  // Defaults and property sets with a score are read as sets of their own (src/review/live.ts) and written as such
  // (cib-bootstrap-options, which Pacemaker reads first whatever its score, as the plain properties).
  for (const sec of config.children) if (!["nodes", "tags", "rsc_defaults", "op_defaults", "crm_config"].includes(sec.tag)) sets(sec, `${BASE}/${sec.tag}`);

  const nodes: string[] = [];
  const remote: string[] = [];
  const bare: string[] = [];
  const utilization = new Map<string, AttrSet>();
  const attributes = new Map<string, AttrSet>();
  const nodeSets = new Map<string, NodeSet[]>();
  for (const n of config.children.find((c) => c.tag === "nodes")?.children ?? []) {
    const path = `${BASE}/nodes/${step("node", n.attrs["id"])}`;
    const uname = n.attrs["uname"];
    const type = n.attrs["type"];
    if (uname === undefined) {
      imp.refuse(path, "a node without a name (uname)");
      continue;
    }
    if (type !== undefined && type !== "member" && type !== "normal" && type !== "remote") {
      imp.refuse(path, `a node of type \`${type}\``);
      continue;
    }
    const isRemote = type === "remote";
    // A guest or remote node's id is its name (Pacemaker gives it so, and the language writes it so).
    if (isRemote && n.attrs["id"] !== uname) imp.refuse(path, "a remote node entry whose id is not its name");
    for (const k of Object.keys(n.attrs)) {
      if (k === "score") imp.refuse(path, "a node's own score (Pacemaker adds it to every resource's score on the node) has no form in the language");
      else if (!["id", "uname", "type"].includes(k)) imp.refuse(path, `the node attribute \`${k}\` has no form in the language`);
    }
    if (!imp.name(uname, path, "node")) continue;
    if (isRemote) remote.push(uname);
    else nodes.push(uname);
    // Sets with a rule or a score, read as a resource's are (the plain set is written first, so a plain set
    // after one of score 0 that sets a name it sets too is refused): `attributes NODE [score N] [when ...] { }`.
    for (const [tag, which] of [["instance_attributes", "attributes"], ["utilization", "utilization"]] as const) {
      const r = resourceSets(n, tag, () => ({}));
      if ("reason" in r) imp.refuse(`${path}/${tag}`, r.reason);
      else for (const set of r.ruled) nodeSets.set(uname, [...(nodeSets.get(uname) ?? []), { node: uname, which, set, ...(isRemote ? { remote: true } : {}) }]);
    }
    for (const c of n.children) {
      const cpath = `${path}/${step(c.tag, c.attrs["id"])}`;
      const into = c.tag === "utilization" ? utilization : c.tag === "instance_attributes" ? attributes : undefined;
      if (into === undefined) {
        imp.refuse(cpath, `<${c.tag}> of a node has no form in the language`);
        continue;
      }
      if (c.attrs["score"] !== undefined || c.children.some((p) => p.tag === "rule")) continue;
      // Several rule-less sets of a node are one to Pacemaker: merged, unless a name is set in both.
      const pairs = [...(into.get(uname)?.pairs ?? [])];
      for (const p of c.children) {
        if (p.tag !== "nvpair" || p.attrs["name"] === undefined) imp.refuse(cpath, `<${p.tag}> in a node's <${c.tag}> has no form in the language`);
        else if (pairs.some((q) => q.name === p.attrs["name"])) imp.refuse(`${cpath}/nvpair[@name='${p.attrs["name"]}']`, `a node attribute set twice in the node's <${c.tag}> sets`);
        else pairs.push({ id: p.attrs["id"] ?? "", name: p.attrs["name"], value: p.attrs["value"] ?? "" });
      }
      if (pairs.length > 0) into.set(uname, { id: c.attrs["id"] ?? "", pairs });
    }
    // An empty entry of a node a resource makes (the cluster writes it itself) adds nothing to the resource: a comment says it.
    // An empty set means nothing (Pacemaker writes an empty <instance_attributes> into such an entry itself).
    const empty = n.children.every((c) => (c.tag === "instance_attributes" || c.tag === "utilization") && c.children.length === 0);
    if (isRemote && !attributes.has(uname) && empty && made.has(uname)) bare.push(uname);
    else if (isRemote && !attributes.has(uname) && !utilization.has(uname) && !nodeSets.has(uname)) imp.refuse(path, "a remote node entry that no resource makes and that sets nothing (Pacemaker lists the node offline and can place nothing there) has no form in the language");
  }

  const toolProps: [string, string][] = [];
  for (const s of config.children.find((c) => c.tag === "crm_config")?.children ?? []) {
    for (const p of s.children) if (p.tag === "nvpair" && TOOL_PROPERTIES.includes(p.attrs["name"] ?? "")) toolProps.push([p.attrs["name"]!, p.attrs["value"] ?? ""]);
  }

  // A site's ownership tag (hacc-NAME, written by `hacc compile`) comes back from the site; any other tag is a
  // `tag` statement (written from the live reader's tags), when it holds <obj_ref>s only.
  let ownerTag: string | undefined;
  for (const t of config.children.find((c) => c.tag === "tags")?.children ?? []) {
    const id = t.attrs["id"] ?? "";
    if (ownerTag === undefined && t.tag === "tag" && /^hacc-/.test(id) && isNameWord(id.slice(5))) ownerTag = id.slice(5);
    else if (t.tag !== "tag") imp.refuse(`${BASE}/tags/${step(t.tag, id)}`, `<${t.tag}> in <tags> has no form in the language`);
    else if (t.children.some((o) => o.tag !== "obj_ref" || o.attrs["id"] === undefined)) imp.refuse(`${BASE}/tags/${step(t.tag, id)}`, "a tag holding other than <obj_ref id=...> has no form in the language");
  }
  return { nodes, remote, bare, utilization, attributes, nodeSets, toolProps, ...(ownerTag !== undefined ? { ownerTag } : {}) };
}

