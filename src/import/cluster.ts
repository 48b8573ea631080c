import { derivedSetId } from "../check/names.js";
import type { AttrSet, Cib, Constraint, FencingLevel } from "../ir/types.js";
import { step } from "../review/live.js";
import { isNameWord, nameText, nm } from "../syntax/names.js";
import { ownId } from "./constraints.js";
import { BASE, rawRefusals, type Refuser } from "./raw.js";
import { defaultSetText } from "./rules.js";
import { fitsString, value } from "./write.js";

/** What the importer's cluster block needs of it: refusals and `KEY = VALUE` pairs. */
interface Writer extends Refuser {
  pairs(set: AttrSet, path: string): string | undefined;
}

/** A name set again in a set (the live reader's `shadowed`): Pacemaker reads one of the two. */
interface Shadowed {
  readonly name: string;
  readonly value: string;
  readonly tag: string;
  readonly set: string;
  readonly by?: string;
}

/**
 * The nodes the CIB names and does not list (`unlisted-nodes`), in the order
 * they first appear: a location's `node` (of the constraints `kept`), then a
 * fencing level's `target` (not its pattern or attribute). A name is known
 * when a `<node>` entry lists it or a resource makes it (a remote or guest
 * node), compared without case as Pacemaker does (a name differing only in
 * case is left to the checker, HA2001). Pacemaker accepts such names: a
 * location to a node it does not know places nothing, a fencing level waits
 * for its node. A CIB without any `<node>` entry is a fragment, not a cluster:
 * none then (the checker says it, hacc import says why).
 */
export function unlistedNodes(constraints: readonly Constraint[], kept: (c: Constraint) => boolean, levels: readonly FencingLevel[], known: Iterable<string>, nodeEntries: boolean): string[] {
  if (!nodeEntries) return [];
  const seen = new Set([...known].map((n) => n.toLowerCase()));
  const out: string[] = [];
  const add = (n: string) => {
    if (seen.has(n.toLowerCase()) || nameText(n) === undefined) return;
    seen.add(n.toLowerCase());
    out.push(n);
  };
  for (const c of constraints) if (c.kind === "location" && kept(c)) add(c.node);
  for (const f of levels) if (f.target.kind === "node") add(f.target.node);
  return out;
}

/**
 * The site's head: comments for what is not imported (the cluster's own
 * properties, run-time settings at their defaults, empty remote entries, names
 * set twice), then the `cluster` block: nodes, properties, defaults, the sets
 * chosen by rules or scores, and the nodes' capacities, attributes and sets.
 */
export function clusterLines(imp: Writer, cib: Cib, raw: ReturnType<typeof rawRefusals>, runtimeNotes: readonly string[], shadowed: readonly Shadowed[], unlisted: readonly string[]): string[] {
  // `cluster-name` is the cluster's own property (a tool's, kept as a comment below), read here for the name.
  const clusterName = raw.ownerTag ?? (raw.toolProps.find(([k]) => k === "cluster-name")?.[1] ?? "");
  const name = isNameWord(clusterName) && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(clusterName) ? clusterName : "imported";
  // A name that is no id cannot name the site: said, not dropped silently.
  const head: string[] = [...(clusterName !== "" && name !== clusterName ? [`# cluster-name ${JSON.stringify(clusterName)} is no id (a letter or \`_\`, then letters, digits, \`_ . -\`): the site is named \`imported\``] : []), `cluster ${name} {`];
  if (raw.nodes.length > 0) head.push(`  nodes ${raw.nodes.map(nm).join(", ")};`);
  if (unlisted.length > 0) head.push(`  unlisted-nodes ${unlisted.map(nm).join(", ")};`);
  for (const p of cib.properties.pairs) {
    const one = imp.pairs({ id: "", pairs: [p] }, `${BASE}/crm_config/${step("cluster_property_set", cib.properties.id)}`);
    if (one !== undefined) head.push(`  property ${one};`);
  }
  if (cib.rscDefaults) head.push(`  defaults ${imp.pairs(cib.rscDefaults, `${BASE}/rsc_defaults/meta_attributes`) ?? ""};`);
  if (cib.opDefaults) head.push(`  op-defaults ${imp.pairs(cib.opDefaults, `${BASE}/op_defaults/meta_attributes`) ?? ""};`);
  for (const [kw, sets, tag, section] of [["property", cib.propertySets, "crm_config", "property"], ["defaults", cib.rscDefaultSets, "rsc_defaults", "rsc"], ["op-defaults", cib.opDefaultSets, "op_defaults", "op"]] as const) {
    // A set keeps its id: `named ID` unless it is the one hacc derives for the next set without a name.
    let unnamed = 0;
    for (const s of sets ?? []) {
      const named = ownId(s.id, derivedSetId(section, unnamed + 1));
      if (named === "") unnamed++;
      const t = defaultSetText(kw, s, named);
      if ("reason" in t) imp.refuse(`${BASE}/${tag}/${step(kw === "property" ? "cluster_property_set" : "meta_attributes", s.id)}`, t.reason);
      else head.push(`  ${t.text}`);
    }
  }
  for (const n of [...raw.nodes, ...raw.remote]) {
    const u = raw.utilization.get(n);
    if (u) head.push(`  utilization ${nm(n)} ${imp.pairs(u, `${BASE}/nodes/node[@uname='${n}']/utilization`) ?? ""};`);
  }
  for (const n of [...raw.nodes, ...raw.remote]) {
    const a = raw.attributes.get(n);
    if (a) head.push(`  attributes ${nm(n)} ${imp.pairs(a, `${BASE}/nodes/node[@uname='${n}']/instance_attributes`) ?? ""};`);
  }
  for (const n of [...raw.nodes, ...raw.remote]) {
    // A node's sets with a rule or a score keep their ids: `named ID` unless it is the one hacc derives for the next unnamed set.
    const unnamed = { attributes: 0, utilization: 0 };
    for (const { which, set } of raw.nodeSets.get(n) ?? []) {
      const named = ownId(set.id, `nodes-${n}${which === "utilization" ? "-utilization" : ""}-${unnamed[which] + 1}`);
      if (named === "") unnamed[which]++;
      const t = defaultSetText(which, set, named, nm(n));
      if ("reason" in t) imp.refuse(`${BASE}/nodes/node[@uname='${n}']/${step(which === "attributes" ? "instance_attributes" : "utilization", set.id)}`, t.reason);
      else head.push(`  ${t.text}`);
    }
  }
  head.push("}");
  // Set by the cluster itself (the DC, the tools), not configuration: kept as a comment, never silently dropped.
  const notes = raw.toolProps.map(([k, v]) => `# property ${k} = ${value(v)} is the cluster's own (not imported)`);
  notes.push(...runtimeNotes);
  for (const n of raw.bare) notes.push(`# node ${n} has an empty entry (type remote), which the cluster makes for its resource's node (not imported)`);
  // A name set again in a set: Pacemaker reads the first value and ignores this one, so the site says the first.
  for (const x of shadowed) {
    const what = `${x.name}${fitsString(x.value) ? ` = ${value(x.value)}` : ""}`;
    if (x.by !== undefined) notes.push(`# ${what} of <${x.tag} id=${value(x.set)}> is set again by the later <${x.tag} id=${value(x.by)}>, which Pacemaker reads (not imported)`);
    else notes.push(`# ${what}, set again in <${x.tag} id=${value(x.set)}>, is ignored by Pacemaker (the first counts; not imported)`);
  }
  return [...notes, ...head];
}
