import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import { primitiveXml } from "../cib/cib.js";
import type { AttrSet, Clone, Constraint, Primitive, Template } from "../../ir/types.js";
import type { Dialect } from "./dialects.js";
import { withRoles } from "./locations.js";
import { escapeXml as x } from "../../util/xml.js";
import { shellQuote } from "../../util/shell.js";

/**
 * pcs has no command for a `<template>` nor for a primitive made from one
 * (`pcs resource create` takes an agent): Pacemaker's cibadmin creates each
 * in the CIB copy's `<resources>`, as the CIB target writes it. A group or
 * clone of such a primitive is then made by pcs as for any primitive.
 */
export function templateCreate(p: Primitive | Template, tag: "primitive" | "template"): { comments: string[]; words: string[] } {
  const what = tag === "template" ? `Template ${p.id}` : `Resource ${p.id}, made from template ${(p as Primitive).template ?? ""}`;
  return { comments: [`${what}: cibadmin, as pcs has no command for templates`], words: ["cibadmin", "--create", "-o", "resources", "-X", shellQuote(primitiveXml(p, tag))] };
}

/** A primitive made from a template inside a bundle: pcs makes a bundle's primitive with `resource create ... bundle`, which takes an agent (HA5050). */
export function bundledTemplate(p: Primitive, bundle: string, span: Span): Diagnostic {
  return diag("HA5050", span, `pcs cannot put resource \`${p.id}\`, made from template \`${p.template ?? ""}\`, in bundle \`${bundle}\``, {
    hint: "declare the bundle's primitive with its agent, or use the cib or crmsh target",
  });
}

/** What `created` needs of the pcs writer: its checked pairs and its cibadmin steps. */
interface Writer {
  pairs(set: AttrSet | undefined, where: string): string[];
  cibStep(comments: readonly string[], words: readonly string[]): void;
}

/** A template, or a primitive made from one, created by cibadmin (every value checked as pcs's would be). */
export function created(w: Writer, p: Primitive | Template, tag: "primitive" | "template", where = `template \`${p.id}\``): void {
  for (const set of [p.instance, p.meta, p.utilization, ...p.ops.map((o) => o.instance)]) w.pairs(set, where);
  const { comments, words } = templateCreate(p, tag);
  w.cibStep(comments, words);
}

/**
 * A promotable clone of a resource made from a template: pcs refuses
 * `promotable` (and meta promotable=true) for a resource whose agent it
 * cannot read, so pcs makes a plain clone and cibadmin merges the meta
 * attribute into it: the element the CIB target writes.
 */
export function promotableMeta(c: Clone): [string[], string[]] {
  const set = c.meta ?? { id: `${c.id}-meta_attributes`, pairs: [] };
  const pair = set.pairs.find((p) => p.name === "promotable") ?? { id: `${set.id}-promotable`, name: "promotable", value: "true" };
  const xml = `<clone id="${x(c.id)}"><meta_attributes id="${x(set.id)}"><nvpair id="${x(pair.id)}" name="promotable" value="${x(pair.value)}"/></meta_attributes></clone>`;
  return [[`Clone ${c.id} promotable: cibadmin, as pcs refuses promotable for a resource made from a template`], ["cibadmin", "--modify", "-X", shellQuote(xml)]];
}

/** A constraint with its roles as the dialect's Pacemaker names them (`Master` before 2.1). */
export function inDialect(c: Constraint, d: Dialect): Constraint {
  if (c.kind === "location" || c.kind === "location-rule") return withRoles(c, d);
  if (c.kind === "colocation") return { ...c, ...(c.rscRole !== undefined ? { rscRole: d.role(c.rscRole) } : {}), ...(c.withRscRole !== undefined ? { withRscRole: d.role(c.withRscRole) } : {}) };
  if (c.kind === "ticket") return c.rscRole !== undefined ? { ...c, rscRole: d.role(c.rscRole) } : c;
  return c;
}
