import type { Acls, Alert, AttrSet, Bundle, BundleMapping, Cib, Constraint, FencingLevel, Group, Op, Primitive, Resource, RuledSet, RuleExpression, Template } from "../../ir/types.js";
import { nodeEntries, type NodeEntry } from "../../ir/nodes.js";
import { unreachable } from "../../util/never.js";
import { escapeXml as x } from "../../util/xml.js";
import { ownerTag, type OwnerTag } from "../owner.js";
import { resourceSetXml, setConstraintXml } from "../sets.js";
import { dateOpenTag, dateSpecTag, expressionTag, locationAttrs, locationXml, nestedRuleAttrs, ruleAttrs } from "../rules.js";
import { TextBuilder as Writer, type TextSink } from "../text.js";

/** ` name="value"`, escaped; nothing when the value is absent. */
function attr(name: string, value: string | undefined): string {
  return value === undefined ? "" : ` ${name}="${x(value)}"`;
}

/** A boolean option as the CIB writes it; nothing when unset. */
function bool(b: boolean | undefined): string | undefined {
  return b === undefined ? undefined : String(b);
}

/** An op's other attributes (timeout, on-fail, role, ...), in the IR's order. */
function opAttrs(pairs: Op["attrs"]): string {
  let out = "";
  for (const [k, v] of pairs) out += attr(k, v);
  return out;
}

function attrSet(w: Writer, d: number, tag: string, set: AttrSet | undefined): void {
  if (!set) return;
  if (set.pairs.length === 0) {
    w.line(d, `<${tag} id="${x(set.id)}"/>`);
    return;
  }
  w.line(d, `<${tag} id="${x(set.id)}">`);
  for (const p of set.pairs) w.line(d + 1, `<nvpair id="${x(p.id)}" name="${x(p.name)}" value="${x(p.value)}"/>`);
  w.line(d, `</${tag}>`);
}

/** A `<meta_attributes>` (or `tag`) with a score and a rule (defaults, a resource's extra sets): the rule first, as pcs writes it. */
function ruledSet(w: Writer, d: number, set: RuledSet, tag = "meta_attributes"): void {
  w.line(d, `<${tag} id="${x(set.id)}"${attr("score", set.score)}>`);
  if (set.rule) {
    w.line(d + 1, `<rule ${ruleAttrs(set.rule)}>`);
    for (const e of set.rule.expressions) expression(w, d + 2, e);
    w.line(d + 1, "</rule>");
  }
  for (const p of set.pairs) w.line(d + 1, `<nvpair id="${x(p.id)}" name="${x(p.name)}" value="${x(p.value)}"/>`);
  w.line(d, `</${tag}>`);
}

function primitive(w: Writer, d: number, p: Primitive | Template, tag = "primitive"): void {
  const agent = "template" in p && p.template !== undefined ? ` template="${x(p.template)}"` : ` class="${x(p.standard)}"${attr("provider", p.provider)} type="${x(p.type)}"`;
  const head = `<${tag} id="${x(p.id)}"${agent}${attr("description", p.description)}`;
  if (!p.instance && !p.meta && !p.utilization && !p.instanceSets && !p.metaSets && p.ops.length === 0) return w.line(d, head + "/>");
  w.line(d, head + ">");
  // The plain set first, then the extra ones in order: of one score, Pacemaker takes the later (crm_simulate).
  attrSet(w, d + 1, "instance_attributes", p.instance);
  for (const s of p.instanceSets ?? []) ruledSet(w, d + 1, s, "instance_attributes");
  attrSet(w, d + 1, "meta_attributes", p.meta);
  for (const s of p.metaSets ?? []) ruledSet(w, d + 1, s);
  attrSet(w, d + 1, "utilization", p.utilization);
  // No `<operations>` for a resource without ops (only `exact-ops;` makes one): an empty one means nothing.
  if (p.ops.length > 0) {
    w.line(d + 1, "<operations>");
    for (const o of p.ops) {
      const head = `<op id="${x(o.id)}" name="${x(o.name)}" interval="${x(o.interval)}"${opAttrs(o.attrs)}`;
      if (!o.instance) {
        w.line(d + 2, `${head}/>`);
        continue;
      }
      w.line(d + 2, `${head}>`);
      attrSet(w, d + 3, "instance_attributes", o.instance);
      w.line(d + 2, "</op>");
    }
    w.line(d + 1, "</operations>");
  }
  w.line(d, `</${tag}>`);
}

