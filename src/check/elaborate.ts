import { patternMatches } from "../util/posix-ere.js";
import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import * as C from "../ir/constraints.js";
import type { Constraint, FencingLevel, Order } from "../ir/types.js";
import type { Declarations } from "./declare.js";
import { elaborateColocate, elaborateInstance, elaborateOrder, elaborateTicket } from "./elaborate-constraints.js";
import { elaborateAlert, elaborateFencing, type LevelsSeen } from "./elaborate-admin.js";
import { AclsSeen, elaborateAcl } from "./elaborate-acl.js";
import { elaborateLocation } from "./elaborate-location.js";
import { elaborateDefaultSets } from "./elaborate-defaults.js";
import { elaborateNodeSets } from "./elaborate-node-sets.js";
import { elaborateBundle } from "./bundles.js";
import { elaborateColocateSet, elaborateOrderSet, elaborateTicketSet } from "./elaborate-sets.js";
import { elaborateClone, elaborateGroup, elaborateGuest, elaborateResource } from "./elaborate-resources.js";
import { elaborateTemplate, expandTemplates } from "./templates.js";
import { elaborateTag } from "./tags.js";
import { childrenOf, type GuestVfs, type OrderEdge, type Reference, type ResourceModel, type RoleUse, type SiteConstraint, type SiteModel, type StorageModel, type AlertModel, type TemplateModel, type TagModel } from "./model.js";
import * as N from "./names.js";
import { Primitives } from "./primitives.js";
import { badId, sayOrder, setting, type Report } from "./problems.js";
import type { Scope } from "./scope.js";
import { dispatch, nothing, type StatementHandlers } from "./statements.js";
import * as V from "./values.js";
import { namesUnlisted, unusedUnlisted } from "./unlisted.js";

/** What each statement adds to the site model. */
const ELABORATE: StatementHandlers<Elaboration> = {
  // Declared in declare.ts; nothing more to build.
  cluster: nothing,
  agent: nothing,
  service: nothing,
  guest: elaborateGuest,
  resource: elaborateResource,
  template: elaborateTemplate,
  tag: elaborateTag,
  instance: elaborateInstance,
  order: elaborateOrder,
  colocate: elaborateColocate,
  ticket: elaborateTicket,
  "order-set": elaborateOrderSet,
  "colocate-set": elaborateColocateSet,
  "ticket-set": elaborateTicketSet,
  location: elaborateLocation,
  fencing: elaborateFencing,
  alert: elaborateAlert,
  acl: elaborateAcl,
  group: elaborateGroup,
  clone: elaborateClone,
  bundle: elaborateBundle,
};

/**
 * The elaboration pass: from the AST (declarations and scope already known)
 * to the site model, resolving every name and applying every default. What
 * it reports is about one statement (an unknown name, a bad value, an id
 * taken twice); rules about the whole site are in rules/.
 */
export function elaborate(stmts: readonly A.Statement[], decls: Declarations, scope: Scope, report: Report): SiteModel {
  const e = new Elaboration(decls, scope, report);
  for (let i = 0; i < stmts.length; i++) dispatch(ELABORATE, e, stmts[i]!);
  e.setParents();
  e.expandPatterns();
  const defaultSets = decls.cluster ? elaborateDefaultSets(e, decls.cluster.defaultSets, decls.cluster.properties) : [];
  const nodeSets = decls.cluster ? elaborateNodeSets(e, decls.cluster.nodeSets) : [];
  const model = e.model();
  unusedUnlisted(scope, report);
  return { ...model, ...(defaultSets.length > 0 ? { defaultSets } : {}), ...(nodeSets.length > 0 ? { nodeSets } : {}) };
}

