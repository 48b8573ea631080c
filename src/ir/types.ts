import type { Span } from "../diagnostics/span.js";

/**
 * hacc's IR: plain data that mirrors the CIB (Pacemaker Explained, "The
 * configuration section"). Every id is already chosen, so the three emitters
 * are printers of the same objects and agree by construction.
 */

export interface NvPair {
  readonly id: string;
  readonly name: string;
  readonly value: string;
}

export interface AttrSet {
  readonly id: string;
  readonly pairs: readonly NvPair[];
}

export interface Op {
  readonly id: string;
  readonly name: string;
  readonly interval: string;
  /** Other `<op>` attributes (timeout, on-fail, role, ...) in a stable order. */
  readonly attrs: readonly (readonly [string, string])[];
  /** The op's own instance attributes (`OCF_CHECK_LEVEL`, ...): `<instance_attributes>` inside the `<op>`. */
  readonly instance?: AttrSet;
}

export interface Primitive {
  readonly kind: "primitive";
  readonly id: string;
  readonly standard: string;
  readonly provider?: string;
  readonly type: string;
  readonly instance?: AttrSet;
  readonly meta?: AttrSet;
  readonly utilization?: AttrSet;
  /** Extra `<instance_attributes>` with a rule or a score, after the plain one, in order (`params [score N] [when ...] { ... }`). */
  readonly instanceSets?: readonly RuledSet[];
  /** Extra `<meta_attributes>` with a rule or a score, after the plain one, in order (`meta [score N] [when ...] { ... }`). */
  readonly metaSets?: readonly RuledSet[];
  readonly ops: readonly Op[];
  /** The `description` attribute, as written. */
  readonly description?: string;
  /** The agent is declared `site-provided` (not in the distribution's resource-agents). */
  readonly siteProvided: boolean;
  /** Set when this primitive is a guest node's VM (its `remote-node` meta attribute names the guest). */
  readonly guestNode?: string;
  /**
   * `template`: the `<template>` it is made from. Its agent is then the
   * template's (the fields above, which the CIB does not write), and its
   * sets and ops are its own alone, which Pacemaker puts over the template's.
   */
  readonly template?: string;
}

/** `<template>`: an agent and settings that primitives are made from; it runs nothing itself. */
export type Template = Omit<Primitive, "kind" | "guestNode" | "template">;

export interface Group {
  readonly kind: "group";
  readonly id: string;
  readonly description?: string;
  /** Its `<instance_attributes>`, which each member inherits where it does not set the name. */
  readonly instance?: AttrSet;
  readonly meta?: AttrSet;
  readonly children: readonly Primitive[];
}

export interface Clone {
  readonly kind: "clone";
  readonly id: string;
  readonly promotable: boolean;
  readonly description?: string;
  /** Its `<instance_attributes>`, which its child inherits where it does not set the name. */
  readonly instance?: AttrSet;
  readonly meta?: AttrSet;
  readonly child: Primitive | Group;
}

/** A `<port-mapping>` or `<storage-mapping>`: its id and attributes, as written. */
export interface BundleMapping {
  readonly id: string;
  readonly attrs: readonly (readonly [string, string])[];
}

/** `<bundle>`: a container runtime's replicas, each with the primitive inside. */
export interface Bundle {
  readonly kind: "bundle";
  readonly id: string;
  readonly meta?: AttrSet;
  /** `<docker>`, `<podman>` or `<rkt>` and its attributes (image, replicas, ...). */
  readonly container: { readonly type: string; readonly attrs: readonly (readonly [string, string])[] };
  /** `<network>`: its attributes and port mappings. */
  readonly network?: { readonly attrs: readonly (readonly [string, string])[]; readonly portMappings: readonly BundleMapping[] };
  /** `<storage>`'s mappings; absent for no `<storage>`. */
  readonly storage?: readonly BundleMapping[];
  readonly child?: Primitive;
}

export type Resource = Primitive | Group | Clone | Bundle;

export interface Location {
  readonly kind: "location";
  readonly id: string;
  /** The resource; empty when `set` names the resources instead. */
  readonly rsc: string;
  /** A `<resource_set>` in place of `rsc`: the location of each of its resources (Pacemaker's `unpack_location_set`). */
  readonly set?: ResourceSet;
  /** `rsc-pattern` in place of `rsc`: the location of each top-level resource whose id matches (a leading `!`: does not). */
  readonly pattern?: string;
  readonly node: string;
  readonly score: string;
  /** The role the location applies to (`Promoted`, `Unpromoted`, `Started`, or 2.1's old names as written). */
  readonly role?: string;
  /** `resource-discovery`: `always`, `never` or `exclusive`. */
  readonly discovery?: string;
}

