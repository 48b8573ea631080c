import type { BundleModel, PrimitiveModel, ResourceModel, Setting, SiteModel, TemplateModel } from "../check/model.js";
import { nvpairIdPart } from "../check/values.js";
import type { Span } from "../diagnostics/span.js";
import type { Alert, AttrSet, Cib, Constraint, Group, Op, Primitive, Resource, RuledSet, Template } from "./types.js";
import { templateOf } from "./resources.js";

/** An id made of `parts`, as one flat string, not a template literal (docs/performance.md, "Design choices made for speed"). */
function joinId(...parts: string[]): string {
  return parts.join("");
}

/** Where each object was declared, by id, when the caller asked for it (`lower`'s `origins`). */
let noted: Map<string, Span> | undefined;

/** Ids of attribute sets and their pairs, in pcs's style (`RSC-instance_attributes-NAME`). */
function attrSet(id: string, settings: readonly Setting[], part: (key: string) => string = (k) => k): AttrSet | undefined {
  if (settings.length === 0) return undefined;
  const pairs = settings.map((s) => ({ id: joinId(id, "-", part(s.key)), name: s.key, value: s.value }));
  if (noted !== undefined) for (let i = 0; i < pairs.length; i++) noted.set(pairs[i]!.id, settings[i]!.span);
  return { id, pairs };
}

/** An op's id, in pcs's style: `RSC-NAME-interval-INTERVAL`, and `-ROLE` when it has a role. */
function opId(rsc: string, o: PrimitiveModel["ops"][number]): string {
  const role = o.attrs.find((a) => a.key === "role");
  return role ? joinId(rsc, "-", o.name, "-interval-", o.interval, "-", role.value) : joinId(rsc, "-", o.name, "-interval-", o.interval);
}

type OpAttrs = (attrs: readonly Setting[]) => Op["attrs"];

/**
 * Lowers op attributes. The model shares one list among the ops that an
 * agent's default ops give many resources (1,000 guests: 9,000 ops share
 * about 1,000 lists); the IR, which is never changed, shares the lowered
 * list too.
 */
function opAttrsLowering(): OpAttrs {
  const lowered = new Map<readonly Setting[], Op["attrs"]>();
  return (attrs) => {
    let out = lowered.get(attrs);
    if (out === undefined) {
      out = attrs.map((a) => [a.key, a.value] as const);
      lowered.set(attrs, out);
    }
    return out;
  };
}

/**
 * Every primitive gets the same fields, absent ones `undefined` (so too for
 * groups and clones): one object shape per kind (docs/performance.md).
 */
function primitive(p: PrimitiveModel, opAttrs: OpAttrs): Primitive {
  // Made from a template: the CIB holds its own settings alone.
  const own = p.template?.own ?? p;
  return {
    kind: "primitive",
    id: p.id,
    standard: p.agent.standard,
    provider: p.agent.provider,
    type: p.agent.type,
    instance: attrSet(joinId(p.id, "-instance_attributes"), own.params),
    meta: attrSet(joinId(p.id, "-meta_attributes"), own.meta),
    utilization: attrSet(joinId(p.id, "-utilization"), own.utilization),
    instanceSets: ruledSets(p, "params"),
    metaSets: ruledSets(p, "meta"),
    ops: own.ops.map((o) => {
      const id = opId(p.id, o);
      return { id, name: o.name, interval: o.interval, attrs: opAttrs(o.attrs), instance: o.params ? attrSet(joinId(id, "-instance_attributes"), o.params) : undefined };
    }),
    description: own.description,
    siteProvided: p.declared?.siteProvided ?? false,
    // A guest node made by a plain resource's `remote-node` meta is one too (as review/live.ts reads it back).
    guestNode: p.guest?.name ?? p.meta.find((m) => m.key === "remote-node")?.value,
    template: p.template?.id,
  };
}

