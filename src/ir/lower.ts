import type { ConstraintModel, PrimitiveModel, ResourceModel, Setting, SiteModel } from "../check/model.js";
import type { AttrSet, Cib, Constraint, Group, Primitive, Resource } from "./types.js";

/** Ids of attribute sets and their pairs, in pcs's style (`RSC-instance_attributes-NAME`). */
function attrSet(id: string, settings: readonly Setting[]): AttrSet | undefined {
  if (settings.length === 0) return undefined;
  return { id, pairs: settings.map((s) => ({ id: `${id}-${s.key}`, name: s.key, value: s.value })) };
}

/** An op's id, in pcs's style: `RSC-NAME-interval-INTERVAL`, and `-ROLE` when it has a role. */
function opId(rsc: string, o: PrimitiveModel["ops"][number]): string {
  const role = o.attrs.find((a) => a.key === "role");
  return `${rsc}-${o.name}-interval-${o.interval}${role ? "-" + role.value : ""}`;
}

/**
 * Every primitive gets the same fields, absent ones `undefined`, so all
 * primitives share one shape and the emitters read them at full speed.
 */
function primitive(p: PrimitiveModel): Primitive {
  return {
    kind: "primitive",
    id: p.id,
    standard: p.agent.standard,
    provider: p.agent.provider,
    type: p.agent.type,
    instance: attrSet(`${p.id}-instance_attributes`, p.params),
    meta: attrSet(`${p.id}-meta_attributes`, p.meta),
    utilization: attrSet(`${p.id}-utilization`, p.utilization),
    ops: p.ops.map((o) => ({ id: opId(p.id, o), name: o.name, interval: o.interval, attrs: o.attrs.map((a) => [a.key, a.value] as const) })),
    siteProvided: p.declared?.siteProvided ?? false,
    guestNode: p.guest?.name,
  };
}

/**
 * Lowers a checked site into the IR. Children are placed inside their group
 * or clone, at the position the parent was declared.
 */
export function lower(site: SiteModel): Cib {
  const byId = new Map<string, ResourceModel>(site.resources.map((r) => [r.id, r]));
  const build = (r: ResourceModel): Resource | undefined => {
    switch (r.kind) {
      case "primitive":
        return primitive(r);
      case "group": {
        const meta = attrSet(`${r.id}-meta_attributes`, r.meta);
        const children = r.members.map((m) => byId.get(m)).filter((m): m is PrimitiveModel => m?.kind === "primitive");
        return { kind: "group", id: r.id, ...(meta ? { meta } : {}), children: children.map(primitive) };
      }
      case "clone": {
        const settings: Setting[] = r.promotable && !r.meta.some((m) => m.key === "promotable") ? [{ key: "promotable", value: "true", span: r.span }, ...r.meta] : [...r.meta];
        const meta = attrSet(`${r.id}-meta_attributes`, settings);
        const c = byId.get(r.child);
        if (!c || c.kind === "clone") return undefined;
        const child = build(c) as Primitive | Group;
        return { kind: "clone", id: r.id, promotable: r.promotable, ...(meta ? { meta } : {}), child };
      }
    }
  };
  const resources = site.resources.filter((r) => r.parent === undefined).flatMap((r) => build(r) ?? []);
  const rscDefaults = attrSet("rsc-options", site.rscDefaults);
  const opDefaults = attrSet("op-options", site.opDefaults);
  const nodeUtilization = (site.capacities ?? []).flatMap((c) => {
    const utilization = attrSet(`nodes-${c.node}-utilization`, c.settings);
    return utilization ? [{ node: c.node, utilization }] : [];
  });
  return {
    clusterName: site.name,
    nodes: site.nodes,
    ...(nodeUtilization.length > 0 ? { nodeUtilization } : {}),
    properties: attrSet("cib-bootstrap-options", site.properties) ?? { id: "cib-bootstrap-options", pairs: [] },
    ...(rscDefaults ? { rscDefaults } : {}),
    ...(opDefaults ? { opDefaults } : {}),
    resources,
    constraints: site.constraints.map(constraint),
  };
}

function constraint(c: ConstraintModel): Constraint {
  switch (c.kind) {
    case "location":
      return { kind: "location", id: c.id, rsc: c.rsc, node: c.node, score: c.score };
    case "only-on":
      return {
        kind: "location-rule",
        id: c.id,
        rsc: c.rsc,
        ruleId: `${c.id}-rule`,
        score: "-INFINITY",
        expression: { id: `${c.id}-rule-expr`, attribute: "#uname", operation: "ne", value: c.node },
      };
    case "order":
      return { kind: "order", id: c.id, first: c.first, firstAction: c.firstAction, then: c.then, thenAction: c.thenAction, orderKind: c.orderKind };
    case "colocation":
      return { kind: "colocation", id: c.id, rsc: c.rsc, withRsc: c.withRsc, score: c.score };
  }
}
