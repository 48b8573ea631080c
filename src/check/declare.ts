import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import { CLUSTER_PROPERTIES, MANAGED_PROPERTIES, PACEMAKER3_PROPERTIES, PROPERTY_VALUES, OP_DEFAULTS_META, RESOURCE_META } from "./known.js";
import type { AgentModel, NodeAttributesModel, NodeCapacityModel, Setting } from "./model.js";
import { declareNodeAttributes, declareRemoteNodes } from "./node-attributes.js";
import * as N from "./names.js";
import { elaborateOp } from "./ops.js";
import { badAgent, badId, badKey, checkItems, duplicate, namedLikeNode, pairsOnce, setTwice, setting, unknownMeta, type Report } from "./problems.js";
import type { Scope } from "./scope.js";
import { dispatch, nothing, type StatementHandlers } from "./statements.js";
import * as V from "./values.js";
import { mappingIds } from "./bundles.js";
import { agentSetAttributes } from "./agent-attributes.js";
import { declareAcl } from "./elaborate-acl.js";
import { declareUnlistedNodes, unlistedClashes, unlistedHolds } from "./unlisted.js";

/** What the declarations say, before any resource is elaborated. */
export interface Declarations {
  readonly agents: ReadonlyMap<string, AgentModel>;
  readonly services: ReadonlyMap<string, A.ServiceDecl>;
  /** The first cluster block. */
  readonly cluster: A.ClusterDecl | undefined;
  readonly symmetric: boolean;
  readonly symmetricSpan: Span | undefined;
  /** The items of every `guest-defaults` block, in order. */
  readonly guestDefaults: readonly A.BlockItem[];
  readonly vfLimit: number;
  /** `host-failures N;`: how many hosts may be down at once (default 1). */
  readonly hostFailures: number;
  readonly capacities: readonly NodeCapacityModel[];
  /** Guest and remote nodes' capacities (`utilization NODE ...` of a node not in `nodes`). */
  readonly remoteCapacities: readonly NodeCapacityModel[];
  readonly nodeAttributes: readonly NodeAttributesModel[];
  /** Node attributes the site's agents set at run time (ping's `pingd`, ...): src/check/agent-attributes.ts. */
  readonly agentAttributes: ReadonlySet<string>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Declaring extends Mutable<Declarations> {
  readonly agents: Map<string, AgentModel>;
  readonly services: Map<string, A.ServiceDecl>;
  readonly guestDefaults: A.BlockItem[];
  readonly capacities: NodeCapacityModel[];
  remoteCapacities: NodeCapacityModel[];
  readonly scope: Scope;
  readonly report: Report;
}

/**
 * The declarations pass: agents, service kinds, the cluster block (nodes,
 * properties, defaults, capacities), then every id a statement creates, in
 * `scope`, so that references may point forward.
 */
export function declare(files: readonly A.FileAst[], stmts: readonly A.Statement[], scope: Scope, report: Report): Declarations {
  const d: Declaring = {
    agents: new Map(),
    services: new Map(),
    cluster: undefined,
    symmetric: true,
    symmetricSpan: undefined,
    guestDefaults: [],
    vfLimit: N.DEFAULT_VF_LIMIT,
    hostFailures: N.DEFAULT_HOST_FAILURES,
    capacities: [],
    remoteCapacities: [],
    nodeAttributes: [],
    agentAttributes: agentSetAttributes(stmts),
    scope,
    report,
  };
  for (const s of stmts) if (s.kind === "agent") declareAgent(d, s);
  for (const s of stmts) if (s.kind === "service") declareService(d, s);
  const clusters = stmts.filter((s): s is A.ClusterDecl => s.kind === "cluster");
  const cluster = clusters[0];
  for (const extra of clusters.slice(1)) {
    report(
      diag("HA2008", extra.name.span, `a second cluster block \`${extra.name.text}\``, {
        hint: "a site describes one cluster; merge the blocks",
        related: [{ span: cluster!.name.span, message: "the first cluster block" }],
      }),
    );
  }
  if (cluster === undefined) {
    const last = files[files.length - 1];
    if (last) {
      const at: Span = { ...last.span, end: Math.min(last.span.end, 1), endLine: 1, endColumn: 2 };
      report(diag("HA2009", at, "no cluster block", { hint: "start the site with `cluster NAME { nodes n1, n2; }`" }));
    }
  } else declareCluster(d, cluster);
  // (An indexed loop: docs/performance.md, "Design choices made for speed".)
  for (let i = 0; i < stmts.length; i++) dispatch(NAMES, d, stmts[i]!);
  // After the guests are declared: a guest or remote node may have attributes too.
  declareRemoteNodes(stmts, scope, report);
  unlistedClashes(scope, report);
  if (cluster && cluster.nodeAttributes.length > 0) d.nodeAttributes = declareNodeAttributes(cluster.nodeAttributes, scope, report);
  if (cluster) declareCapacities(d, cluster.capacities);
  return d;
}

function declareAgent(d: Declaring, s: A.AgentDecl): void {
  const spec = V.parseAgent(s.agent.text);
  if (!spec) {
    d.report(badAgent(s.agent));
    return;
  }
  const prev = d.agents.get(s.agent.text);
  if (prev) {
    d.report(
      diag("HA2010", s.agent.span, `agent \`${s.agent.text}\` is declared twice`, {
        related: [{ span: prev.span, message: "first declared here" }],
      }),
    );
    return;
  }
  const params = new Map<string, { required: boolean; default?: string }>();
  for (const p of s.params) {
    if (params.has(p.name.text)) {
      d.report(diag("HA3008", p.name.span, `parameter \`${p.name.text}\` is declared twice for \`${s.agent.text}\``));
      continue;
    }
    params.set(p.name.text, p.default ? { required: p.required, default: p.default.text } : { required: p.required });
  }
  d.agents.set(s.agent.text, {
    spec: s.agent.text,
    params,
    ops: s.ops.map((o) => elaborateOp(o, [], d.report)),
    siteProvided: s.siteProvided,
    sharedStorage: s.sharedStorage,
    span: s.agent.span,
  });
}

function declareService(d: Declaring, s: A.ServiceDecl): void {
  const prev = d.services.get(s.name.text);
  if (prev) {
    d.report(
      diag("HA2010", s.name.span, `service kind \`${s.name.text}\` is declared twice`, {
        related: [{ span: prev.name.span, message: "first declared here" }],
      }),
    );
    return;
  }
  if (!V.parseAgent(s.agent.text)) d.report(badAgent(s.agent));
  const agent = d.agents.get(s.agent.text);
  if (agent && s.guestParam && !agent.params.has(s.guestParam.text)) {
    const near = V.closest(s.guestParam.text, agent.params.keys());
    d.report(
      diag("HA2013", s.guestParam.span, `\`${s.agent.text}\` has no parameter \`${s.guestParam.text}\` to receive the guest's name`, {
        hint: near ? `did you mean \`${near}\`?` : `known parameters: ${[...agent.params.keys()].sort().join(", ")}`,
        related: [{ span: agent.span, message: "the agent is declared here" }],
      }),
    );
  }
  d.services.set(s.name.text, s);
}

function declareCluster(d: Declaring, c: A.ClusterDecl): void {
  const { report, scope } = d;
  d.cluster = c;
  if (!V.isXmlId(c.name.text)) report(badId(c.name, "cluster name"));
  // Pacemaker finds a node by its name without case (`pe_find_node`): `ha` and `Ha` are one node to it.
  const folded = new Map<string, A.Name>();
  for (const n of c.nodes) {
    const prev = scope.nodes.get(n.text);
    if (prev) {
      report(duplicate(n, "node", prev));
      continue;
    }
    const same = folded.get(n.text.toLowerCase());
    if (same) {
      report(
        diag("HA2004", n.span, `node \`${n.text}\` differs from node \`${same.text}\` only in case`, {
          hint: "Pacemaker compares node names without case (a location on one applies to whichever it finds first); name each node as its host is named",
          related: [{ span: same.span, message: "the other node" }],
        }),
      );
    } else {
      folded.set(n.text.toLowerCase(), n);
      scope.nodesFolded.set(n.text.toLowerCase(), n);
    }
    if (!V.isNodeName(n.text)) {
      report(diag("HA3005", n.span, `\`${n.text}\` is not a valid node name`, { hint: "node names are host names: letters, digits, `_ . -`" }));
    }
    scope.nodes.set(n.text, n.span);
  }
  declareUnlistedNodes(c.unlistedNodes, scope, report);
  const seen = new Map<string, Span>();
  for (const p of c.properties) {
    const prev = seen.get(p.key.text);
    if (prev) report(setTwice(p.key, prev));
    seen.set(p.key.text, p.key.span);
    if (!checkProperty(p, report)) continue;
    if (p.key.text === "symmetric-cluster") {
      // Pacemaker reads booleans with crm_is_true (a value HA3017 refuses leaves its default).
      d.symmetric = V.isBoolean(p.value.text) ? V.isTrue(p.value.text) : true;
      d.symmetricSpan = p.span;
    }
  }
  pairsOnce(c.defaults, report);
  // Resource defaults are resource meta attributes.
  for (const p of c.defaults) if (!RESOURCE_META.has(p.key.text)) report(unknownMeta(p.key, "resource"));
  pairsOnce(c.opDefaults, report);
  for (const p of c.opDefaults) if (!OP_DEFAULTS_META.has(p.key.text)) report(unknownMeta(p.key, "op"));
  for (const b of c.guestDefaults) {
    checkItems(b, "guest-defaults", report);
    d.guestDefaults.push(...b.items);
  }
  for (const l of c.vfLimits) {
    if (!/^[0-9]+$/.test(l.text)) report(diag("HA3014", l.span, `\`${l.text}\` is not a whole number`));
    else d.vfLimit = Number(l.text);
  }
  for (const f of c.hostFailures) {
    if (!/^[0-9]+$/.test(f.text)) report(diag("HA3014", f.span, `\`${f.text}\` is not a whole number`));
    else d.hostFailures = Number(f.text);
  }
}

/** `utilization NODE k = v, ...;`: a cluster, guest or remote node, once, with whole numbers. A guest's or remote node's is kept apart (`remote`): the prediction does not read it. */
function declareCapacities(d: Declaring, decls: readonly A.NodeCapacityDecl[]): void {
  const seen = new Map<string, Span>();
  for (const c of decls) {
    const remote = !d.scope.nodes.has(c.node.text);
    if (remote && !d.scope.guests.has(c.node.text) && !d.scope.remote.has(c.node.text)) {
      if (d.scope.unlisted.has(c.node.text)) unlistedHolds(c.node, "utilization", d.report);
      else d.scope.unknown(c.node, "node", "HA2001", "nodes");
      continue;
    }
    const prev = seen.get(c.node.text);
    if (prev) {
      d.report(diag("HA2004", c.node.span, `the capacity of \`${c.node.text}\` is declared twice`, { related: [{ span: prev, message: "first declared here" }] }));
      continue;
    }
    seen.set(c.node.text, c.node.span);
    pairsOnce(c.pairs, d.report);
    const settings: Setting[] = [];
    for (const p of c.pairs) {
      if (!V.isAttrName(p.key.text)) d.report(badKey(setting(p)));
      else if (!/^[0-9]+$/.test(p.value.text)) d.report(diag("HA3014", p.value.span, `\`${p.value.text}\` is not a whole number`));
      else settings.push(setting(p));
    }
    (remote ? d.remoteCapacities : d.capacities).push({ node: c.node.text, settings, span: c.span, ...(remote ? { remote: true } : {}) });
  }
}

/** Registers every resource-like id a statement creates. */
const NAMES: StatementHandlers<Declaring> = {
  cluster: nothing,
  agent: nothing,
  service: nothing,
  order: nothing,
  colocate: nothing,
  ticket: nothing,
  "order-set": nothing,
  "colocate-set": nothing,
  "ticket-set": nothing,
  fencing: nothing,
  alert: nothing,
  acl: ({ scope, report }, s) => declareAcl(scope, report, s),
  location: nothing,
  guest: ({ scope, report }, s) => {
    if (!V.isXmlId(s.name.text)) report(badId(s.name, "guest name"));
    const prevGuest = scope.guests.get(s.name.text);
    if (prevGuest) {
      report(duplicate(s.name, "guest", prevGuest.name.span));
      return;
    }
    const node = scope.nodes.get(s.name.text) ?? scope.nodesFolded.get(s.name.text.toLowerCase())?.span;
    if (node) report(namedLikeNode(`guest \`${s.name.text}\``, s.name, scope, node, "a guest is a node of its own; give it a name of its own"));
    scope.guests.set(s.name.text, s);
    scope.claimId(N.guestResourceId(s.name.text), { kind: "guest", span: s.name.span, from: s.name.text });
  },
  resource: ({ scope, report }, s) => {
    if (!V.isXmlId(s.name.text)) report(badId(s.name, "resource id"));
    scope.claimId(s.name.text, { kind: "resource", span: s.name.span });
  },
  template: ({ scope, report }, s) => {
    if (!V.isXmlId(s.name.text)) report(badId(s.name, "template id"));
    if (scope.claimId(s.name.text, { kind: "template", span: s.name.span })) scope.templates.set(s.name.text, s);
  },
  tag: ({ scope, report }, s) => {
    if (!V.isXmlId(s.name.text)) report(badId(s.name, "tag id"));
    if (scope.claimId(s.name.text, { kind: "tag", span: s.name.span })) scope.tags.set(s.name.text, s);
  },
  group: ({ scope, report }, s) => {
    if (!V.isXmlId(s.name.text)) report(badId(s.name, "group id"));
    scope.claimId(s.name.text, { kind: "group", span: s.name.span });
  },
  clone: ({ scope, report }, s) => {
    if (!V.isXmlId(s.name.text)) report(badId(s.name, "clone id"));
    scope.claimId(s.name.text, { kind: "clone", span: s.name.span });
  },
  bundle: ({ scope, report }, s) => {
    if (!V.isXmlId(s.name.text)) report(badId(s.name, "bundle id"));
    if (!scope.claimId(s.name.text, { kind: "bundle", span: s.name.span })) return;
    const { port, storage } = mappingIds(s);
    for (const m of [...port, ...storage]) if (V.isXmlId(m.id)) scope.claimId(m.id, { kind: "mapping", span: m.span, from: s.name.text });
  },
  instance: ({ scope, services }, s) => {
    if (services.has(s.service.text)) {
      scope.claimId(N.instanceId(s.service.text, s.guest.text), { kind: "instance", span: s.span, from: s.service.text, on: s.guest.text });
    }
  },
};

/**
 * One cluster property's name and value (plain or in a `property` set chosen
 * by a rule or a score): HA3016 for one the cluster sets itself (then false:
 * nothing more to read), HA3017 for a value it does not take, HA3012 for a
 * name Pacemaker 2.1 does not read.
 */
export function checkProperty(p: A.Pair, report: Report): boolean {
  if (MANAGED_PROPERTIES.has(p.key.text)) {
    report(
      diag("HA3016", p.key.span, `\`${p.key.text}\` is set by the cluster itself, not by configuration`, {
        hint: p.key.text === "cluster-name" ? "the cluster's name comes from `pcs cluster setup` / corosync.conf; remove this line" : "remove this line",
      }),
    );
    return false;
  }
  const older = PACEMAKER3_PROPERTIES.get(p.key.text);
  const expected = PROPERTY_VALUES.get(older ?? p.key.text);
  if (expected && !expected.pattern.test(p.value.text)) {
    report(diag("HA3017", p.value.span, `\`${p.value.text}\` is not a valid value for \`${p.key.text}\``, { hint: `it takes ${expected.expected}` }));
  }
  if (!CLUSTER_PROPERTIES.has(p.key.text)) {
    if (older !== undefined) {
      report(
        diag("HA3012", p.key.span, `\`${p.key.text}\` is Pacemaker 3's name for \`${older}\`: Pacemaker 3 honours it, Pacemaker 2.1 ignores it`, {
          hint: `for a cluster on Pacemaker 2.1, write \`${older}\` (or both)`,
        }),
      );
      return true;
    }
    const near = V.closest(p.key.text, CLUSTER_PROPERTIES);
    report(diag("HA3012", p.key.span, `\`${p.key.text}\` is not a Pacemaker cluster property`, near ? { hint: `did you mean \`${near}\`?` } : {}));
  }
  return true;
}
