import { normScore, TOOL_PROPERTIES } from "../../src/review/live.js";
import { durationSeconds } from "../../src/check/values.js";
import { parseXml, type El } from "../../src/review/xml.js";
import { replicaNodes } from "../../src/check/model.js";

/**
 * The `<configuration>` of a CIB in a canonical text, for comparing a CIB
 * with what its imported site compiles back to. It ignores only what carries
 * no meaning for Pacemaker; each rule says why. Everything else (every
 * resource id, agent, parameter, meta attribute, utilization, op and its
 * attributes, every constraint's resources, actions, kinds and scores, every
 * property and default, node names and their utilization, the order of
 * resources and of ops) is compared as it is.
 */
export function canonicalConfiguration(xml: string, opts: { dropOwnerTag: boolean; setAside?: ReadonlySet<string> }): string {
  const parsed = parseXml(xml);
  if ("error" in parsed) throw new Error(parsed.error.message);
  const root = parsed.root;
  const found = root.tag === "cib" ? root.children.find((c) => c.tag === "configuration") : root;
  if (!found) throw new Error("no <configuration>");
  // The operators' bans and moves that import leaves out, with a warning each (HA1008): not configuration.
  const aside = opts.setAside ?? new Set<string>();
  const kept = { ...found, children: found.children.map((c) => (c.tag === "constraints" ? { ...c, children: c.children.filter((x) => !(x.tag === "rsc_location" && aside.has(x.attrs["id"] ?? ""))) } : c)) };
  const config = withOpsExpanded(kept);
  const referenced = new Set<string>();
  // The references of hacc's ownership tag do not count when the tag itself is dropped.
  collectRefs({ ...config, children: config.children.map((c) => (c.tag === "tags" && opts.dropOwnerTag ? { ...c, children: c.children.filter((t) => !/^hacc-/.test(t.attrs["id"] ?? "")) } : c)) }, referenced);
  const out = normalise(withoutRuntimeDefaults(withoutBareRemoteEntries(config)), referenced, opts, "");
  return out === undefined ? "" : show(out, 0);
}

/**
 * Every `<operations id-ref="X">` as the `<operations id="X">` it names: Pacemaker reads a resource's ops
 * through `expand_idref` (lib/pengine/complex.c), so a shared op list means each resource's own copy of it.
 */
function withOpsExpanded(config: El): El {
  const lists = new Map<string, El>();
  const find = (e: El): void => {
    if (e.tag === "operations" && e.attrs["id"] !== undefined && !lists.has(e.attrs["id"])) lists.set(e.attrs["id"], e);
    e.children.forEach(find);
  };
  find(config);
  const expand = (e: El): El => (e.tag === "operations" && lists.has(e.attrs["id-ref"] ?? "") ? lists.get(e.attrs["id-ref"]!)! : { ...e, children: e.children.map(expand) });
  return expand(config);
}

/**
 * A remote or guest node's `<node type="remote"/>` entry with nothing in it
 * (no set, or only empty ones: an empty set means nothing), when a resource
 * of the configuration makes that node (an `ocf:pacemaker:remote` primitive
 * of its name, a `remote-node` meta attribute, or a replica of a bundle that
 * holds a primitive, `BUNDLE-N`): Pacemaker makes the node of the resource,
 * and the entry (which the cluster writes itself) adds nothing to it.
 */
