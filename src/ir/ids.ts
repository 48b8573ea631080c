import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import { ruleElements } from "./constraints.js";
import type { AttrSet, Cib, Constraint, Primitive, Resource, Template } from "./types.js";

/**
 * The ids an IR's elements carry, and the check that none is there twice:
 * Pacemaker's schema makes every id of the configuration one namespace
 * (crm_verify refuses a CIB with an id twice), and hacc derives many ids
 * itself (an op's `d-monitor-interval-10s`, a set's `d-instance_attributes`,
 * the ownership tag's `hacc-CLUSTER`) that a name the site chooses may meet.
 */

/** Every id an IR resource carries, its members', sets', nvpairs' and ops' included. */
export function resourceIds(r: Resource): string[] {
  const set = (s: AttrSet | undefined): string[] => (s ? [s.id, ...s.pairs.map((p) => p.id)] : []);
  switch (r.kind) {
    case "primitive":
      return [r.id, ...set(r.instance), ...set(r.meta), ...set(r.utilization), ...ruledSetIds(r), ...r.ops.map((o) => o.id)];
    case "group":
      return [r.id, ...set(r.instance), ...set(r.meta), ...r.children.flatMap(resourceIds)];
    case "clone":
      return [r.id, ...set(r.instance), ...set(r.meta), ...resourceIds(r.child)];
    case "bundle":
      return [
        r.id, ...set(r.meta), ...(r.network?.portMappings ?? []).map((m) => m.id), ...(r.storage ?? []).map((m) => m.id),
        ...(r.child !== undefined ? resourceIds(r.child) : []),
      ];
  }
}

/** Every id a template carries: its sets', nvpairs' and ops' included. */
export function templateIds(t: Template): string[] {
  const set = (s: AttrSet | undefined): string[] => (s ? [s.id, ...s.pairs.map((p) => p.id)] : []);
  return [t.id, ...set(t.instance), ...set(t.meta), ...set(t.utilization), ...ruledSetIds(t), ...t.ops.map((o) => o.id)];
}

/** The ids of a primitive's or template's sets with a rule or a score: the set, its rule and tests, its pairs. */
function ruledSetIds(p: Pick<Primitive, "instanceSets" | "metaSets">): string[] {
  return [...(p.instanceSets ?? []), ...(p.metaSets ?? [])].flatMap((s) => [s.id, ...(s.rule ? [s.rule.id, ...s.rule.expressions.map((e) => e.id)] : []), ...s.pairs.map((q) => q.id)]);
}

/** Every id an IR constraint carries. */
export function constraintIds(c: Constraint): string[] {
  const set = (c.kind === "location" || c.kind === "location-rule") && c.set !== undefined ? [c.set.id] : [];
  if (c.kind === "location-rule") return [c.id, ...set, ...c.rules.flatMap((r) => [r.id, ...ruleElements(r).map(([id]) => id)])];
  if (c.kind === "location") return [c.id, ...set];
  if (c.kind === "order-set" || c.kind === "colocation-set" || c.kind === "ticket-set") return [c.id, ...c.sets.map((s) => s.id)];
  return [c.id];
}

/**
 * Every id the objects of an IR carry (templates, resources, constraints, fencing
 * levels, alerts, ACL roles, permissions and groups, and the ownership tag when there is one): the ids a script that creates them must
 * find free.
 */
export function createdIds(cib: Cib, tag: { readonly id: string } | undefined): string[] {
  return [...(cib.templates ?? []).flatMap(templateIds), ...cib.resources.flatMap(resourceIds), ...cib.constraints.flatMap(constraintIds), ...adminIds(cib), ...(tag ? [tag.id] : [])];
}

