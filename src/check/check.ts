import type * as A from "../ast/types.js";
import { diag, type Diagnostic, type Related, type Result } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import { checkCycles, type OrderEdge } from "./cycles.js";
import { ACTIONS, CLUSTER_PROPERTIES, MANAGED_PROPERTIES, OP_ATTRIBUTES, OP_DURATIONS, PROPERTY_VALUES } from "./known.js";
import { checkFailover } from "./failover.js";
import type { AgentModel, ConstraintModel, GuestNodeModel, NodeCapacityModel, OpModel, PrimitiveModel, ResourceModel, Setting, SiteModel } from "./model.js";
import * as N from "./names.js";
import { checkSlots, type GuestSlots } from "./slots.js";
import * as V from "./values.js";
import type { AgentSpec } from "./values.js";

/** The declared names an unknown one is compared with, for a hint. */
type NamePool = "nodes" | "guests" | "nodes and guests" | "resources";

type ItemKind = A.BlockItem["kind"];

const ALLOWED_ITEMS: Record<string, readonly ItemKind[]> = {
  guest: ["config", "hypervisor", "ib", "op", "meta", "utilization", "param"],
  "guest-defaults": ["config", "hypervisor", "op", "meta", "utilization", "param"],
  resource: ["op", "meta", "utilization", "param", "shared", "mmp"],
  instance: ["op", "meta", "utilization", "param"],
  group: ["meta"],
  clone: ["meta"],
};

/** What an id in the CIB's namespace names, kept small: messages are built only when one is reported. */
interface NameEntry {
  /** A site's resource, group or clone; a guest's VirtualDomain resource; a service instance; a constraint. */
  readonly kind: "resource" | "group" | "clone" | "guest" | "instance" | "constraint";
  readonly span: Span;
  /** The names the id derives from: the guest; or the service and its guest. */
  readonly from?: string;
  readonly on?: string;
}

/** Derived by hacc (`vm-GUEST`, `KIND-GUEST`, constraint ids) rather than written by the site. */
function generated(e: NameEntry): boolean {
  return e.kind === "guest" || e.kind === "instance" || e.kind === "constraint";
}

/** How a message names what `id` is: "resource `x`", "the VirtualDomain resource of guest `g`", ... */
function what(id: string, e: NameEntry): string {
  switch (e.kind) {
    case "guest":
      return `the VirtualDomain resource of guest \`${e.from}\``;
    case "instance":
      return `service \`${e.from}\` on \`${e.on}\``;
    default:
      return `${e.kind} \`${id}\``;
  }
}

/** Switches for the checker's optional rules. */
export interface CheckOptions {
  /** The N-1 check (every single host failure, see failover.ts); on unless `false`. */
  readonly n1?: boolean;
  /** How many name comparisons "did you mean" hints may make in this run (V.SUGGESTION_BUDGET unless set). */
  readonly suggestionBudget?: number;
}

/**
 * Checks a program (stdlib files first, then the site's) and resolves it into
 * a SiteModel. Reports every problem; the model is undefined only when there
 * is no cluster block to build one from.
 */
export function check(files: readonly A.FileAst[], options: CheckOptions = {}): Result<SiteModel | undefined> {
  return new Checker(options).run(files);
}

class Checker {
  private readonly ds: Diagnostic[] = [];
  private readonly agents = new Map<string, AgentModel>();
  private readonly services = new Map<string, A.ServiceDecl>();
  private readonly nodes = new Map<string, Span>();
  private readonly guests = new Map<string, A.GuestDecl>();
  /** Every id in the CIB's resource and constraint namespace. */
  private readonly ids = new Map<string, NameEntry>();
  private readonly resources = new Map<string, ResourceModel>();
  private readonly order: ResourceModel[] = [];
  private readonly constraints: ConstraintModel[] = [];
  private readonly edges: OrderEdge[] = [];
  /** The nodes each resource's placement allows (a score of 0 or more), each once, in order. */
  private readonly allowed = new Map<string, string[]>();
  /** Resources whose placement had an error: no "can never run" on top of it. */
  private readonly badPlacement = new Set<string>();
  private symmetric = true;
  private symmetricSpan: Span | undefined;
  private guestDefaults: A.BlockItem[] = [];
  private vfLimit = N.DEFAULT_VF_LIMIT;
  private readonly capacities: NodeCapacityModel[] = [];
  private cluster: A.ClusterDecl | undefined;
  /** Each guest's VM as lowered, with its VFs as written, for the slot rules (in declaration order). */
  private readonly slotted: { readonly decl: A.GuestDecl; readonly ib: GuestSlots["ib"] }[] = [];
  /** Nodes a resource's placement bans (a negative score). */
  private readonly bans = new Map<string, Set<string>>();
  private nodeNames: readonly string[] | undefined;
  /** PCI addresses as written -> normalised (undefined when invalid); sites repeat a few on every host. */
  private readonly hostPci = new Map<string, string | undefined>();
  private readonly guestSlot = new Map<string, string | undefined>();
  /** Parsed once per agent text, and shared by the primitives. */
  private readonly agentSpecs = new Map<string, AgentSpec | undefined>();
  private readonly required = new Map<AgentModel, readonly string[]>();
  /** Per agent: the ops of a resource that adds none of its own. */
  private readonly agentOps = new Map<readonly OpModel[], OpModel[]>();

  constructor(private readonly options: CheckOptions = {}) {
    this.suggestionBudget = { comparisons: options.suggestionBudget ?? V.SUGGESTION_BUDGET };
  }

  private report(d: Diagnostic): void {
    this.ds.push(d);
  }

  run(files: readonly A.FileAst[]): Result<SiteModel | undefined> {
    const stmts = files.flatMap((f) => f.statements);
    for (const s of stmts) if (s.kind === "agent") this.declareAgent(s);
    for (const s of stmts) if (s.kind === "service") this.declareService(s);
    const clusters = stmts.filter((s): s is A.ClusterDecl => s.kind === "cluster");
    const cluster = clusters[0];
    for (const extra of clusters.slice(1)) {
      this.report(
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
        this.report(diag("HA2009", at, "no cluster block", { hint: "start the site with `cluster NAME { nodes n1, n2; }`" }));
      }
    } else this.declareCluster(cluster);

    // Names first, so references may point forward. (Indexed loops: this runs once, before the
    // engine optimises it, and an array iterator then allocates at every step.)
    for (let i = 0; i < stmts.length; i++) this.declareNames(stmts[i]!);
    for (let i = 0; i < stmts.length; i++) this.lowerStatement(stmts[i]!);
    this.checkParents();
    this.checkRules();
    return { value: this.model(), diagnostics: this.ds };
  }

