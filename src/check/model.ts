import type { Span } from "../diagnostics/span.js";
import type * as A from "../ast/types.js";
import type { SetSection } from "../ast/types.js";
import type { Acls, Constraint, FencingLevel, RuledSet } from "../ir/types.js";
import { unreachable } from "../util/never.js";
import type { AgentSpec } from "./values.js";

/** A key and value as the site declared it, with where it was declared. */
export interface Setting {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

/** One operation: its name, interval and the other attributes in declaration order. */
export interface OpModel {
  readonly name: string;
  readonly interval: string;
  readonly attrs: readonly Setting[];
  /** The op's own parameters (`{ OCF_CHECK_LEVEL = 10; }`), in declaration order. */
  readonly params?: readonly Setting[];
}

export interface AgentModel {
  readonly spec: string;
  readonly params: ReadonlyMap<string, { required: boolean; default?: string }>;
  readonly ops: readonly OpModel[];
  /** Not shipped by the distribution (pcs needs --force for it when it is not installed). */
  readonly siteProvided: boolean;
  readonly sharedStorage: boolean;
  readonly span: Span;
}

/** What a guest node adds to its VirtualDomain primitive. */
export interface GuestNodeModel {
  readonly name: string;
  /** Host VFs passed through, normalised `DDDD:BB:SS.F`, with the guest-side slot. */
  readonly ib: readonly { host: string; slot: string; span: Span }[];
}

export interface PrimitiveModel {
  readonly kind: "primitive";
  readonly id: string;
  readonly span: Span;
  readonly agent: AgentSpec;
  readonly agentText: string;
  readonly declared?: AgentModel;
  readonly params: readonly Setting[];
  readonly meta: readonly Setting[];
  readonly utilization: readonly Setting[];
  readonly ops: readonly OpModel[];
  readonly guest?: GuestNodeModel;
  /** `description "TEXT";`, the element's description attribute. */
  readonly description?: string;
  /**
   * Made `from` a template: its id, and the primitive's own settings as
   * written (the CIB's `<primitive template=...>` holds these alone). The
   * fields above are then the merged ones, as Pacemaker reads them.
   */
  readonly template?: { readonly id: string; readonly own: Pick<PrimitiveModel, "params" | "meta" | "utilization" | "ops" | "description"> };
  /** Its own extra sets (`params`/`meta` with a rule or a score), in order; a template's stay on the template. */
  readonly sets?: readonly AttrSetModel[];
  parent?: string;
}

/** `params|meta [score N] [when ...] { ... }`: an extra `<instance_attributes>` or `<meta_attributes>`, its pairs by name. */
export interface AttrSetModel {
  readonly which: "params" | "meta";
  readonly set: RuledSet;
  readonly span: Span;
  readonly pairs: ReadonlyMap<string, A.Pair>;
}

/** `template NAME AGENT { ... }`: a `<template>`, its settings as a primitive of its id has them. */
export interface TemplateModel {
  readonly id: string;
  readonly span: Span;
  readonly settings: PrimitiveModel;
}

/** `tag NAME = a, b, c;`: a `<tag>`, its members (resources) as written. */
export interface TagModel {
  readonly id: string;
  readonly span: Span;
  readonly members: readonly string[];
}

export interface GroupModel {
  readonly kind: "group";
  readonly id: string;
  readonly span: Span;
  readonly members: readonly string[];
  readonly meta: readonly Setting[];
  /** `KEY = VALUE;` lines: its `<instance_attributes>`, which its members inherit. */
  readonly params?: readonly Setting[];
  readonly description?: string;
  parent?: string;
}

export interface CloneModel {
  readonly kind: "clone";
  readonly id: string;
  readonly span: Span;
  readonly promotable: boolean;
  readonly child: string;
  readonly meta: readonly Setting[];
  /** `KEY = VALUE;` lines: its `<instance_attributes>`, which its child inherits. */
  readonly params?: readonly Setting[];
  readonly description?: string;
  parent?: string;
}

/** A bundle's port or storage mapping: its id (written or derived as pcs derives it) and its attributes as written. */
export interface BundleMappingModel {
  readonly id: string;
  readonly settings: readonly Setting[];
}

/** `bundle NAME [of PRIMITIVE] { docker ...; network ...; port-map ...; storage-map ...; }` */
export interface BundleModel {
  readonly kind: "bundle";
  readonly id: string;
  readonly span: Span;
  /** `docker`, `podman` or `rkt`, with its attributes (image, replicas, ...) as written. */
  readonly container: { readonly type: string; readonly settings: readonly Setting[] };
  /** The `network` line's attributes; absent without one (and without port mappings). */
  readonly network?: readonly Setting[];
  readonly portMaps: readonly BundleMappingModel[];
  readonly storageMaps: readonly BundleMappingModel[];
  /** The primitive inside each replica. */
  readonly child?: string;
  readonly meta: readonly Setting[];
  parent?: string;
}

export type ResourceModel = PrimitiveModel | GroupModel | CloneModel | BundleModel;

const NO_CHILDREN: readonly string[] = [];

/** The ids a resource holds directly: a group's members, a clone's child; none for a primitive. */
export function childrenOf(r: ResourceModel): readonly string[] {
  switch (r.kind) {
    case "group":
      return r.members;
    case "clone":
      return [r.child];
    case "bundle":
      return r.child !== undefined ? [r.child] : NO_CHILDREN;
    case "primitive":
      return NO_CHILDREN;
    default:
      return unreachable(r);
  }
}

/** The resources made from each template, in declaration order. */
export function templateMembers(resources: readonly ResourceModel[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of resources) {
    if (r.kind !== "primitive" || r.template === undefined) continue;
    const l = out.get(r.template.id);
    if (l) l.push(r.id);
    else out.set(r.template.id, [r.id]);
  }
  return out;
}

/**
 * What each name a constraint may use for several resources stands for: a
 * template, the resources made from it; a tag, its members (resources), each
 * in declaration order.
 */
export function standIns(resources: readonly ResourceModel[], tags: readonly TagModel[] | undefined): Map<string, string[]> {
  const out = templateMembers(resources);
  for (const t of tags ?? []) out.set(t.id, [...t.members]);
  return out;
}

/**
 * The guest nodes a bundle makes: one per replica, `ID-0`, `ID-1`, ..., when
 * it holds a primitive (Pacemaker runs it through pacemaker-remoted in each
 * container). Replicas default to `promoted-max` (or `masters`) when that is
 * positive, else 1 (Pacemaker Explained, "Bundles").
 */
export function replicaNodes(id: string, container: readonly { readonly key: string; readonly value: string }[], holdsPrimitive: boolean): string[] {
  if (!holdsPrimitive) return [];
  const num = (k: string) => {
    const v = container.find((s) => s.key === k)?.value;
    return v !== undefined && /^[0-9]+$/.test(v) ? Number(v) : undefined;
  };
  const promoted = num("promoted-max") ?? num("masters") ?? 0;
  const replicas = Math.min(num("replicas") ?? (promoted > 0 ? promoted : 1), 1000);
  return Array.from({ length: replicas }, (_, i) => `${id}-${i}`);
}

/**
 * A bundle whose primitive Pacemaker promotes: its container sets
 * `promoted-max` (or the older `masters`) above 0, or its meta sets
 * `promotable` true (the clone Pacemaker makes inside inherits it).
 */
export function bundlePromotable(b: BundleModel): boolean {
  if (b.container.settings.some((s) => (s.key === "promoted-max" || s.key === "masters") && /^[0-9]+$/.test(s.value) && Number(s.value) > 0)) return true;
  const m = b.meta.filter((x) => x.key === "promotable").pop();
  return m !== undefined && /^(true|on|yes|y|1)$/i.test(m.value);
}

/**
 * A constraint as the IR holds it (lowering passes it on as it is), with the
 * statement it comes from.
 */
export interface SiteConstraint {
  readonly constraint: Constraint;
  readonly origin: Span;
}

/** A name as the site wrote it where a constraint uses it. */
export interface Reference {
  readonly text: string;
  readonly span: Span;
}

/** One order between two resources, from an `order` statement or a service's `after`, for the cycle rule. */
export interface OrderEdge {
  readonly first: string;
  readonly then: string;
  /** The actions ordered: `start`, `stop`, `promote` or `demote`. */
  readonly firstAction: string;
  readonly thenAction: string;
  /** Pacemaker's kind: Mandatory and Optional orders hold in both directions of the action pair, Serialize one way only. */
  readonly orderKind: "Mandatory" | "Optional" | "Serialize";
  /** Whether Pacemaker also orders the inverse actions (unset: its default, true unless Serialize; never for Serialize). */
  readonly symmetrical?: boolean;
  /** `require-any` (false) or `require-all` (true), where it is written. */
  readonly requireAll?: { readonly value: boolean; readonly span: Span };
  readonly span: Span;
  /**
   * The statement it comes from, as written: `order FIRST then THEN`, a
   * service's `SERVICE on GUEST after AFTER`, or an order of sets (words, not the AST, so the
   * model does not keep the statements alive).
   */
  readonly from:
    | { readonly kind: "order"; readonly first: string; readonly then: string }
    | { readonly kind: "after"; readonly service: string; readonly guest: string; readonly after: string }
    /** One of the pairs Pacemaker makes of an order of resource sets (`id` the constraint's). */
    | { readonly kind: "set"; readonly id: string };
}

/** A guest's VFs as written (valid ones only), for the slot rules. */
export interface GuestVfs {
  readonly name: string;
  /** The guest's name where it is declared. */
  readonly span: Span;
  /** The VirtualDomain resource's id. */
  readonly rsc: string;
  readonly ib: readonly { readonly host: string; readonly slot: string; readonly hostText: string; readonly slotText: string; readonly span: Span }[];
}

/** Where the site's placements let each resource run. */
export interface PlacementModel {
  /** The nodes each resource's placement allows (a score of 0 or more), each once, in order. */
  readonly allowed: ReadonlyMap<string, readonly string[]>;
  /** The nodes each resource's placement bans (a negative score). */
  readonly banned: ReadonlyMap<string, ReadonlySet<string>>;
  /** Resources whose placement had an error (no rule adds "can never run" on top of it). */
  readonly failed: ReadonlySet<string>;
  /** Resources a location rule may place (hacc does not evaluate rules): no rule says they can never run. */
  readonly ruled: ReadonlySet<string>;
}

/** A `resource` that is (or may be) shared storage: marked `shared`, declared with `mmp`, or of a shared-storage agent. */
export interface StorageModel {
  readonly id: string;
  readonly name: Reference;
  /** The `shared;` item. */
  readonly shared?: Span;
  /** The `mmp [INTERVAL];` item, with its interval as written. */
  readonly mmp?: { readonly interval?: Reference };
  /** Its agent is declared `shared-storage`. */
  readonly sharedStorage: boolean;
}

/** A `defaults` (`rsc`) or `op-defaults` (`op`) set with a rule or a score, its ids chosen, and the block it comes from. */
export interface DefaultSetModel {
  readonly section: SetSection;
  readonly set: RuledSet;
  readonly span: Span;
}

/** The checked site: every name resolved, every default applied. Lowered to IR by src/ir. */
export interface SiteModel {
  readonly name: string;
  readonly nodes: readonly string[];
  /** `unlisted-nodes`: names constraints may give nodes that have no entry, in declaration order (absent: none). Never up. */
  readonly unlistedNodes?: readonly string[];
  readonly properties: readonly Setting[];
  readonly rscDefaults: readonly Setting[];
  readonly opDefaults: readonly Setting[];
  /** `defaults`/`op-defaults` sets chosen by a rule or ranked by a score, in declaration order (absent: none). */
  readonly defaultSets?: readonly DefaultSetModel[];
  /** Resources in declaration order; children carry `parent`. */
  readonly resources: readonly ResourceModel[];
  /** Constraints in declaration order, as IR constraints with the statement each comes from. */
  readonly constraints: readonly SiteConstraint[];
  /** What each node offers (`utilization NODE k = v;`), in declaration order; absent or empty when none is declared. */
  readonly capacities?: readonly NodeCapacityModel[];
  /** Guest and remote nodes' capacities, in declaration order: in the CIB, not in the prediction. */
  readonly remoteCapacities?: readonly NodeCapacityModel[];
  /** Each node's attributes (`attributes NODE k = v;`, lines merged), in declaration order; absent or empty when none is declared. */
  readonly nodeAttributes?: readonly NodeAttributesModel[];
  /** Nodes' sets chosen by a rule or ranked by a score, in declaration order. */
  readonly nodeSets?: readonly NodeSetModel[];