function withoutBareRemoteEntries(config: El): El {
  const made = new Set<string>();
  const walk = (el: El, inPrimitive: boolean): void => {
    if (el.tag === "primitive" && el.attrs["class"] === "ocf" && el.attrs["provider"] === "pacemaker" && el.attrs["type"] === "remote") made.add(el.attrs["id"] ?? "");
    if (inPrimitive && el.tag === "nvpair" && el.attrs["name"] === "remote-node") made.add(el.attrs["value"] ?? "");
    if (el.tag === "bundle") {
      const container = el.children.find((c) => ["docker", "podman", "rkt"].includes(c.tag));
      const attrs = Object.entries(container?.attrs ?? {}).map(([key, value]) => ({ key, value }));
      for (const n of replicaNodes(el.attrs["id"] ?? "", attrs, el.children.some((c) => c.tag === "primitive"))) made.add(n);
    }
    for (const c of el.children) walk(c, inPrimitive || el.tag === "primitive");
  };
  walk(config.children.find((c) => c.tag === "resources") ?? { tag: "resources", attrs: {}, children: [] }, false);
  const empty = (s: El) => ["instance_attributes", "utilization"].includes(s.tag) && s.children.length === 0;
  const bare = (n: El) => n.tag === "node" && n.attrs["type"] === "remote" && n.children.every(empty) && made.has(n.attrs["uname"] ?? "");
  return { ...config, children: config.children.map((c) => (c.tag === "nodes" ? { ...c, children: c.children.filter((n) => !bare(n)) } : c)) };
}