  private model(): SiteModel | undefined {
    const cluster = this.cluster;
    if (cluster === undefined) return undefined;
    return {
      name: cluster.name.text,
      nodes: cluster.nodes.map((n) => n.text),
      properties: cluster.properties.map(setting),
      rscDefaults: cluster.defaults.map(setting),
      opDefaults: cluster.opDefaults.map(setting),
      resources: this.order,
      constraints: this.constraints,
      capacities: this.capacities,
    };
  }

  // ---- declarations -------------------------------------------------------

  private declareAgent(s: A.AgentDecl): void {
    const spec = V.parseAgent(s.agent.text);
    if (!spec) {
      this.badAgent(s.agent);
      return;
    }
    const prev = this.agents.get(s.agent.text);
    if (prev) {
      this.report(
        diag("HA2010", s.agent.span, `agent \`${s.agent.text}\` is declared twice`, {
          related: [{ span: prev.span, message: "first declared here" }],
        }),
      );
      return;
    }
    const params = new Map<string, { required: boolean; default?: string }>();
    for (const p of s.params) {
      if (params.has(p.name.text)) {
        this.report(diag("HA3008", p.name.span, `parameter \`${p.name.text}\` is declared twice for \`${s.agent.text}\``));
        continue;
      }
      params.set(p.name.text, p.default ? { required: p.required, default: p.default.text } : { required: p.required });
    }
    this.agents.set(s.agent.text, {
      spec: s.agent.text,
      params,
      ops: s.ops.map((o) => this.op(o, [])),
      siteProvided: s.siteProvided,
      sharedStorage: s.sharedStorage,
      span: s.agent.span,
    });
  }

  private declareService(s: A.ServiceDecl): void {
    const prev = this.services.get(s.name.text);
    if (prev) {
      this.report(
        diag("HA2010", s.name.span, `service kind \`${s.name.text}\` is declared twice`, {
          related: [{ span: prev.name.span, message: "first declared here" }],
        }),
      );
      return;
    }
    if (!V.parseAgent(s.agent.text)) this.badAgent(s.agent);
    const agent = this.agents.get(s.agent.text);
    if (agent && s.guestParam && !agent.params.has(s.guestParam.text)) {
      const near = V.closest(s.guestParam.text, agent.params.keys());
      this.report(
        diag("HA2013", s.guestParam.span, `\`${s.agent.text}\` has no parameter \`${s.guestParam.text}\` to receive the guest's name`, {
          hint: near ? `did you mean \`${near}\`?` : `known parameters: ${[...agent.params.keys()].sort().join(", ")}`,
          related: [{ span: agent.span, message: "the agent is declared here" }],
        }),
      );
    }
    this.services.set(s.name.text, s);
  }

  private badAgent(n: A.Name): void {
    this.report(
      diag("HA3010", n.span, `\`${n.text}\` is not a resource agent`, {
        hint: "write the agent in full: `ocf:PROVIDER:TYPE` (e.g. `ocf:heartbeat:IPaddr2`) or `systemd:UNIT`, `lsb:NAME`, `stonith:TYPE`",
      }),
    );
  }

  private declareCluster(c: A.ClusterDecl): void {
    this.cluster = c;
    if (!V.isXmlId(c.name.text)) this.badId(c.name, "cluster name");
    for (const n of c.nodes) {
      const prev = this.nodes.get(n.text);
      if (prev) {
        this.duplicate(n, "node", prev);
        continue;
      }
      if (!V.isNodeName(n.text)) {
        this.report(diag("HA3005", n.span, `\`${n.text}\` is not a valid node name`, { hint: "node names are host names: letters, digits, `_ . -`" }));
      }
      this.nodes.set(n.text, n.span);
    }
    const seen = new Map<string, Span>();
    for (const p of c.properties) {
      const prev = seen.get(p.key.text);
      if (prev) this.setTwice(p.key, prev);
      seen.set(p.key.text, p.key.span);
      if (MANAGED_PROPERTIES.has(p.key.text)) {
        this.report(
          diag("HA3016", p.key.span, `\`${p.key.text}\` is set by the cluster itself, not by configuration`, {
            hint: p.key.text === "cluster-name" ? "the cluster's name comes from `pcs cluster setup` / corosync.conf; remove this line" : "remove this line",
          }),
        );
        continue;
      }
      const expected = PROPERTY_VALUES.get(p.key.text);
      if (expected && !expected.pattern.test(p.value.text)) {
        this.report(diag("HA3017", p.value.span, `\`${p.value.text}\` is not a valid value for \`${p.key.text}\``, { hint: `it takes ${expected.expected}` }));
      }
      if (!CLUSTER_PROPERTIES.has(p.key.text)) {
        if (p.key.text === "fencing-enabled") {
          this.report(
            diag("HA3012", p.key.span, "`fencing-enabled` is Pacemaker 3's name; Pacemaker 2.1 ignores it", { hint: "write `stonith-enabled`" }),
          );
          continue;
        }
        const near = V.closest(p.key.text, CLUSTER_PROPERTIES);
        this.report(
          diag("HA3012", p.key.span, `\`${p.key.text}\` is not a Pacemaker cluster property`, near ? { hint: `did you mean \`${near}\`?` } : {}),
        );
      }
      if (p.key.text === "symmetric-cluster") {
        this.symmetric = p.value.text.toLowerCase() !== "false";
        this.symmetricSpan = p.span;
      }
    }
    this.checkPairsOnce(c.defaults);
    this.checkPairsOnce(c.opDefaults);
    for (const b of c.guestDefaults) {
      this.checkItems(b, "guest-defaults");
      this.guestDefaults.push(...b.items);
    }
    for (const l of c.vfLimits) {
      if (!/^[0-9]+$/.test(l.text)) this.report(diag("HA3014", l.span, `\`${l.text}\` is not a whole number`));
      else this.vfLimit = Number(l.text);
    }
    this.declareCapacities(c.capacities);
  }