function group(w: Writer, d: number, g: Group): void {
  w.line(d, `<group id="${x(g.id)}"${attr("description", g.description)}>`);
  attrSet(w, d + 1, "instance_attributes", g.instance);
  attrSet(w, d + 1, "meta_attributes", g.meta);
  for (const c of g.children) primitive(w, d + 1, c);
  w.line(d, "</group>");
}

/** `<TAG attrs/>`, or with its mappings inside. */
function withMappings(w: Writer, d: number, tag: string, attrs: Bundle["container"]["attrs"], mapTag: string, maps: readonly BundleMapping[]): void {
  const head = `<${tag}${opAttrs(attrs)}`;
  if (maps.length === 0) return w.line(d, `${head}/>`);
  w.line(d, `${head}>`);
  for (const m of maps) w.line(d + 1, `<${mapTag} id="${x(m.id)}"${opAttrs(m.attrs)}/>`);
  w.line(d, `</${tag}>`);
}

function bundle(w: Writer, d: number, b: Bundle): void {
  w.line(d, `<bundle id="${x(b.id)}">`);
  attrSet(w, d + 1, "meta_attributes", b.meta);
  w.line(d + 1, `<${b.container.type}${opAttrs(b.container.attrs)}/>`);
  if (b.network) withMappings(w, d + 1, "network", b.network.attrs, "port-mapping", b.network.portMappings);
  if (b.storage) withMappings(w, d + 1, "storage", [], "storage-mapping", b.storage);
  if (b.child) primitive(w, d + 1, b.child);
  w.line(d, "</bundle>");
}

function resource(w: Writer, d: number, r: Resource): void {
  switch (r.kind) {
    case "primitive":
      return primitive(w, d, r);
    case "group":
      return group(w, d, r);
    case "clone":
      w.line(d, `<clone id="${x(r.id)}"${attr("description", r.description)}>`);
      attrSet(w, d + 1, "instance_attributes", r.instance);
      attrSet(w, d + 1, "meta_attributes", r.meta);
      if (r.child.kind === "primitive") primitive(w, d + 1, r.child);
      else group(w, d + 1, r.child);
      w.line(d, "</clone>");
      return;
    case "bundle":
      return bundle(w, d, r);
    default:
      return unreachable(r);
  }
}

/** A rule's test, one element a line: a rule inside the rule with its tests below it. */
function expression(w: Writer, d: number, e: RuleExpression): void {
  if (e.kind === "date" && e.spec !== undefined) {
    w.line(d, dateOpenTag(e));
    w.line(d + 1, dateSpecTag(e.spec));
    return w.line(d, "</date_expression>");
  }
  if (e.kind !== "rule") return w.line(d, expressionTag(e));
  w.line(d, `<rule ${nestedRuleAttrs(e)}>`);
  for (const x of e.expressions) expression(w, d + 1, x);
  w.line(d, "</rule>");
}

