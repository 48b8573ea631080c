import { childResources } from "../ir/resources.js";
import { compareTemplates } from "./compare-templates.js";
import { compareTags, type TagChange } from "./compare-tags.js";
import { constraintFields, constraintKey } from "./constraint-fields.js";
import type { AttrSet, Bundle, Cib, Clone, Constraint, Group, Op, Primitive, Resource, RuledSet } from "../ir/types.js";
import { TOOL_PROPERTIES } from "./live.js";
import { compareDefaultSets, defaultSetText, type DefaultSetChange } from "./compare-defaults.js";
import { compareAdmin, type AdminChange } from "./compare-admin.js";
import { compareNodes, type NodeChange } from "./nodes.js";
import { carriedRuntime, RUNTIME_META } from "./runtime.js";

/** One named value that appears (`to` only), disappears (`from` only) or changes (both). */
export interface ValueChange {
  readonly name: string;
  readonly from?: string;
  readonly to?: string;
}

export interface OpChange {
  readonly op: "add" | "remove" | "change";
  readonly name: string;
  readonly interval: string;
  readonly role?: string;
  /** For a change: the op attributes that differ (timeout, on-fail, ...). */
  readonly attrs: readonly ValueChange[];
  readonly old?: Op;
  readonly new?: Op;
}

export interface ResourceChange {
  /** `keep`: on the old side only, kept because undeclared objects are kept. */
  readonly op: "add" | "remove" | "change" | "keep";
  readonly id: string;
  readonly kind: Resource["kind"];
  /** What a reviewer needs to recognise it: the agent, or the members. */
  readonly what: string;
  /** Changes of the object's own fields: agent, kind, members. */
  readonly fields: readonly ValueChange[];
  readonly params: readonly ValueChange[];
  readonly meta: readonly ValueChange[];
  readonly utilization: readonly ValueChange[];
  readonly ops: readonly OpChange[];
  /** For `keep`: why the object is kept. */
  readonly kept?: string;
  /** Changes inside members (a group's primitives, a clone's child) that stay in place. */
  readonly members: readonly ResourceChange[];
  /** Set when the change cannot be made in place: the object is deleted and created again. */
  readonly rebuild?: string;
  /** For a plan's rebuild: the run-time meta attributes on the live resource and its members that it keeps (`m1 is-managed=false`). */
  readonly carried?: readonly string[];
  readonly old?: Resource;
  readonly new?: Resource;
}

export interface ConstraintChange {
  readonly op: "add" | "remove" | "change" | "keep";
  readonly id: string;
  /** When a live constraint with another id says the same thing, its id. */
  readonly oldId?: string;
  readonly fields: readonly ValueChange[];
  /** For `keep`: why the constraint is kept. */
  readonly kept?: string;
  readonly old?: Constraint;
  readonly new?: Constraint;
}

/** The semantic difference between two configurations, object by object. */
export interface ChangeSet {
  readonly properties: readonly ValueChange[];
  readonly rscDefaults: readonly ValueChange[];
  readonly opDefaults: readonly ValueChange[];
  /** Properties and defaults on the old side only, kept because undeclared objects are kept. */
  readonly keptValues: readonly { readonly section: ValueSection; readonly name: string; readonly value: string; readonly kept: string }[];
  readonly resources: readonly ResourceChange[];
  readonly constraints: readonly ConstraintChange[];
  /** Node attributes and utilization (src/review/nodes.ts). */
  readonly nodes: readonly NodeChange[];
  /** Defaults sets with a rule or a score (src/review/compare-defaults.ts); absent when none differs. */
  readonly defaultSets?: readonly DefaultSetChange[];
  /** Fencing levels and alerts (src/review/compare-admin.ts); absent when none changes. */
  readonly admin?: readonly AdminChange[];
  /** Templates added, changed or removed (src/review/compare-templates.ts); absent when none changes. */
  readonly templates?: readonly ResourceChange[];
  /** The site's tags added, changed, removed or kept (src/review/compare-tags.ts); absent when none differs. */
  readonly tags?: readonly TagChange[];
  /** A plan's change of the site's ownership tag (absent when it stays as it is): the ids it lists before and after. */
  readonly ownership?: { readonly id: string; readonly from?: readonly string[]; readonly to?: readonly string[] };
}