/** The site model as it is built, and the steps the statements share. */
export class Elaboration {
  readonly primitives: Primitives;
  readonly resources = new Map<string, ResourceModel>();
  private readonly order: ResourceModel[] = [];
  private readonly constraints: SiteConstraint[] = [];
  private readonly orders: OrderEdge[] = [];
  /** Each order made so far, by its constraint id. */
  private readonly orderById = new Map<string, OrderEdge>();
  private readonly references: Reference[] = [];
  /** Roles constraints give resources, for the promotable rule. */
  readonly roles: RoleUse[] = [];
  private readonly allowed = new Map<string, string[]>();
  private readonly banned = new Map<string, Set<string>>();
  private readonly failed = new Set<string>();
  private readonly ruled = new Set<string>();
  readonly guests: GuestVfs[] = [];
  readonly storage: StorageModel[] = [];
  /** PCI addresses as written -> normalised (undefined when invalid); sites repeat a few on every host. */
  readonly hostPci = new Map<string, string | undefined>();
  readonly guestSlot = new Map<string, string | undefined>();
  /** Fencing levels by target and index, and those made; alerts made. */
  readonly levels: LevelsSeen = new Map();
  private readonly fencingLevels: { level: FencingLevel; origin: Span }[] = [];
  private readonly alerts: AlertModel[] = [];
  /** ACL roles, users and groups made so far. */
  readonly acls = new AclsSeen();
  private readonly templates = new Map<string, TemplateModel>();
  /** Templates elaborated (or tried: a broken one is reported once), a resource made from one before its statement comes. */
  readonly templatesSeen = new Set<string>();
  private readonly tags: TagModel[] = [];

  constructor(
    readonly decls: Declarations,
    readonly scope: Scope,
    readonly report: Report,
  ) {
    this.primitives = new Primitives(report, decls.agents, decls.guestDefaults);
  }

  model(): SiteModel {
    const cluster = this.decls.cluster;
    return {
      name: cluster?.name.text ?? "",
      nodes: cluster ? cluster.nodes.map((n) => n.text) : [],
      ...(this.scope.unlisted.size > 0 ? { unlistedNodes: [...this.scope.unlisted.keys()] } : {}),
      properties: cluster ? cluster.properties.map(setting) : [],
      rscDefaults: cluster ? cluster.defaults.map(setting) : [],
      opDefaults: cluster ? cluster.opDefaults.map(setting) : [],
      resources: this.order,
      constraints: this.constraints,
      capacities: this.decls.capacities,
      ...(this.decls.remoteCapacities.length > 0 ? { remoteCapacities: this.decls.remoteCapacities } : {}),
      nodeAttributes: this.decls.nodeAttributes,
      byId: this.resources,
      symmetric: this.decls.symmetric,
      ...(this.decls.symmetricSpan ? { symmetricSpan: this.decls.symmetricSpan } : {}),
      placement: { allowed: this.allowed, banned: this.banned, failed: this.failed, ruled: this.ruled },
      guests: this.guests,
      vfLimit: this.decls.vfLimit,
      hostFailures: this.decls.hostFailures,
      orders: this.orders,
      references: this.references,
      storage: this.storage,
      roles: this.roles,
      ...(this.fencingLevels.length > 0 ? { fencingLevels: this.fencingLevels } : {}),
      ...(this.alerts.length > 0 ? { alerts: this.alerts } : {}),
      ...(this.acls.span ? { acls: { acls: { roles: this.acls.roles, users: this.acls.users, groups: this.acls.groups }, span: this.acls.span, references: this.acls.references, origins: this.acls.origins } } : {}),
      ...(this.templates.size > 0 ? { templates: [...this.templates.values()] } : {}),
      ...(this.tags.length > 0 ? { tags: this.tags } : {}),
    };
  }

  addFencingLevel(level: FencingLevel, origin: Span): void {
    this.fencingLevels.push({ level, origin });
  }

  addTag(t: TagModel): void {
    this.tags.push(t);
  }

  addTemplate(t: TemplateModel): void {
    this.templates.set(t.id, t);
  }

