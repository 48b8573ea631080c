import type { Span } from "../diagnostics/span.js";

/** A word as written, with its own span. References keep theirs even when they do not resolve. */
export interface Name {
  readonly text: string;
  readonly span: Span;
}

/** A value: a bare word (`stop`, `10s`, `-50`) or a string (unescaped text). */
export interface Value {
  readonly kind: "word" | "string";
  readonly text: string;
  readonly span: Span;
}

export interface Pair {
  readonly key: Name;
  readonly value: Value;
  readonly span: Span;
}

export interface PlacementEntry {
  readonly host: Name;
  /** Absent means INFINITY ("on HOST" alone). */
  readonly score?: Value;
  /** `named ID`: the location's id; absent means the derived `location-RSC-HOST`. */
  readonly named?: Name;
  readonly span: Span;
}

export interface OpDecl {
  readonly kind: "op";
  readonly name: Name;
  readonly attrs: readonly Pair[];
  /** The op's own parameters, in its braces (`{ OCF_CHECK_LEVEL = 10; }`); absent without braces. */
  readonly params?: readonly Pair[];
  readonly span: Span;
}

/** Items of a `{ ... }` block. Which items a statement accepts is a check, not grammar. */
export type BlockItem =
  | { readonly kind: "config"; readonly value: Value; readonly span: Span }
  | { readonly kind: "hypervisor"; readonly value: Value; readonly span: Span }
  /** `description "TEXT";`: the resource's `description` attribute. */
  | { readonly kind: "description"; readonly value: Value; readonly span: Span }
  | { readonly kind: "ib"; readonly host: Name; readonly slot: Name; readonly span: Span }
  | OpDecl
  | { readonly kind: "meta"; readonly pairs: readonly Pair[]; readonly span: Span }
  | { readonly kind: "utilization"; readonly pairs: readonly Pair[]; readonly span: Span }
  | { readonly kind: "shared"; readonly span: Span }
  /** `exact-ops;`: exactly the ops written, in their order; no agent defaults, no implicit monitor. */
  | { readonly kind: "exact-ops"; readonly span: Span }
  | { readonly kind: "mmp"; readonly interval?: Name; readonly span: Span }
  | { readonly kind: "param"; readonly pair: Pair; readonly span: Span }
  /** `params|meta [score N] [when TEST ...] { KEY = VALUE; ... }`: an extra `<instance_attributes>` or `<meta_attributes>`. */
  | AttrSetDecl
  /** `WORD KEY = VALUE, ...;`: a bundle's `docker`/`podman`/`rkt`, `network`, `port-map` or `storage-map`. */
  | { readonly kind: "section"; readonly name: Name; readonly pairs: readonly Pair[]; readonly span: Span };

export interface Block {
  readonly items: readonly BlockItem[];
  readonly span: Span;
}

export interface ClusterDecl {
  readonly kind: "cluster";
  readonly name: Name;
  readonly nodes: readonly Name[];
  /** `unlisted-nodes NAME, ...;`: nodes constraints and fencing levels may name that have no `<node>` entry (nothing is written for them). */
  readonly unlistedNodes: readonly Name[];
  readonly properties: readonly Pair[];
  readonly defaults: readonly Pair[];
  readonly opDefaults: readonly Pair[];
  /** `defaults [score N] [when ...] { ... }`, `op-defaults ...` and `property ...`: sets chosen by a rule or ranked by a score, in order. */
  readonly defaultSets: readonly DefaultsSetDecl[];
  readonly guestDefaults: readonly Block[];
  readonly vfLimits: readonly Name[];
  /** `host-failures N;`: how many hosts may be down at once (the failure model). */
  readonly hostFailures: readonly Name[];
  /** `utilization NODE k = v, ...;`: a node's capacity (memory, vcpus, ...). */
  readonly capacities: readonly NodeCapacityDecl[];
  /** `attributes NODE k = v, ...;`: a node's attributes (standby, maintenance, any other). */
  readonly nodeAttributes: readonly NodeAttributesDecl[];
  /** `attributes NODE [score N] [when ...] [named ID] { ... }` and the same after `utilization`: a node's sets chosen by a rule or ranked by a score, in order. */
  readonly nodeSets: readonly NodeSetDecl[];
  readonly span: Span;
}

/** Where a set chosen by a rule or a score stands: `<rsc_defaults>`, `<op_defaults>` or `<crm_config>` (`property`). */
export type SetSection = "rsc" | "op" | "property";

