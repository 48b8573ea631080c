import type { AttrSet, Bundle, Cib, Clone, Constraint, Group, NodeAttributes, NodeSet, NvPair, Op, Primitive, Resource, RuledSet, Template } from "../ir/types.js";
import * as C from "../ir/constraints.js";
import { xpathLiteral } from "../util/xml.js";
import { readAlerts, readFencing } from "./live-admin.js";
import { readAcls } from "./live-acl.js";
import { readSetConstraint, unknownOrderKind } from "./live-sets.js";
import { readLocation } from "./live-location.js";
import { normScore, resourceSets, ruledSet } from "./live-ruled.js";
import { readBundle } from "./live-bundle.js";
import { readTemplate, siteTags, templateAgent } from "./live-templates.js";
import { expandOpsRefs, idsWithin, REF_ELEMENTS, referencesIn, sharedOpLists, type SharedOps } from "./live-refs.js";
import { readTicketStates, type TicketState } from "./tickets.js";
import { parseXml, type El, type XmlError } from "./xml.js";
import type { LiveRef, LiveTag, Unsupported } from "./live-types.js";

export { normScore };

export type { LiveRef, LiveTag, Unsupported } from "./live-types.js";

/** A live CIB read into hacc's IR, with what could not be read. */
export interface LiveCib {
  /** The configuration hacc understands, with the ids the live CIB uses. */
  readonly cib: Cib;
  /** `admin_epoch`, `epoch`, `num_updates` of the `<cib>` element (absent for a bare `<configuration>`). */
  readonly version?: { readonly adminEpoch: string; readonly epoch: string; readonly numUpdates: string };
  /** The `<cib>` element's `validate-with` (`pacemaker-3.2`): the schema the CIB's changes must pass. */
  readonly schema?: string;
  readonly unsupported: readonly Unsupported[];
  /** Every id used in the configuration section, so new ids can avoid them. */
  readonly ids: ReadonlySet<string>;
  /** The element that carries each id (the first, if several do): its tag and XPath. */
  readonly elements: ReadonlyMap<string, { readonly tag: string; readonly path: string }>;
  /** Each `<node>` entry's id by its name (uname): a cluster node's id is the cluster layer's. */
  readonly nodeIds: ReadonlyMap<string, string>;
  /** The `<tag>`s of the configuration (a site's ownership tag among them). */
  readonly tags: readonly LiveTag[];
  /** Every reference to an id in the configuration, by what holds it. */
  readonly refs: readonly LiveRef[];
  /** The tickets the cluster holds (its status), or undefined when the document has no `<status>`. */
  readonly tickets?: ReadonlyMap<string, TicketState>;
  /** With `firstOfTwice`: each name set again in a resource's set (or its sets of a kind), which Pacemaker ignores. */
  readonly shadowed?: readonly Shadowed[];
  /** With `expandOpsRefs`: the primitives and templates whose ops are a shared op list (`<operations id-ref>`), by id. */
  readonly sharedOps?: ReadonlyMap<string, SharedOps>;
}

/** A name set a second time in a set, where Pacemaker reads the first (unpack_attr_set never overwrites), or set again by a later set, which wins: the pair it ignores. */
export interface Shadowed {
  readonly set: string;
  /** The later set whose value takes its place, when the pair is set again in another set (not its own). */
  readonly by?: string;
  readonly tag: string;
  readonly name: string;
  readonly value: string;
}

export type ReadError = { readonly kind: "xml"; readonly error: XmlError } | { readonly kind: "shape"; readonly message: string; readonly root?: string };

/** Cluster properties that Pacemaker or its tools set; hacc never compares or touches them. */
export const TOOL_PROPERTIES: readonly string[] = ["dc-version", "cluster-infrastructure", "cluster-name", "have-watchdog", "last-lrm-refresh"];

const RESOURCE_TAGS = new Set(["primitive", "group", "clone", "master", "bundle", "template"]);