function constraint(w: Writer, d: number, c: Constraint): void {
  switch (c.kind) {
    case "location":
      if (c.set === undefined) return w.line(d, locationXml(c));
      w.line(d, `<rsc_location ${locationAttrs(c)}>`);
      for (const [k, text] of resourceSetXml(c.set)) w.line(d + 1 + k, text);
      return w.line(d, "</rsc_location>");
    case "location-rule":
      w.line(d, `<rsc_location ${locationAttrs(c)}>`);
      for (const [k, text] of c.set !== undefined ? resourceSetXml(c.set) : []) w.line(d + 1 + k, text);
      for (const r of c.rules) {
        w.line(d + 1, `<rule ${ruleAttrs(r)}>`);
        for (const e of r.expressions) expression(w, d + 2, e);
        w.line(d + 1, "</rule>");
      }
      w.line(d, "</rsc_location>");
      return;
    case "order":
      return w.line(
        d,
        `<rsc_order id="${x(c.id)}" first="${x(c.first)}" first-action="${x(c.firstAction)}" then="${x(c.then)}" then-action="${x(c.thenAction)}" kind="${x(c.orderKind)}"` +
          `${attr("symmetrical", bool(c.symmetrical))}${attr("require-all", bool(c.requireAll))}/>`,
      );
    case "colocation":
      return w.line(
        d,
        `<rsc_colocation id="${x(c.id)}" rsc="${x(c.rsc)}" with-rsc="${x(c.withRsc)}" score="${x(c.score)}"${attr("rsc-role", c.rscRole)}${attr("with-rsc-role", c.withRscRole)}` +
          `${attr("node-attribute", c.nodeAttribute)}${attr("influence", c.influence)}/>`,
      );
    case "ticket":
      return w.line(d, `<rsc_ticket id="${x(c.id)}" ticket="${x(c.ticket)}" rsc="${x(c.rsc)}"${attr("rsc-role", c.rscRole)}${attr("loss-policy", c.lossPolicy)}/>`);
    case "order-set":
    case "colocation-set":
    case "ticket-set":
      for (const [k, text] of setConstraintXml(c)) w.line(d + k, text);
      return;
    default:
      return unreachable(c);
  }
}

/** A constraint as the CIB target writes it, as one line of XML (for `cibadmin --create` in the pcs target). */
export function constraintXml(c: Constraint): string {
  const w = new Writer();
  constraint(w, 0, c);
  return w.text().split("\n").map((l) => l.trim()).join("");
}

/** A template, or a primitive made from one, as one line of XML (for `cibadmin --create` in the pcs target). */
export function primitiveXml(p: Primitive | Template, tag: "primitive" | "template"): string {
  const w = new Writer();
  primitive(w, 0, p, tag);
  return w.text().split("\n").map((l) => l.trim()).join("");
}

/** A set chosen by a rule or a score as one line of XML (for cibadmin in the pcs target). */
export function ruledSetXml(set: RuledSet, tag: string): string {
  const w = new Writer();
  ruledSet(w, 0, set, tag);
  return w.text().split("\n").map((l) => l.trim()).join("");
}

/** A `<fencing-level>`: its target as `target`, `target-pattern`, or `target-attribute` and `target-value`. */
export function fencingLevel(f: FencingLevel): string {
  const t = f.target;
  const target = t.kind === "node" ? attr("target", t.node) : t.kind === "pattern" ? attr("target-pattern", t.pattern) : `${attr("target-attribute", t.name)}${attr("target-value", t.value)}`;
  return `<fencing-level id="${x(f.id)}" index="${f.index}"${target} devices="${x(f.devices.join(","))}"/>`;
}

/** An `<alert>` with its sets and `<recipient>`s. */
function alert(w: Writer, d: number, a: Alert): void {
  const head = `<alert id="${x(a.id)}" path="${x(a.path)}"`;
  if (!a.instance && !a.meta && a.recipients.length === 0) return w.line(d, `${head}/>`);
  w.line(d, `${head}>`);
  attrSet(w, d + 1, "meta_attributes", a.meta);
  attrSet(w, d + 1, "instance_attributes", a.instance);
  for (const r of a.recipients) {
    const rh = `<recipient id="${x(r.id)}" value="${x(r.value)}"`;
    if (!r.instance && !r.meta) {
      w.line(d + 1, `${rh}/>`);
      continue;
    }
    w.line(d + 1, `${rh}>`);
    attrSet(w, d + 2, "meta_attributes", r.meta);
    attrSet(w, d + 2, "instance_attributes", r.instance);
    w.line(d + 1, "</recipient>");
  }
  w.line(d, "</alert>");
}

