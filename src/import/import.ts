import { colocationId, colocationSetId, locationId, orderId, orderSetId, ticketId, ticketSetId } from "../check/names.js";
import { ruleText } from "../ir/rule-text.js";
import { locationTarget } from "../ir/set-text.js";
import type { Op, AttrSet, Bundle, BundleMapping, Clone, Constraint, Group, Location, LocationRule, Primitive, Resource } from "../ir/types.js";
import type { IbLine } from "../libvirt/domain.js";
import { readLiveCib, step } from "../review/live.js";
import { parseXml, type XmlError } from "../review/xml.js";
import { ownId, placeables, unsaidLocation, type Placeable } from "./constraints.js";
import { BASE, rawRefusals, remoteNodesOf } from "./raw.js";
import { setAsideOf, type SetAside } from "./set-aside.js";
import { withoutRuntimeDefaults, type KeptRuntime } from "./runtime.js";
import { setStatement } from "./sets.js";
import { notGuestReason, originLines, repeatedOp, type Origin } from "./ops.js";
import { fitsString, isKeyWord, value } from "./write.js";
import { isNameWord, nameText, nm } from "../syntax/names.js";
import { inheritedItems, resourceSetItems, ruleWord, unsaidRule } from "./rules.js";
import { importAcls } from "./acl.js";
import { importTags } from "./tags.js";
import { importAlert, importFencingLevel } from "./admin.js";
import { clusterLines, unlistedNodes } from "./cluster.js";

/**
 * `hacc import`: a whole CIB (as `cibadmin --query` prints it) into a `.ha`
 * site that compiles back (`--target cib --full`) to the same configuration.
 * The CIB is read by the live-CIB reader of `hacc plan` (src/review/live.ts),
 * which refuses DOCTYPEs, entities and deep nesting and lists what hacc's IR
 * cannot hold; what the language cannot say on top of that is refused here.
 * Anything refused is one `Refusal` naming the element by its XPath, and no
 * site is written: nothing is ever dropped without a word.
 */

/** Something in the CIB the language cannot say exactly. */
export interface Refusal {
  /** The element, as an XPath into the CIB, e.g. `/cib/configuration/constraints/rsc_ticket[@id='t']`. */
  readonly path: string;
  readonly reason: string;
}

export type ImportResult =
  | {
      readonly text: string;
      readonly refusals: readonly [];
      /** The operators' temporary locations left out (HA1008), in CIB order. */
      readonly setAside: readonly SetAside[];
      /** Run-time settings kept at a value other than Pacemaker's default (HA1009), in CIB order. */
      readonly runtime: readonly KeptRuntime[];
      /** The guests written as `guest` statements, in CIB order; whether `<nodes>` holds a `<node>` (a `<configuration>` fragment has none). */
      readonly guests: readonly string[];
      /** Guest nodes of VirtualDomain primitives not written as `guest`, and why (their domains' VFs are then not imported). */
      readonly notGuests: ReadonlyMap<string, string>;
      readonly nodeEntries: boolean;
      /** The CIB element each written statement came from, by the lines of `text` it takes (1-based, inclusive). */
      readonly origins: readonly Origin[];
    }
  | { readonly text?: undefined; readonly refusals: readonly Refusal[] }
  | { readonly error: string; readonly xml?: XmlError; /** The root element's tag, when it is no CIB's (HA1010). */ readonly root?: string };

/** Colocation roles as Pacemaker's schema spells them: the language reads each back from its lower-case form. */
const ROLES: readonly string[] = ["Started", "Stopped", "Promoted", "Unpromoted", "Master", "Slave"];

/** The stdlib's service kind (stdlib/storage.ha: `service lwfsd agent ocf:heartbeat:lwfsd guest-param vhost;`). */
const LWFSD = { agent: "ocf:heartbeat:lwfsd", param: "vhost" } as const;

/** The parts of an op the language writes after `op NAME`: the `<op>` attributes a site may set (src/check/known.ts). */
const OP_KEYS = new Set(["timeout", "start-delay", "interval-origin", "on-fail", "role", "enabled", "record-pending", "requires", "description"]);

