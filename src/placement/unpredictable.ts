import * as V from "../check/values.js";
import { patternMatches } from "../util/posix-ere.js";
import { childrenOf, standIns, type PrimitiveModel, type SiteModel } from "../check/model.js";
import { constraintRefs } from "../ir/constraints.js";
import type { NestedRule, Rule } from "../ir/types.js";
import { mandatoryStarts } from "./orders.js";
import { INF, scoreOf } from "./scores.js";
import type { AllowedNodes } from "./site-index.js";

/**
 * Which candidates (primitives outside groups and clones) the prediction
 * cannot place, and why: beyond a location it cannot read (`allowedNodes`),
 * everything under `maintenance-mode` or a `property` block that sets a
 * placement property, a resource not managed (`is-managed=false`), one that
 * may run on a node in maintenance or whose placement meta a `defaults` block
 * may set, and, transitively, whatever is colocated (either way) with a
 * resource it does not place (a group, a clone, a bundle, a service inside a
 * guest, or one of these), or starts after one by a mandatory order; every
 * member of an order or colocation of resource sets, which the model does not
 * expand; both sides of a colocation with a `node-attribute` or an
 * `influence`, which the model does not read; and what a constraint naming a
 * template or a tag names.
 *
 * The reasons are kept as small codes while marking (a large site has many
 * resources and this runs on every prediction); the sentence is made only for
 * the resources a caller asks about.
 */
export interface Unpredictable {
  /** By candidate number: nonzero when not predicted. */
  readonly marked: Uint8Array;
  /** Why candidate `d` is not predicted, in a phrase (`undefined` when it is predicted). */
  why(d: number): string | undefined;
}

/** Cluster properties the prediction reads: one a `property` block sets (a rule or a score picks it, not evaluated here) leaves all unpredicted. */
const PLACEMENT_PROPERTIES = new Set(["symmetric-cluster", "placement-strategy", "stop-all-resources", "maintenance-mode", "stonith-enabled"]);
/** Meta attributes that change where or whether a resource runs. */
const PLACEMENT_META = new Set(["target-role", "is-managed", "resource-stickiness", "priority", "migration-threshold", "failure-timeout", "maintenance", "requires"]);

const enum Cause {
  Location = 1,
  MaintenanceMode,
  PropertyBlock,
  Unmanaged,
  NodeMaintenance,
  DefaultsBlock,
  OwnSet,
  StandIn,
  NodeAttribute,
  InSet,
  /** A node's set chosen by a rule or a score sets standby, maintenance, or (with a placement strategy) capacity. */
  NodeSet,
  /** Tied by a constraint to a resource the prediction does not place (not a candidate). */
  TiedToOther,
  /** Tied by a constraint to a candidate that is not predicted. */
  Via,
}

function setting(list: readonly { key: string; value: string }[], key: string): string | undefined {
  for (let i = 0; i < list.length; i++) if (list[i]!.key === key) return list[i]!.value;
  return undefined;
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && V.isTrue(v);
}

/**
 * How the prediction reads a location of a primitive (Pacemaker 2.1.5,
 * pcmk_sched_location.c): a role of `Started` or `Unpromoted` (`Slave`)
 * applies to every role (unpack_rsc_location sets no role filter for them);
 * a `Promoted` (`Master`) one never applies to a primitive, whose next role
 * is never Promoted (pcmk__apply_location; HA4070 says so);
 * `resource-discovery` `always` or `never` changes where Pacemaker probes,
 * not where it places; `exclusive` restricts the resource to the nodes of
 * such locations, which the model does not read.
 */
export function locationReading(c: { readonly role?: string; readonly discovery?: string }): "plain" | "ignored" | "unread" {
  const discovery = c.discovery?.toLowerCase();
  if (discovery !== undefined && discovery !== "always" && discovery !== "never") return "unread";
  const role = c.role?.toLowerCase();
  if (role === undefined || role === "started" || role === "unpromoted" || role === "slave") return "plain";
  if (role === "promoted" || role === "master") return "ignored";
  return "unread";
}