/** `<acls>`: roles (with their permissions), then users (`<acl_target>`) and groups, each in declaration order. */
function acls(w: Writer, d: number, a: Acls): void {
  w.line(d, "<acls>");
  for (const r of a.roles) {
    const head = `<acl_role id="${x(r.id)}"${attr("description", r.description)}`;
    if (r.permissions.length === 0) {
      w.line(d + 1, `${head}/>`);
      continue;
    }
    w.line(d + 1, `${head}>`);
    for (const p of r.permissions) {
      const what = `${attr("xpath", p.xpath)}${attr("reference", p.reference)}${attr("object-type", p.objectType)}${attr("attribute", p.attribute)}`;
      w.line(d + 2, `<acl_permission id="${x(p.id)}" kind="${p.kind}"${what}/>`);
    }
    w.line(d + 1, "</acl_role>");
  }
  for (const [tag, targets] of [["acl_target", a.users], ["acl_group", a.groups]] as const) {
    for (const t of targets) {
      if (t.roles.length === 0) {
        w.line(d + 1, `<${tag} id="${x(t.id)}"/>`);
        continue;
      }
      w.line(d + 1, `<${tag} id="${x(t.id)}">`);
      for (const r of t.roles) w.line(d + 2, `<role id="${x(r)}"/>`);
      w.line(d + 1, `</${tag}>`);
    }
  }
  w.line(d, "</acls>");
}

/**
 * `<nodes>`. A whole CIB has a `<node>` per cluster node (id = name) with its
 * attributes and utilization, then one `type="remote"` entry per guest or
 * remote node with attributes. The fragment holds only the latter: a remote
 * node's id is its name in every cluster, while a cluster node's id is the
 * cluster layer's (corosync's `1`, `2`, ...), which a site does not know, and
 * `cibadmin --modify` merges by id, so a `<node id="NAME">` would be a second
 * entry for the node (see docs/language.md, "Node attributes").
 */
function nodes(w: Writer, d: number, cib: Cib, whole: boolean): void {
  const entries = nodeEntries(cib);
  const remote = entries.filter((n) => n.remote);
  if (!whole && remote.length === 0) return;
  const byNode = new Map(entries.map((n) => [n.node, n]));
  w.line(d, "<nodes>");
  // The plain set of a kind first, then its sets chosen by a rule in order: of one score, Pacemaker takes the later.
  const entry = (name: string, type: string, n: NodeEntry | undefined): void => {
    const head = `<node id="${x(name)}" uname="${x(name)}"${type}`;
    if (!n) return w.line(d + 1, `${head}/>`);
    w.line(d + 1, `${head}>`);
    attrSet(w, d + 2, "instance_attributes", n.attributes);
    for (const s of n.attributeSets ?? []) ruledSet(w, d + 2, s, "instance_attributes");
    attrSet(w, d + 2, "utilization", n.utilization);
    for (const s of n.utilizationSets ?? []) ruledSet(w, d + 2, s, "utilization");
    w.line(d + 1, "</node>");
  };
  if (whole) for (const n of cib.nodes) entry(n, "", byNode.get(n));
  for (const r of remote) entry(r.node, ' type="remote"', r);
  w.line(d, "</nodes>");
}