export interface CompareOptions {
  /**
   * The old side is a live cluster: meta attributes that operators and tools
   * set at run time (`target-role`, `is-managed`) are left alone unless the
   * new side declares them.
   */
  readonly live?: boolean;
  /** Objects only on the old side are kept (`keep`), not removed. */
  readonly keepUndeclared?: boolean;
  /**
   * Why a resource or constraint only on the old side is kept, or undefined
   * when it goes; only such a one may be paired with a new constraint of
   * another id. Wins over keepUndeclared.
   */
  readonly keep?: (id: string) => string | undefined;
  /** Why a fencing level or alert only on the old side is kept, or undefined when it goes. Wins over keepUndeclared. */
  readonly keepAdmin?: (kind: AdminChange["kind"]) => string | undefined;
  /** Why a node attribute or utilization only on the old (live) side is kept, or undefined when it goes. */
  readonly keepNodeValue?: () => string | undefined;
  /** Why a property or default only on the old side is kept, or undefined when it goes. Wins over keepUndeclared. */
  readonly keepValue?: (section: ValueSection, name: string) => string | undefined;
  /** Why a defaults set with a rule or a score, a template or a tag only on the old side is kept (by its id), or undefined when it goes. Wins over keepUndeclared. */
  readonly keepOther?: (kind: "defaults set" | "property set" | "template" | "tag", id: string) => string | undefined;
}

export type ValueSection = "property" | "rsc-default" | "op-default";

const UNDECLARED = "not declared by the site";

function keepOf(opts: CompareOptions): (id: string) => string | undefined {
  return opts.keep ?? ((): string | undefined => (opts.keepUndeclared ? UNDECLARED : undefined));
}

export { RUNTIME_META };

/**
 * Run-time settings an operator sets cluster-wide (properties, resource and
 * op defaults): a plan changes them only when the site declares them.
 */
export const RUNTIME_SETTINGS: readonly string[] = ["maintenance-mode", "stop-all-resources", ...RUNTIME_META];

const DURATION_KEYS = new Set(["interval", "timeout", "start-delay", "interval-origin"]);

/** A duration in milliseconds when it is one (`10s`, `10`, `5min`, `500ms`, `1h`), for comparison only. */
export function normDuration(s: string): string {
  const m = /^\s*(\d+)\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?\s*$/i.exec(s);
  if (!m) return s;
  const n = Number(m[1]);
  const unit = (m[2] ?? "s").toLowerCase();
  const factor: Record<string, number> = { ms: 1, msec: 1, us: 0.001, usec: 0.001, s: 1000, sec: 1000, m: 60000, min: 60000, h: 3600000, hr: 3600000 };
  return String(n * factor[unit]!);
}