export function unpredictable(
  site: SiteModel,
  candidates: ReadonlyMap<string, number>,
  prims: readonly PrimitiveModel[],
  allowed: readonly (AllowedNodes | undefined)[],
  maintenance: ReadonlySet<number>,
  nodes: readonly string[],
): Unpredictable {
  const out = new Uint8Array(prims.length);
  // For a mark by a constraint: the constraint's index; for Via, the candidate it came from; for a node, its number.
  const from = new Int32Array(prims.length).fill(-1);
  const result: Unpredictable = { marked: out, why: (d) => explain(site, prims, candidates, nodes, out, from, d) };
  if (isTrue(setting(site.properties, "maintenance-mode"))) {
    out.fill(Cause.MaintenanceMode);
    return result;
  }
  if ((site.defaultSets ?? []).some((x) => x.section === "property" && x.set.pairs.some((p) => PLACEMENT_PROPERTIES.has(p.name)))) {
    out.fill(Cause.PropertyBlock);
    return result;
  }
  if (nodeSetState(site) !== undefined) {
    out.fill(Cause.NodeSet);
    return result;
  }
  const unmanaged = (r: PrimitiveModel) => (setting(r.meta, "is-managed") ?? setting(site.rscDefaults, "is-managed") ?? "true").toLowerCase() === "false";
  const stack: number[] = [];
  const mark = (d: number, cause: Cause, at = -1) => {
    if (out[d]) return;
    out[d] = cause;
    from[d] = at;
    stack.push(d);
  };
  // A placement-relevant meta attribute a `defaults` block may set (a rule or a score picks it; not evaluated here).
  const ruled = new Set((site.defaultSets ?? []).filter((x) => x.section === "rsc").flatMap((x) => x.set.pairs.map((p) => p.name)).filter((n) => PLACEMENT_META.has(n)));
  // The resource's (or its template's) own `meta` set chosen by a rule or a score may set one too.
  const own = (r: PrimitiveModel) => [...(r.sets ?? []), ...((r.template && site.templates?.find((t) => t.id === r.template!.id)?.settings.sets) ?? [])].some((s) => s.which === "meta" && [...s.pairs.keys()].some((n) => PLACEMENT_META.has(n)));
  for (let d = 0; d < prims.length; d++) {
    if (allowed[d] === undefined) mark(d, Cause.Location);
    else if (own(prims[d]!)) mark(d, Cause.OwnSet);
    else if (unmanaged(prims[d]!)) mark(d, Cause.Unmanaged);
    else if (maintenance.size > 0 && allowed[d]!.on.some((n) => maintenance.has(n))) mark(d, Cause.NodeMaintenance, allowed[d]!.on.find((n) => maintenance.has(n)));
    else if (ruled.size > 0 && [...ruled].some((n) => setting(prims[d]!.meta, n) === undefined)) mark(d, Cause.DefaultsBlock);
  }
  // Edges between candidates that carry "not predicted" along; an edge to anything else marks at once.
  const next: number[][] = prims.map(() => []);
  const tie = (from: string, to: string, both: boolean, ci: number) => {
    const a = candidates.get(from);
    const b = candidates.get(to);
    if (a === undefined && b === undefined) return;
    if (a === undefined) return mark(b!, Cause.TiedToOther, ci);
    if (b === undefined) return both ? mark(a, Cause.TiedToOther, ci) : undefined;
    next[a]!.push(b);
    if (both) next[b]!.push(a);
  };
  const made = standIns(site.resources, site.tags);
  const within = (id: string): string[] => {
    const r = site.byId.get(id);
    return [id, ...(r ? childrenOf(r).flatMap(within) : [])];
  };
  for (let ci = 0; ci < site.constraints.length; ci++) {
    const c = site.constraints[ci]!.constraint;
    // A constraint naming a template or a tag: Pacemaker turns the name into a set of resources, which the model does not expand;
    // but an order's, which does not place, only stops what waits for a resource that runs nowhere (mandatoryStarts, below).
    if (made.size > 0 && c.kind !== "order") {
      const refs = constraintRefs(c);
      if (refs.some((r) => made.has(r))) {
        for (const r of refs) for (const id of (made.get(r) ?? [r]).flatMap(within)) if (candidates.has(id)) mark(candidates.get(id)!, Cause.StandIn, ci);
      }
    }
    // Nodes "together" by a node attribute's value, or a dependent that does not pull its primary: not modelled.
    if (c.kind === "colocation" && (c.nodeAttribute !== undefined || c.influence !== undefined)) {
      for (const r of [c.rsc, c.withRsc]) if (candidates.has(r)) mark(candidates.get(r)!, Cause.NodeAttribute, ci);
    }
    if (c.kind === "colocation") tie(c.withRsc, c.rsc, true, ci);
    else if (c.kind === "order-set" || c.kind === "colocation-set") {
      // Sets are not modelled (Pacemaker expands them into pairs with its own rules): every member is not predicted.
      for (const set of c.sets) for (const r of set.resources) if (candidates.has(r)) mark(candidates.get(r)!, Cause.InSet, ci);
    }
  }
  for (const o of mandatoryStarts(site)) tie(o.first, o.then, false, o.ci);
  while (stack.length > 0) {
    const d = stack.pop()!;
    for (const n of next[d]!) mark(n, Cause.Via, d);
  }
  return result;
}