/** An XPath step that names an element by id. */
export function step(tag: string, id: string | undefined): string {
  return id === undefined ? tag : `${tag}[@id=${xpathLiteral(id, "'")}]`;
}

/** What reading a bundle needs of the reader: its sets and primitives. */
export interface ResourceReader {
  sets(parent: El, tag: string): { set?: AttrSet } | { reason: string };
  primitive(el: El, path: string): Primitive | string;
}

class Reader implements ResourceReader {
  readonly unsupported: Unsupported[] = [];
  /** Set when a name set twice keeps its first value (the importer), else it is a reason (a plan leaves such an object alone). */
  readonly shadowed?: Shadowed[];

  constructor(firstOfTwice = false) {
    if (firstOfTwice) this.shadowed = [];
  }

  readonly ids = new Set<string>();
  readonly elements = new Map<string, { tag: string; path: string }>();
  /** The configuration's templates, read before the resources made from them. */
  readonly templates = new Map<string, Template>();

  bad(path: string, reason: string, id: string | undefined, refs: readonly string[] = [], location?: { rsc: string; node: string }): void {
    this.unsupported.push({ path, ...(id !== undefined ? { id } : {}), reason, refs: [...new Set(refs)].sort(), ...(location ? { location } : {}) });
  }

  collectIds(el: El, path: string): void {
    const id = el.attrs["id"];
    // A reference element (obj_ref, resource_ref, role) names another element by its id; it has none of its own.
    if (id !== undefined) this.ids.add(id);
    if (id !== undefined && !REF_ELEMENTS.has(el.tag) && !this.elements.has(id)) this.elements.set(id, { tag: el.tag, path });
    for (const c of el.children) this.collectIds(c, `${path}/${step(c.tag, REF_ELEMENTS.has(c.tag) ? undefined : c.attrs["id"])}`);
  }

  /**
   * Reads the sets named `tag` under `parent` as one set: Pacemaker merges
   * sets without rules. Returns a reason instead when it cannot.
   */
  sets(parent: El, tag: string): { set?: AttrSet } | { reason: string } {
    const found = parent.children.filter((c) => c.tag === tag);
    if (found.length === 0) return {};
    // A name's value: the first pair of it in its set, and of two rule-less sets the later one's (Pacemaker sorts the
    // sets by score, those of one score the later first, and never overwrites: crm_simulate's transition graph).
    const winner = new Map<string, { pair: NvPair; set: string }>();
    for (const s of found) {
      if (s.attrs["id-ref"] !== undefined) return { reason: `<${tag}> refers to another set (id-ref), which hacc cannot express` };
      const inSet = new Set<string>();
      for (const c of s.children) {
        if (c.tag === "rule") return { reason: `<${tag} id="${s.attrs["id"] ?? ""}"> has a rule, which hacc cannot express` };
        if (c.tag !== "nvpair") return { reason: `<${tag}> holds <${c.tag}>, which hacc cannot express` };
        const name = c.attrs["name"];
        if (name === undefined || c.attrs["id-ref"] !== undefined) return { reason: `<${tag}> holds an nvpair without a name`, };
        const [set, pair, before] = [s.attrs["id"] ?? "", { id: c.attrs["id"] ?? "", name, value: c.attrs["value"] ?? "" }, winner.get(name)];
        if (before || inSet.has(name)) {
          if (!this.shadowed || tag === "cluster_property_set") return { reason: `\`${name}\` is set twice in <${tag}>` };
          this.shadowed.push({ tag, name, ...(inSet.has(name) ? { set, value: pair.value } : { set: before!.set, value: before!.pair.value, by: set }) });
          if (inSet.has(name)) continue;
        }
        inSet.add(name);
        winner.set(name, { pair, set });
      }
    }
    return { set: { id: found[0]!.attrs["id"] ?? "", pairs: [...winner.values()].map((w) => w.pair) } };
  }