  // What the rules (src/check/rules/) read besides the above.
  /** Every resource by id. */
  readonly byId: ReadonlyMap<string, ResourceModel>;
  /** False in an opt-in cluster (`symmetric-cluster = false`), with the property that says so. */
  readonly symmetric: boolean;
  readonly symmetricSpan?: Span;
  readonly placement: PlacementModel;
  /** Every guest whose VM was made, with its VFs, in declaration order. */
  readonly guests: readonly GuestVfs[];
  /** How many VFs a host's HCA offers (`vf-limit`). */
  readonly vfLimit: number;
  /** How many hosts may be down at once (`host-failures`, default 1): the failure model of the VF and N-1 checks. */
  readonly hostFailures?: number;
  /** Orders, including those whose constraint was not made (a duplicate id), in declaration order. */
  readonly orders: readonly OrderEdge[];
  /** Every resource a constraint names, as written, in the order they are met. */
  readonly references: readonly Reference[];
  /** Possibly shared storage resources, in declaration order. */
  readonly storage: readonly StorageModel[];
  /** The roles colocations give resources (`colocate promoted db-clone with ip`), in declaration order. */
  readonly roles: readonly RoleUse[];
  /** Fencing levels (`fencing-level`), in declaration order, with the statement each comes from. */
  readonly fencingLevels?: readonly { readonly level: FencingLevel; readonly origin: Span }[];
  /** Alerts (`alert`), in declaration order. */
  readonly alerts?: readonly AlertModel[];
  /** Templates (`template`), in declaration order; absent when the site declares none. */
  readonly templates?: readonly TemplateModel[];
  /** Tags (`tag`), in declaration order; absent when the site declares none. */
  readonly tags?: readonly TagModel[];
  /** ACL roles, users and groups (`acl`), each with where it is declared; absent when the site declares none. */
  readonly acls?: AclsModel;
}

/** The site's ACLs: the IR's, with spans for the rules (a permission's reference, where it is written). */
export interface AclsModel {
  readonly acls: Acls;
  /** The first `acl` statement. */
  readonly span: Span;
  /** Each permission naming an id (`read id X`), with the span of X. */
  readonly references: readonly { readonly id: string; readonly span: Span }[];
  /** Where each role, user and group is declared. */
  readonly origins?: ReadonlyMap<string, Span>;
}

/** An alert and its recipients, with their settings as declared (`param`: instance attributes). */
export interface AlertModel {
  readonly id: string;
  readonly path: string;
  readonly params: readonly Setting[];
  readonly meta: readonly Setting[];
  readonly recipients: readonly { readonly id: string; readonly value: string; readonly params: readonly Setting[]; readonly meta: readonly Setting[]; readonly span: Span }[];
  readonly span: Span;
}

/** A role a constraint names for a resource, with where the role is written. */
export interface RoleUse {
  readonly rsc: string;
  /** As the CIB writes it: `Promoted`, `Master`, ... */
  readonly role: string;
  readonly span: Span;
}

/** A node's declared attributes: its `<instance_attributes>` (standby, maintenance, any other). */
/** `attributes NODE [score N] [when ...] { ... }` or `utilization NODE ...`: a node's set after its plain one. */
export interface NodeSetModel {
  readonly node: string;
  readonly which: "attributes" | "utilization";
  readonly set: RuledSet;
  readonly span: Span;
  /** A guest's or remote node's (its entry is `type="remote"`). */
  readonly remote?: boolean;
}

export interface NodeAttributesModel {
  readonly node: string;
  readonly settings: readonly Setting[];
  /** The first `attributes` line of the node. */
  readonly span: Span;
  /** A guest or remote node (not in `nodes`): its entry has `type="remote"`. */
  readonly remote?: boolean;
}

/** A node's declared capacity: Pacemaker node utilization attributes. */
export interface NodeCapacityModel {
  readonly node: string;
  readonly settings: readonly Setting[];
  readonly span: Span;
  /** A guest or remote node (not in `nodes`): its entry has `type="remote"`. */
  readonly remote?: boolean;
}