  /** `utilization NODE k = v, ...;`: a known node, once, with whole numbers. */
  private declareCapacities(decls: readonly A.NodeCapacityDecl[]): void {
    const seen = new Map<string, Span>();
    for (const d of decls) {
      if (!this.nodes.has(d.node.text)) {
        this.unknown(d.node, "node", "HA2001", "nodes");
        continue;
      }
      const prev = seen.get(d.node.text);
      if (prev) {
        this.report(diag("HA2004", d.node.span, `the capacity of \`${d.node.text}\` is declared twice`, { related: [{ span: prev, message: "first declared here" }] }));
        continue;
      }
      seen.set(d.node.text, d.node.span);
      this.checkPairsOnce(d.pairs);
      const settings: Setting[] = [];
      for (const p of d.pairs) {
        if (!V.isXmlId(p.key.text)) this.badKey(setting(p));
        else if (!/^[0-9]+$/.test(p.value.text)) this.report(diag("HA3014", p.value.span, `\`${p.value.text}\` is not a whole number`));
        else settings.push(setting(p));
      }
      this.capacities.push({ node: d.node.text, settings, span: d.span });
    }
  }

  /** Registers every resource-like id a statement creates. */
  private declareNames(s: A.Statement): void {
    switch (s.kind) {
      case "guest": {
        if (!V.isXmlId(s.name.text)) this.badId(s.name, "guest name");
        const prevGuest = this.guests.get(s.name.text);
        if (prevGuest) {
          this.duplicate(s.name, "guest", prevGuest.name.span);
          return;
        }
        const node = this.nodes.get(s.name.text);
        if (node) {
          this.report(
            diag("HA2006", s.name.span, `guest \`${s.name.text}\` has the name of a cluster node`, {
              hint: "a guest is a node of its own; give it a name of its own",
              related: [{ span: node, message: "the cluster node" }],
            }),
          );
        }
        this.guests.set(s.name.text, s);
        this.claimId(N.guestResourceId(s.name.text), { kind: "guest", span: s.name.span, from: s.name.text });
        return;
      }
      case "resource":
        if (!V.isXmlId(s.name.text)) this.badId(s.name, "resource id");
        this.claimId(s.name.text, { kind: "resource", span: s.name.span });
        return;
      case "group":
        if (!V.isXmlId(s.name.text)) this.badId(s.name, "group id");
        this.claimId(s.name.text, { kind: "group", span: s.name.span });
        return;
      case "clone":
        if (!V.isXmlId(s.name.text)) this.badId(s.name, "clone id");
        this.claimId(s.name.text, { kind: "clone", span: s.name.span });
        return;
      case "instance":
        if (this.services.has(s.service.text)) {
          this.claimId(N.instanceId(s.service.text, s.guest.text), { kind: "instance", span: s.span, from: s.service.text, on: s.guest.text });
        }
        return;
      default:
        return;
    }
  }

  /** After all ids are known: a guest may not share its name with a resource. */
  private guestClashes(g: A.GuestDecl): void {
    const entry = this.ids.get(g.name.text);
    if (entry) {
      this.report(
        diag("HA2006", g.name.span, `guest \`${g.name.text}\` has the name of ${what(g.name.text, entry)}`, {
          hint: "guest node names and resource ids must differ, or constraints become ambiguous",
          related: [{ span: entry.span, message: "declared here" }],
        }),
      );
    }
  }

  private claimId(id: string, entry: NameEntry): boolean {
    const prev = this.ids.get(id);
    if (prev) {
      if (generated(entry) || generated(prev)) {
        const was = what(id, prev);
        this.report(
          diag("HA2005", entry.span, `the id \`${id}\` of ${what(id, entry)} is already taken by ${was}`, {
            hint: "hacc derives ids from names (`vm-GUEST`, `KIND-GUEST`, `location-RSC-NODE`, ...); rename one of the two",
            related: [{ span: prev.span, message: `${was} is declared here` }],
          }),
        );
      } else {
        this.duplicate({ text: id, span: entry.span }, entry.kind, prev.span);
      }
      return false;
    }
    this.ids.set(id, entry);
    return true;
  }

  private duplicate(n: A.Name, what: string, first: Span): void {
    this.report(
      diag("HA2004", n.span, `duplicate ${what} \`${n.text}\``, { related: [{ span: first, message: "first declared here" }] }),
    );
  }

  private setTwice(key: A.Name, first: Span): void {
    this.report(diag("HA3008", key.span, `\`${key.text}\` is set twice`, { related: [{ span: first, message: "first set here" }] }));
  }

  private badId(n: A.Name, what: string): void {
    this.report(
      diag("HA3005", n.span, `\`${n.text}\` is not a valid ${what}`, {
        hint: "Pacemaker ids start with a letter or `_` and hold only letters, digits, `_`, `.` and `-`",
      }),
    );
  }

  private checkPairsOnce(pairs: readonly A.Pair[]): void {
    const seen = new Map<string, Span>();
    for (const p of pairs) {
      const prev = seen.get(p.key.text);
      if (prev) this.setTwice(p.key, prev);
      else seen.set(p.key.text, p.key.span);
    }
  }

  private checkItems(b: A.Block, where: string): void {
    const allowed = ALLOWED_ITEMS[where]!;
    for (const it of b.items) {
      if (!allowed.includes(it.kind)) {
        const what = it.kind === "param" ? "a parameter" : `\`${it.kind}\``;
        this.report(
          diag("HA1005", it.span, `${what} is not allowed in ${where === "guest-defaults" ? "`guest-defaults`" : "a " + where}`, {
            hint: `a ${where} block takes ${allowed.map((k) => (k === "param" ? "`key = value`" : "`" + k + "`")).join(", ")}`,
          }),
        );
      }
    }
  }

  // ---- statements -----------------------------------------------------------

  private lowerStatement(s: A.Statement): void {
    switch (s.kind) {
      case "guest":
        return this.lowerGuest(s);
      case "resource":
        return this.lowerResource(s);
      case "instance":
        return this.lowerInstance(s);
      case "order":
        return this.lowerOrder(s);
      case "colocate":
        return this.lowerColocate(s);
      case "group":
        return this.lowerGroup(s);
      case "clone":
        return this.lowerClone(s);
      default:
        return;
    }
  }