  primitive(el: El, path: string): Primitive | string {
    const a = el.attrs;
    for (const k of Object.keys(a)) if (!["id", "class", "provider", "type", "description", "template"].includes(k)) return `attribute \`${k}\` on <primitive> is not supported by hacc`;
    const agent = a["template"] !== undefined ? templateAgent(a, this.templates) : a["class"] === undefined || a["type"] === undefined ? "a primitive without class and type" : { standard: a["class"], ...(a["provider"] !== undefined ? { provider: a["provider"] } : {}), type: a["type"] };
    if (typeof agent === "string") return agent;
    const sets: Record<string, AttrSet | undefined> = {};
    const ruled: Record<string, RuledSet[] | undefined> = {};
    for (const tag of ["instance_attributes", "meta_attributes", "utilization"]) {
      const r: { set?: AttrSet; ruled?: RuledSet[] } | { reason: string } = tag === "utilization" ? this.sets(el, tag) : resourceSets(el, tag, (p, t) => this.sets(p, t));
      if ("reason" in r) return r.reason;
      sets[tag] = r.set;
      if (r.ruled && r.ruled.length > 0) ruled[tag] = r.ruled;
    }
    const ops: Op[] = [];
    for (const c of el.children) {
      if (["instance_attributes", "meta_attributes", "utilization"].includes(c.tag)) continue;
      if (c.tag !== "operations") return `<${c.tag}> inside a primitive is not supported by hacc`;
      // Its id names nothing anyone uses (tools choose it); a shared op list (id-ref) is another matter.
      if (Object.keys(c.attrs).some((k) => k !== "id")) return "<operations> with attributes other than an id (id-ref) is not supported by hacc";
      for (const o of c.children) {
        if (o.tag !== "op") return `<${o.tag}> inside <operations> is not supported by hacc`;
        // An op's own parameters (OCF_CHECK_LEVEL, ...): one rule-less <instance_attributes>, nothing else.
        const inner = o.children.find((x) => x.tag !== "instance_attributes");
        if (inner) return `<${inner.tag}> inside op \`${o.attrs["name"] ?? "?"}\` is not supported by hacc`;
        if (o.children.length > 1) return `op \`${o.attrs["name"] ?? "?"}\` has more than one <instance_attributes>, which hacc cannot express`;
        const opSet = this.sets(o, "instance_attributes");
        if ("reason" in opSet) return `op \`${o.attrs["name"] ?? "?"}\`: ${opSet.reason}`;
        const { id, name, interval, ...rest } = o.attrs;
        if (name === undefined) return "an op without a name";
        ops.push({
          id: id ?? "",
          name,
          interval: interval ?? "0",
          attrs: Object.keys(rest)
            .sort()
            .map((k) => [k, rest[k]!] as const),
          ...(opSet.set && opSet.set.pairs.length > 0 ? { instance: opSet.set } : {}),
        });
      }
    }
    void path;
    const meta = sets["meta_attributes"];
    const guest = meta?.pairs.find((p) => p.name === "remote-node")?.value;
    return {
      kind: "primitive",
      id: a["id"]!,
      ...agent,
      ...(sets["instance_attributes"] ? { instance: sets["instance_attributes"] } : {}),
      ...(meta ? { meta } : {}),
      ...(sets["utilization"] ? { utilization: sets["utilization"] } : {}),
      ...(ruled["instance_attributes"] ? { instanceSets: ruled["instance_attributes"] } : {}),
      ...(ruled["meta_attributes"] ? { metaSets: ruled["meta_attributes"] } : {}),
      ops,
      ...(a["description"] !== undefined ? { description: a["description"] } : {}),
      siteProvided: false,
      ...(guest !== undefined ? { guestNode: guest } : {}),
    };
  }