class Importer {
  readonly refusals: Refusal[] = [];
  readonly out: string[] = [];
  /** Locations by resource, in CIB order: written as the resource's `on` list. */
  /** Each resource's `on` list: node, score, and ` named ID` or "" (the derived id). */
  readonly placements = new Map<string, { node: string; score: string; named: string }[]>();
  /** Primitives that are guest VMs written as `guest` (their id is `vm-NAME`). */
  readonly guests = new Map<string, string>();
  /** `location` statements, written after the resources; which CIB element each says, by its entries there. */
  readonly locations: string[] = [];
  readonly locationSpans: { from: number; to: number; path: string }[] = [];
  /** Plain locations written as statements (their ids not derived), by resource: why a VM is no `guest`. */
  readonly locationIds = new Map<string, { id: string; node: string }[]>();
  /** Guest nodes (a VirtualDomain's remote-node) not written as `guest`, and why. */
  readonly notGuests = new Map<string, string>();
  /** The orders `lwfsd on GUEST after vm;` makes, by id: not written again. */
  readonly served = new Set<string>();
  /** The order statements written so far, to say a repeated one once. */
  readonly orderLines = new Set<string>();

  constructor(
    private readonly optIn: boolean,
    private readonly orders: readonly Extract<Constraint, { kind: "order" }>[],
    /** Each guest's `ib` lines, from its libvirt domain XML (`hacc import --libvirt DIR`). */
    private readonly ib: ReadonlyMap<string, readonly IbLine[]> = new Map(),
  ) {}

  refuse(path: string, reason: string): void {
    this.refusals.push({ path, reason });
  }

  /** A name the grammar reads back as itself (a keyword as a string: `nameText`), or a refusal. */
  name(s: string, path: string, what: string): boolean {
    if (nameText(s) !== undefined) return true;
    this.refuse(path, `the ${what} \`${s}\` holds characters a name cannot`);
    return false;
  }

  /** `KEY = VALUE` pairs, or a refusal. */
  pairs(set: AttrSet, path: string): string | undefined {
    const out: string[] = [];
    for (const p of set.pairs) {
      if (!isKeyWord(p.name) || !fitsString(p.value)) {
        this.refuse(`${path}/nvpair[@name='${p.name}']`, `\`${p.name}\` = \`${p.value}\` cannot be written in the language (the name is not a word, or the value holds a control character)`);
        return undefined;
      }
      out.push(`${p.name} = ${value(p.value)}`);
    }
    return out.join(", ");
  }

  /** `description "TEXT";` for an element's description, none without one (refused when a string cannot hold it). */
  description(text: string | undefined, path: string): string[] {
    if (text === undefined) return [];
    if (fitsString(text)) return [`description ${ruleWord(text)};`];
    this.refuse(path, "the description holds a control character, which a string cannot");
    return [];
  }

  /** The block of a primitive: `exact-ops;`, ops, meta, utilization, params (less `skip`). */
  primitiveItems(p: Primitive, path: string, skipParams: readonly string[], skipMeta: readonly string[]): string[] {
    const items: string[] = ["exact-ops;", ...this.description(p.description, path)];
    const firstOf = new Map<string, Op>();
    for (const o of p.ops) {
      const again = repeatedOp(o, firstOf, path, (at, why) => this.refuse(at, why));
      if (again !== undefined) {
        if (again !== "") items.push(again);
        continue;
      }
      const words = [`op ${o.name}`, `interval ${value(o.interval)}`];
      for (const [k, v] of o.attrs) {
        if (!OP_KEYS.has(k) || !fitsString(v)) {
          this.refuse(`${path}/operations/op[@name='${o.name}']`, `the op attribute \`${k}\` has no form in the language`);
          continue;
        }
        words.push(`${k} ${value(v)}`);
      }
      if (!isNameWord(o.name)) this.refuse(`${path}/operations/op[@name='${o.name}']`, `the op name \`${o.name}\` cannot be written as a word`);
      if (o.instance && o.instance.pairs.length > 0) {
        // The op's own parameters, in its braces: `op monitor interval 3600 { OCF_CHECK_LEVEL = 10; }`.
        const params = o.instance.pairs.map((q) => this.pairs({ id: o.instance!.id, pairs: [q] }, `${path}/operations/op[@name='${o.name}']/instance_attributes`));
        items.push(`${words.join(" ")} { ${params.map((p) => `${p ?? ""};`).join(" ")} }`);
        continue;
      }
      items.push(words.join(" ") + ";");
    }
    const meta = p.meta ? { ...p.meta, pairs: p.meta.pairs.filter((m) => !skipMeta.includes(m.name)) } : undefined;
    if (meta && meta.pairs.length > 0) items.push(`meta ${this.pairs(meta, `${path}/meta_attributes`) ?? ""};`);
    if (p.utilization && p.utilization.pairs.length > 0) items.push(`utilization ${this.pairs(p.utilization, `${path}/utilization`) ?? ""};`);
    if (p.instance) {
      for (const q of p.instance.pairs) {
        if (skipParams.includes(q.name)) continue;
        const one = this.pairs({ id: p.instance.id, pairs: [q] }, `${path}/instance_attributes`);
        if (one !== undefined) items.push(`${one};`);
      }
    }
    items.push(...resourceSetItems(p, path, (at, why) => this.refuse(at, why)));
    return items;
  }