/** A location whose score comes from its rules: each rule that holds on a node adds its score there. */
export interface LocationRule {
  readonly kind: "location-rule";
  readonly id: string;
  /** The resource; empty when `set` names the resources instead. */
  readonly rsc: string;
  readonly set?: ResourceSet;
  readonly pattern?: string;
  readonly role?: string;
  readonly discovery?: string;
  readonly rules: readonly Rule[];
}

/** `<rule>`: `score` (or the node attribute `scoreAttribute`'s value) where its expressions hold, joined by `booleanOp`. */
export interface Rule {
  readonly id: string;
  readonly score?: string;
  readonly scoreAttribute?: string;
  readonly role?: string;
  /** `and` or `or`, written as given; absent, Pacemaker takes `and`. */
  readonly booleanOp?: string;
  readonly expressions: readonly RuleExpression[];
}

/**
 * A rule's test: `<expression>` on a node attribute (`operation` `defined`,
 * `not_defined`, `eq`, `ne`, `lt`, `gt`, `lte`, `gte`; `type` `string`,
 * `integer`, `number`, `version`), or `<date_expression>` (`gt` after `start`,
 * `lt` before `end`, `in_range` between them, `date_spec` when each field of its
 * `spec` holds).
 */
export type RuleExpression =
  /** `valueSource` (`param`, `meta`): `value` names the resource's parameter or meta attribute whose value is compared (location rules only). */
  | { readonly kind: "expression"; readonly id: string; readonly attribute: string; readonly operation: string; readonly type?: string; readonly value?: string; readonly valueSource?: string }
  | { readonly kind: "date"; readonly id: string; readonly operation: string; readonly start?: string; readonly end?: string; readonly spec?: DateSpec }
  /** `<rsc_expression>` (defaults only): the resource's agent is `standard`, `provider`, `type` (each as given, or any). */
  | { readonly kind: "rsc"; readonly id: string; readonly standard?: string; readonly provider?: string; readonly type?: string }
  /** `<op_expression>` (op defaults only): the operation is `name` (with `interval`, when given). */
  | { readonly kind: "op"; readonly id: string; readonly name: string; readonly interval?: string }
  | NestedRule;

/**
 * The `<date_spec>` of a `date_expression operation="date_spec"`: its id and
 * its fields (`hours`, `weekdays`, ...) with their ranges (`9-16`, `1`, `-5`,
 * `20-`), in the order Pacemaker 2.1.5 tests them (lib/pengine/rules.c,
 * `pe_cron_range_satisfied`); the test holds when every field does.
 */
export interface DateSpec {
  readonly id: string;
  readonly fields: readonly { readonly name: string; readonly range: string }[];
}

/**
 * A `<rule>` inside a location's rule (the language's parenthesised group): its
 * expressions joined by `booleanOp` (absent: `and`). Pacemaker 2.1.5 reads
 * neither a score nor a role on it (lib/pengine/rules.c, `pe_eval_expr`); hacc
 * writes `score="0"`, as pcs does.
 */
export interface NestedRule {
  readonly kind: "rule";
  readonly id: string;
  readonly booleanOp?: string;
  readonly expressions: readonly RuleExpression[];
}

/**
 * A `<meta_attributes>` of `<rsc_defaults>` or `<op_defaults>` (or a
 * `<cluster_property_set>`) chosen by a rule or ranked by a score. Pacemaker
 * reads the sets of a section from the highest score to the lowest (no score
 * is 0); where two give a name, the higher score wins, and of two with the
 * same score, the later one. In `<crm_config>` the set `cib-bootstrap-options`
 * (the plain properties) comes before all, whatever the scores (crm_simulate).
 */
export interface RuledSet {
  readonly id: string;
  readonly score?: string;
  readonly rule?: Rule;
  readonly pairs: readonly NvPair[];
}

