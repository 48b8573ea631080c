import type { AttrSet, Cib, Constraint, Group, Primitive, Resource } from "../../ir/types.js";
import { escapeXml } from "../../util/xml.js";

/** `name="value"` pairs, escaped. */
function attrs(pairs: readonly (readonly [string, string | undefined])[]): string {
  return pairs
    .filter((p): p is readonly [string, string] => p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");
}

class Writer {
  private readonly lines: string[] = [];
  line(depth: number, text: string): void {
    this.lines.push("  ".repeat(depth) + text);
  }
  text(): string {
    return this.lines.join("\n") + "\n";
  }
}

function attrSet(w: Writer, d: number, tag: string, set: AttrSet | undefined): void {
  if (!set) return;
  if (set.pairs.length === 0) {
    w.line(d, `<${tag}${attrs([["id", set.id]])}/>`);
    return;
  }
  w.line(d, `<${tag}${attrs([["id", set.id]])}>`);
  for (const p of set.pairs) w.line(d + 1, `<nvpair${attrs([["id", p.id], ["name", p.name], ["value", p.value]])}/>`);
  w.line(d, `</${tag}>`);
}

function primitive(w: Writer, d: number, p: Primitive): void {
  w.line(d, `<primitive${attrs([["id", p.id], ["class", p.standard], ["provider", p.provider], ["type", p.type]])}>`);
  attrSet(w, d + 1, "instance_attributes", p.instance);
  attrSet(w, d + 1, "meta_attributes", p.meta);
  attrSet(w, d + 1, "utilization", p.utilization);
  w.line(d + 1, "<operations>");
  for (const o of p.ops) w.line(d + 2, `<op${attrs([["id", o.id], ["name", o.name], ["interval", o.interval], ...o.attrs])}/>`);
  w.line(d + 1, "</operations>");
  w.line(d, "</primitive>");
}

function group(w: Writer, d: number, g: Group): void {
  w.line(d, `<group${attrs([["id", g.id]])}>`);
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
      w.line(d, `<clone${attrs([["id", r.id]])}>`);
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
      return w.line(d, `<rsc_location${attrs([["id", c.id], ["rsc", c.rsc], ["node", c.node], ["score", c.score]])}/>`);
    case "location-rule":
      w.line(d, `<rsc_location${attrs([["id", c.id], ["rsc", c.rsc]])}>`);
      w.line(d + 1, `<rule${attrs([["id", c.ruleId], ["score", c.score]])}>`);
      w.line(d + 2, `<expression${attrs([["id", c.expression.id], ["attribute", c.expression.attribute], ["operation", c.expression.operation], ["value", c.expression.value]])}/>`);
      w.line(d + 1, "</rule>");
      w.line(d, "</rsc_location>");
      return;
    case "order":
      return w.line(
        d,
        `<rsc_order${attrs([["id", c.id], ["first", c.first], ["first-action", c.firstAction], ["then", c.then], ["then-action", c.thenAction], ["kind", c.orderKind]])}/>`,
      );
    case "colocation":
      return w.line(d, `<rsc_colocation${attrs([["id", c.id], ["rsc", c.rsc], ["with-rsc", c.withRsc], ["score", c.score]])}/>`);
  }
}

function configuration(w: Writer, d: number, cib: Cib, withNodes: boolean): void {
  w.line(d, "<configuration>");
  w.line(d + 1, "<crm_config>");
  attrSet(w, d + 2, "cluster_property_set", cib.properties);
  w.line(d + 1, "</crm_config>");
  if (withNodes) {
    w.line(d + 1, "<nodes>");
    for (const n of cib.nodes) {
      const u = cib.nodeUtilization?.find((x) => x.node === n);
      if (!u) {
        w.line(d + 2, `<node${attrs([["id", n], ["uname", n]])}/>`);
        continue;
      }
      w.line(d + 2, `<node${attrs([["id", n], ["uname", n]])}>`);
      attrSet(w, d + 3, "utilization", u.utilization);
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
  w.line(0, `<cib${attrs([["validate-with", "pacemaker-3.9"], ["admin_epoch", "0"], ["epoch", "1"], ["num_updates", "0"]])}>`);
  configuration(w, 1, cib, true);
  w.line(1, "<status/>");
  w.line(0, "</cib>");
  return w.text();
}