  private lowerGuest(g: A.GuestDecl): void {
    if (this.guests.get(g.name.text) !== g) return;
    this.guestClashes(g);
    const id = N.guestResourceId(g.name.text);
    if (g.block) this.checkItems(g.block, "guest");
    const items = this.guestDefaults.length === 0 ? g.block?.items ?? [] : [...this.guestDefaults, ...(g.block?.items ?? [])];
    // The last `config` and `hypervisor`: the guest's own over guest-defaults.
    let configItem: Extract<A.BlockItem, { kind: "config" }> | undefined;
    let hvItem: Extract<A.BlockItem, { kind: "hypervisor" }> | undefined;
    for (let i = items.length - 1; i >= 0 && (configItem === undefined || hvItem === undefined); i--) {
      const it = items[i]!;
      if (it.kind === "config") configItem ??= it;
      else if (it.kind === "hypervisor") hvItem ??= it;
    }
    const config = configItem ? configItem.value.text.replace(/\{guest\}/g, g.name.text) : N.DEFAULT_GUEST_CONFIG.replace("{guest}", g.name.text);
    const hypervisor = hvItem ? hvItem.value.text : N.DEFAULT_HYPERVISOR;
    const auto: Setting[] = [
      { key: "config", value: config, span: configItem?.span ?? g.name.span },
      { key: "hypervisor", value: hypervisor, span: hvItem?.span ?? g.name.span },
    ];
    const ib: { host: string; slot: string; span: Span }[] = [];
    const slots: GuestSlots["ib"][number][] = [];
    for (const it of g.block?.items ?? []) {
      if (it.kind !== "ib") continue;
      const host = parsedOnce(this.hostPci, it.host.text, V.parseHostPci);
      const slot = parsedOnce(this.guestSlot, it.slot.text, V.parseGuestSlot);
      if (!host) {
        this.report(
          diag("HA3003", it.host.span, `\`${it.host.text}\` is not a host PCI address`, {
            hint: "write the VF as DOMAIN:BUS:SLOT.FUNCTION in hex, e.g. `0000:82:01.0`",
          }),
        );
      }
      if (!slot) {
        this.report(
          diag("HA3004", it.slot.span, `\`${it.slot.text}\` is not a guest PCI slot`, {
            hint: "write the slot inside the guest as BUS:SLOT.FUNCTION in hex, e.g. `00:05.0`",
          }),
        );
      }
      if (host && slot) {
        ib.push({ host, slot, span: it.span });
        slots.push({ host, slot, span: it.span, hostText: it.host.text, slotText: it.slot.text });
      }
    }
    const prim = this.primitive(id, g.name.span, "ocf:heartbeat:VirtualDomain", g.name.span, items, auto, GUEST_RESERVED_META, {
      node: { name: g.name.text, ib },
      remoteNode: { key: "remote-node", value: g.name.text, span: g.name.span },
    });
    if (!prim) return;
    this.addResource(prim);
    this.slotted.push({ decl: g, ib: slots });
    this.placement(id, g.placement, true);
  }

  private lowerResource(r: A.ResourceDecl): void {
    if (this.resources.has(r.name.text) || this.ids.get(r.name.text)?.span !== r.name.span) return;
    if (r.block) this.checkItems(r.block, "resource");
    const prim = this.primitive(r.name.text, r.name.span, r.agent.text, r.agent.span, r.block?.items ?? [], [], []);
    if (!prim) return;
    this.addResource(prim);
    this.placement(r.name.text, r.placement, false);
    this.checkShared(r, prim);
  }

  private lowerInstance(s: A.InstanceDecl): void {
    const kind = this.services.get(s.service.text);
    if (!kind) {
      const near = V.closest(s.service.text, [...this.services.keys(), "guest", "resource", "order", "colocate", "group", "clone"]);
      this.report(
        diag("HA2007", s.service.span, `\`${s.service.text}\` is not a statement or a declared service kind`, {
          hint: near
            ? `did you mean \`${near}\`?`
            : `service kinds are declared with \`service NAME agent AGENT guest-param PARAM;\`${this.services.size ? "; known: " + [...this.services.keys()].sort().join(", ") : ""}`,
        }),
      );
      return;
    }
    const guest = this.guests.get(s.guest.text);
    if (!guest) {
      this.unknown(s.guest, "guest", "HA2003", "guests");
      return;
    }
    const id = N.instanceId(s.service.text, s.guest.text);
    if (this.ids.get(id)?.span !== s.span) return;
    if (s.block) this.checkItems(s.block, "instance");
    const auto: Setting[] = kind.guestParam ? [{ key: kind.guestParam.text, value: s.guest.text, span: s.guest.span }] : [];
    const prim = this.primitive(id, s.span, kind.agent.text, kind.agent.span, s.block?.items ?? [], auto, []);
    if (!prim) return;
    this.addResource(prim);
    const lid = N.locationId(id, s.guest.text);
    this.constraints.push({ kind: "location", id: lid, rsc: id, node: s.guest.text, score: "INFINITY", span: s.span });
    this.claimConstraint(lid, s.span);
    this.allow(id, [s.guest.text]);
    if (this.symmetric) {
      this.constraints.push({ kind: "only-on", id: N.onlyOnId(id, s.guest.text), rsc: id, node: s.guest.text, span: s.span });
      this.claimConstraint(N.onlyOnId(id, s.guest.text), s.span);
    }
    if (s.after) {
      const first = s.after.text === "vm" ? N.guestResourceId(s.guest.text) : s.after.text;
      if (s.after.text !== "vm" && !this.resolve(s.after)) return;
      this.addOrder(first, "start", id, "start", "Mandatory", s.span, s);
    }
  }

  private lowerOrder(o: A.OrderDecl): void {
    const first = this.resolve(o.first);
    const then = this.resolve(o.then);
    let ok = first !== undefined && then !== undefined;
    for (const a of [o.firstAction, o.thenAction]) {
      if (a && !ACTIONS.has(a.text)) {
        ok = false;
        this.report(diag("HA1003", a.span, `\`${a.text}\` is not an action`, { hint: "order actions are start, stop, promote and demote" }));
      }
    }
    if (!ok) return;
    const kind = o.orderKind?.text === "optional" ? "Optional" : o.orderKind?.text === "serialize" ? "Serialize" : "Mandatory";
    this.addOrder(first!, o.firstAction?.text ?? "start", then!, o.thenAction?.text ?? "start", kind, o.span, o);
  }

