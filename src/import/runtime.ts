import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceLines } from "../diagnostics/span.js";
import type { AttrSet, Cib, NvPair, Primitive, Resource, RuledSet } from "../ir/types.js";
import { step } from "../review/live.js";
import { BASE } from "./raw.js";
import { value } from "./write.js";

/**
 * Run-time settings in an imported CIB (docs/review.md: what operators set
 * with `pcs property set maintenance-mode`, `pcs resource disable`/
 * `unmanage`, `pcs node standby`, `crm_attribute`). A plan changes one only
 * when the site declares it, so import must not declare one that carries no
 * meaning: at Pacemaker's default it is left out with a comment, and at
 * another value it is kept (the configuration round-trips) with a warning
 * (HA1009), since the site then owns it.
 */

const TRUE = /^(true|on|yes|y|1|#default)$/i;
const FALSE = /^(false|off|no|n|0|#default)$/i;

/**
 * Pacemaker 2.1.5's default of each run-time setting, as a test of a value
 * (crm_is_true spellings; `started` and `default` in any case, as 2.1.5's
 * get_target_role reads them; `#default`, which populate_hash reads as no
 * value, for any of them). crm_simulate
 * places the same with `target-role=Started` as without, on a primitive and
 * on a promotable clone and its child (promotion included).
 */
const PROPERTY_DEFAULTS: ReadonlyMap<string, RegExp> = new Map([["maintenance-mode", FALSE], ["stop-all-resources", FALSE]]);
const META_DEFAULTS: ReadonlyMap<string, RegExp> = new Map([["target-role", /^(started|default|#default)$/i], ["is-managed", TRUE], ["maintenance", FALSE]]);
const NODE_DEFAULTS: ReadonlyMap<string, RegExp> = new Map([["standby", FALSE], ["maintenance", FALSE]]);

/** A run-time setting left in the site at a value other than Pacemaker's default. */
export interface KeptRuntime {
  /** Where it is, in words: `resource r1 meta`, `property`, `node n1 attribute`. */
  readonly where: string;
  readonly name: string;
  readonly value: string;
  /** The nvpair's id in the CIB (its place for the warning) and its XPath. */
  readonly pairId: string;
  readonly path: string;
}

export interface RuntimeDefaults {
  readonly cib: Cib;
  readonly attributes: Map<string, AttrSet>;
  /** Comment lines for the settings left out. */
  readonly notes: readonly string[];
  readonly kept: readonly KeptRuntime[];
}

/**
 * The CIB without its run-time settings at Pacemaker's default, unless
 * something else sets the same name where it would then count (another
 * property set, `rsc_defaults`, a parent resource, a template, a set with a
 * rule or score): there the default value overrides, and it stays.
 */
export function withoutRuntimeDefaults(cib: Cib, attributes: ReadonlyMap<string, AttrSet>): RuntimeDefaults {
  const notes: string[] = [];
  const kept: KeptRuntime[] = [];
  const names = (sets: readonly (AttrSet | RuledSet | undefined)[]) => new Set(sets.flatMap((s) => (s?.pairs ?? []).map((p) => p.name)));

  const filter = (set: AttrSet | undefined, defaults: ReadonlyMap<string, RegExp>, shadowed: ReadonlySet<string>, where: string, path: string, note: (p: NvPair) => string): AttrSet | undefined => {
    if (set === undefined) return undefined;
    const pairs = set.pairs.filter((p) => {
      const def = defaults.get(p.name);
      if (def === undefined) return true;
      if (def.test(p.value) && !shadowed.has(p.name)) {
        notes.push(note(p));
        return false;
      }
      kept.push({ where, name: p.name, value: p.value, pairId: p.id, path: `${path}/nvpair[@name='${p.name}']` });
      return true;
    });
    return pairs.length === set.pairs.length ? set : pairs.length === 0 ? undefined : { ...set, pairs };
  };
  const say = (what: string, p: NvPair) => `# ${what}${p.name} = ${value(p.value)} is Pacemaker's default for a run-time setting operators own (not imported)`;

  const propPath = `${BASE}/crm_config/${step("cluster_property_set", cib.properties.id)}`;
  const properties = filter(cib.properties, PROPERTY_DEFAULTS, names(cib.propertySets ?? []), "property", propPath, (p) => say("property ", p)) ?? { ...cib.properties, pairs: [] };
  // A resource default at Pacemaker's default means nothing either, unless a ruled or scored defaults set says otherwise.
  const rscDefaults = filter(cib.rscDefaults, META_DEFAULTS, names(cib.rscDefaultSets ?? []), "resource defaults", `${BASE}/rsc_defaults/meta_attributes`, (p) => say("defaults ", p));
  // A resource's own value overrides what it inherits (rsc_defaults, a template, its group or clone): it stays whenever one of those sets the name.
  const inherited = names([rscDefaults, ...(cib.rscDefaultSets ?? [])]);
  const templates = new Map((cib.templates ?? []).map((t) => [t.id, names([t.meta, ...(t.metaSets ?? [])])]));
  const walk = <T extends Resource>(r: T, path: string, above: ReadonlySet<string>): T => {
    const fromTemplate = r.kind === "primitive" && r.template !== undefined ? (templates.get(r.template) ?? new Set<string>()) : new Set<string>();
    const metaSets = r.kind === "primitive" ? (r.metaSets ?? []) : [];
    const shadow = new Set([...above, ...fromTemplate, ...names(metaSets)]);
    const meta = filter(r.meta, META_DEFAULTS, shadow, `resource ${r.id} meta`, `${path}/meta_attributes`, (p) => say(`meta of ${r.id}: `, p));
    const below = new Set([...above, ...(meta?.pairs ?? []).map((p) => p.name)]);
    const own = { ...r, meta };
    if (meta === undefined) delete (own as { meta?: AttrSet }).meta;
    if (own.kind === "group") return { ...own, children: own.children.map((c) => walk(c, `${path}/${step("primitive", c.id)}`, below)) } as T;
    if (own.kind === "clone") return { ...own, child: walk(own.child, `${path}/${step(own.child.kind, own.child.id)}`, below) } as T;
    if (own.kind === "bundle" && own.child) return { ...own, child: walk<Primitive>(own.child, `${path}/${step("primitive", own.child.id)}`, below) } as T;
    return own as T;
  };
  const resources = cib.resources.map((r) => walk(r, `${BASE}/resources/${step(r.kind, r.id)}`, inherited));

  const attrs = new Map<string, AttrSet>();
  for (const [node, set] of attributes) {
    const path = `${BASE}/nodes/node[@uname='${node}']/instance_attributes`;
    const left = filter(set, NODE_DEFAULTS, new Set(), `node ${node} attribute`, path, (p) => say(`node ${node} `, p));
    if (left !== undefined) attrs.set(node, left);
  }
  const out: Cib = { ...cib, properties, resources };
  if (rscDefaults === undefined) delete (out as { rscDefaults?: AttrSet }).rscDefaults;
  else (out as { rscDefaults?: AttrSet }).rscDefaults = rscDefaults;
  return { cib: out, attributes: attrs, notes, kept };
}

/**
 * HA1009: a run-time setting at a value other than Pacemaker's default,
 * which import keeps (the site must compile back to the CIB), at its
 * `<nvpair` in the CIB. The site then declares it: a plan restores it after
 * an operator changes it.
 */
export function keptRuntimeDiagnostic(file: string, text: string, x: KeptRuntime): Diagnostic {
  const lines = new SourceLines(file, text);
  const id = x.pairId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = x.pairId === "" ? null : new RegExp(`<nvpair\\b[^>]*?\\bid\\s*=\\s*(["'])${id}\\1`).exec(text);
  const start = m?.index ?? 0;
  const end = m ? start + m[0].length : Math.min(1, text.length);
  return diag("HA1009", lines.span(start, end), `${x.where} ${x.name} = ${x.value} (${x.path}) is a run-time setting: the imported site declares it, and a plan will restore it after an operator changes it`, {
    hint: `delete the line from the site if operators own it (\`hacc plan\` then keeps whatever the cluster has)`,
  });
}