/** A primitive's extra sets of one kind, or undefined when it has none. */
function ruledSets(p: PrimitiveModel, which: "params" | "meta"): RuledSet[] | undefined {
  const mine = (p.sets ?? []).filter((s) => s.which === which);
  if (noted !== undefined) for (const s of mine) noted.set(s.set.id, s.span);
  const out = mine.map((s) => s.set);
  return out.length > 0 ? out : undefined;
}

/** A template, lowered as the primitive of its id would be. */
function template(t: TemplateModel, opAttrs: OpAttrs): Template {
  const p = primitive(t.settings, opAttrs);
  return templateOf(p, p.siteProvided);
}

/** An alert and its recipients, their sets named in pcs's style (`ALERT-instance_attributes`, `ALERT-meta_attributes`). */
function alert(a: NonNullable<SiteModel["alerts"]>[number]): Alert {
  const sets = (id: string, params: readonly Setting[], meta: readonly Setting[]) => {
    const instance = attrSet(joinId(id, "-instance_attributes"), params);
    const m = attrSet(joinId(id, "-meta_attributes"), meta);
    return { ...(instance ? { instance } : {}), ...(m ? { meta: m } : {}) };
  };
  return { id: a.id, path: a.path, ...sets(a.id, a.params, a.meta), recipients: a.recipients.map((r) => ({ id: r.id, value: r.value, ...sets(r.id, r.params, r.meta) })) };
}

/**
 * Lowers a checked site into the IR. Children are placed inside their group
 * or clone, at the position the parent was declared. Given `origins`, it
 * also records there where each object with an id was declared (see
 * `Origins`), for the emitters' diagnostics.
 */
export function lower(site: SiteModel, origins?: Map<string, Span>): Cib {
  noted = origins;
  try {
    return lowerSite(site);
  } finally {
    noted = undefined;
  }
}