  /** An order, from an `order` statement or a service's `after`. */
  private addOrder(first: string, fa: string, then: string, ta: string, kind: "Mandatory" | "Optional" | "Serialize", span: Span, from: A.OrderDecl | A.InstanceDecl): void {
    const id = N.orderId(first, fa, then, ta);
    this.edges.push({ first, then, span, label: () => `${says(from)} orders \`${first}\` before \`${then}\`` });
    if (!this.claimConstraint(id, span)) return;
    this.constraints.push({ kind: "order", id, first, firstAction: fa, then, thenAction: ta, orderKind: kind, span });
  }

  private lowerColocate(c: A.ColocateDecl): void {
    const rsc = this.resolve(c.rsc);
    const w = this.resolve(c.with);
    const score = c.score ? this.score(c.score) : "INFINITY";
    if (rsc === undefined || w === undefined || score === undefined) return;
    if (rsc === w) {
      this.report(diag("HA4009", c.span, `\`${rsc}\` is colocated with itself`, { hint: "a colocation needs two different resources" }));
      return;
    }
    const id = N.colocationId(rsc, w);
    if (!this.claimConstraint(id, c.span)) return;
    this.constraints.push({ kind: "colocation", id, rsc, withRsc: w, score, span: c.span });
  }

  private lowerGroup(g: A.GroupDecl): void {
    if (this.ids.get(g.name.text)?.span !== g.name.span) return;
    if (g.block) this.checkItems(g.block, "group");
    const members: string[] = [];
    for (const m of g.members) {
      const id = this.resolve(m, false);
      if (id === undefined) continue;
      const r = this.resources.get(id);
      if (r && r.kind !== "primitive") {
        this.report(diag("HA2012", m.span, `\`${id}\` is a ${r.kind}; a group holds primitives only`));
        continue;
      }
      if (members.includes(id)) {
        this.report(diag("HA2012", m.span, `\`${id}\` is listed twice in group \`${g.name.text}\``));
        continue;
      }
      members.push(id);
    }
    this.addResource({ kind: "group", id: g.name.text, span: g.name.span, members, meta: this.meta(g.block?.items ?? [], []) });
    this.placement(g.name.text, g.placement, false);
  }

  private lowerClone(c: A.CloneDecl): void {
    if (this.ids.get(c.name.text)?.span !== c.name.span) return;
    if (c.block) this.checkItems(c.block, "clone");
    const child = this.resolve(c.child, false);
    if (child === undefined) return;
    const r = this.resources.get(child);
    if (r?.kind === "clone") {
      this.report(diag("HA2012", c.child.span, `\`${child}\` is already a clone; a clone holds a primitive or a group`));
      return;
    }
    this.addResource({ kind: "clone", id: c.name.text, span: c.name.span, promotable: c.promotable, child, meta: this.meta(c.block?.items ?? [], []) });
    this.placement(c.name.text, c.placement, false);
  }

  private addResource(r: ResourceModel): void {
    this.resources.set(r.id, r);
    this.order.push(r);
  }

  /** Parents are set once every group and clone is known; a child has one parent. */
  private checkParents(): void {
    const parentSpan = new Map<string, Span>();
    for (const r of this.order) {
      const children = r.kind === "group" ? r.members : r.kind === "clone" ? [r.child] : [];
      for (const c of children) {
        const child = this.resources.get(c);
        if (!child) continue;
        if (child.parent !== undefined) {
          this.report(
            diag("HA2012", r.span, `\`${c}\` is already in \`${child.parent}\`; a resource has one parent`, {
              related: [{ span: parentSpan.get(c)!, message: `\`${child.parent}\` is declared here` }],
            }),
          );
          continue;
        }
        child.parent = r.id;
        parentSpan.set(c, r.span);
      }
    }
  }

  // ---- pieces ---------------------------------------------------------------

  /** Builds a primitive: agent defaults, then the site's settings; checks params against the agent. */
  private primitive(
    id: string,
    span: Span,
    agentText: string,
    agentSpan: Span,
    items: readonly A.BlockItem[],
    auto: Setting[],
    reservedMeta: readonly string[],
    guest?: { readonly node: GuestNodeModel; readonly remoteNode: Setting },
  ): PrimitiveModel | undefined {
    const agent = this.agentSpec(agentText);
    if (!agent) {
      this.badAgent({ text: agentText, span: agentSpan });
      return undefined;
    }
    const declared = this.agents.get(agentText);
    // The hacc-set parameters first; a site's parameter of the same name takes its place.
    let params: Map<string, Setting> | undefined;
    let userSet: Map<string, Span> | undefined;
    for (const it of items) {
      if (it.kind !== "param") continue;
      const k = it.pair.key;
      userSet ??= new Map();
      const prev = userSet.get(k.text);
      if (prev && it.span.file === prev.file && !this.guestDefaults.includes(it)) this.setTwice(k, prev);
      userSet.set(k.text, k.span);
      if (auto.some((a) => a.key === k.text && a.span !== it.span) && k.text !== "config" && k.text !== "hypervisor") {
        this.report(diag("HA3013", k.span, `\`${k.text}\` is set by hacc for this resource`, { hint: `hacc sets \`${k.text}\` itself; remove this line` }));
        continue;
      }
      if (declared && !declared.params.has(k.text)) {
        const near = V.closest(k.text, declared.params.keys());
        this.report(
          diag("HA3007", k.span, `\`${agentText}\` has no parameter \`${k.text}\``, {
            hint: near ? `did you mean \`${near}\`?` : `known parameters: ${[...declared.params.keys()].sort().join(", ")}`,
          }),
        );
      }
      if (params === undefined) {
        params = new Map();
        for (const a of auto) params.set(a.key, a);
      }
      params.set(k.text, { key: k.text, value: it.pair.value.text, span: it.span });
    }
    const list = params ? [...params.values()] : auto;
    if (declared) {
      for (const name of this.requiredParams(declared)) {
        if (params ? params.has(name) : auto.some((a) => a.key === name)) continue;
        this.report(
          diag("HA3006", span, `\`${id}\` lacks the required parameter \`${name}\` of \`${agentText}\``, {
            hint: `add \`${name} = "...";\` to its block`,
            related: [{ span: declared.span, message: "the agent is declared here" }],
          }),
        );
      }
    }
    for (const p of list) if (!V.isXmlId(p.key)) this.badKey(p);
    const ops = this.mergeOps(declared?.ops ?? NO_OPS, items, span);
    const meta = this.meta(items, reservedMeta);
    const model: { -readonly [K in keyof PrimitiveModel]: PrimitiveModel[K] } = {
      kind: "primitive",
      id,
      span,
      agent,
      agentText,
      params: list,
      meta: guest ? [guest.remoteNode, ...meta] : meta,
      utilization: this.pairsOf(items, "utilization"),
      ops,
    };
    if (declared) model.declared = declared;
    if (guest) model.guest = guest.node;
    return model;
  }