  group(el: El, path: string): Group | string {
    for (const k of Object.keys(el.attrs)) if (k !== "id" && k !== "description") return `attribute \`${k}\` on <group> is not supported by hacc`;
    const [m, ia] = [this.sets(el, "meta_attributes"), this.sets(el, "instance_attributes")];
    if ("reason" in m || "reason" in ia) return "reason" in m ? m.reason : (ia as { reason: string }).reason;
    const children: Primitive[] = [];
    for (const c of el.children) {
      // Its parameters (an empty set, which old tools wrote, gives the members nothing to inherit: it means nothing).
      if (c.tag === "meta_attributes" || c.tag === "instance_attributes") continue;
      if (c.tag !== "primitive") return `<${c.tag}> inside a group is not supported by hacc`;
      const p = this.primitive(c, `${path}/${step("primitive", c.attrs["id"])}`);
      if (typeof p === "string") return `member \`${c.attrs["id"] ?? "?"}\`: ${p}`;
      children.push(p);
    }
    const description = el.attrs["description"];
    return { kind: "group", id: el.attrs["id"]!, ...(description !== undefined ? { description } : {}), ...(ia.set && ia.set.pairs.length > 0 ? { instance: ia.set } : {}), ...(m.set ? { meta: m.set } : {}), children };
  }

  clone(el: El, path: string): Clone | string {
    for (const k of Object.keys(el.attrs)) if (k !== "id" && k !== "description") return `attribute \`${k}\` on <clone> is not supported by hacc`;
    const [m, ia] = [this.sets(el, "meta_attributes"), this.sets(el, "instance_attributes")];
    if ("reason" in m || "reason" in ia) return "reason" in m ? m.reason : (ia as { reason: string }).reason;
    const inner = el.children.filter((c) => c.tag !== "meta_attributes" && c.tag !== "instance_attributes");
    if (inner.length !== 1 || (inner[0]!.tag !== "primitive" && inner[0]!.tag !== "group")) return "a clone must hold exactly one primitive or group for hacc";
    const c = inner[0]!;
    const child = c.tag === "primitive" ? this.primitive(c, `${path}/${step("primitive", c.attrs["id"])}`) : this.group(c, `${path}/${step("group", c.attrs["id"])}`);
    if (typeof child === "string") return `member \`${c.attrs["id"] ?? "?"}\`: ${child}`;
    const promotable = /^(true|yes|on|1)$/i.test(m.set?.pairs.find((p) => p.name === "promotable")?.value ?? "");
    const description = el.attrs["description"];
    return { kind: "clone", id: el.attrs["id"]!, promotable, ...(description !== undefined ? { description } : {}), ...(ia.set && ia.set.pairs.length > 0 ? { instance: ia.set } : {}), ...(m.set ? { meta: m.set } : {}), child };
  }

  bundle(el: El, path: string): Bundle | string {
    return readBundle(el, path, this);
  }

  resources(section: El | undefined, base: string): Resource[] {
    for (const el of section?.children ?? []) {
      if (el.tag !== "template" || el.attrs["id"] === undefined) continue;
      const t = readTemplate(el, (p) => this.primitive(p, ""));
      if (typeof t === "string") this.bad(`${base}/${step(el.tag, el.attrs["id"])}`, t, el.attrs["id"], idsWithin(el));
      else this.templates.set(t.id, t);
    }
    const out: Resource[] = [];
    for (const el of section?.children ?? []) {
      if (el.tag === "template" && el.attrs["id"] !== undefined) continue;
      const id = el.attrs["id"];
      const path = `${base}/${step(el.tag, id)}`;
      const refs = idsWithin(el);
      if (id === undefined) {
        this.bad(path, `<${el.tag}> without an id`, undefined, refs);
        continue;
      }
      let r: Resource | string;
      if (el.tag === "primitive") r = this.primitive(el, path);
      else if (el.tag === "group") r = this.group(el, path);
      else if (el.tag === "clone") r = this.clone(el, path);
      else if (el.tag === "bundle") r = this.bundle(el, path);
      else if (el.tag === "master") r = "the deprecated <master> element is not supported by hacc (a promotable <clone> is; crmsh 4.4's `ms` writes <master>): make it a promotable clone (`pcs resource promotable`, crmsh `clone ID CHILD meta promotable=true`), then import";
      else if (RESOURCE_TAGS.has(el.tag)) r = `<${el.tag}> resources are not supported by hacc yet`;
      else r = `<${el.tag}> in <resources> is not known to hacc`;
      if (typeof r === "string") this.bad(path, r, id, refs);
      else out.push(r);
    }
    return out;
  }