  /** ` on NODE SCORE, ...` for a resource's locations, or nothing. */
  on(id: string): string {
    const ps = this.placements.get(id);
    if (!ps || ps.length === 0) return "";
    return " on " + ps.map((p) => `${nm(p.node)} ${p.score}${p.named}`).join(", ");
  }

  /** `location ID for RSC [ROLE] [discovery MODE]`. */
  locationHead(c: Location | LocationRule): string {
    return `location ${nm(c.id)} for ${c.set !== undefined || c.pattern !== undefined ? locationTarget(c) : nm(c.rsc)}${c.role !== undefined ? ` ${ruleWord(c.role)}` : ""}${c.discovery !== undefined ? ` discovery ${ruleWord(c.discovery)}` : ""}`;
  }

  block(head: string, items: readonly string[], tail: string): void {
    if (items.length === 0) {
      this.out.push(`${head}${tail};`);
      return;
    }
    this.out.push(`${head} {`, ...items.map((i) => `  ${i}`), `}${tail}${tail === "" ? "" : ";"}`);
  }

  agent(p: Pick<Primitive, "standard" | "provider" | "type">): string {
    return p.provider !== undefined ? `${p.standard}:${p.provider}:${p.type}` : `${p.standard}:${p.type}`;
  }

  primitive(p: Primitive, path: string, topLevel: boolean): void {
    if (!this.name(p.id, path, "resource id")) return;
    // Made from a template: its own settings (its ops are those it writes, no `exact-ops;` needed).
    if (p.template !== undefined) return this.block(`resource ${nm(p.id)} from ${nm(p.template)}`, this.primitiveItems(p, path, [], []).slice(1), topLevel ? this.on(p.id) : "");
    const guest = this.guestOf(p);
    if (guest !== undefined && topLevel) {
      this.guests.set(p.id, guest);
      const params = p.instance!.pairs;
      const config = params.find((q) => q.name === "config")!.value;
      const hv = params.find((q) => q.name === "hypervisor")!.value;
      const ib = (this.ib.get(guest) ?? []).map((l) => `ib ${l.host} at ${l.slot};`);
      const items = [`config ${value(config)};`, `hypervisor ${value(hv)};`, ...ib, ...this.primitiveItems(p, path, ["config", "hypervisor"], ["remote-node"])];
      const on = this.on(p.id);
      this.block(`guest ${guest}${on}`, items, "");
      return;
    }
    const service = topLevel ? this.serviceOf(p) : undefined;
    if (service !== undefined) {
      this.served.add(`order-vm-${service}-${p.id}`);
      this.block(`lwfsd on ${service} after vm`, this.primitiveItems(p, path, [LWFSD.param], []), "");
      return;
    }
    const agent = this.agent(p);
    this.block(`resource ${nm(p.id)} ${value(agent)}`, this.primitiveItems(p, path, [], []), topLevel ? this.on(p.id) : "");
  }

  /** The guest NAME a VirtualDomain primitive with meta `remote-node=NAME` (anywhere in the meta) is, when `guest` says it exactly (else why not: notGuests). */
  guestOf(p: Primitive): string | undefined {
    const node = p.standard === "ocf" && p.provider === "heartbeat" && p.type === "VirtualDomain" ? p.meta?.pairs.find((q) => q.name === "remote-node")?.value : undefined;
    const why = node === undefined ? undefined : notGuestReason(p, node, this.placements.get(p.id) ?? [], this.locationIds.get(p.id) ?? []);
    if (node !== undefined && why !== undefined) this.notGuests.set(node, why);
    return why === undefined ? node : undefined;
  }