  /** An agent's spec, parsed once per agent text (primitives share it). */
  private agentSpec(text: string): AgentSpec | undefined {
    let spec = this.agentSpecs.get(text);
    if (spec === undefined && !this.agentSpecs.has(text)) {
      spec = V.parseAgent(text);
      this.agentSpecs.set(text, spec);
    }
    return spec;
  }

  /** The parameters a declared agent requires and gives no default for, in declaration order. */
  private requiredParams(agent: AgentModel): readonly string[] {
    let names = this.required.get(agent);
    if (names === undefined) {
      const required: string[] = [];
      for (const [name, p] of agent.params) if (p.required && p.default === undefined) required.push(name);
      this.required.set(agent, (names = required));
    }
    return names;
  }

  private meta(items: readonly A.BlockItem[], reserved: readonly string[]): readonly Setting[] {
    const out = this.pairsOf(items, "meta");
    if (!out.some((s) => reserved.includes(s.key))) return out;
    return out.filter((s) => {
      if (!reserved.includes(s.key)) return true;
      this.report(diag("HA3013", s.span, `\`${s.key}\` is set by hacc for a guest`, { hint: "the guest's name is its `remote-node`" }));
      return false;
    });
  }

  private badKey(s: Setting): void {
    this.report(
      diag("HA3005", s.span, `\`${s.key}\` is not a valid attribute name`, {
        hint: "attribute names start with a letter or `_` and hold only letters, digits, `_`, `.` and `-`",
      }),
    );
  }

  /** The `meta` or `utilization` pairs of a block, a key set again replacing the earlier one (and moving to its place). */
  private pairsOf(items: readonly A.BlockItem[], kind: "meta" | "utilization"): readonly Setting[] {
    // The last pair of each key, in the order those come.
    let last: Map<string, A.Pair> | undefined;
    let pairs: A.Pair[] | undefined;
    for (const it of items) {
      if (it.kind !== kind) continue;
      for (const p of it.pairs) {
        last ??= new Map();
        const prev = last.get(p.key.text);
        if (prev && prev.span.file === p.span.file && !this.guestDefaults.includes(it)) this.setTwice(p.key, prev.key.span);
        last.set(p.key.text, p);
        (pairs ??= []).push(p);
      }
    }
    if (pairs === undefined) return NO_SETTINGS;
    const out: Setting[] = [];
    for (const p of pairs) if (last!.get(p.key.text) === p) out.push({ key: p.key.text, value: p.value.text, span: p.span });
    for (const v of out) if (!V.isXmlId(v.key)) this.badKey(v);
    return out;
  }

  private op(o: A.OpDecl, base: readonly OpModel[]): OpModel {
    const inherited = base.find((b) => b.name === o.name.text);
    // Known attributes only (an op has a handful), each replacing the inherited one in its place.
    const attrs: Setting[] = inherited ? [...inherited.attrs] : [];
    let interval = inherited?.interval ?? (o.name.text === "monitor" ? N.FALLBACK_MONITOR.interval : "0s");
    for (let i = 0; i < o.attrs.length; i++) {
      const a = o.attrs[i]!;
      const k = a.key.text;
      // Set twice: the message points at the latest time before.
      let prev: A.OpDecl["attrs"][number] | undefined;
      for (let j = i - 1; j >= 0 && prev === undefined; j--) if (o.attrs[j]!.key.text === k) prev = o.attrs[j];
      if (prev) this.setTwice(a.key, prev.key.span);
      if (!OP_ATTRIBUTES.has(k)) {
        const near = V.closest(k, OP_ATTRIBUTES);
        this.report(
          diag("HA3009", a.key.span, `\`${k}\` is not an operation attribute`, {
            hint: near ? `did you mean \`${near}\`?` : `operation attributes: ${[...OP_ATTRIBUTES].join(", ")}`,
          }),
        );
        continue;
      }
      if (OP_DURATIONS.has(k) && !V.isDuration(a.value.text)) {
        this.badDuration(a.value);
        continue;
      }
      if (k === "interval") {
        interval = a.value.text;
        continue;
      }
      const s: Setting = { key: k, value: a.value.text, span: a.span };
      const at = attrs.findIndex((x) => x.key === k);
      if (at >= 0) attrs[at] = s;
      else attrs.push(s);
    }
    return { name: o.name.text, interval, attrs };
  }

  /** Agent default ops, each replaced by the site's ops of the same name; a monitor always. */
  private mergeOps(defaults: readonly OpModel[], items: readonly A.BlockItem[], span: Span): readonly OpModel[] {
    let userOps: A.OpDecl[] | undefined;
    for (const i of items) if (i.kind === "op") (userOps ??= []).push(i);
    if (userOps === undefined && defaults.some((d) => d.name === "monitor")) {
      // Nothing of the site's own: every resource of the agent shares one list (the model is read-only).
      let shared = this.agentOps.get(defaults);
      if (shared === undefined) this.agentOps.set(defaults, (shared = inOpOrder([...defaults])));
      return shared;
    }
    const user = userOps ?? [];
    const out: OpModel[] = defaults.filter((d) => !user.some((u) => u.name.text === d.name));
    for (let i = 0; i < user.length; i++) {
      const name = user[i]!.name.text;
      if (user.findIndex((u) => u.name.text === name) < i) continue;
      const same = user.filter((u) => u.name.text === name);
      if (same.length > 1 && same.every((u) => u.span.file === same[0]!.span.file) && !same.some((u) => this.guestDefaults.includes(u))) {
        // Several ops of one name (e.g. monitors per role): keep all.
        for (const u of same) out.push(this.op(u, defaults));
      } else out.push(this.op(same[same.length - 1]!, defaults)); // the guest's own overrides guest-defaults
    }
    if (!out.some((o) => o.name === "monitor")) {
      out.push({ name: "monitor", interval: N.FALLBACK_MONITOR.interval, attrs: [{ key: "timeout", value: N.FALLBACK_MONITOR.timeout, span }] });
    }
    return inOpOrder(out);
  }