  constraint(el: El): Constraint | string {
    const a = el.attrs;
    const only = (allowed: readonly string[]): string | undefined => {
      for (const k of Object.keys(a)) if (!allowed.includes(k)) return `attribute \`${k}\` on <${el.tag}> is not supported by hacc`;
      return undefined;
    };
    if (el.tag !== "rsc_location" && el.children.some((c) => c.tag === "resource_set")) return readSetConstraint(el, normScore);
    switch (el.tag) {
      case "rsc_location":
        return readLocation(el, normScore);
      case "rsc_order": {
        const e = only(["id", "first", "then", "first-action", "then-action", "kind", "symmetrical", "require-all"]);
        if (e) return e;
        if (a["first"] === undefined || a["then"] === undefined) return "an order without `first` and `then`";
        const kind = a["kind"] ?? "Mandatory";
        if (kind !== "Mandatory" && kind !== "Optional" && kind !== "Serialize") return unknownOrderKind(kind);
        const firstAction = a["first-action"] ?? "start";
        // Booleans as the schema writes them (xsd:boolean); another spelling would not come back as written.
        const flag = (k: string): boolean | string | undefined =>
          a[k] === undefined ? undefined : a[k] === "true" ? true : a[k] === "false" ? false : `\`${k}="${a[k]}"\` on an order is not \`true\` or \`false\``;
        const symmetrical = flag("symmetrical");
        const requireAll = flag("require-all");
        if (typeof symmetrical === "string") return symmetrical;
        if (typeof requireAll === "string") return requireAll;
        return C.order(a["id"]!, a["first"], firstAction, a["then"], a["then-action"] ?? firstAction, kind, { symmetrical, requireAll });
      }
      case "rsc_colocation": {
        const e = only(["id", "rsc", "with-rsc", "score", "rsc-role", "with-rsc-role", "node-attribute", "influence"]);
        if (e) return e;
        if (a["rsc"] === undefined || a["with-rsc"] === undefined) return "a colocation without `rsc` and `with-rsc`";
        // Pacemaker 2.1.5 reads a missing score as 0 and drops a colocation of score 0 (pcmk__new_colocation): it does nothing.
        if (a["score"] === undefined) return "a colocation without `score` does nothing (Pacemaker 2.1.5 reads its score as 0 and ignores it); remove it, or give it the score meant";
        const options = { nodeAttribute: a["node-attribute"], influence: a["influence"] };
        return C.colocation(a["id"]!, a["rsc"], a["with-rsc"], normScore(a["score"]), a["rsc-role"], a["with-rsc-role"], options);
      }
      case "rsc_ticket": {
        const e = only(["id", "ticket", "rsc", "rsc-role", "loss-policy"]);
        if (e) return e;
        if (a["rsc"] === undefined || a["ticket"] === undefined) return "a ticket constraint without `rsc` and `ticket`";
        return { kind: "ticket", id: a["id"]!, ticket: a["ticket"], rsc: a["rsc"], ...(a["rsc-role"] !== undefined ? { rscRole: a["rsc-role"] } : {}), ...(a["loss-policy"] !== undefined ? { lossPolicy: a["loss-policy"] } : {}) };
      }
      default:
        return `<${el.tag}> constraints are not supported by hacc yet`;
    }
  }