  /** The template of that id, elaborated now if it is declared later in the site. */
  template(id: string): TemplateModel | undefined {
    const t = this.templates.get(id);
    if (t !== undefined) return t;
    const decl = this.scope.templates.get(id);
    if (decl === undefined || this.templatesSeen.has(id)) return undefined;
    elaborateTemplate(this, decl);
    return this.templates.get(id);
  }

  addAlert(a: AlertModel): void {
    this.alerts.push(a);
  }


  addResource(r: ResourceModel): void {
    this.resources.set(r.id, r);
    this.order.push(r);
  }

  /** A constraint the statement at `origin` makes. */
  addConstraint(constraint: Constraint, origin: Span): void {
    this.constraints.push({ constraint, origin });
  }

  /** The resource a constraint names, or undefined (reported); kept, as written, for the rules. */
  ref(n: A.Name): string | undefined {
    const id = this.scope.resolve(n, { templates: true });
    if (id !== undefined) this.references.push(n);
    return id;
  }

  /** An order, from an `order` statement or a service's `after`. */
  addOrder(first: string, fa: string, then: string, ta: string, kind: Order["orderKind"], span: Span, from: A.OrderDecl | A.InstanceDecl, options: C.OrderOptions = {}, requireSpan?: Span): void {
    // `named ID`: the order's own id; two such orders of the same actions are two constraints, as in Pacemaker.
    const named = from.kind === "order" ? from.name : undefined;
    const id = named?.text ?? N.orderId(first, fa, then, ta);
    const words: OrderEdge["from"] =
      from.kind === "order"
        ? { kind: "order", first: from.first.text, then: from.then.text }
        : { kind: "after", service: from.service.text, guest: from.guest.text, after: from.after?.text ?? "" };
    const edge: OrderEdge = { first, then, firstAction: fa, thenAction: ta, orderKind: kind, ...(options.symmetrical !== undefined ? { symmetrical: options.symmetrical } : {}),
      ...(options.requireAll !== undefined && requireSpan ? { requireAll: { value: options.requireAll, span: requireSpan } } : {}),
      span,
      from: words,
    };
    this.orders.push(edge);
    if (named) {
      if (!V.isXmlId(named.text)) this.report(badId(named, "constraint id"));
      else if (this.scope.claimConstraint(id, named.span)) this.addConstraint(C.order(id, first, fa, then, ta, kind, options), span);
      return;
    }
    const prev = this.orderById.get(id);
    if (prev) {
      // Two statements ordering the same pair of actions: name both (the id alone says nothing).
      this.report(
        diag("HA2005", span, `${sayOrder(edge)} orders the same actions as ${sayOrder(prev)}: hacc names an order after its two actions, so both would be the constraint \`${id}\``, {
          hint:
            edge.orderKind !== prev.orderKind
              ? `remove one of the two: a ${edge.orderKind === "Mandatory" ? "" : "mandatory "}order of the same actions already does what ${edge.orderKind === "Mandatory" ? "the other" : "this one"} asks`
              : "remove one of the two (or give them different actions)",
          related: [{ span: prev.span, message: `${sayOrder(prev)} is declared here` }],
        }),
      );
      return;
    }
    this.orderById.set(id, edge);
    if (!this.scope.claimConstraint(id, span)) return;
    this.addConstraint(C.order(id, first, fa, then, ta, kind, options), span);
  }

  /** An edge of a set order (src/check/elaborate-sets.ts), for the cycle check: its constraint is added whole. */
  addOrderEdge(edge: OrderEdge): void {
    this.orders.push(edge);
  }

