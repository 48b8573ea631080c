import type { AttrSet, Cib, Constraint, Group, Op, Primitive, Resource } from "../../ir/types.js";
import { escapeXml } from "../../util/xml.js";
import { TextBuilder as Writer } from "../text.js";

/** ` name="value"`, escaped; nothing when the value is absent. */
function attr(name: string, value: string | undefined): string {
  return value === undefined ? "" : ` ${name}="${escapeXml(value)}"`;
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
    w.line(d, `<${tag}${attr("id", set.id)}/>`);
    return;
  }
  w.line(d, `<${tag}${attr("id", set.id)}>`);
  for (const p of set.pairs) w.line(d + 1, `<nvpair${attr("id", p.id)}${attr("name", p.name)}${attr("value", p.value)}/>`);
  w.line(d, `</${tag}>`);
}

function primitive(w: Writer, d: number, p: Primitive): void {
  w.line(d, `<primitive${attr("id", p.id)}${attr("class", p.standard)}${attr("provider", p.provider)}${attr("type", p.type)}>`);
  attrSet(w, d + 1, "instance_attributes", p.instance);
  attrSet(w, d + 1, "meta_attributes", p.meta);
  attrSet(w, d + 1, "utilization", p.utilization);
  w.line(d + 1, "<operations>");
  for (const o of p.ops) w.line(d + 2, `<op${attr("id", o.id)}${attr("name", o.name)}${attr("interval", o.interval)}${opAttrs(o.attrs)}/>`);
  w.line(d + 1, "</operations>");
  w.line(d, "</primitive>");
}

function group(w: Writer, d: number, g: Group): void {
  w.line(d, `<group${attr("id", g.id)}>`);
  attrSet(w, d + 1, "meta_attributes", g.meta);
  for (const c of g.children) primitive(w, d + 1, c);
  w.line(d, "</group>");
}

function resource(w: Writer, d: number, r: Resource): void {
  switch (r.kind) {
    case "primitive":
      return primitive(w, d, r);
    case "group":
      return group(w, d, r);
    case "clone":
      w.line(d, `<clone${attr("id", r.id)}>`);
      attrSet(w, d + 1, "meta_attributes", r.meta);
      if (r.child.kind === "primitive") primitive(w, d + 1, r.child);
      else group(w, d + 1, r.child);
      w.line(d, "</clone>");
      return;
  }
}

function constraint(w: Writer, d: number, c: Constraint): void {
  switch (c.kind) {
    case "location":
      return w.line(d, `<rsc_location${attr("id", c.id)}${attr("rsc", c.rsc)}${attr("node", c.node)}${attr("score", c.score)}/>`);
    case "location-rule":
      w.line(d, `<rsc_location${attr("id", c.id)}${attr("rsc", c.rsc)}>`);
      w.line(d + 1, `<rule${attr("id", c.ruleId)}${attr("score", c.score)}>`);
      w.line(d + 2, `<expression${attr("id", c.expression.id)}${attr("attribute", c.expression.attribute)}${attr("operation", c.expression.operation)}${attr("value", c.expression.value)}/>`);
      w.line(d + 1, "</rule>");
      w.line(d, "</rsc_location>");
      return;
    case "order":
      return w.line(
        d,
        `<rsc_order${attr("id", c.id)}${attr("first", c.first)}${attr("first-action", c.firstAction)}${attr("then", c.then)}${attr("then-action", c.thenAction)}${attr("kind", c.orderKind)}/>`,
      );
    case "colocation":
      return w.line(d, `<rsc_colocation${attr("id", c.id)}${attr("rsc", c.rsc)}${attr("with-rsc", c.withRsc)}${attr("score", c.score)}/>`);
  }
}

function configuration(w: Writer, d: number, cib: Cib, withNodes: boolean): void {
  w.line(d, "<configuration>");
  w.line(d + 1, "<crm_config>");
  attrSet(w, d + 2, "cluster_property_set", cib.properties);
  w.line(d + 1, "</crm_config>");
  if (withNodes) {
    w.line(d + 1, "<nodes>");
    // The first entry for a node counts, as a search from the start would find it.
    const utilization = new Map<string, AttrSet>();
    for (const u of cib.nodeUtilization ?? []) if (!utilization.has(u.node)) utilization.set(u.node, u.utilization);
    for (const n of cib.nodes) {
      const u = utilization.get(n);
      if (!u) {
        w.line(d + 2, `<node${attr("id", n)}${attr("uname", n)}/>`);
        continue;
      }
      w.line(d + 2, `<node${attr("id", n)}${attr("uname", n)}>`);
      attrSet(w, d + 3, "utilization", u);
      w.line(d + 2, "</node>");
    }
    w.line(d + 1, "</nodes>");
  }
  w.line(d + 1, "<resources>");
  for (const r of cib.resources) resource(w, d + 2, r);
  w.line(d + 1, "</resources>");
  w.line(d + 1, "<constraints>");
  for (const c of cib.constraints) constraint(w, d + 2, c);
  w.line(d + 1, "</constraints>");
  if (cib.rscDefaults) {
    w.line(d + 1, "<rsc_defaults>");
    attrSet(w, d + 2, "meta_attributes", cib.rscDefaults);
    w.line(d + 1, "</rsc_defaults>");
  }
  if (cib.opDefaults) {
    w.line(d + 1, "<op_defaults>");
    attrSet(w, d + 2, "meta_attributes", cib.opDefaults);
    w.line(d + 1, "</op_defaults>");
  }
  w.line(d, "</configuration>");
}

/**
 * The `<configuration>` fragment hacc owns: properties, resources,
 * constraints and defaults, and no `<nodes>`, so `cibadmin --modify` leaves a
 * live cluster's nodes and status alone.
 */
export function emitCibFragment(cib: Cib): string {
  const w = new Writer();
  configuration(w, 0, cib, false);
  return w.text();
}

/**
 * A whole `<cib>` document, with a `<node>` per cluster node (id = name), for
 * offline checks: `crm_verify --xml-file` and `crm_simulate -x`.
 */
export function emitCibFull(cib: Cib): string {
  const w = new Writer();
  w.line(0, `<cib${attr("validate-with", "pacemaker-3.9")}${attr("admin_epoch", "0")}${attr("epoch", "1")}${attr("num_updates", "0")}>`);
  configuration(w, 1, cib, true);
  w.line(1, "<status/>");
  w.line(0, "</cib>");
  return w.text();
}