  private placement(id: string, entries: readonly A.PlacementEntry[], guestItself: boolean): void {
    // Hosts listed so far (a long list gets a map; a resource lists a host or two).
    const seen = entries.length > 8 ? new Map<string, Span>() : undefined;
    const allowedHere: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const host = e.host.text;
      const isNode = this.nodes.has(host);
      const isGuest = !isNode && this.guests.has(host);
      if (!isNode && !(isGuest && !guestItself)) {
        if (isGuest) {
          this.report(
            diag("HA2001", e.host.span, `a guest cannot run inside guest \`${host}\``, {
              hint: "guests run on cluster nodes; Pacemaker does not nest guest nodes",
            }),
          );
        } else this.unknown(e.host, "node", "HA2001", guestItself ? "nodes" : "nodes and guests");
        this.badPlacement.add(id);
        continue;
      }
      const prev = seen ? seen.get(host) : entries.find((f, j) => j < i && f.host.text === host)?.host.span;
      if (prev) {
        this.report(diag("HA2004", e.host.span, `\`${host}\` is listed twice`, { related: [{ span: prev, message: "first listed here" }] }));
        continue;
      }
      seen?.set(host, e.host.span);
      const score = e.score ? this.score(e.score) : "INFINITY";
      if (score === undefined) {
        this.badPlacement.add(id);
        continue;
      }
      const lid = N.locationId(id, host);
      if (!this.claimConstraint(lid, e.span)) continue;
      this.constraints.push({ kind: "location", id: lid, rsc: id, node: host, score, span: e.span });
      if (V.scoreValue(score) >= 0) allowedHere.push(host);
      else {
        let b = this.bans.get(id);
        if (!b) this.bans.set(id, (b = new Set()));
        b.add(host);
      }
    }
    this.allow(id, allowedHere);
  }

  /** Records the nodes one statement allows `id` on (distinct already; a second statement's are merged in). */
  private allow(id: string, nodes: string[]): void {
    if (nodes.length === 0) return;
    const prev = this.allowed.get(id);
    if (prev === undefined) this.allowed.set(id, nodes);
    else for (const n of nodes) if (!prev.includes(n)) prev.push(n);
  }

  private claimConstraint(id: string, span: Span): boolean {
    return this.claimId(id, { kind: "constraint", span });
  }

  private score(v: A.Value): string | undefined {
    if (!V.isScore(v.text)) {
      this.report(diag("HA3001", v.span, `\`${v.text}\` is not a score`, { hint: "a score is an integer or INFINITY, with an optional sign: `500`, `-50`, `-INFINITY`" }));
      return undefined;
    }
    const n = V.scoreValue(v.text);
    if (Number.isFinite(n) && Math.abs(n) > V.SCORE_LIMIT) {
      this.report(
        diag("HA3011", v.span, `score \`${v.text}\` is beyond ±${V.SCORE_LIMIT}; Pacemaker treats it as ${n > 0 ? "" : "-"}INFINITY`, {
          hint: `write ${n > 0 ? "" : "-"}INFINITY if that is what you mean`,
        }),
      );
    }
    return v.text.startsWith("+") ? v.text.slice(1) : v.text;
  }

  private badDuration(v: A.Value | A.Name): void {
    this.report(
      diag("HA3002", v.span, `\`${v.text}\` is not a duration`, {
        hint: "a duration is a whole number with an optional unit (ms, s, min, h), e.g. `90s`, `5min`, `900`",
      }),
    );
  }

  private resolve(n: A.Name, forConstraint = true): string | undefined {
    // Every resource id is claimed before any statement is lowered, so forward references resolve.
    const known = this.resources.has(n.text) || (this.ids.get(n.text)?.kind ?? "constraint") !== "constraint";
    if (!known) {

      const isGuest = this.guests.has(n.text);
      if (isGuest) {
        this.report(
          diag("HA2002", n.span, `\`${n.text}\` is a guest node, not a resource`, {
            hint: `its VirtualDomain resource is \`${N.guestResourceId(n.text)}\``,
          }),
        );
        return undefined;
      }
      this.unknown(n, "resource", "HA2002", "resources");
      return undefined;
    }
    if (forConstraint) this.pendingCloneRefs.push(n);
    return n.text;
  }

  private readonly pendingCloneRefs: A.Name[] = [];

  /** The names an unknown one may be a misspelling of, walked afresh each time rather than copied. */
  private *candidates(pool: NamePool): Iterable<string> {
    if (pool === "resources") {
      // Ids a constraint may name: resources and what the site declared, not other constraints.
      for (const [k, e] of this.ids) if (e.kind !== "constraint") yield k;
      return;
    }
    if (pool !== "guests") yield* this.nodes.keys();
    if (pool !== "nodes") yield* this.guests.keys();
  }

  /** What is left for "did you mean" hints in this run, and the hints already found (a misspelling tends to repeat). */
  private readonly suggestionBudget: V.SuggestionBudget;
  private readonly suggestions = new Map<string, string | undefined>();

  /**
   * Reports an unknown name, with the closest known one as a hint. The
   * candidates are walked, not copied, for each unknown name (copying them
   * made a site with many typos quadratic), and the search has a budget.
   */
  private unknown(n: A.Name, what: string, code: "HA2001" | "HA2002" | "HA2003", pool: NamePool): void {
    const key = `${pool}\n${n.text}`;
    let near = this.suggestions.get(key);
    if (!this.suggestions.has(key)) {
      near = V.closest(n.text, this.candidates(pool), this.suggestionBudget);
      this.suggestions.set(key, near);
    }
    const few: string[] = [];
    if (near === undefined) for (const c of this.candidates(pool)) if (few.push(c) > 8) break;
    this.report(
      diag(code, n.span, `unknown ${what} \`${n.text}\``, {
        hint: near ? `did you mean \`${near}\`?` : few.length > 0 && few.length <= 8 ? `declared: ${few.sort().join(", ")}` : `declare it first`,
      }),
    );
  }

  // ---- cluster rules --------------------------------------------------------

  private checkRules(): void {
    // Constraints must name a clone, not what it holds (only a site with clones can get this wrong).
    const clones = this.order.some((r) => r.kind === "clone");
    for (const n of clones ? this.pendingCloneRefs : []) {
      let r = this.resources.get(n.text);
      let outer: string | undefined;
      while (r?.parent !== undefined) {
        const p = this.resources.get(r.parent);
        if (p?.kind === "clone") outer = p.id;
        r = p;
      }
      if (outer !== undefined) {
        this.report(
          diag("HA2011", n.span, `\`${n.text}\` is inside clone \`${outer}\`; constraints name the clone`, { hint: `write \`${outer}\`` }),
        );
      }
    }
    this.ds.push(...checkCycles(this.edges));
    this.checkGuestSlots();
    if (!this.symmetric) this.checkRunnable();
    // The N-1 check predicts placements, which only means something for a site without errors.
    if (this.options.n1 !== false && !this.ds.some((d) => d.severity === "error")) this.ds.push(...checkFailover(this.model()));
  }

  /** The hosts a guest may ever run on: in an opt-in cluster its listed hosts, else every node it does not ban. */
  private guestHosts(g: A.GuestDecl): readonly string[] {
    const id = N.guestResourceId(g.name.text);
    if (!this.symmetric) return this.allowed.get(id) ?? [];
    const banned = this.bans.get(id);
    if (banned === undefined) return (this.nodeNames ??= [...this.nodes.keys()]);
    return [...this.nodes.keys()].filter((n) => !banned.has(n));
  }

  private checkGuestSlots(): void {
    const guests: GuestSlots[] = this.slotted.map((s) => ({ name: s.decl.name.text, hosts: this.guestHosts(s.decl), ib: s.ib }));
    this.ds.push(...checkSlots(guests, this.vfLimit));
  }

  private checkRunnable(): void {
    const related: Related[] = this.symmetricSpan ? [{ span: this.symmetricSpan, message: "the cluster is opt-in here" }] : [];
    for (const r of this.order) {
      let allowed = false;
      for (let cur: ResourceModel | undefined = r; cur; cur = cur.parent ? this.resources.get(cur.parent) : undefined) {
        if ((this.allowed.get(cur.id)?.length ?? 0) > 0) allowed = true;
      }
      if (allowed || this.badPlacement.has(r.id)) continue;
      const children = r.kind === "group" ? r.members : r.kind === "clone" ? [r.child] : [];
      if (children.some((c) => (this.allowed.get(c)?.length ?? 0) > 0)) continue;
      this.report(
        diag("HA4006", r.span, `\`${r.id}\` can never run: the cluster is opt-in and no location allows it on any node`, {
          hint: `add \`on NODE prefer SCORE\` to it${r.parent ? ` or to \`${r.parent}\`` : ""}`,
          related,
        }),
      );
    }
  }

  private checkShared(r: A.ResourceDecl, prim: PrimitiveModel): void {
    const items = r.block?.items ?? [];
    const shared = items.find((i) => i.kind === "shared");
    const mmp = items.find((i): i is Extract<A.BlockItem, { kind: "mmp" }> => i.kind === "mmp");
    const hosts = this.allowed.get(prim.id)?.length ?? 0;
    if (mmp?.interval) {
      if (!V.isDuration(mmp.interval.text)) this.badDuration(mmp.interval);
      else {
        const secs = V.durationSeconds(mmp.interval.text);
        if (secs !== undefined && secs < 60) {
          this.report(
            diag("HA4010", mmp.interval.span, `MMP update interval \`${mmp.interval.text}\` is below 60 s`, {
              hint: "the arrays' failover takes longer; raise it: `tune2fs -E mmp_update_interval=60 -f DEVICE`",
            }),
          );
        }
      }
    }
    const isShared = shared !== undefined || (prim.declared?.sharedStorage === true && hosts > 1);
    if (isShared && !mmp) {
      this.report(
        diag("HA4007", r.name.span, `\`${r.name.text}\` is a target shared by a failover pair but is not declared with MMP`, {
          hint: "turn on multiple-mount protection (`tune2fs -O mmp DEVICE`, `tune2fs -E mmp_update_interval=60 -f DEVICE`) and say so with `mmp 60s;`",
        }),
      );
    }
    if (shared && hosts < 2) {
      this.report(
        diag("HA4008", shared.span, `\`${r.name.text}\` is marked shared but may run on ${hosts === 0 ? "no host" : "one host"}`, {
          hint: "list both hosts of the failover pair: `on HOST1 prefer 500, HOST2 100`",
        }),
      );
    }
  }
}