/** `defaults [score N] [when TEST ...] [named ID] { KEY = VALUE; ... }` (`section` "rsc"), `op-defaults ...` ("op") or `property ...` ("property"). */
export interface DefaultsSetDecl {
  readonly section: SetSection;
  /** The word before the score, as written (the checker holds it to `score`). */
  readonly scoreKw?: Name;
  readonly score?: Value;
  /** The tests after `when` (no rule when there are none), with the `and`/`or` between them. */
  readonly expressions: readonly RuleExprDecl[];
  readonly booleanOps: readonly Name[];
  /** `named ID`: the set's own id (none: hacc derives one from its place). */
  readonly name?: Name;
  readonly pairs: readonly Pair[];
  readonly span: Span;
}

/** `params [score N] [when TEST ...] { ... }` (`which` "params") or `meta ...` ("meta") in a resource's or template's block. */
export interface AttrSetDecl extends Omit<DefaultsSetDecl, "section"> {
  readonly kind: "attr-set";
  readonly which: "params" | "meta";
  /** The word `params` or `meta`, where a message about the set points. */
  readonly keyword: Name;
}

/** `attributes NODE KEY = VALUE, ...;` in the cluster block: NODE's `<instance_attributes>`. */
export interface NodeAttributesDecl {
  readonly node: Name;
  readonly pairs: readonly Pair[];
  readonly span: Span;
}

/** `attributes NODE [score N] [when TEST ...] [named ID] { ... }` (`which` "attributes") or `utilization NODE ...` ("utilization"): an `<instance_attributes>` or `<utilization>` of NODE after its plain one. */
export interface NodeSetDecl extends Omit<DefaultsSetDecl, "section"> {
  readonly which: "attributes" | "utilization";
  readonly node: Name;
  /** The word `attributes` or `utilization`, where a message about the set points. */
  readonly keyword: Name;
}

/** `utilization NODE KEY = VALUE, ...;` in the cluster block: what NODE offers. */
export interface NodeCapacityDecl {
  readonly node: Name;
  readonly pairs: readonly Pair[];
  readonly span: Span;
}

export interface GuestDecl {
  readonly kind: "guest";
  readonly name: Name;
  readonly placement: readonly PlacementEntry[];
  readonly block?: Block;
  readonly span: Span;
}

export interface ResourceDecl {
  readonly kind: "resource";
  readonly name: Name;
  /** The agent; absent when the resource is made `from` a template. */
  readonly agent?: Name;
  /** `from TEMPLATE`: the template it is made from (its agent and settings, each overridden by the block's own). */
  readonly template?: Name;
  readonly block?: Block;
  readonly placement: readonly PlacementEntry[];
  readonly span: Span;
}

/** `template NAME AGENT [{ ... }]`: a `<template>`, what the resources made `from` it start from. */
export interface TemplateDecl {
  readonly kind: "template";
  readonly name: Name;
  readonly agent: Name;
  readonly block?: Block;
  readonly span: Span;
}

/** `tag NAME = a, b, c;`: a `<tag>`, a name constraints may use for its members (none when written `tag NAME = ;`). */
export interface TagDecl {
  readonly kind: "tag";
  readonly name: Name;
  readonly members: readonly Name[];
  readonly span: Span;
}

/** `KIND on GUEST [after vm|RESOURCE] [{...}]`: a declared service running inside a guest. */
export interface InstanceDecl {
  readonly kind: "instance";
  readonly service: Name;
  readonly guest: Name;
  readonly after?: Name;
  readonly block?: Block;
  readonly span: Span;
}

export interface OrderDecl {
  readonly kind: "order";
  readonly first: Name;
  readonly firstAction?: Name;
  readonly then: Name;
  readonly thenAction?: Name;
  readonly orderKind?: Name;
  /** `one-way`, `symmetrical`, `require-any`, `require-all`, as written. */
  readonly options?: readonly Name[];
  /** `named ID`: the constraint's id, instead of the derived `order-FIRST-THEN`. */
  readonly name?: Name;
  readonly span: Span;
}

export interface ColocateDecl {
  readonly kind: "colocate";
  readonly rsc: Name;
  readonly with: Name;
  /** The role before `rsc` (`promoted`, `Started`, ...), as written. */
  readonly rscRole?: Name;
  /** The role before `with`'s resource. */
  readonly withRole?: Name;
  readonly score?: Value;
  /** `node-attribute ATTR` and `influence BOOL`, as written (the checker reports one set twice). */
  readonly options?: readonly Pair[];
  /** `named ID`: the constraint's id, instead of the derived `colocation-RSC-WITH`. */
  readonly name?: Name;
  readonly span: Span;
}

/** `ticket TICKET for RSC [ROLE] [loss-policy POLICY];` */
export interface TicketDecl {
  readonly kind: "ticket";
  readonly ticket: Name;
  readonly rsc: Name;
  readonly role?: Name;
  readonly lossPolicy?: Name;
  /** `named ID`: the constraint's id, instead of the derived `ticket-TICKET-RSC`. */
  readonly name?: Name;
  readonly span: Span;
}

/**
 * One resource set, `( [LEAD] RSC, RSC ... [OPTION ...] )`: LEAD is an
 * action (in an order) or a role (in a colocation or ticket), as written.
 */