/** Compares two name->value lists; the result follows the new side's order, then removals sorted. */
export function compareValues(
  oldPairs: readonly (readonly [string, string])[],
  newPairs: readonly (readonly [string, string])[],
  same: (name: string, a: string, b: string) => boolean = (_n, a, b) => a === b,
): ValueChange[] {
  const oldMap = new Map(oldPairs);
  const newNames = new Set(newPairs.map((p) => p[0]));
  const out: ValueChange[] = [];
  for (const [name, to] of newPairs) {
    const from = oldMap.get(name);
    if (from === undefined) out.push({ name, to });
    else if (!same(name, from, to)) out.push({ name, from, to });
  }
  const removed = oldPairs.filter(([n]) => !newNames.has(n)).sort((a, b) => cmp(a[0], b[0]));
  for (const [name, from] of removed) out.push({ name, from });
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pairs(set: AttrSet | undefined): [string, string][] {
  return (set?.pairs ?? []).map((p) => [p.name, p.value]);
}

/** Meta attributes as compared: `remote-addr` equal to `remote-node` is Pacemaker's default, so it is dropped. */
function metaPairs(set: AttrSet | undefined): [string, string][] {
  const ps = pairs(set);
  const node = ps.find(([n]) => n === "remote-node")?.[1];
  return ps.filter(([n, v]) => !(n === "remote-addr" && v === node));
}

export function agentOf(p: Primitive): string {
  return p.template !== undefined ? `from ${p.template}` : [p.standard, p.provider, p.type].filter((x) => x !== undefined).join(":");
}

function opKey(o: Op): string {
  const role = o.attrs.find(([k]) => k === "role")?.[1] ?? "";
  return `${o.name}\u0000${normDuration(o.interval)}\u0000${role}`;
}

function compareOps(oldOps: readonly Op[], newOps: readonly Op[]): OpChange[] {
  // Of a live op written twice (one name and interval), Pacemaker reads the first (find_rsc_op_entry): it is the one
  // the site's op is compared with, and the later one is removed (a site cannot write both: HA3018).
  const oldBy = new Map<string, Op>();
  for (const o of oldOps) if (!oldBy.has(opKey(o))) oldBy.set(opKey(o), o);
  const newKeys = new Set(newOps.map(opKey));
  const role = (o: Op): { role?: string } => {
    const r = o.attrs.find(([k]) => k === "role")?.[1];
    return r !== undefined ? { role: r } : {};
  };
  const out: OpChange[] = [];
  const same = (n: string, a: string, b: string): boolean => (DURATION_KEYS.has(n) ? normDuration(a) === normDuration(b) : a === b);
  for (const o of newOps) {
    const old = oldBy.get(opKey(o));
    if (!old) {
      out.push({ op: "add", name: o.name, interval: o.interval, ...role(o), attrs: [], new: o });
      continue;
    }
    // An op's own parameters count as its attributes, named as the language writes them (`param NAME`).
    const params = (x: Op): [string, string][] => (x.instance?.pairs ?? []).map((q) => [`param ${q.name}`, q.value]);
    const attrs = compareValues(
      [["interval", old.interval], ...old.attrs.filter(([k]) => k !== "role"), ...params(old)],
      [["interval", o.interval], ...o.attrs.filter(([k]) => k !== "role"), ...params(o)],
      same,
    );
    if (attrs.length > 0) out.push({ op: "change", name: o.name, interval: o.interval, ...role(o), attrs, old, new: o });
  }
  const removed = oldOps.filter((o) => !newKeys.has(opKey(o)) || oldBy.get(opKey(o)) !== o).sort((a, b) => cmp(opKey(a), opKey(b)));
  for (const o of removed) out.push({ op: "remove", name: o.name, interval: o.interval, ...role(o), attrs: [], old: o });
  return out;
}

function describe(r: Resource): string {
  switch (r.kind) {
    case "primitive":
      return agentOf(r) + (r.guestNode !== undefined ? `, guest node ${r.guestNode}` : "");
    case "group":
      return `members ${r.children.map((c) => c.id).join(", ")}`;
    case "clone":
      return `${r.promotable ? "promotable clone" : "clone"} of ${r.child.id}`;
    case "bundle":
      return `bundle (${r.container.type}${r.container.attrs.filter(([k]) => k === "image").map(([, v]) => ` ${v}`).join("")})${r.child ? ` of ${r.child.id}` : ""}`;
  }
}

/** A bundle's container, network and mappings as named values, for a diff: `docker image`, `port-map ID`, ... */
export function bundleFields(b: Bundle): [string, string][] {
  const text = (attrs: Bundle["container"]["attrs"]) => attrs.map(([k, v]) => `${k}=${v}`).join(" ");
  return [
    ["container", b.container.type],
    ...b.container.attrs.map(([k, v]): [string, string] => [`${b.container.type} ${k}`, v]),
    ...(b.network?.attrs ?? []).map(([k, v]): [string, string] => [`network ${k}`, v]),
    ...(b.network?.portMappings ?? []).map((m): [string, string] => [`port-map ${m.id}`, text(m.attrs)]),
    ...(b.storage ?? []).map((m): [string, string] => [`storage-map ${m.id}`, text(m.attrs)]),
  ];
}

const EMPTY = { fields: [], params: [], meta: [], utilization: [], ops: [], members: [] } as const;

/**
 * A resource added, removed or kept whole. An added one lists everything it
 * is made with, as changes from nothing (a reviewer sees its parameters, meta
 * attributes, utilization, operations and members); a removed or kept one
 * only names itself.
 */
function whole(op: "add" | "remove" | "keep", r: Resource): ResourceChange {
  if (op !== "add") return { op, id: r.id, kind: r.kind, what: describe(r), ...EMPTY, old: r };
  const meta = compareValues([], metaPairs(r.meta));
  const detail =
    r.kind === "primitive"
      ? { fields: compareValues([], setTexts(r)), params: compareValues([], pairs(r.instance)), utilization: compareValues([], pairs(r.utilization)), ops: compareOps([], r.ops) }
      : { members: childResources(r).map((c) => whole("add", c)), ...(r.kind === "bundle" ? { fields: compareValues([], bundleFields(r)) } : {}) };
  return { op, id: r.id, kind: r.kind, what: describe(r), ...EMPTY, meta, ...detail, new: r };
}

function compareMeta(oldSet: AttrSet | undefined, newSet: AttrSet | undefined, opts: CompareOptions): ValueChange[] {
  const ch = compareValues(metaPairs(oldSet), metaPairs(newSet));
  return opts.live ? ch.filter((c) => !(c.to === undefined && RUNTIME_META.includes(c.name))) : ch;
}

/** A primitive's sets with a rule or a score, each as `params set ID` (or `meta set ID`) and its text, for a reviewer. */
function setTexts(p: Primitive): [string, string][] {
  const one = (kw: "params" | "meta", s: RuledSet): [string, string] => [`${kw} set ${s.id}`, defaultSetText(kw, s)];
  return [...(p.instanceSets ?? []).map((s) => one("params", s)), ...(p.metaSets ?? []).map((s) => one("meta", s))];
}

/** A group's or clone's parameters (`param K`), which its members inherit; a plan changes them in place. */
function inherited(o: Group | Clone, n: Group | Clone): ValueChange[] {
  const ps = (r: Group | Clone): [string, string][] => pairs(r.instance).map(([k, v]) => [`param ${k}`, v]);
  return compareValues(ps(o), ps(n));
}

/** A group's or clone's own parameter changes (its `param K` fields), by the parameter's name. */
export function ownParamChanges(ch: ResourceChange | undefined): ValueChange[] {
  return (ch?.fields ?? []).filter((f) => f.name.startsWith("param ")).map((f) => ({ ...f, name: f.name.slice("param ".length) }));
}

function compareResource(o: Resource, n: Resource, opts: CompareOptions): ResourceChange | undefined {
  const base = { op: "change" as const, id: n.id, kind: n.kind, what: describe(n), old: o, new: n };
  if (o.kind !== n.kind) {
    return { ...base, ...EMPTY, fields: [{ name: "kind", from: o.kind, to: n.kind }], rebuild: `it changes from a ${o.kind} to a ${n.kind}` };
  }
  const meta = compareMeta(o.meta, n.meta, opts);
  // A description is an attribute of the element: a merge cannot take one away, so a change writes the element anew.
  // A bundle has none in the language (import refuses one).
  const descOf = (r: Resource): string | undefined => (r.kind === "bundle" ? undefined : r.description);
  const desc: ValueChange[] = descOf(o) !== descOf(n) ? [{ name: "description", from: descOf(o), to: descOf(n) }] : [];
  const descRebuild = desc.length > 0 ? { rebuild: "its description changes" } : {};
  if (o.kind === "primitive" && n.kind === "primitive") {
    const agent: ValueChange[] = agentOf(o) !== agentOf(n) ? [{ name: "agent", from: agentOf(o), to: agentOf(n) }] : [];
    const sets = compareValues(setTexts(o), setTexts(n));
    const fields = [...agent, ...desc, ...sets];
    const params = compareValues(pairs(o.instance), pairs(n.instance));
    const utilization = compareValues(pairs(o.utilization), pairs(n.utilization));
    const ops = compareOps(o.ops, n.ops);
    if (fields.length + params.length + meta.length + utilization.length + ops.length === 0) return undefined;
    // Its params and meta sets with a rule or a score change in place, by id (src/review/own-sets.ts).
    return { ...base, fields, params, meta, utilization, ops, members: [], ...(agent.length > 0 ? { rebuild: "its agent changes" } : descRebuild) };
  }
  if (o.kind === "group" && n.kind === "group") {
    const oldIds = o.children.map((c) => c.id);
    const newIds = n.children.map((c) => c.id);
    if (oldIds.join("\u0000") !== newIds.join("\u0000")) {
      // Members added, removed or reordered: the group is written anew, and each kept member's own changes are shown.
      const members = n.children.flatMap((c) => {
        const oc = o.children.find((x) => x.id === c.id);
        return oc ? (compareResource(oc, c, opts) ?? []) : [];
      });
      return { ...base, ...EMPTY, fields: [{ name: "members", from: oldIds.join(", "), to: newIds.join(", ") }], meta, members, rebuild: "its members change" };
    }
    const members = n.children.flatMap((c, i) => compareResource(o.children[i]!, c, opts) ?? []);
    const own = [...desc, ...inherited(o, n)];
    if (meta.length + members.length + own.length === 0) return undefined;
    // Its own parameters change in place, by name (src/review/steps.ts, the pcs plan's cibadmin).
    return { ...base, ...EMPTY, fields: own, meta, members, ...descRebuild };
  }
  if (o.kind === "clone" && n.kind === "clone") {
    if (o.child.id !== n.child.id || o.child.kind !== n.child.kind) {
      return { ...base, ...EMPTY, fields: [{ name: "child", from: o.child.id, to: n.child.id }], meta, rebuild: "its child changes" };
    }
    const member = compareResource(o.child, n.child, opts);
    const members = member ? [member] : [];
    const own = [...desc, ...inherited(o, n)];
    if (meta.length + members.length + own.length === 0) return undefined;
    return {
      ...base, ...EMPTY, fields: own, meta, members,
      ...(member?.rebuild !== undefined ? { rebuild: `its child ${member.rebuild.replace(/^its /, "")}` } : descRebuild),
    };
  }
  if (o.kind === "bundle" && n.kind === "bundle") {
    // A bundle's container, network and mappings change by writing it anew; its meta and its primitive's settings in place.
    const fields = compareValues(bundleFields(o), bundleFields(n));
    if (o.child?.id !== n.child?.id) fields.push({ name: "primitive", ...(o.child ? { from: o.child.id } : {}), ...(n.child ? { to: n.child.id } : {}) });
    const member = o.child && n.child && o.child.id === n.child.id ? compareResource(o.child, n.child, opts) : undefined;
    const members = member ? [member] : [];
    if (fields.length + meta.length + members.length === 0) return undefined;
    const rebuild = fields.length > 0 ? "its container, network, mappings or primitive change" : member?.rebuild !== undefined ? `its primitive ${member.rebuild.replace(/^its /, "")}` : undefined;
    return { ...base, ...EMPTY, fields, meta, members, ...(rebuild !== undefined ? { rebuild } : {}) };
  }
  return undefined;
}

function compareConstraints(oldCs: readonly Constraint[], newCs: readonly Constraint[], opts: CompareOptions): ConstraintChange[] {
  const oldById = new Map(oldCs.map((c) => [c.id, c]));
  const newIds = new Set(newCs.map((c) => c.id));
  const keep = keepOf(opts);
  // Old constraints under another id, by what they say: a tool may have chosen that id. One that is kept is not taken.
  const strays = new Map<string, Constraint[]>();
  for (const c of oldCs) {
    if (newIds.has(c.id) || (opts.keep !== undefined && keep(c.id) !== undefined)) continue;
    const k = constraintKey(c);
    strays.set(k, [...(strays.get(k) ?? []), c]);
  }
  const paired = new Set<string>();
  const out: ConstraintChange[] = [];
  for (const n of newCs) {
    let o = oldById.get(n.id);
    if (!o) {
      const cands = strays.get(constraintKey(n))?.filter((c) => !paired.has(c.id)) ?? [];
      if (cands.length === 1) o = cands[0]!;
    }
    if (!o) {
      out.push({ op: "add", id: n.id, fields: [], new: n });
      continue;
    }
    paired.add(o.id);
    const fields = compareValues(constraintFields(o), constraintFields(n));
    if (fields.length > 0 || o.id !== n.id) out.push({ op: "change", id: n.id, ...(o.id !== n.id ? { oldId: o.id } : {}), fields, old: o, new: n });
  }
  const removed = oldCs.filter((c) => !newIds.has(c.id) && !paired.has(c.id)).sort((a, b) => cmp(a.id, b.id));
  for (const c of removed) {
    const why = keep(c.id);
    out.push({ op: why !== undefined ? "keep" : "remove", id: c.id, fields: [], ...(why !== undefined ? { kept: why } : {}), old: c });
  }
  return out;
}

function props(set: AttrSet | undefined): [string, string][] {
  return pairs(set).filter(([n]) => !TOOL_PROPERTIES.includes(n));
}

/**
 * The change from `old` to `next`, object by object: resources by id,
 * constraints by id (or, for a constraint under another id, by what it
 * says), properties and defaults by name. Ids of attribute sets, nvpairs and
 * ops, element order and tool-set properties are not compared.
 */
export function compareCibs(old: Cib, next: Cib, opts: CompareOptions = {}): ChangeSet {
  const keptValues: ChangeSet["keptValues"][number][] = [];
  const keepValue = opts.keepValue ?? ((): string | undefined => (opts.keepUndeclared ? UNDECLARED : undefined));
  const values = (section: ValueSection, o: [string, string][], n: [string, string][]): ValueChange[] => {
    const out: ValueChange[] = [];
    for (const c of compareValues(o, n)) {
      const why = c.to === undefined ? keepValue(section, c.name) : undefined;
      if (why !== undefined) keptValues.push({ section, name: c.name, value: c.from!, kept: why });
      else out.push(c);
    }
    return out;
  };
  const properties = values("property", props(old.properties), props(next.properties));
  const rscDefaults = values("rsc-default", pairs(old.rscDefaults), pairs(next.rscDefaults));
  const opDefaults = values("op-default", pairs(old.opDefaults), pairs(next.opDefaults));

  const oldById = new Map(old.resources.map((r) => [r.id, r]));
  const newIds = new Set(next.resources.map((r) => r.id));
  const resources: ResourceChange[] = [];
  for (const n of next.resources) {
    const o = oldById.get(n.id);
    if (!o) resources.push(whole("add", n));
    else {
      const c = compareResource(o, n, opts);
      const carried = c && opts.live && needsRebuild(c) ? carriedRuntime(o, n) : [];
      if (c) resources.push(carried.length > 0 ? { ...c, carried } : c);
    }
  }
  const removed = old.resources.filter((r) => !newIds.has(r.id)).sort((a, b) => cmp(a.id, b.id));
  const keep = keepOf(opts);
  for (const r of removed) {
    const why = keep(r.id);
    resources.push(why !== undefined ? { ...whole("keep", r), kept: why } : whole("remove", r));
  }

  const nodes = compareNodes(old, next, opts.live === true, (o, n) => compareValues(o, n), opts.keepNodeValue);
  const admin = compareAdmin(old, next, opts.keepAdmin ?? ((): string | undefined => (opts.keepUndeclared ? UNDECLARED : undefined)));
  const keepOther = opts.keepOther ?? ((): string | undefined => (opts.keepUndeclared ? UNDECLARED : undefined));
  const defaultSets = compareDefaultSets(old, next, (id, section) => keepOther(section === "property" ? "property set" : "defaults set", id));
  const templates = compareTemplates(old, next, (o, n) => compareResource(o, n, opts), whole, (id) => keepOther("template", id));
  const tags = compareTags(old, next, (id) => keepOther("tag", id));
  return {
    properties, rscDefaults, opDefaults, keptValues, resources, constraints: compareConstraints(old.constraints, next.constraints, opts), nodes,
    ...(defaultSets.length > 0 ? { defaultSets } : {}),
    ...(admin.length > 0 ? { admin } : {}),
    ...(templates.length > 0 ? { templates } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/** Whether a resource change must delete and create the object rather than edit it in place. */
export function needsRebuild(r: ResourceChange): boolean {
  return r.rebuild !== undefined || r.members.some(needsRebuild);
}

/** Counts of what would be added, changed and removed (kept objects and the ownership tag are not counted). */
export function summarize(cs: ChangeSet): { add: number; change: number; remove: number } {
  const s = { add: 0, change: 0, remove: 0 };
  const count = (op: string): void => {
    if (op === "add") s.add++;
    else if (op === "change") s.change++;
    else if (op === "remove") s.remove++;
  };
  for (const v of [...cs.properties, ...cs.rscDefaults, ...cs.opDefaults, ...cs.nodes.flatMap((n) => [...n.attributes, ...n.utilization])]) count(v.from === undefined ? "add" : v.to === undefined ? "remove" : "change");
  for (const r of [...cs.resources, ...(cs.templates ?? [])]) count(r.op);
  // A resource added to or removed from a changed group (or a clone's group) is one more to add or remove; one moved
  // from elsewhere (a top-level resource the plan removes, another group) is neither.
  const members = (x: Resource | undefined): string[] => (x?.kind === "group" ? x.children.map((c) => c.id) : x?.kind === "clone" && x.child.kind === "group" ? x.child.children.map((c) => c.id) : []);
  const side = (pick: (r: (typeof cs.resources)[number]) => Resource | undefined) => new Set(cs.resources.flatMap((r) => { const x = pick(r); return x ? [x.id, ...members(x)] : []; }));
  const [before, after] = [side((r) => r.old), side((r) => r.new)];
  for (const r of cs.resources) {
    if (r.op !== "change") continue;
    for (const m of members(r.new)) if (!before.has(m)) count("add");
    for (const m of members(r.old)) if (!after.has(m)) count("remove");
  }
  for (const c of cs.constraints) count(c.op);
  for (const a of cs.admin ?? []) count(a.op);
  for (const d of cs.defaultSets ?? []) count(d.op);
  for (const n of cs.nodes) for (const x of n.sets) count(x.op);
  for (const t of cs.tags ?? []) count(t.op);
  return s;
}

/** Whether anything would change (the ownership tag included). */
export function isEmpty(cs: ChangeSet): boolean {
  const s = summarize(cs);
  return s.add + s.change + s.remove === 0 && cs.ownership === undefined;
}