function lowerSite(site: SiteModel): Cib {
  // Only groups and clones look resources up by id: a site without them does not build the index.
  let index: Map<string, ResourceModel> | undefined;
  const byId = (id: string) => (index ??= new Map(site.resources.map((r) => [r.id, r]))).get(id);
  const opAttrs = opAttrsLowering();
  const build = (r: ResourceModel): Resource | undefined => {
    switch (r.kind) {
      case "primitive":
        return primitive(r, opAttrs);
      case "group": {
        const meta = attrSet(`${r.id}-meta_attributes`, r.meta);
        const children = r.members.map(byId).filter((m): m is PrimitiveModel => m?.kind === "primitive");
        return { kind: "group", id: r.id, description: r.description, instance: attrSet(`${r.id}-instance_attributes`, r.params ?? []), meta, children: children.map((c) => primitive(c, opAttrs)) };
      }
      case "clone": {
        const settings: Setting[] = r.promotable && !r.meta.some((m) => m.key === "promotable") ? [{ key: "promotable", value: "true", span: r.span }, ...r.meta] : [...r.meta];
        const meta = attrSet(`${r.id}-meta_attributes`, settings);
        const c = byId(r.child);
        if (!c || c.kind === "clone") return undefined;
        const child = build(c) as Primitive | Group;
        return { kind: "clone", id: r.id, promotable: r.promotable, description: r.description, instance: attrSet(`${r.id}-instance_attributes`, r.params ?? []), meta, child };
      }
      case "bundle": {
        const c = r.child !== undefined ? byId(r.child) : undefined;
        const pairs = (set: readonly Setting[]) => set.map((s) => [s.key, s.value] as const);
        const maps = (ms: BundleModel["portMaps"]) => ms.map((m) => ({ id: m.id, attrs: pairs(m.settings) }));
        return {
          kind: "bundle",
          id: r.id,
          meta: attrSet(`${r.id}-meta_attributes`, r.meta),
          container: { type: r.container.type, attrs: pairs(r.container.settings) },
          network: r.network !== undefined || r.portMaps.length > 0 ? { attrs: pairs(r.network ?? []), portMappings: maps(r.portMaps) } : undefined,
          storage: r.storageMaps.length > 0 ? maps(r.storageMaps) : undefined,
          child: c?.kind === "primitive" ? primitive(c, opAttrs) : undefined,
        };
      }
    }
  };
  const resources: Resource[] = [];
  if (noted !== undefined) {
    for (const r of site.resources) noted.set(r.id, r.span);
    for (const c of site.constraints) noted.set(c.constraint.id, c.origin);
    for (const f of site.fencingLevels ?? []) noted.set(f.level.id, f.origin);
    for (const a of site.alerts ?? []) {
      noted.set(a.id, a.span);
      for (const r of a.recipients) noted.set(r.id, r.span);
    }
    for (const a of site.nodeAttributes ?? []) noted.set(`nodes-${a.node}`, a.span);
    for (const c of site.capacities ?? []) noted.set(`nodes-${c.node}-utilization`, c.span);
    for (const d of site.defaultSets ?? []) noted.set(d.set.id, d.span);
    for (const s of site.nodeSets ?? []) noted.set(s.set.id, s.span);
    for (const [id, span] of site.acls?.origins ?? []) if (!noted.has(id)) noted.set(id, span);
  }
  for (const r of site.resources) {
    if (r.parent !== undefined) continue;
    const lowered = build(r);
    if (lowered !== undefined) resources.push(lowered);
  }
  const rscDefaults = attrSet("rsc-options", site.rscDefaults);
  const opDefaults = attrSet("op-options", site.opDefaults);
  const nodeUtilization = [...(site.capacities ?? []), ...(site.remoteCapacities ?? [])].flatMap((c) => {
    const utilization = attrSet(`nodes-${c.node}-utilization`, c.settings);
    return utilization ? [{ node: c.node, utilization, ...(c.remote ? { remote: true as const } : {}) }] : [];
  });
  const nodeAttributes = (site.nodeAttributes ?? []).flatMap((a) => {
    const attributes = attrSet(`nodes-${a.node}`, a.settings, nvpairIdPart);
    return attributes ? [{ node: a.node, attributes, ...(a.remote ? { remote: true } : {}) }] : [];
  });
  return {
    clusterName: site.name,
    nodes: site.nodes,
    ...(nodeUtilization.length > 0 ? { nodeUtilization } : {}),
    ...(nodeAttributes.length > 0 ? { nodeAttributes } : {}),
    ...(site.nodeSets && site.nodeSets.length > 0 ? { nodeSets: site.nodeSets.map((s) => ({ node: s.node, which: s.which, set: s.set, ...(s.remote ? { remote: true } : {}) })) } : {}),
    properties: attrSet("cib-bootstrap-options", site.properties) ?? { id: "cib-bootstrap-options", pairs: [] },
    ...(rscDefaults ? { rscDefaults } : {}),
    ...(opDefaults ? { opDefaults } : {}),
    ...ruledDefaults(site),
    resources,
    // The checker made them as IR constraints already.
    constraints: site.constraints.map((c) => c.constraint),
    ...(site.fencingLevels && site.fencingLevels.length > 0 ? { fencingLevels: site.fencingLevels.map((f) => f.level) } : {}),
    ...(site.alerts && site.alerts.length > 0 ? { alerts: site.alerts.map(alert) } : {}),
    ...(site.acls ? { acls: site.acls.acls } : {}),
    ...(site.templates && site.templates.length > 0 ? { templates: site.templates.map((t) => template(t, opAttrs)) } : {}),
    ...(site.tags && site.tags.length > 0 ? { tags: site.tags.map((t) => ({ id: t.id, refs: t.members })) } : {}),
  };
}

/** The sets of `defaults` and `op-defaults` blocks, by section (present only when there are some). */
function ruledDefaults(site: SiteModel): { rscDefaultSets?: RuledSet[]; opDefaultSets?: RuledSet[]; propertySets?: RuledSet[] } {
  const of = (section: string) => (site.defaultSets ?? []).filter((d) => d.section === section).map((d) => d.set);
  const [rsc, op, property] = [of("rsc"), of("op"), of("property")];
  return { ...(rsc.length > 0 ? { rscDefaultSets: rsc } : {}), ...(op.length > 0 ? { opDefaultSets: op } : {}), ...(property.length > 0 ? { propertySets: property } : {}) };
}