/**
 * A cluster node's set chosen by a rule or a score that sets what the prediction reads of a node: `standby`,
 * `maintenance`, or its capacity under a placement strategy that reads it. Its node and id, or undefined.
 */
function nodeSetState(site: SiteModel): { node: string; id: string; name: string } | undefined {
  const strategy = setting(site.properties, "placement-strategy") ?? "default";
  for (const s of site.nodeSets ?? []) {
    if (s.remote === true) continue;
    const name = s.which === "utilization" ? (strategy !== "default" ? s.set.pairs[0]?.name : undefined) : s.set.pairs.find((p) => p.name === "standby" || p.name === "maintenance")?.name;
    if (name !== undefined) return { node: s.node, id: s.set.id, name };
  }
  return undefined;
}

/** A node attribute a location rule of `c` reads (a test or its score-attribute) that a node's set chosen by a rule or a score sets, with that set's id. */
function ruledAttribute(site: SiteModel, rules: readonly Rule[]): { name: string; id: string } | undefined {
  const read = (r: Rule | NestedRule): string[] => [...(("scoreAttribute" in r && r.scoreAttribute !== undefined) ? [r.scoreAttribute] : []), ...r.expressions.flatMap((e) => (e.kind === "expression" ? [e.attribute] : e.kind === "rule" ? read(e) : []))];
  const names = new Set(rules.flatMap(read));
  for (const s of site.nodeSets ?? []) {
    const p = s.which === "attributes" ? s.set.pairs.find((q) => names.has(q.name)) : undefined;
    if (p) return { name: p.name, id: s.set.id };
  }
  return undefined;
}

/** What a resource the prediction does not place is: "group `g`", "clone `c`", "`x`, in group `g`". */
export function describeOther(site: SiteModel, id: string): string {
  const r = site.byId.get(id);
  if (r === undefined) {
    if ((site.tags ?? []).some((t) => t.id === id)) return `tag \`${id}\``;
    if ((site.templates ?? []).some((t) => t.id === id)) return `template \`${id}\``;
    return `\`${id}\``;
  }
  if (r.kind !== "primitive") return `${r.kind} \`${id}\``;
  if (r.parent !== undefined) return `\`${id}\`, in ${site.byId.get(r.parent)?.kind ?? "resource"} \`${r.parent}\``;
  return `\`${id}\``;
}