const TRUE = /^(true|on|yes|y|1|#default)$/i;
const FALSE = /^(false|off|no|n|0|#default)$/i;
const PROPERTY_DEFAULTS = new Map([["maintenance-mode", FALSE], ["stop-all-resources", FALSE]]);
const META_DEFAULTS = new Map([["target-role", /^(started|default|#default)$/i], ["is-managed", TRUE], ["maintenance", FALSE]]);
const NODE_DEFAULTS = new Map([["standby", FALSE], ["maintenance", FALSE]]);

/**
 * A run-time setting (docs/review.md) at Pacemaker's default carries no meaning, and import leaves it out
 * (src/import/runtime.ts): `maintenance-mode` and `stop-all-resources` false, `target-role=Started` (crm_simulate
 * places the same with it as without, on a primitive and on a promotable clone and its child, promotion
 * included), `is-managed=true` and `maintenance=false` in `rsc_defaults` or a resource's meta, a node's `standby`
 * and `maintenance` off. Not when something else sets the same name where the default would override it:
 * another set of its kind, `rsc_defaults`, a parent resource's or a template's meta.
 */
function withoutRuntimeDefaults(config: El): El {
  const names = (sets: readonly El[]) => new Set(sets.flatMap((s) => s.children.filter((c) => c.tag === "nvpair").map((c) => c.attrs["name"] ?? "")));
  const sets = (parent: El | undefined, tag: string) => (parent?.children ?? []).filter((c) => c.tag === tag);
  const drop = (set: El, defaults: Map<string, RegExp>, shadow: ReadonlySet<string>): El => ({
    ...set,
    children: set.children.filter((c) => !(c.tag === "nvpair" && !shadow.has(c.attrs["name"] ?? "") && defaults.get(c.attrs["name"] ?? "")?.test(c.attrs["value"] ?? "") === true)),
  });
  // One set of a kind alone: with several, which one counts is a matter of their order and scores.
  const only = (all: readonly El[], set: El) => names(all.filter((x) => x !== set));
  const section = (tag: string) => config.children.find((c) => c.tag === tag);
  const rscDefaults = sets(section("rsc_defaults"), "meta_attributes");
  const templates = new Map(sets(section("resources"), "template").map((t) => [t.attrs["id"] ?? "", names(sets(t, "meta_attributes"))]));
  const keptDefaults = rscDefaults.map((d) => drop(d, META_DEFAULTS, only(rscDefaults, d)));
  const resource = (r: El, above: ReadonlySet<string>): El => {
    if (!["primitive", "group", "clone", "master", "bundle"].includes(r.tag)) return r;
    const metas = sets(r, "meta_attributes");
    const shadow = new Set([...above, ...(templates.get(r.attrs["template"] ?? "") ?? [])]);
    const children = r.children.map((c) => (c.tag === "meta_attributes" ? drop(c, META_DEFAULTS, new Set([...shadow, ...only(metas, c)])) : c));
    const below = new Set([...above, ...names(children.filter((c) => c.tag === "meta_attributes"))]);
    return { ...r, children: children.map((c) => resource(c, below)) };
  };
  return {
    ...config,
    children: config.children.map((c) => {
      if (c.tag === "crm_config") return { ...c, children: c.children.map((s) => (s.tag === "cluster_property_set" ? drop(s, PROPERTY_DEFAULTS, only(c.children, s)) : s)) };
      if (c.tag === "rsc_defaults") return { ...c, children: c.children.map((s) => keptDefaults[rscDefaults.indexOf(s)] ?? s) };
      if (c.tag === "resources") return { ...c, children: c.children.map((r) => resource(r, names(keptDefaults))) };
      if (c.tag === "nodes") return { ...c, children: c.children.map((n) => ({ ...n, children: n.children.map((s) => (s.tag === "instance_attributes" ? drop(s, NODE_DEFAULTS, only(sets(n, "instance_attributes"), s)) : s)) })) };
      return c;
    }),
  };
}

/** Attributes that refer to an id: an id they name carries meaning and is kept. */
const REF_ATTRS = ["rsc", "with-rsc", "first", "then", "id-ref", "reference", "template", "devices", "node"];

function collectRefs(el: El, out: Set<string>): void {
  for (const k of REF_ATTRS) {
    const v = el.attrs[k];
    if (v !== undefined) for (const w of v.split(/[\s,]+/)) out.add(w);
  }
  if (el.tag === "obj_ref" || el.tag === "resource_ref") out.add(el.attrs["id"] ?? "");
  for (const c of el.children) collectRefs(c, out);
}

/**
 * Elements whose `id` Pacemaker lets tools choose and nothing refers to
 * (unless an id-ref or a tag names it, which `referenced` keeps): attribute
 * sets and their nvpairs, ops, constraints and their resource sets, and
 * fencing levels (the fencer finds a level by its target and index; `pcs
 * stonith level add` and crmsh's `fencing_topology` take no id). pcs, crmsh
 * and hacc each name them in their own way.
 */
const FREE_IDS = new Set([
  "nvpair", "instance_attributes", "meta_attributes", "utilization", "cluster_property_set", "op", "operations",
  "rsc_location", "rsc_order", "rsc_colocation", "rsc_ticket", "rule", "expression", "date_expression", "date_spec", "fencing-level",
  // A defaults rule's resource and op tests: nothing refers to one (pcs names them RULE-rsc-CLASS-PROVIDER-TYPE, RULE-op-NAME).
  "rsc_expression", "op_expression",
  // An alert's recipients: nothing refers to one (pcs names them ALERT-recipient, ALERT-recipient-1, ...; hacc ALERT-recipient-1, ...).
  "recipient",
  // A constraint's resource sets: Pacemaker refers to none by its id (crmsh names them ID-0, ID-1, ..., pcs pcs_rsc_set_...).
  "resource_set",
]);

/** Sections and sets that mean nothing when empty: an empty `<constraints/>` is no constraint. */
const EMPTY_MEANS_NOTHING = new Set([
  "crm_config", "nodes", "resources", "constraints", "rsc_defaults", "op_defaults", "tags", "alerts", "acls", "fencing-topology",
  "cluster_property_set", "instance_attributes", "meta_attributes", "utilization", "operations",
]);
// (An empty set or section is the same as none: Pacemaker reads no entry from either.)

function normalise(el: El, referenced: ReadonlySet<string>, opts: { dropOwnerTag: boolean }, parent: string): El | undefined {
  const attrs: Record<string, string> = { ...el.attrs };
  if (FREE_IDS.has(el.tag) && attrs["id"] !== undefined && !referenced.has(attrs["id"])) delete attrs["id"];
  // A node's id is the cluster layer's (corosync's node id, set when the node joins), not configuration; the name is compared.
  // `member` is the default type and `normal` its older spelling (Pacemaker reads both as a cluster node).
  if (el.tag === "node") {
    delete attrs["id"];
    if (attrs["type"] === "member" || attrs["type"] === "normal") delete attrs["type"];
  }
  // Scores as Pacemaker reads them (char2score): `+INFINITY` is `INFINITY`, `+5` is `5`.
  if ((el.tag === "rsc_location" || el.tag === "rsc_colocation" || el.tag === "rule") && attrs["score"] !== undefined) attrs["score"] = normScore(attrs["score"]);
  // Pacemaker reads cib-bootstrap-options before every other property set, whatever its score (crm_simulate: its
  // stop-all-resources=false beats a set of score 100 with true, even when its own score is -100); other sets' scores rank them.
  if (el.tag === "cluster_property_set" && el.attrs["id"] === "cib-bootstrap-options") delete attrs["score"];
  if (el.tag === "cluster_property_set" && attrs["score"] !== undefined) attrs["score"] = normScore(attrs["score"]);
  // An order's defaults as Pacemaker fills them in (unpack_rsc_order): kind Mandatory, first-action start,
  // then-action the first-action.
  if (el.tag === "rsc_order") {
    attrs["kind"] ??= "Mandatory";
    attrs["first-action"] ??= "start";
    attrs["then-action"] ??= attrs["first-action"];
  }
  // A rule inside a rule: Pacemaker reads only its boolean-op and tests (pe_eval_expr; the score and role are
  // read on a location's own rules only, pcmk_sched_location.c), so its score, score-attribute and role mean nothing.
  if (el.tag === "rule" && parent === "rule") for (const k of ["score", "score-attribute", "role"]) delete attrs[k];
  // A set's rule: Pacemaker reads only whether it holds (pe_eval_rules), never its score; the set's own score ranks it.
  if (el.tag === "rule" && ["meta_attributes", "instance_attributes", "cluster_property_set", "utilization"].includes(parent)) delete attrs["score"];
  // A rule's boolean-op defaults to `and`, and means nothing with one expression (pe_eval_rule).
  if (el.tag === "rule") {
    if (el.children.length <= 1) delete attrs["boolean-op"];
    else attrs["boolean-op"] ??= "and";
  }
  // An op's interval defaults to 0.
  if (el.tag === "op") attrs["interval"] ??= "0";
  // Set by the cluster itself (the DC's version, the stack, the last refresh), never by a configuration tool.
  if (el.tag === "nvpair" && parent === "cluster_property_set" && TOOL_PROPERTIES.includes(attrs["name"] ?? "")) return undefined;
  // hacc's own ownership tag (docs/review.md), written by every compile: it is not part of the imported cluster.
  if (opts.dropOwnerTag && el.tag === "tag" && /^hacc-/.test(attrs["id"] ?? "")) return undefined;
  let children = mergeSets(el.children).map((c) => normalise(c, referenced, opts, el.tag)).filter((c): c is El => c !== undefined);
  // A name set again in a resource's (or defaults') set: Pacemaker keeps the first value it reads and ignores the
  // others (unpack_attr_set never overwrites; crm_simulate on a clone with globally-unique false, then true, shows
  // it anonymous), so the later pair means nothing. Properties are not read this way: a name set twice there stays.
  if (["instance_attributes", "meta_attributes", "utilization"].includes(el.tag)) {
    const seen = new Set<string>();
    children = children.filter((c) => {
      if (c.tag !== "nvpair") return true;
      const name = c.attrs["name"] ?? "";
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    });
  }
  // A one-off op (interval 0) written again with the same name: Pacemaker reads the first (find_rsc_op_entry returns
  // the first match; crm_simulate uses the first's timeout), so the later means nothing, unless `enabled` decides.
  if (el.tag === "operations") {
    const seen = new Set<string>();
    children = children.filter((c) => {
      if (c.tag !== "op" || durationSeconds(c.attrs["interval"] ?? "0") !== 0 || c.attrs["enabled"] !== undefined) return true;
      const name = c.attrs["name"] ?? "";
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    });
  }
  // Within one attribute set, names are then unique, so their order means nothing.
  if (["instance_attributes", "meta_attributes", "utilization", "cluster_property_set"].includes(el.tag)) {
    children = [...children].sort((a, b) => cmp(a.attrs["name"] ?? "", b.attrs["name"] ?? ""));
  }
  // Pacemaker finds a resource's (and a node's) sets and ops by their tag, and the sections of <configuration> by
  // theirs: where they stand among their siblings means nothing. Members of a group or clone keep their order.
  if (["primitive", "template", "group", "clone", "master", "node"].includes(el.tag)) {
    const rank = (t: string) => (t === "instance_attributes" ? 0 : t === "meta_attributes" ? 1 : t === "utilization" ? 2 : t === "operations" ? 3 : 4);
    children = [...children].sort((a, b) => rank(a.tag) - rank(b.tag));
  }
  // A bundle's parts (its sets, container, <network>, <storage> and primitive) are each found by their tag
  // (the schema interleaves them): their order means nothing. Mappings inside <network> and <storage> keep theirs.
  if (el.tag === "bundle") children = [...children].sort((a, b) => cmp(a.tag, b.tag));
  // A <template> runs nothing: Pacemaker allocates the resources in their order, and a template is none of them
  // (a primitive made from it is), so where one stands among the resources means nothing (hacc writes them first).
  if (el.tag === "resources") children = [...children.filter((c) => c.tag === "template"), ...children.filter((c) => c.tag !== "template")];
  if (el.tag === "configuration") children = [...children].sort((a, b) => cmp(a.tag, b.tag));
  // Constraints are unpacked into per-resource lists: location scores add up, orders make one graph, and
  // colocations are sorted by their own priority; where a constraint stands in <constraints> means nothing.
  if (el.tag === "constraints") children = [...children].sort((a, b) => cmp(show(a, 0), show(b, 0)));
  // An order the same as another in everything but its (unreferenced) id orders the same actions again: Pacemaker
  // makes one ordering of them (its defaults are filled in above). Colocations and locations add up, so they stay.
  if (el.tag === "constraints") children = children.filter((c, i) => c.tag !== "rsc_order" || i === 0 || show(c, 0) !== show(children[i - 1]!, 0));
  if (EMPTY_MEANS_NOTHING.has(el.tag) && children.length === 0) return undefined;
  return { tag: el.tag, attrs, children };
}

/**
 * Rule-less sets of one kind under one element, merged into the first: Pacemaker reads every pair of them, a
 * name's value from the later set (it sorts sets of one score the later first and never overwrites: crm_simulate's
 * transition graph), so the later set's pairs come first and the first of a name is kept below. Properties aside:
 * cib-bootstrap-options comes first there whatever the order (the importer refuses a name set twice).
 */
function mergeSets(children: readonly El[]): El[] {
  const out: El[] = [];
  const first = new Map<string, number>();
  for (const c of children) {
    const mergeable = SETS.includes(c.tag) && c.attrs["score"] === undefined && !c.children.some((x) => x.tag === "rule");
    const at = mergeable ? first.get(c.tag) : undefined;
    if (at === undefined) {
      if (mergeable) first.set(c.tag, out.length);
      out.push(c);
    } else {
      const merged = c.tag === "cluster_property_set" ? [...out[at]!.children, ...c.children] : [...c.children, ...out[at]!.children];
      out[at] = { ...out[at]!, children: merged };
    }
  }
  return out;
}

const SETS = ["instance_attributes", "meta_attributes", "utilization", "cluster_property_set"];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function show(el: El, d: number): string {
  const pad = "  ".repeat(d);
  const attrs = Object.keys(el.attrs)
    .sort()
    .map((k) => ` ${k}="${el.attrs[k]}"`)
    .join("");
  if (el.children.length === 0) return `${pad}<${el.tag}${attrs}/>\n`;
  return `${pad}<${el.tag}${attrs}>\n${el.children.map((c) => show(c, d + 1)).join("")}${pad}</${el.tag}>\n`;
}
