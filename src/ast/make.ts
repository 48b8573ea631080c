import type { Span } from "../diagnostics/span.js";
import type * as A from "./types.js";

/**
 * Constructors of the AST's statements and items, for the CST-to-AST builder
 * (src/ast/build.ts): an optional field is left out, never set to
 * `undefined`, and every node of a kind has its fields in one order, so the
 * nodes of a kind share one shape.
 */

/** What a cluster block lists, filled in item by item. */
export interface ClusterParts {
  readonly nodes: A.Name[];
  readonly unlistedNodes: A.Name[];
  readonly properties: A.Pair[];
  readonly defaults: A.Pair[];
  readonly opDefaults: A.Pair[];
  readonly defaultSets: A.DefaultsSetDecl[];
  readonly guestDefaults: A.Block[];
  readonly vfLimits: A.Name[];
  readonly hostFailures: A.Name[];
  readonly capacities: A.NodeCapacityDecl[];
  readonly nodeAttributes: A.NodeAttributesDecl[];
  readonly nodeSets: A.NodeSetDecl[];
}

export function clusterParts(): ClusterParts {
  return { nodes: [], unlistedNodes: [], properties: [], defaults: [], opDefaults: [], defaultSets: [], guestDefaults: [], vfLimits: [], hostFailures: [], capacities: [], nodeAttributes: [], nodeSets: [] };
}

export function cluster(name: A.Name, p: ClusterParts, span: Span): A.ClusterDecl {
  const { nodes, unlistedNodes, properties, defaults, opDefaults, defaultSets, guestDefaults, vfLimits, hostFailures, capacities, nodeAttributes, nodeSets } = p;
  return { kind: "cluster", name, nodes, unlistedNodes, properties, defaults, opDefaults, defaultSets, guestDefaults, vfLimits, hostFailures, capacities, nodeAttributes, nodeSets, span };
}

/** A statement's optional block and its placement (`tail` in the grammar). */
export interface Tail {
  readonly block?: A.Block;
  readonly placement: A.PlacementEntry[];
}

export function tail(block: A.Block | undefined, placement: A.PlacementEntry[]): Tail {
  return block ? { block, placement } : { placement };
}

export function placementEntry(host: A.Name, score: A.Value | undefined, named: A.Name | undefined, span: Span): A.PlacementEntry {
  return { host, ...(score === undefined ? {} : { score }), ...(named === undefined ? {} : { named }), span };
}

export function guest(name: A.Name, placement: A.PlacementEntry[], block: A.Block | undefined, span: Span): A.GuestDecl {
  return block ? { kind: "guest", name, placement, block, span } : { kind: "guest", name, placement, span };
}

export function resource(name: A.Name, agent: A.Name, t: Tail, span: Span): A.ResourceDecl {
  return { kind: "resource", name, agent, ...t, span };
}

/** `resource NAME from TEMPLATE ...`: a primitive made from a template. */
export function resourceFrom(name: A.Name, template: A.Name, t: Tail, span: Span): A.ResourceDecl {
  return { kind: "resource", name, template, ...t, span };
}

export function template(name: A.Name, agent: A.Name, block: A.Block | undefined, span: Span): A.TemplateDecl {
  return block ? { kind: "template", name, agent, block, span } : { kind: "template", name, agent, span };
}

export function instance(service: A.Name, guest: A.Name, after: A.Name | undefined, block: A.Block | undefined, span: Span): A.InstanceDecl {
  return { kind: "instance", service, guest, ...(after ? { after } : {}), ...(block ? { block } : {}), span };
}

export function order(
  first: A.Name,
  then: A.Name,
  firstAction: A.Name | undefined,
  thenAction: A.Name | undefined,
  orderKind: A.Name | undefined,
  span: Span,
  options: readonly A.Name[] = [],
  name?: A.Name,
): A.OrderDecl {
  return {
    kind: "order",
    first,
    then,
    ...(firstAction ? { firstAction } : {}),
    ...(thenAction ? { thenAction } : {}),
    ...(orderKind ? { orderKind } : {}),
    ...(options.length > 0 ? { options } : {}),
    ...(name ? { name } : {}),
    span,
  };
}

export function ticket(t: A.Name, rsc: A.Name, role: A.Name | undefined, lossPolicy: A.Name | undefined, span: Span, name?: A.Name): A.TicketDecl {
  return { kind: "ticket", ticket: t, rsc, ...(role ? { role } : {}), ...(lossPolicy ? { lossPolicy } : {}), ...(name ? { name } : {}), span };
}

export function colocate(
  rsc: A.Name,
  w: A.Name,
  score: A.Value | undefined,
  span: Span,
  rscRole?: A.Name,
  withRole?: A.Name,
  options: readonly A.Pair[] = [],
  name?: A.Name,
): A.ColocateDecl {
  return {
    kind: "colocate", rsc, with: w, ...(rscRole ? { rscRole } : {}), ...(withRole ? { withRole } : {}), ...(score ? { score } : {}),
    ...(options.length > 0 ? { options } : {}), ...(name ? { name } : {}), span,
  };
}

export function group(name: A.Name, members: A.Name[], t: Tail, span: Span): A.GroupDecl {
  return { kind: "group", name, members, ...t, span };
}

export function clone(promotable: boolean, name: A.Name, child: A.Name, t: Tail, span: Span): A.CloneDecl {
  return { kind: "clone", promotable, name, child, ...t, span };
}

export function bundle(name: A.Name, child: A.Name | undefined, t: Tail, span: Span): A.BundleDecl {
  return { kind: "bundle", name, ...(child ? { child } : {}), ...t, span };
}

export function agentParam(name: A.Name, required: boolean, def: A.Value | undefined, span: Span): A.AgentParamDecl {
  return { name, required, ...(def ? { default: def } : {}), span };
}

export function service(name: A.Name, agent: A.Name, guestParam: A.Name | undefined, span: Span): A.ServiceDecl {
  return { kind: "service", name, agent, ...(guestParam ? { guestParam } : {}), span };
}

export function mmp(interval: A.Name | undefined, span: Span): Extract<A.BlockItem, { kind: "mmp" }> {
  return interval ? { kind: "mmp", interval, span } : { kind: "mmp", span };
}