function explain(
  site: SiteModel,
  prims: readonly PrimitiveModel[],
  candidates: ReadonlyMap<string, number>,
  nodes: readonly string[],
  out: Uint8Array,
  from: Int32Array,
  d: number,
): string | undefined {
  const constraintId = (ci: number) => site.constraints[ci]!.constraint.id;
  switch (out[d] as Cause | 0) {
    case 0:
      return undefined;
    case Cause.Location: {
      const id = prims[d]!.id;
      for (const { constraint: c } of site.constraints) {
        if ((c.kind !== "location" && c.kind !== "location-rule") || (c.pattern !== undefined ? !(patternMatches(c.pattern, [id]) ?? []).includes(id) : c.rsc !== id)) continue;
        const by = c.pattern !== undefined ? ` (its pattern \`${c.pattern}\` applies to \`${id}\`)` : "";
        if (c.kind === "location-rule") {
          const set = ruledAttribute(site, c.rules);
          if (set) return `location \`${c.id}\`${by} places it by a rule on the node attribute ${set.name}, which node set \`${set.id}\` chosen by a rule or a score may set; hacc evaluates neither`;
          return `location \`${c.id}\`${by} places it by a rule, which hacc does not evaluate`;
        }
        // A location to an unlisted node is dropped by Pacemaker whole (no node of that name).
        if ((site.unlistedNodes ?? []).includes(c.node)) continue;
        const reading = locationReading(c);
        if (reading === "ignored") continue;
        if (reading === "unread") return `location \`${c.id}\`${by} sets resource-discovery ${c.discovery}`;
        if (!site.nodes.includes(c.node) && scoreOf(c.score) > -INF) return `location \`${c.id}\`${by} places it on guest node ${c.node}`;
      }
      return "a location hacc does not read places it";
    }
    case Cause.MaintenanceMode:
      return "maintenance-mode is on: Pacemaker manages nothing";
    case Cause.PropertyBlock: {
      const p = (site.defaultSets ?? []).filter((x) => x.section === "property").flatMap((x) => x.set.pairs.map((q) => q.name)).find((n) => PLACEMENT_PROPERTIES.has(n));
      return `a \`property\` block chosen by a rule or a score sets ${p}, which hacc does not evaluate`;
    }
    case Cause.NodeSet: {
      const s = nodeSetState(site)!;
      return `node set \`${s.id}\` of ${s.node}, chosen by a rule or a score, sets its ${s.name}, which hacc does not evaluate`;
    }
    case Cause.Unmanaged:
      return "it is not managed (is-managed=false)";
    case Cause.NodeMaintenance:
      return `it may run on ${nodes[from[d]!]}, which is in maintenance`;
    case Cause.DefaultsBlock: {
      const m = (site.defaultSets ?? []).filter((x) => x.section === "rsc").flatMap((x) => x.set.pairs.map((q) => q.name)).find((n) => PLACEMENT_META.has(n) && setting(prims[d]!.meta, n) === undefined);
      return `a \`defaults\` block chosen by a rule or a score may set its ${m}, which hacc does not evaluate`;
    }
    case Cause.OwnSet:
      return "its own (or its template's) `meta` set chosen by a rule or a score may set where or whether it runs, which hacc does not evaluate";
    case Cause.StandIn: {
      const c = site.constraints[from[d]!]!.constraint;
      const made = standIns(site.resources, site.tags);
      const name = constraintRefs(c).find((r) => made.has(r))!;
      return `constraint \`${c.id}\` names ${describeOther(site, name)}, which the prediction does not expand`;
    }
    case Cause.NodeAttribute:
      return `colocation \`${constraintId(from[d]!)}\` has a node-attribute or influence, which hacc does not model`;
    case Cause.InSet:
      return `it is in a resource set of \`${constraintId(from[d]!)}\`, which hacc does not expand`;
    case Cause.TiedToOther: {
      const c = site.constraints[from[d]!]!.constraint;
      const id = prims[d]!.id;
      if (c.kind === "order") return `order \`${c.id}\` starts it after ${describeOther(site, c.first)}, which hacc does not place`;
      if (c.kind === "colocation") return `colocation \`${c.id}\` ties it to ${describeOther(site, c.rsc === id ? c.withRsc : c.rsc)}, which hacc does not place`;
      return `constraint \`${c.id}\` ties it to a resource hacc does not place`;
    }
    case Cause.Via: {
      // Follow the chain to the first resource marked for a reason of its own.
      let root = from[d]!;
      for (let hops = 0; out[root] === Cause.Via && hops < prims.length; hops++) root = from[root]!;
      return `a colocation or mandatory order ties it to \`${prims[root]!.id}\`, which is not predicted: ${explain(site, prims, candidates, nodes, out, from, root)}`;
    }
  }
}