export interface Order {
  readonly kind: "order";
  readonly id: string;
  readonly first: string;
  readonly firstAction: string;
  readonly then: string;
  readonly thenAction: string;
  readonly orderKind: "Mandatory" | "Optional" | "Serialize";
  /** `symmetrical`, as written (unset: Pacemaker's default, true unless Serialize). */
  readonly symmetrical?: boolean;
  /** `require-all`, as written (unset: true); false lets one instance of a cloned `first` do. */
  readonly requireAll?: boolean;
}

export interface Colocation {
  readonly kind: "colocation";
  readonly id: string;
  readonly rsc: string;
  readonly withRsc: string;
  readonly score: string;
  /** `rsc-role`, as written (`Started`, `Promoted`, `Unpromoted`, or 2.1's `Master`, `Slave`). */
  readonly rscRole?: string;
  /** `with-rsc-role`, as written. */
  readonly withRscRole?: string;
  /** `node-attribute`: the node attribute whose equal values count as "together" (unset: Pacemaker's `#uname`). */
  readonly nodeAttribute?: string;
  /** `influence`, as written (a boolean; unset: the dependent's `critical` meta, true by default). */
  readonly influence?: string;
}

/** `<rsc_ticket>`: `rsc` runs (in `rscRole`) only while the cluster holds `ticket`; `lossPolicy` is what losing it does. */
export interface Ticket {
  readonly kind: "ticket";
  readonly id: string;
  readonly ticket: string;
  readonly rsc: string;
  readonly rscRole?: string;
  readonly lossPolicy?: string;
}

/**
 * `<resource_set>`: resources an order, colocation or ticket names together,
 * each attribute as written (unset: Pacemaker's default).
 */
export interface ResourceSet {
  readonly id: string;
  readonly resources: readonly string[];
  /** `action` (in an order): `start`, `stop`, `promote`, `demote`. */
  readonly action?: string;
  /** `role` (in a colocation or ticket), as written. */
  readonly role?: string;
  /** `sequential`: whether the members are ordered (colocated) one after another; Pacemaker's default is true. */
  readonly sequential?: boolean;
  /** `require-all`: false lets the next set go once one member has; Pacemaker's default is true. */
  readonly requireAll?: boolean;
  /** `ordering` (`group` or `listed`), as written. */
  readonly ordering?: string;
}

/** `<rsc_order>` of resource sets: each set before the next. */
export interface OrderSet {
  readonly kind: "order-set";
  readonly id: string;
  readonly orderKind: "Mandatory" | "Optional" | "Serialize";
  readonly symmetrical?: boolean;
  readonly sets: readonly ResourceSet[];
}

/** `<rsc_colocation>` of resource sets: each set placed with the next. */
export interface ColocationSet {
  readonly kind: "colocation-set";
  readonly id: string;
  readonly score: string;
  /** `influence`, as written (a boolean; unset: each dependent's `critical` meta, true by default). */
  readonly influence?: string;
  readonly sets: readonly ResourceSet[];
}

/** `<rsc_ticket>` of resource sets: every member runs (in its set's role) only while the cluster holds `ticket`. */
export interface TicketSet {
  readonly kind: "ticket-set";
  readonly id: string;
  readonly ticket: string;
  readonly lossPolicy?: string;
  readonly sets: readonly ResourceSet[];
}

/** A constraint of resource sets. */
export type SetConstraint = OrderSet | ColocationSet | TicketSet;

export type Constraint = Location | LocationRule | Order | Colocation | Ticket | OrderSet | ColocationSet | TicketSet;

/** The attributes of one node (`<node><instance_attributes>`). */
export interface NodeAttributes {
  readonly node: string;
  readonly attributes: AttrSet;
  readonly remote?: boolean;
}

/**
 * A node's `<instance_attributes>` (`which` "attributes") or `<utilization>` chosen by a rule or ranked by a
 * score, after its plain one. Pacemaker reads it without a node, so only its date tests can hold.
 */
export interface NodeSet {
  readonly node: string;
  readonly which: "attributes" | "utilization";
  readonly set: RuledSet;
  readonly remote?: boolean;
}

/** Whom a `<fencing-level>` is for: `target`, `target-pattern`, or `target-attribute` with `target-value`. */
export type FencingTarget =
  | { readonly kind: "node"; readonly node: string }
  | { readonly kind: "pattern"; readonly pattern: string }
  | { readonly kind: "attribute"; readonly name: string; readonly value: string };

