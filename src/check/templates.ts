import { elaborateAttrSets, plainPairs, shadowedPairs } from "./elaborate-rsets.js";
import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Elaboration } from "./elaborate.js";
import { standIns, type TagModel, type OpModel, type OrderEdge, type PrimitiveModel, type ResourceModel, type Setting, type TemplateModel } from "./model.js";
import { checkItems } from "./problems.js";

/**
 * Templates (`template NAME AGENT { ... }`, a `<template>`) and the
 * resources made from them (`resource ID from NAME { ... }`, a `<primitive
 * template=NAME>`). Pacemaker makes such a primitive of its template's agent
 * and everything the template has, its own settings overriding the
 * template's by name, and its own ops taking the place of the template's of
 * the same name and role (Pacemaker's `unpack_template`; `crm_resource -r ID
 * -q` shows the merged primitive). The site model holds both: the merged
 * primitive, which every rule and the placement read, and its own settings,
 * which the CIB writes.
 */

/** A template's settings: a primitive of its id (agent defaults, ops), with required parameters left to the resources made from it. */
export function elaborateTemplate(e: Elaboration, t: A.TemplateDecl): void {
  if (e.scope.templates.get(t.name.text) !== t || e.templatesSeen.has(t.name.text)) return;
  e.templatesSeen.add(t.name.text);
  if (t.block) checkItems(t.block, "template", e.report);
  const settings = e.primitives.primitive(t.name.text, t.name.span, t.agent.text, t.agent.span, t.block?.items ?? [], [], [], undefined, { required: false });
  if (!settings) return;
  const sets = elaborateAttrSets(e, t.name.text, t.block?.items ?? []);
  shadowedPairs(e, sets, plainPairs(t.block?.items ?? []));
  e.addTemplate({ id: t.name.text, span: t.name.span, settings: sets.length > 0 ? { ...settings, sets } : settings });
}

/** A resource made `from` a template: its own settings, then the merged primitive. Undefined when the template is unknown (reported) or broken. */
export function primitiveFromTemplate(e: Elaboration, r: A.ResourceDecl, template: A.Name): PrimitiveModel | undefined {
  const t = e.template(template.text);
  if (t === undefined) {
    const kind = e.scope.ids.get(template.text)?.kind;
    if (kind === "resource" || kind === "group" || kind === "clone" || kind === "bundle") {
      e.report(diag("HA2110", template.span, `\`${template.text}\` is a ${kind}, not a template: a resource is made \`from\` a template`, {
        hint: `declare a template (\`template NAME AGENT { ... }\`) and make both from it, or give \`${r.name.text}\` its own agent`,
      }));
    } else if (!e.scope.templates.has(template.text)) e.scope.unknown(template, "template", "HA2110", "templates");
    return undefined;
  }
  const base = t.settings;
  const own = e.primitives.primitive(r.name.text, r.name.span, base.agentText, template.span, r.block?.items ?? [], [], [], undefined, { inherited: base.params, exactOps: true });
  if (!own) return undefined;
  const merged: { -readonly [K in keyof PrimitiveModel]: PrimitiveModel[K] } = {
    ...own,
    params: overlay(base.params, own.params),
    meta: overlay(base.meta, own.meta),
    utilization: overlay(base.utilization, own.utilization),
    ops: mergeOps(base.ops, own.ops),
    template: { id: t.id, own: { params: own.params, meta: own.meta, utilization: own.utilization, ops: own.ops, ...(own.description !== undefined ? { description: own.description } : {}) } },
  };
  const description = own.description ?? base.description;
  if (description !== undefined) merged.description = description;
  return merged;
}

/** The template's settings with the resource's own in place of those of the same name, and the resource's others after them. */
function overlay(base: readonly Setting[], own: readonly Setting[]): readonly Setting[] {
  if (own.length === 0) return base;
  if (base.length === 0) return own;
  const mine = new Map(own.map((s) => [s.key, s]));
  const out = base.map((s) => mine.get(s.key) ?? s);
  for (const s of own) if (!base.some((b) => b.key === s.key)) out.push(s);
  return out;
}

/** An op's key in the merge: its name and role, with no role, `Started`, `Slave` and `Unpromoted` one (as Pacemaker's `template_op_key`). */
function opKey(o: OpModel): string {
  const role = o.attrs.find((a) => a.key === "role")?.value;
  const r = role === undefined || /^(started|slave|unpromoted)$/i.test(role) ? "" : role;
  return `${o.name}\n${r}`;
}

/** The resource's ops, then the template's whose name and role none of them has. */
function mergeOps(base: readonly OpModel[], own: readonly OpModel[]): readonly OpModel[] {
  if (own.length === 0) return base;
  const keys = new Set(own.map(opKey));
  return [...own, ...base.filter((o) => !keys.has(opKey(o)))];
}

/** Templates no resource is made from. */
export function unusedTemplates(templates: readonly TemplateModel[], resources: readonly { readonly kind: string; readonly template?: { readonly id: string } }[]): TemplateModel[] {
  const used = new Set<string>();
  for (const r of resources) if (r.template) used.add(r.template.id);
  return templates.filter((t) => !used.has(t.id));
}

/**
 * A constraint naming a template stands for every resource made from it
 * (Pacemaker turns the template into a set of them, `sequential=false`, so
 * they are not ordered or placed with each other): where the template is
 * allowed, banned or placed by a rule, so is each of them, and each order
 * of the template is one of each of them, for the cycle check. Done once
 * every statement is elaborated (a template may be named before its
 * resources come). A tag is expanded the same way, to its members.
 */
export function expandTemplates(
  resources: readonly ResourceModel[],
  tags: readonly TagModel[],
  allowed: Map<string, string[]>,
  banned: Map<string, Set<string>>,
  ruled: Set<string>,
  failed: Set<string>,
  orders: OrderEdge[],
): void {
  const members = standIns(resources, tags);
  if (members.size === 0) return;
  for (const [t, ids] of members) {
    for (const id of ids) {
      const a = allowed.get(t);
      if (a) {
        const mine = allowed.get(id);
        if (mine === undefined) allowed.set(id, [...a]);
        else for (const n of a) if (!mine.includes(n)) mine.push(n);
      }
      const b = banned.get(t);
      if (b) {
        let mine = banned.get(id);
        if (!mine) banned.set(id, (mine = new Set()));
        for (const n of b) mine.add(n);
      }
      if (ruled.has(t)) ruled.add(id);
      if (failed.has(t)) failed.add(id);
    }
  }
  const expanded: OrderEdge[] = [];
  for (const o of orders) {
    const firsts = members.get(o.first) ?? [o.first];
    const thens = members.get(o.then) ?? [o.then];
    if (!members.has(o.first) && !members.has(o.then)) expanded.push(o);
    else for (const f of firsts) for (const t of thens) expanded.push({ ...o, first: f, then: t });
  }
  orders.splice(0, orders.length, ...expanded);
}