  defaults(section: El | undefined, path: string): { set?: AttrSet; ruled: RuledSet[] } {
    if (!section) return { ruled: [] };
    // A set with a rule or a score is read as one of its own (src/review/live-location.ts reads the rule); one with an
    // id-ref is someone's own, left alone by itself, so the plain set beside it is still read, compared and changed.
    const own = (c: El) => c.tag === "meta_attributes" && (c.attrs["score"] !== undefined || c.attrs["id-ref"] !== undefined || c.children.some((x) => x.tag === "rule"));
    const ruled: RuledSet[] = [];
    for (const c of section.children.filter(own)) {
      const r = c.attrs["id-ref"] === undefined ? ruledSet(c, section.tag === "op_defaults" ? "op" : "rsc") : `a <${c.tag}> in <${section.tag}> with an id-ref is not supported by hacc`;
      if (typeof r === "string") this.bad(`${path}/${step(c.tag, c.attrs["id"])}`, r, c.attrs["id"]);
      else ruled.push(r);
    }
    const r = this.sets({ ...section, children: section.children.filter((c) => !own(c)) }, "meta_attributes");
    const other = section.children.find((c) => c.tag !== "meta_attributes");
    if (other) this.bad(`${path}/${step(other.tag, other.attrs["id"])}`, `<${other.tag}> in <${section.tag}> is not supported by hacc`, other.attrs["id"]);
    if ("reason" in r) {
      this.bad(path, r.reason, undefined);
      return { ruled };
    }
    return { ...(r.set && r.set.pairs.length > 0 ? { set: r.set } : {}), ruled };
  }
}

/**
 * Reads a CIB as `cibadmin --query` or `pcs cluster cib` prints it (or a bare
 * `<configuration>`) into hacc's IR. Nodes and status are not read: hacc
 * never touches them. Tool-set properties are dropped. What the IR cannot
 * hold is listed in `unsupported`, object by object, with where it is.
 */
