import type { Span } from "../diagnostics/span.js";
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
  parent?: string;
}

export interface GroupModel {
  readonly kind: "group";
  readonly id: string;
  readonly span: Span;
  readonly members: readonly string[];
  readonly meta: readonly Setting[];
  parent?: string;
}

export interface CloneModel {
  readonly kind: "clone";
  readonly id: string;
  readonly span: Span;
  readonly promotable: boolean;
  readonly child: string;
  readonly meta: readonly Setting[];
  parent?: string;
}

export type ResourceModel = PrimitiveModel | GroupModel | CloneModel;

export type ConstraintModel =
  | { readonly kind: "location"; readonly id: string; readonly rsc: string; readonly node: string; readonly score: string; readonly span: Span }
  | {
      /** Keeps `rsc` off every node but `node` (a -INFINITY rule on `#uname ne node`). */
      readonly kind: "only-on";
      readonly id: string;
      readonly rsc: string;
      readonly node: string;
      readonly span: Span;
    }
  | {
      readonly kind: "order";
      readonly id: string;
      readonly first: string;
      readonly firstAction: string;
      readonly then: string;
      readonly thenAction: string;
      readonly orderKind: "Mandatory" | "Optional" | "Serialize";
      readonly span: Span;
    }
  | { readonly kind: "colocation"; readonly id: string; readonly rsc: string; readonly withRsc: string; readonly score: string; readonly span: Span };

/** The checked site: every name resolved, every default applied. Lowered to IR by src/ir. */
export interface SiteModel {
  readonly name: string;
  readonly nodes: readonly string[];
  readonly properties: readonly Setting[];
  readonly rscDefaults: readonly Setting[];
  readonly opDefaults: readonly Setting[];
  /** Resources in declaration order; children carry `parent`. */
  readonly resources: readonly ResourceModel[];
  readonly constraints: readonly ConstraintModel[];
  /** What each node offers (`utilization NODE k = v;`), in declaration order; absent or empty when none is declared. */
  readonly capacities?: readonly NodeCapacityModel[];
}

/** A node's declared capacity: Pacemaker node utilization attributes. */
export interface NodeCapacityModel {
  readonly node: string;
  readonly settings: readonly Setting[];
  readonly span: Span;
}