export interface ResourceSetDecl {
  readonly lead?: Name;
  readonly members: readonly Name[];
  /** `sequential`, `independent`, `require-all`, `require-any`, and `ordering` (its value in `ordering`), as written. */
  readonly options: readonly Name[];
  /** The value after `ordering` (`listed`, `group`). */
  readonly ordering?: Name;
  /** The first flaw in how its words and commas stand (a missing comma, an empty member), for the checker to report (HA3080). */
  readonly malformed?: { readonly span: Span; readonly message: string; readonly hint: string };
  readonly span: Span;
}

/** `order (SET) then (SET) ... [KIND] [OPTIONS];` */
export interface OrderSetDecl {
  readonly kind: "order-set";
  readonly sets: readonly ResourceSetDecl[];
  readonly orderKind?: Name;
  /** `one-way`, `symmetrical` (and `require-*`, which a set carries instead: an error), as written. */
  readonly options?: readonly Name[];
  /** `named ID`: the constraint's id, instead of the derived one. */
  readonly name?: Name;
  readonly span: Span;
}

/** `colocate (SET) with (SET) ... [SCORE];` */
export interface ColocateSetDecl {
  readonly kind: "colocate-set";
  readonly sets: readonly ResourceSetDecl[];
  readonly score?: Value;
  /** `influence BOOL`, as written (the checker reports it set twice). */
  readonly options?: readonly Pair[];
  /** `named ID`: the constraint's id, instead of the derived one. */
  readonly name?: Name;
  readonly span: Span;
}

/** `ticket TICKET for (SET), (SET) ... [loss-policy POLICY];` */
export interface TicketSetDecl {
  readonly kind: "ticket-set";
  readonly ticket: Name;
  readonly sets: readonly ResourceSetDecl[];
  readonly lossPolicy?: Name;
  /** `named ID`: the constraint's id, instead of the derived one. */
  readonly name?: Name;
  readonly span: Span;
}

/**
 * `location NAME for RSC [ROLE] [discovery MODE] on NODE [prefer] SCORE;` (`node`
 * and `score` set, no rules) or `location NAME for RSC ... { rule ...; }` (rules).
 */
export interface LocationDecl {
  readonly kind: "location";
  readonly name: Name;
  /** The resource (with `set`, the set's first). */
  readonly rsc: Name;
  /** `for (ROLE a, b, ...)`: a location of each resource of the set. */
  readonly set?: ResourceSetDecl;
  /** `for pattern "REGEX"`: a location of each top-level resource whose id matches (`rsc-pattern`; `rsc` is then empty). */
  readonly pattern?: Value;
  readonly role?: Name;
  readonly discovery?: Name;
  readonly node?: Name;
  readonly score?: Value;
  readonly rules: readonly RuleDecl[];
  readonly span: Span;
}

/** `rule [ROLE] SCORE when EXPR [and|or EXPR ...];` (or `score-attribute ATTR` for SCORE). */
export interface RuleDecl {
  readonly role?: Name;
  readonly score?: Value;
  readonly scoreAttribute?: Value;
  readonly expressions: readonly RuleTermDecl[];
  /** The `and`/`or` between the expressions, as written (one fewer than the expressions). */
  readonly booleanOps: readonly Name[];
  readonly span: Span;
}

/** A location rule's test, or `( TEST [and|or TEST ...] )`: a group, which is a `<rule>` inside the rule. */
export type RuleTermDecl = RuleExprDecl | RuleGroupDecl;

export interface RuleGroupDecl {
  readonly kind: "group";
  readonly expressions: readonly RuleTermDecl[];
  /** The `and`/`or` between the group's tests, as written. */
  readonly booleanOps: readonly Name[];
  readonly span: Span;
}

/** One test of a rule: `defined ATTR`, `not_defined ATTR`, `ATTR OP [TYPE] VALUE`, `date OP [START] [to END]`, `date spec FIELD RANGE ...`. */
export type RuleExprDecl =
  | { readonly kind: "defined" | "not_defined"; readonly attribute: Value; readonly span: Span }
  /** `valueSource` (`param` or `meta`): VALUE names the resource's parameter or meta attribute whose value is compared. */
  | { readonly kind: "compare"; readonly attribute: Value; readonly operation: Name; readonly type?: Name; readonly valueSource?: Name; readonly value: Value; readonly span: Span }
  /**
   * `date OP [START] [to END]`, or `date spec FIELD RANGE ...` (`words` holds the fields and ranges in turn);
   * `extra` is a value after START where none belongs (the checker reports it).
   */
  | { readonly kind: "date"; readonly operation: Name; readonly start?: Value; readonly end?: Value; readonly words?: readonly Value[]; readonly extra?: Value; readonly span: Span }
  /** `resource CLASS:PROVIDER:TYPE` and `op NAME [interval X]`: defaults only. */
  | { readonly kind: "resource"; readonly agent: Value; readonly span: Span }
  | { readonly kind: "op"; readonly name: Value; readonly intervalKw?: Name; readonly interval?: Value; readonly span: Span };