/** `<fencing-level>`: the `index`-th way to fence its target, every device of `devices` in turn, all of them needed. */
export interface FencingLevel {
  readonly id: string;
  readonly index: number;
  readonly target: FencingTarget;
  readonly devices: readonly string[];
}

/** `<recipient>` of an alert: its `value` (a file, an address), with its own attributes. */
export interface Recipient {
  readonly id: string;
  readonly value: string;
  readonly instance?: AttrSet;
  readonly meta?: AttrSet;
}

/** `<alert>`: the agent at `path`, called on cluster events, once per recipient. */
export interface Alert {
  readonly id: string;
  readonly path: string;
  readonly instance?: AttrSet;
  readonly meta?: AttrSet;
  readonly recipients: readonly Recipient[];
}

/** An `<acl_permission>`: what a role may read, write or not see, by exactly one of an XPath, an id, or an element name (with an attribute). */
export interface AclPermission {
  readonly id: string;
  readonly kind: "read" | "write" | "deny";
  readonly xpath?: string;
  readonly reference?: string;
  readonly objectType?: string;
  readonly attribute?: string;
}

/** An `<acl_role>` and its permissions, in order (the first that matches an element wins). */
export interface AclRole {
  readonly id: string;
  readonly description?: string;
  readonly permissions: readonly AclPermission[];
}

/** An `<acl_target>` (a user) or `<acl_group>` (a unix group) and the roles it has, in order. */
export interface AclTarget {
  readonly id: string;
  readonly roles: readonly string[];
}

/** `<acls>`: roles, users (`acl_target`) and groups, each in declaration order. */
export interface Acls {
  readonly roles: readonly AclRole[];
  readonly users: readonly AclTarget[];
  readonly groups: readonly AclTarget[];
}

export interface Cib {
  readonly clusterName: string;
  readonly nodes: readonly string[];
  /** Node utilization (capacity) of cluster nodes: in a whole `<cib>`, pcs and crmsh (the fragment has no cluster node entries). */
  readonly nodeUtilization?: readonly { readonly node: string; readonly utilization: AttrSet; readonly remote?: boolean }[];
  /**
   * Node attributes (`<instance_attributes>` of a `<node>`: standby, maintenance, others), by node.
   * A `remote` one is a guest or remote node, whose entry has `type="remote"` and is not in `nodes`.
   */
  readonly nodeAttributes?: readonly NodeAttributes[];
  /** Nodes' sets chosen by a rule or ranked by a score (`attributes NODE when ... { }`), in declaration order. */
  readonly nodeSets?: readonly NodeSet[];
  readonly properties: AttrSet;
  readonly rscDefaults?: AttrSet;
  readonly opDefaults?: AttrSet;
  /** `<rsc_defaults>` sets with a rule or a score, after `rscDefaults`, in declaration order. */
  readonly rscDefaultSets?: readonly RuledSet[];
  /** `<op_defaults>` sets with a rule or a score, after `opDefaults`, in declaration order. */
  readonly opDefaultSets?: readonly RuledSet[];
  /** `<cluster_property_set>`s with a rule or a score, after `properties`, in declaration order (`property ... { }`). */
  readonly propertySets?: readonly RuledSet[];
  readonly resources: readonly Resource[];
  readonly constraints: readonly Constraint[];
  /** `<fencing-topology>`, in declaration order; absent when the site declares no level. */
  readonly fencingLevels?: readonly FencingLevel[];
  /** `<alerts>`, in declaration order; absent when the site declares none. */
  readonly alerts?: readonly Alert[];
  /** `<acls>`; absent when the site declares no ACL. */
  readonly acls?: Acls;
  /** `<template>`s, in declaration order (first in `<resources>`); absent when the site declares none. */
  readonly templates?: readonly Template[];
  /** The site's `<tag>`s (not the ownership tag), in declaration order; absent when the site declares none. */
  readonly tags?: readonly Tag[];
}

/** `<tag id><obj_ref id/>...</tag>`: a name for its members (resources or templates), which constraints may use. */
export interface Tag {
  readonly id: string;
  readonly refs: readonly string[];
}

/**
 * Where the site declares each object of an IR, by the object's id (ids are
 * unique in a CIB): a resource, a constraint, an attribute (nvpair), a
 * fencing level, an alert, a node's attribute set. The IR itself carries no
 * positions; a target that cannot say an object points its diagnostic here.
 */
export type Origins = ReadonlyMap<string, Span>;