function setting(p: A.Pair): Setting {
  return { key: p.key.text, value: p.value.text, span: p.span };
}

/** `parse(text)`, remembered in `cache`. */
function parsedOnce(cache: Map<string, string | undefined>, text: string, parse: (s: string) => string | undefined): string | undefined {
  let v = cache.get(text);
  if (v === undefined && !cache.has(text)) cache.set(text, (v = parse(text)));
  return v;
}

/** How a message quotes the statement an order comes from. */
function says(s: A.OrderDecl | A.InstanceDecl): string {
  return s.kind === "order" ? `\`order ${s.first.text} then ${s.then.text}\`` : `\`${s.service.text} on ${s.guest.text} after ${s.after?.text}\``;
}

/** Meta attributes hacc sets for a guest's VM. */
const GUEST_RESERVED_META: readonly string[] = ["remote-node"];
const NO_SETTINGS: readonly Setting[] = Object.freeze([]);
const NO_OPS: readonly OpModel[] = Object.freeze([]);

/** Ops in the CIB's order: start, stop, monitor, then the rest by name; stable, so ops of one name keep theirs. */
function opOrder(a: OpModel, b: OpModel): number {
  const rank = (n: string) => (n === "start" ? 0 : n === "stop" ? 1 : n === "monitor" ? 2 : 9);
  return rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Sorts ops into the CIB's order, in place: an insertion sort (stable), as a resource has a handful of ops. */
function inOpOrder(ops: OpModel[]): OpModel[] {
  for (let i = 1; i < ops.length; i++) {
    const o = ops[i]!;
    let j = i;
    for (; j > 0 && opOrder(ops[j - 1]!, o) > 0; j--) ops[j] = ops[j - 1]!;
    ops[j] = o;
  }
  return ops;
}