export interface GroupDecl {
  readonly kind: "group";
  readonly name: Name;
  readonly members: readonly Name[];
  readonly block?: Block;
  readonly placement: readonly PlacementEntry[];
  readonly span: Span;
}

export interface CloneDecl {
  readonly kind: "clone";
  readonly promotable: boolean;
  readonly name: Name;
  readonly child: Name;
  readonly block?: Block;
  readonly placement: readonly PlacementEntry[];
  readonly span: Span;
}

/** `bundle NAME [of PRIMITIVE] [{ ... }] [on ...];`: containers Pacemaker runs, with the primitive inside each. */
export interface BundleDecl {
  readonly kind: "bundle";
  readonly name: Name;
  readonly child?: Name;
  readonly block?: Block;
  readonly placement: readonly PlacementEntry[];
  readonly span: Span;
}

export interface AgentParamDecl {
  readonly name: Name;
  readonly required: boolean;
  readonly default?: Value;
  readonly span: Span;
}

/** `agent CLASS:PROVIDER:TYPE { param ...; op ...; site-provided; shared-storage; }` */
export interface AgentDecl {
  readonly kind: "agent";
  readonly agent: Name;
  readonly params: readonly AgentParamDecl[];
  readonly ops: readonly OpDecl[];
  readonly siteProvided: boolean;
  readonly sharedStorage: boolean;
  readonly span: Span;
}

/** `service NAME agent AGENT [guest-param P];` declares a kind of in-guest service. */
export interface ServiceDecl {
  readonly kind: "service";
  readonly name: Name;
  readonly agent: Name;
  readonly guestParam?: Name;
  readonly span: Span;
}

/** Whom a fencing level is for: a node, the nodes whose name a pattern matches, or the nodes with an attribute's value. */
export type FencingTarget =
  | { readonly kind: "node"; readonly node: Name }
  | { readonly kind: "pattern"; readonly pattern: Value }
  | { readonly kind: "attribute"; readonly name: Name; readonly value: Value };

/** `fencing-level INDEX for TARGET with DEVICE, ...;` (a `<fencing-level>`). */
export interface FencingDecl {
  readonly kind: "fencing";
  readonly index: Name;
  readonly target: FencingTarget;
  readonly devices: readonly Name[];
  readonly span: Span;
}

/** One recipient of an alert: its value (a file, an address...) and its own settings. */
export interface RecipientDecl {
  readonly value: Value;
  readonly block?: Block;
  readonly span: Span;
}

/** `alert NAME PATH [{ ... }] [to RECIPIENT [{ ... }], ...];` (an `<alert>`). */
export interface AlertDecl {
  readonly kind: "alert";
  readonly name: Name;
  readonly path: Value;
  readonly block?: Block;
  readonly recipients: readonly RecipientDecl[];
  readonly span: Span;
}

/** A line of an ACL role's block: its first word (`read`, `write`, `deny`, `description`), the words after it and its `named ID`. */
export interface AclLine {
  readonly head: Name;
  readonly args: readonly Value[];
  readonly named?: Name;
  readonly span: Span;
}

/**
 * `acl role NAME { LINES }`, `acl user NAME [roles ROLE, ...];`, `acl group NAME [roles ROLE, ...];`
 * (an `<acl_role>`, `<acl_target>`, `<acl_group>`). `sort` is the word as written (the checker reads it);
 * `lines` is set for a block, `roles` for the other form (`rolesKw` the word before them, as written).
 */
export interface AclDecl {
  readonly kind: "acl";
  readonly sort: Name;
  readonly name: Name;
  readonly lines?: readonly AclLine[];
  readonly rolesKw?: Name;
  readonly roles: readonly Name[];
  readonly span: Span;
}

export type Statement =
  | ClusterDecl
  | GuestDecl
  | ResourceDecl
  | TemplateDecl
  | TagDecl
  | InstanceDecl
  | OrderDecl
  | ColocateDecl
  | TicketDecl
  | OrderSetDecl
  | ColocateSetDecl
  | TicketSetDecl
  | FencingDecl
  | AlertDecl
  | AclDecl
  | LocationDecl
  | GroupDecl
  | CloneDecl
  | BundleDecl
  | AgentDecl
  | ServiceDecl;

export interface Comment {
  readonly text: string;
  readonly span: Span;
}

/** One parsed file. */
export interface FileAst {
  readonly kind: "file";
  readonly file: string;
  readonly statements: readonly Statement[];
  readonly comments: readonly Comment[];
  readonly span: Span;
}