  /**
   * The guest an lwfsd primitive serves, when `lwfsd on GUEST after vm;` says
   * it exactly: id `lwfsd-GUEST` of the stdlib kind's agent, its guest
   * parameter first and naming the guest, placed on the guest alone with
   * INFINITY, ordered after the guest's VM by the order that statement makes,
   * in an opt-in cluster (a symmetric one adds a rule the reader refuses).
   */
  serviceOf(p: Primitive): string | undefined {
    if (!this.optIn || `${p.standard}:${p.provider ?? ""}:${p.type}` !== LWFSD.agent) return undefined;
    const g = p.id.startsWith("lwfsd-") ? p.id.slice("lwfsd-".length) : undefined;
    if (g === undefined || ![...this.guests.values()].includes(g)) return undefined;
    const first = p.instance?.pairs[0];
    if (first?.name !== LWFSD.param || first.value !== g) return undefined;
    const on = this.placements.get(p.id) ?? [];
    if (on.length !== 1 || on[0]!.node !== g || on[0]!.score !== "INFINITY") return undefined;
    const order = this.orders.find((o) => o.id === `order-vm-${g}-${p.id}`);
    if (!order || order.first !== `vm-${g}` || order.then !== p.id || order.firstAction !== "start" || order.thenAction !== "start" || order.orderKind !== "Mandatory") return undefined;
    return g;
  }

  group(g: Group, path: string): void {
    for (const c of g.children) this.primitive(c, `${path}/${step("primitive", c.id)}`, false);
    if (!this.name(g.id, path, "group id")) return;
    const items = [...this.description(g.description, path), ...(g.meta && g.meta.pairs.length > 0 ? [`meta ${this.pairs(g.meta, `${path}/meta_attributes`) ?? ""};`] : []), ...inheritedItems(g.instance, path, (s, at) => this.pairs(s, at))];
    this.block(`group ${nm(g.id)} ${g.children.map((c) => nm(c.id)).join(", ")}`, items, this.on(g.id));
  }

  clone(c: Clone, path: string): void {
    if (c.child.kind === "primitive") this.primitive(c.child, `${path}/${step("primitive", c.child.id)}`, false);
    else this.group(c.child, `${path}/${step("group", c.child.id)}`);
    if (!this.name(c.id, path, "clone id")) return;
    // `promotable` adds meta promotable=true in front unless the meta sets it: with it in the meta, it stays where it is.
    const promotable = c.promotable && c.meta?.pairs.some((m) => m.name === "promotable") === true;
    const items = [...this.description(c.description, path), ...(c.meta && c.meta.pairs.length > 0 ? [`meta ${this.pairs(c.meta, `${path}/meta_attributes`) ?? ""};`] : []), ...inheritedItems(c.instance, path, (s, at) => this.pairs(s, at))];
    this.block(`${promotable ? "promotable" : "clone"} ${nm(c.id)} of ${nm(c.child.id)}`, items, this.on(c.id));
  }

  /** `bundle ID [of PRIMITIVE] { docker ...; network ...; port-map ...; storage-map ...; meta ...; }`, mappings with their ids. */
  bundle(b: Bundle, path: string): void {
    if (b.child) this.primitive(b.child, `${path}/${step("primitive", b.child.id)}`, false);
    if (!this.name(b.id, path, "bundle id")) return;
    const line = (head: string, attrs: Bundle["container"]["attrs"], at: string): string | undefined => {
      const pairs = this.pairs({ id: "", pairs: attrs.map(([name, v]) => ({ id: "", name, value: v })) }, at);
      return pairs === undefined ? undefined : `${head} ${pairs};`;
    };
    const maps = (kw: string, tag: string, ms: readonly BundleMapping[], at: string) => ms.map((m) => line(kw, [["id", m.id], ...m.attrs], `${at}/${step(tag, m.id)}`));
    const items = [
      line(b.container.type, b.container.attrs, `${path}/${b.container.type}`),
      ...(b.network && b.network.attrs.length > 0 ? [line("network", b.network.attrs, `${path}/network`)] : []),
      ...maps("port-map", "port-mapping", b.network?.portMappings ?? [], `${path}/network`),
      ...maps("storage-map", "storage-mapping", b.storage ?? [], `${path}/storage`),
      ...(b.meta && b.meta.pairs.length > 0 ? [`meta ${this.pairs(b.meta, `${path}/meta_attributes`) ?? ""};`] : []),
    ];
    if (b.network && b.network.attrs.length === 0 && b.network.portMappings.length === 0) this.refuse(`${path}/network`, "an empty <network> has no form in the language");
    if (b.storage && b.storage.length === 0) this.refuse(`${path}/storage`, "an empty <storage> has no form in the language");
    this.block(`bundle ${nm(b.id)}${b.child ? ` of ${nm(b.child.id)}` : ""}`, items.filter((i): i is string => i !== undefined), this.on(b.id));
  }