  /** A resource's placement: a location per host, and the hosts it allows and bans. */
  placement(id: string, entries: readonly A.PlacementEntry[], guestItself: boolean): void {
    const { scope } = this;
    // Hosts listed so far (a long list gets a map; a resource lists a host or two).
    const seen = entries.length > 8 ? new Map<string, Span>() : undefined;
    const allowedHere: string[] = [];
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const host = e.host.text;
      // A remote node, or a guest node made by a resource's `remote-node`, runs resources as a cluster node does (not guests).
      // An unlisted node is never up: its location is written and places nothing (Pacemaker ignores it).
      const unlisted = namesUnlisted(scope, host);
      const isNode = unlisted || scope.nodes.has(host) || (!guestItself && scope.remote.has(host));
      const isGuest = !isNode && scope.guests.has(host);
      if (!isNode && !(isGuest && !guestItself)) {
        if (isGuest) {
          this.report(
            diag("HA2001", e.host.span, `a guest cannot run inside guest \`${host}\``, {
              hint: "guests run on cluster nodes; Pacemaker does not nest guest nodes",
            }),
          );
        } else scope.unknown(e.host, "node", "HA2001", guestItself ? "nodes" : "nodes and guests");
        this.failed.add(id);
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
        this.failed.add(id);
        continue;
      }
      // A location that cannot be made (its id) is the one mistake: the resource is not then "placed nowhere" too.
      if (e.named !== undefined && !V.isXmlId(e.named.text)) {
        this.report(badId(e.named, "location id"));
        this.failed.add(id);
        continue;
      }
      const lid = e.named?.text ?? N.locationId(id, host);
      if (!scope.claimConstraint(lid, e.named?.span ?? e.span)) {
        this.failed.add(id);
        continue;
      }
      this.addConstraint(C.location(lid, id, host, score), e.span);
      if (unlisted) continue;
      if (V.scoreValue(score) >= 0) allowedHere.push(host);
      else this.ban(id, host);
    }
    this.allow(id, allowedHere);
  }

  /** Records the nodes one statement allows `id` on (distinct already; a second statement's are merged in). */
  allow(id: string, nodes: string[]): void {
    if (nodes.length === 0) return;
    const prev = this.allowed.get(id);
    if (prev === undefined) this.allowed.set(id, nodes);
    else for (const n of nodes) if (!prev.includes(n)) prev.push(n);
  }

  /** Records a node that a location bans `id` from (a negative score). */
  ban(id: string, node: string): void {
    let b = this.banned.get(id);
    if (!b) this.banned.set(id, (b = new Set()));
    b.add(node);
  }

  /** Records that a location rule (which hacc does not evaluate) may place `id`. */
  placedByRule(id: string): void {
    this.ruled.add(id);
  }

  /**
   * Once every resource's parent is known: each top-level resource a location
   * by pattern matches is placed as a location of its own would place it
   * (Pacemaker 2.1.5 matches `rsc-pattern` against the top-level resources only).
   */
  expandPatterns(): void {
    const top = this.order.filter((r) => r.parent === undefined).map((r) => r.id);
    for (const { constraint: c } of this.constraints) {
      if ((c.kind !== "location" && c.kind !== "location-rule") || c.pattern === undefined) continue;
      for (const m of patternMatches(c.pattern, top) ?? []) {
        if (c.kind === "location-rule") this.placedByRule(m);
        else if (c.role === undefined || c.role === "Started") {
          if (V.scoreValue(c.score) >= 0) this.allow(m, [c.node]);
          else this.ban(m, c.node);
        }
      }
    }
  }

  /** How many hosts `id`'s placement allows so far. */
  allowedCount(id: string): number {
    return this.allowed.get(id)?.length ?? 0;
  }

  /** A score as written, without a leading `+`; undefined (reported) when it is not one. */
  score(v: A.Value): string | undefined {
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

  /** Once every group and clone is known: each child's parent, the first that holds it (a second is a rule's error). */
  setParents(): void {
    expandTemplates(this.order, this.tags, this.allowed, this.banned, this.ruled, this.failed, this.orders);
    for (const r of this.order) {
      for (const c of childrenOf(r)) {
        const child = this.resources.get(c);
        if (child && child.parent === undefined) child.parent = r.id;
      }
    }
  }
}