export function readLiveCib(text: string, opts: { firstOfTwice?: boolean; expandOpsRefs?: boolean } = {}): { value: LiveCib } | { error: ReadError } {
  const parsed = parseXml(text);
  if ("error" in parsed) return { error: { kind: "xml", error: parsed.error } };
  const root = parsed.root;
  let config: El | undefined;
  let version: LiveCib["version"];
  if (root.tag === "cib") {
    config = root.children.find((c) => c.tag === "configuration");
    if (!config) return { error: { kind: "shape", message: "the <cib> element has no <configuration>" } };
    version = { adminEpoch: root.attrs["admin_epoch"] ?? "0", epoch: root.attrs["epoch"] ?? "0", numUpdates: root.attrs["num_updates"] ?? "0" };
  } else if (root.tag === "configuration") config = root;
  else return { error: { kind: "shape", message: `expected a <cib> or <configuration> root element, found <${root.tag}>`, root: root.tag } };

  // Ids and references are the CIB's as written (an expanded op list's ids are its holder's alone).
  const written = config;
  const sharedOps = opts.expandOpsRefs === true ? sharedOpLists(config) : undefined;
  if (opts.expandOpsRefs === true) config = expandOpsRefs(config);
  const r = new Reader(opts.firstOfTwice === true);
  r.collectIds(written, "/cib/configuration");
  const base = "/cib/configuration";
  const sec = (tag: string): El | undefined => config!.children.find((c) => c.tag === tag);

  // Properties: every rule-less cluster_property_set, merged.
  const crm = sec("crm_config");
  const props: NvPair[] = [];
  let propSetId = "cib-bootstrap-options";
  const propSeen = new Set<string>();
  const propertySets: RuledSet[] = [];
  const ranked = new Map<string, string>();
  for (const s of crm?.children ?? []) {
    const path = `${base}/crm_config/${step(s.tag, s.attrs["id"])}`;
    if (s.tag !== "cluster_property_set") {
      r.bad(path, `<${s.tag}> in <crm_config> is not supported by hacc`, s.attrs["id"]);
      continue;
    }
    if (s.children.some((c) => c.tag === "rule") || (s.attrs["score"] !== undefined && s.attrs["id"] !== "cib-bootstrap-options")) {
      // A set chosen by a rule or ranked by a score (cib-bootstrap-options comes first whatever its score: crm_simulate).
      const one = s.attrs["id"] === "cib-bootstrap-options" ? "cib-bootstrap-options with a rule (read before every other set, whatever the scores) has no form in the language" : ruledSet(s, "property");
      if (typeof one === "string") r.bad(path, one, s.attrs["id"]);
      else propertySets.push(one);
      continue;
    }
    const one = r.sets({ tag: "crm_config", attrs: {}, children: [s] }, "cluster_property_set");
    if ("reason" in one) {
      r.bad(path, one.reason, s.attrs["id"]);
      continue;
    }
    if (props.length === 0 && s.attrs["id"] !== undefined) propSetId = s.attrs["id"];
    for (const p of one.set?.pairs ?? []) {
      if (TOOL_PROPERTIES.includes(p.name)) continue;
      if (propSeen.has(p.name)) {
        r.bad(`${base}/crm_config//nvpair[@name=${xpathLiteral(p.name, "'")}]`, `property \`${p.name}\` is set in more than one property set`, undefined);
        continue;
      }
      propSeen.add(p.name);
      props.push(p);
      if (s.attrs["id"] !== "cib-bootstrap-options") ranked.set(p.name, path);
    }
  }
  // A plain set other than cib-bootstrap-options ranks with the sets of a score (0); written into cib-bootstrap-options,
  // which Pacemaker reads first whatever the scores, its value would beat theirs.
  for (const ps of propertySets) for (const p of ps.pairs) if (ranked.has(p.name)) r.bad(ranked.get(p.name)!, `property \`${p.name}\` is set by a plain set other than cib-bootstrap-options and by a set with a rule or a score, which hacc cannot rank`, undefined);

  const resources = r.resources(sec("resources"), `${base}/resources`);

  const constraints: Constraint[] = [];
  for (const el of sec("constraints")?.children ?? []) {
    const id = el.attrs["id"];
    const path = `${base}/constraints/${step(el.tag, id)}`;
    const c = id === undefined ? "a constraint without an id" : r.constraint(el);
    const { rsc, node } = el.attrs;
    if (typeof c === "string") r.bad(path, c, id, idsWithin(el), el.tag === "rsc_location" && rsc !== undefined && node !== undefined ? { rsc, node } : undefined);
    else constraints.push(c);
  }

  const { set: rscDefaults, ruled: rscDefaultSets } = r.defaults(sec("rsc_defaults"), `${base}/rsc_defaults`);
  const { set: opDefaults, ruled: opDefaultSets } = r.defaults(sec("op_defaults"), `${base}/op_defaults`);

  const tags: LiveTag[] = [];
  for (const el of config.children) {
    if (["crm_config", "nodes", "resources", "constraints", "rsc_defaults", "op_defaults", "fencing-topology", "alerts", "acls"].includes(el.tag)) continue;
    if (el.children.length === 0) continue;
    if (el.tag === "tags") {
      // Each tag on its own (in `tags`, not `unsupported`): a site's ownership tag is hacc's to write; a plan leaves the others as they are.
      for (const t of el.children) {
        const refs = t.children.filter((o) => o.tag === "obj_ref").flatMap((o) => o.attrs["id"] ?? []);
        const id = t.attrs["id"];
        if (t.tag === "tag" && id !== undefined) tags.push({ id, refs });
        else r.bad(`${base}/tags/${step(t.tag, id)}`, `<${t.tag}> in <tags> is not known to hacc; it is left as it is`, id, refs);
      }
      continue;
    }
    r.bad(`${base}/${el.tag}`, `hacc does not manage <${el.tag}>; it is left as it is`, undefined, []);
  }

  // Node attributes and utilization, which a plan compares for the nodes the site gives them (src/review/nodes.ts).
  // Sets with a rule or a score are read apart (`nodeSets`), as a resource's are; a node's sets hacc cannot read are
  // left out: the plan then leaves that node alone.
  const nodeAttributes: NodeAttributes[] = [];
  const nodeUtilization: { node: string; utilization: AttrSet; remote?: boolean }[] = [];
  const nodeSets: NodeSet[] = [];
  const nodeIds = new Map<string, string>();
  for (const n of sec("nodes")?.children ?? []) {
    const uname = n.attrs["uname"];
    if (n.tag !== "node" || uname === undefined) continue;
    if (n.attrs["id"] !== undefined && !nodeIds.has(uname)) nodeIds.set(uname, n.attrs["id"]);
    const remote = n.attrs["type"] === "remote";
    const a = resourceSets(n, "instance_attributes", (p, t) => r.sets(p, t));
    if ("set" in a && a.set && a.set.pairs.length > 0) nodeAttributes.push({ node: uname, attributes: a.set, ...(remote ? { remote: true } : {}) });
    const u = resourceSets(n, "utilization", (p, t) => r.sets(p, t));
    if ("set" in u && u.set && u.set.pairs.length > 0) nodeUtilization.push({ node: uname, utilization: u.set, ...(remote ? { remote: true } : {}) });
    for (const [which, got] of [["attributes", a], ["utilization", u]] as const) {
      if ("ruled" in got) for (const set of got.ruled) nodeSets.push({ node: uname, which, set, ...(remote ? { remote: true } : {}) });
    }
  }

  const fencingLevels = readFencing(sec("fencing-topology"), base, r.bad.bind(r));
  const alerts = readAlerts(sec("alerts"), base, r.sets.bind(r), r.bad.bind(r));
  const acls = readAcls(sec("acls"), base, r.bad.bind(r));
  const cib: Cib = {
    clusterName: "",
    nodes: (sec("nodes")?.children ?? []).flatMap((n) => n.attrs["uname"] ?? []),
    ...(nodeAttributes.length > 0 ? { nodeAttributes } : {}),
    ...(nodeUtilization.length > 0 ? { nodeUtilization } : {}),
    ...(nodeSets.length > 0 ? { nodeSets } : {}),
    properties: { id: propSetId, pairs: props },
    ...(rscDefaults ? { rscDefaults } : {}),
    ...(opDefaults ? { opDefaults } : {}),
    ...(rscDefaultSets.length > 0 ? { rscDefaultSets } : {}),
    ...(opDefaultSets.length > 0 ? { opDefaultSets } : {}),
    ...(propertySets.length > 0 ? { propertySets } : {}),
    resources,
    constraints,
    ...(fencingLevels.length > 0 ? { fencingLevels } : {}),
    ...(alerts.length > 0 ? { alerts } : {}),
    ...(acls ? { acls } : {}),
    ...(r.templates.size > 0 ? { templates: [...r.templates.values()] } : {}), ...siteTags(tags),
  };
  const tickets = readTicketStates(root);
  return {
    value: {
      cib,
      ...(version ? { version } : {}),
      ...(root.tag === "cib" && root.attrs["validate-with"] !== undefined ? { schema: root.attrs["validate-with"] } : {}),
      unsupported: r.unsupported,
      ids: r.ids,
      elements: r.elements,
      nodeIds,
      tags,
      refs: referencesIn(written, base),
      ...(tickets ? { tickets } : {}),
      ...(r.shadowed ? { shadowed: r.shadowed } : {}),
      ...(sharedOps && sharedOps.size > 0 ? { sharedOps } : {}),
    },
  };
}