  resource(r: Resource, path: string): void {
    switch (r.kind) {
      case "bundle":
        return this.bundle(r, path);
      case "primitive":
        return this.primitive(r, path, true);
      case "group":
        return this.group(r, path);
      case "clone":
        return this.clone(r, path);
    }
  }

  /** `fencing-level INDEX for TARGET with DEVICE, ...;` */
  constraint(c: Constraint, path: string, placeable: Placeable): void {
    switch (c.kind) {
      case "location": {
        const why = unsaidLocation(c, placeable);
        if (why !== undefined) return this.refuse(path, why);
        if (!(c.set?.resources ?? []).every((m) => this.name(m, path, "resource"))) return;
        if (!this.name(c.node, path, "node")) return;
        const list = this.placements.get(c.rsc) ?? [];
        // The resource's `on` list says a plain location; one with a role or discovery, or a second on a node, is a
        // statement; so is a group member's (whose declaration has no `on` list in a group). An id that is not
        // `location-RSC-NODE` (pcs's `location-d-n1-50`, a crmsh user's `pref-d`) is kept by `named ID` in the list,
        // so a plan finds the live location by it and a guest keeps its `guest` form.
        if (c.set === undefined && placeable.get(c.rsc) === "top" && c.role === undefined && c.discovery === undefined && !list.some((p) => p.node === c.node)) {
          list.push({ node: c.node, score: c.score, named: ownId(c.id, locationId(c.rsc, c.node)) });
          this.placements.set(c.rsc, list);
          return;
        }
        if (!this.name(c.id, path, "location id")) return;
        if (c.set === undefined) this.locationIds.set(c.rsc, [...(this.locationIds.get(c.rsc) ?? []), { id: c.id, node: c.node }]);
        this.locationSpans.push({ from: this.locations.length, to: this.locations.length + 1, path });
        this.locations.push(`${this.locationHead(c)} on ${nm(c.node)} ${c.score};`);
        return;
      }
      case "location-rule": {
        const why = unsaidLocation(c, placeable);
        if (why !== undefined) return this.refuse(path, why);
        if (!(c.set?.resources ?? []).every((m) => this.name(m, path, "resource"))) return;
        if (!this.name(c.id, path, "location id")) return;
        const rules: string[] = [];
        for (const r of c.rules) {
          const why = unsaidRule(r);
          if (why !== undefined) return this.refuse(`${path}/${step("rule", r.id)}`, why);
          rules.push(`  ${ruleText(r, ruleWord)};`);
        }
        this.locationSpans.push({ from: this.locations.length, to: this.locations.length + rules.length + 2, path });
        this.locations.push(`${this.locationHead(c)} {`, ...rules, "}");
        return;
      }
      case "order": {
        if (this.served.has(c.id)) return;
        const act = (a: string) => (a === "start" ? "" : `${a} `);
        const kind = c.orderKind === "Mandatory" ? "" : ` ${c.orderKind.toLowerCase()}`;
        const sym = c.symmetrical === undefined ? "" : c.symmetrical ? " symmetrical" : " one-way";
        const req = c.requireAll === undefined ? "" : c.requireAll ? " require-all" : " require-any";
        const line = `order ${act(c.firstAction)}${nm(c.first)} then ${act(c.thenAction)}${nm(c.then)}${kind}${sym}${req}`;
        const named = ownId(c.id, orderId(c.first, c.firstAction, c.then, c.thenAction));
        // The same order again under an id the language cannot keep: Pacemaker orders the same actions once.
        if (named === "" && this.orderLines.has(line)) this.out.push(`# ${line} again (${c.id}): the same actions ordered alike, which Pacemaker reads once; not imported`);
        else this.out.push(`${line}${named};`);
        this.orderLines.add(line);
        return;
      }
      case "colocation": {
        // A role as the language writes it (lower case), when the CIB writes it as the language gives it back.
        const role = (r: string | undefined, attr: string): string | undefined => {
          if (r === undefined) return "";
          if (ROLES.includes(r)) return `${r.toLowerCase()} `;
          this.refuse(path, `the ${attr} \`${r}\` is not one of ${ROLES.join(", ")} as Pacemaker's schema spells them`);
          return undefined;
        };
        const rr = role(c.rscRole, "rsc-role");
        const wr = role(c.withRscRole, "with-rsc-role");
        if (rr === undefined || wr === undefined) return;
        const opts = `${c.nodeAttribute !== undefined ? ` node-attribute ${ruleWord(c.nodeAttribute)}` : ""}${c.influence !== undefined ? ` influence ${ruleWord(c.influence)}` : ""}`;
        this.out.push(`colocate ${rr}${nm(c.rsc)} with ${wr}${nm(c.withRsc)} ${c.score}${opts}${ownId(c.id, colocationId(c.rsc, c.withRsc))};`);
        return;
      }
      case "ticket": {
        if (!this.name(c.ticket, path, "ticket")) return;
        const role = c.rscRole !== undefined ? ` ${value(c.rscRole)}` : "";
        const loss = c.lossPolicy !== undefined ? ` loss-policy ${value(c.lossPolicy)}` : "";
        this.out.push(`ticket ${nm(c.ticket)} for ${nm(c.rsc)}${role}${loss}${ownId(c.id, ticketId(c.ticket, c.rsc))};`);
        return;
      }
      case "order-set":
      case "colocation-set":
      case "ticket-set": {
        if (c.kind === "ticket-set" && !this.name(c.ticket, path, "ticket")) return;
        // The CIB's id when it is not the one the language derives (pcs names a set constraint `order_set_...`): a plan then finds it.
        const members = c.sets.flatMap((s) => s.resources);
        const derived = c.kind === "order-set" ? orderSetId(members) : c.kind === "colocation-set" ? colocationSetId(members) : ticketSetId(c.ticket, members);
        const r = setStatement(c, ownId(c.id, derived));
        if ("why" in r) return this.refuse(path, r.why);
        this.out.push(r.text);
        return;
      }
    }
  }
}