/** The ids of what is neither a template, a resource nor a constraint: fencing levels, alerts, ACL entries, tags, property and node sets. */
export function adminIds(cib: Cib): string[] {
  const set = (s: AttrSet | undefined): string[] => (s ? [s.id, ...s.pairs.map((p) => p.id)] : []);
  return [
    ...(cib.fencingLevels ?? []).map((f) => f.id),
    ...(cib.alerts ?? []).flatMap((a) => [a.id, ...set(a.instance), ...set(a.meta), ...a.recipients.flatMap((r) => [r.id, ...set(r.instance), ...set(r.meta)])]),
    ...(cib.acls?.roles ?? []).flatMap((r) => [r.id, ...r.permissions.map((p) => p.id)]),
    ...(cib.acls?.groups ?? []).map((g) => g.id),
    ...(cib.tags ?? []).map((t) => t.id),
    ...[...(cib.propertySets ?? []), ...(cib.nodeSets ?? []).map((n) => n.set)].flatMap((s) => [s.id, ...(s.rule ? [s.rule.id, ...s.rule.expressions.map((e) => e.id)] : []), ...s.pairs.map((p) => p.id)]),
  ];
}

/**
 * HA2005 for each id the IR carries twice (the properties' set, the
 * defaults' sets and the ownership tag counted): at the site's element that
 * has that id when there is one (a name the site chose), else at the element
 * hacc derived it from. `ownerTag` is the ownership tag's id, if written.
 */
export function idClashes(cib: Cib, origins: ReadonlyMap<string, Span>, ownerTag: string | undefined): Diagnostic[] {
  // Each id in the order the CIB holds it, with what it belongs to: a resource, template or constraint's id, or how to say it.
  const ids: string[] = [];
  const whose: string[] = [];
  const add = (id: string, from: string): void => {
    ids.push(id);
    whose.push(from);
  };
  for (const t of cib.templates ?? []) for (const id of templateIds(t)) add(id, `\`${t.id}\``);
  for (const r of cib.resources) for (const id of resourceIds(r)) add(id, `\`${r.id}\``);
  for (const c of cib.constraints) for (const id of constraintIds(c)) add(id, `\`${c.id}\``);
  for (const id of adminIds(cib)) add(id, `\`${id}\``);
  add(cib.properties.id, "the cluster properties' set");
  for (const s of [cib.rscDefaults, cib.opDefaults]) if (s) add(s.id, "a defaults set");
  for (const s of [...(cib.rscDefaultSets ?? []), ...(cib.opDefaultSets ?? [])]) add(s.id, `\`${s.id}\``);
  if (ownerTag !== undefined) add(ownerTag, "the site's ownership tag");
  const first = new Map<string, number>();
  const reported = new Set<string>();
  const out: Diagnostic[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const j = first.get(id);
    if (j === undefined) {
      first.set(id, i);
      continue;
    }
    if (reported.has(id)) continue;
    reported.add(id);
    // The other element: the one that is not the id itself (an op of `d`, the ownership tag), else the first.
    const self = `\`${id}\``;
    const other = whose[j] !== self ? whose[j]! : whose[i]!;
    const span = origins.get(id) ?? origins.get(other.replace(/^`|`$/g, ""));
    if (span === undefined) continue;
    const what = other === self ? "another element" : other.startsWith("`") ? `an element of ${other} (an op, an attribute set, a rule)` : other;
    out.push(
      diag("HA2005", span, `the id \`${id}\` is in the CIB twice: hacc also writes it for ${what}`, {
        hint: "Pacemaker refuses a configuration with one id twice (its ids are one namespace): choose another name",
      }),
    );
  }
  return out;
}

/** Ids hacc writes that no site element owns: their own elements' ids start with them and `-`. */
const FIXED = ["cib-bootstrap-options", "rsc-options", "op-options", "nodes", "hacc"];

/**
 * Whether an id could be in the CIB twice, from the ids the site chooses
 * (resources, templates, tags, constraints, alerts and their recipients,
 * fencing levels, sets, ACL entries): every id hacc derives starts with the
 * id of the element it belongs to and `-` (`d-monitor-interval-10s`,
 * `location-d-n1-rule`) or with one of FIXED. So two ids can meet only if one
 * chosen id is another's prefix at a `-` (or a fixed one's): a walk over the
 * chosen ids says so without building the IR, which `hacc check` skips.
 */
export function mayClash(chosen: Iterable<string>): boolean {
  const all = new Set<string>(FIXED);
  const list: string[] = [];
  for (const id of chosen) {
    if (all.has(id)) return true;
    all.add(id);
    list.push(id);
  }
  for (const id of list) {
    for (let p = id.indexOf("-"); p > 0; p = id.indexOf("-", p + 1)) if (all.has(id.slice(0, p))) return true;
  }
  return false;
}