function configuration(w: Writer, d: number, cib: Cib, withNodes: boolean, tag: OwnerTag | undefined): void {
  w.line(d, "<configuration>");
  w.line(d + 1, "<crm_config>");
  attrSet(w, d + 2, "cluster_property_set", cib.properties);
  for (const s of cib.propertySets ?? []) ruledSet(w, d + 2, s, "cluster_property_set");
  w.line(d + 1, "</crm_config>");
  nodes(w, d + 1, cib, withNodes);
  w.line(d + 1, "<resources>");
  for (const t of cib.templates ?? []) primitive(w, d + 2, t, "template");
  for (const r of cib.resources) resource(w, d + 2, r);
  w.line(d + 1, "</resources>");
  w.line(d + 1, "<constraints>");
  for (const c of cib.constraints) constraint(w, d + 2, c);
  w.line(d + 1, "</constraints>");
  if (cib.rscDefaults || cib.rscDefaultSets) {
    w.line(d + 1, "<rsc_defaults>");
    attrSet(w, d + 2, "meta_attributes", cib.rscDefaults);
    for (const s of cib.rscDefaultSets ?? []) ruledSet(w, d + 2, s);
    w.line(d + 1, "</rsc_defaults>");
  }
  if (cib.opDefaults || cib.opDefaultSets) {
    w.line(d + 1, "<op_defaults>");
    attrSet(w, d + 2, "meta_attributes", cib.opDefaults);
    for (const s of cib.opDefaultSets ?? []) ruledSet(w, d + 2, s);
    w.line(d + 1, "</op_defaults>");
  }
  if (cib.fencingLevels) {
    w.line(d + 1, "<fencing-topology>");
    for (const f of cib.fencingLevels) w.line(d + 2, fencingLevel(f));
    w.line(d + 1, "</fencing-topology>");
  }
  if (cib.alerts) {
    w.line(d + 1, "<alerts>");
    for (const a of cib.alerts) alert(w, d + 2, a);
    w.line(d + 1, "</alerts>");
  }
  if (cib.acls) acls(w, d + 1, cib.acls);
  const all = [...(cib.tags ?? []), ...(tag ? [tag] : [])];
  if (all.length > 0) tags(w, d + 1, all);
  w.line(d, "</configuration>");
}

/** The `<tags>` section: the site's tags, then its ownership tag. */
export function tags(w: Writer, d: number, list: readonly OwnerTag[]): void {
  w.line(d, "<tags>");
  for (const tag of list) {
    w.line(d + 1, `<tag id="${x(tag.id)}">`);
    for (const id of tag.refs) w.line(d + 2, `<obj_ref id="${x(id)}"/>`);
    w.line(d + 1, "</tag>");
  }
  w.line(d, "</tags>");
}

/** The `<tags>` section alone, as text. */
export function tagsText(tag: OwnerTag | readonly OwnerTag[], depth = 0): string {
  const w = new Writer();
  tags(w, depth, "refs" in tag ? [tag] : tag);
  return w.text();
}

/**
 * The `<configuration>` fragment hacc owns: properties, resources,
 * constraints, defaults and the ownership tag (`tag`: by default the
 * site's; null for none), and of `<nodes>` only the entries of guest and
 * remote nodes with attributes (their id is their name), so `cibadmin
 * --modify` leaves a live cluster's own node entries and status alone.
 */
export function emitCibFragment(cib: Cib, sink?: TextSink, tag?: OwnerTag | null): string {
  const w = new Writer(sink);
  configuration(w, 0, cib, false, tag === null ? undefined : (tag ?? ownerTag(cib)));
  return w.text();
}

/**
 * The `<cib>` element's attributes as `cibadmin --empty` of Pacemaker 2.1.5
 * writes them, in its order. Without `crm_feature_set` the scheduler takes
 * the CIB for one written by a pre-3.0 Pacemaker: crm_simulate then ignores
 * fail counts (migration-threshold never fires), and pcs's `cluster node
 * remove-guest` cannot patch the file.
 */
export const CIB_HEADER = `<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">`;

/**
 * A whole `<cib>` document, with a `<node>` per cluster node (id = name), for
 * offline checks: `crm_verify --xml-file` and `crm_simulate -x`, and a start
 * for `pcs -f` and `crm configure` on a file.
 */
export function emitCibFull(cib: Cib, sink?: TextSink, tag?: OwnerTag | null): string {
  const w = new Writer(sink);
  w.line(0, CIB_HEADER);
  configuration(w, 1, cib, true, tag === null ? undefined : (tag ?? ownerTag(cib)));
  w.line(1, "<status/>");
  w.line(0, "</cib>");
  return w.text();
}