/**
 * Imports a CIB's text. Deterministic: the same CIB gives the same bytes.
 * `ib`: each guest's `ib` lines by guest name (from its libvirt domain XML),
 * written into the guest's block; the CIB has no place for them.
 */
export function importCib(text: string, ib?: ReadonlyMap<string, readonly IbLine[]>): ImportResult {
  const r = readLiveCib(text, { firstOfTwice: true, expandOpsRefs: true });
  if ("error" in r) {
    const e = r.error;
    if (e.kind === "xml") return { error: `${e.error.line}:${e.error.column}: ${e.error.refused ? "refused" : "not well-formed XML"}: ${e.error.message}`, xml: e.error };
    return { error: e.message, ...(e.root !== undefined ? { root: e.root } : {}) };
  }
  const parsed = parseXml(text);
  if ("error" in parsed) return { error: parsed.error.message };
  const root = parsed.root;
  const config = root.tag === "cib" ? root.children.find((c) => c.tag === "configuration")! : root;
  const read = r.value.cib;
  const sym = read.properties.pairs.find((p) => p.name === "symmetric-cluster")?.value;
  const optIn = sym !== undefined && /^(false|off|no|n|0)$/i.test(sym);
  const imp = new Importer(
    optIn,
    read.constraints.filter((c): c is Extract<Constraint, { kind: "order" }> => c.kind === "order"),
    ib,
  );
  for (const u of r.value.unsupported) imp.refuse(u.path, u.reason);
  const read0 = rawRefusals(config, imp, remoteNodesOf(read.resources));
  // Run-time settings at Pacemaker's default mean nothing and are left out; others are kept, with a warning (HA1009).
  const runtime = withoutRuntimeDefaults(read, read0.attributes);
  const cib = runtime.cib;
  const raw = { ...read0, attributes: runtime.attributes };

  const placeable = new Map(placeables(cib.resources, cib.templates, r.value.tags));
  // The resources refused on their own (a <master>, an unknown element) and what they hold: their locations say so.
  const refusedTop = new Set(r.value.unsupported.filter((u) => u.id !== undefined && /^\/cib\/configuration\/resources\/[^/]+$/.test(u.path)).map((u) => u.id!));
  const markRefused = (el: (typeof config.children)[number], inside: boolean): void => {
    const id = el.attrs["id"];
    const here = inside || (id !== undefined && refusedTop.has(id));
    if (here && id !== undefined && !placeable.has(id)) placeable.set(id, "refused");
    for (const c of el.children) markRefused(c, here);
  };
  for (const el of config.children.find((x) => x.tag === "resources")?.children ?? []) markRefused(el, false);
  const paths = new Map<string, string>();
  const constraintEls = config.children.find((x) => x.tag === "constraints")?.children ?? [];
  for (const c of constraintEls) paths.set(c.attrs["id"] ?? "", `${BASE}/constraints/${step(c.tag, c.attrs["id"])}`);
  // An operator's ban or move is not the site's configuration: left out, with a word (HA1008), whatever it holds.
  const setAside = setAsideOf(constraintEls);
  const asideIds = new Set(setAside.map((x) => x.id));
  // Locations first: they become the `on` lists of the resources written below.
  const rest: Constraint[] = [];
  for (const c of cib.constraints) {
    if (asideIds.has(c.id)) continue;
    if (c.kind === "location" || c.kind === "location-rule") imp.constraint(c, paths.get(c.id) ?? BASE, placeable);
    else rest.push(c);
  }

  const nodeEntries = (config.children.find((c) => c.tag === "nodes")?.children ?? []).some((n) => n.tag === "node");
  const unlisted = unlistedNodes(cib.constraints, (c) => !asideIds.has(c.id), cib.fencingLevels ?? [], [...raw.nodes, ...raw.remote, ...remoteNodesOf(read.resources)], nodeEntries);
  imp.out.push(...clusterLines(imp, cib, raw, runtime.notes, r.value.shadowed ?? [], unlisted));

  for (const t of cib.templates ?? []) {
    const path = `${BASE}/resources/${step("template", t.id)}`;
    if (imp.name(t.id, path, "template id")) imp.block(`template ${nm(t.id)} ${value(imp.agent(t))}`, imp.primitiveItems({ kind: "primitive", ...t }, path, [], []), "");
  }
  // Which CIB element each statement says, by its entries in `out` (one line each, or a block's lines).
  const spans: { from: number; to: number; path: string }[] = [];
  const from = (path: string, f: () => void) => {
    const start = imp.out.length;
    f();
    if (imp.out.length > start) spans.push({ from: start, to: imp.out.length, path });
  };
  for (const res of cib.resources) from(`${BASE}/resources/${step(res.kind, res.id)}`, () => imp.resource(res, `${BASE}/resources/${step(res.kind, res.id)}`));
  imp.out.push(...importTags(r.value.tags, raw.ownerTag, imp));
  const locationsAt = imp.out.length;
  for (const s of imp.locationSpans) spans.push({ from: locationsAt + s.from, to: locationsAt + s.to, path: s.path });
  imp.out.push(...imp.locations);
  for (const c of rest) from(paths.get(c.id) ?? BASE, () => imp.constraint(c, paths.get(c.id) ?? BASE, placeable));
  for (const f of cib.fencingLevels ?? []) from(`${BASE}/fencing-topology/${step("fencing-level", f.id)}`, () => imp.out.push(...importFencingLevel(f, imp)));
  for (const a of cib.alerts ?? []) from(`${BASE}/alerts/${step("alert", a.id)}`, () => imp.out.push(...importAlert(a, imp)));
  imp.out.push(...(cib.acls ? importAcls(cib.acls, imp) : []));

  // What the reader could not hold inside a location set aside is not refused: it is not imported at all.
  const within = (x: Refusal) => setAside.some((a) => x.path === a.path || x.path.startsWith(`${a.path}/`));
  const refusals = imp.refusals.filter((x) => !within(x));
  if (refusals.length > 0) {
    const seen = new Set<string>();
    const key = (x: Refusal) => x.path + "\0" + x.reason;
    return { refusals: refusals.filter((x) => !seen.has(key(x)) && seen.add(key(x)) !== undefined) };
  }
  const origins = originLines(imp.out, spans);
  return { text: imp.out.join("\n") + "\n", refusals: [], setAside, runtime: runtime.kept, origins, notGuests: imp.notGuests, guests: [...imp.guests.values()], nodeEntries };
}
