import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { locationResources } from "../../ir/constraints.js";
import type { RuleExpression } from "../../ir/types.js";
import { patternMatches } from "../../util/posix-ere.js";
import type { ResourceModel, SiteModel } from "../model.js";

/**
 * The attributes of a resource's element that Pacemaker 2.1.5 also puts among
 * its meta attributes (lib/pengine/complex.c, `get_meta_attributes`), which a
 * `meta` value-source may name.
 */
const ELEMENT_META = new Set(["id", "class", "provider", "type", "description", "template"]);

/**
 * HA4071: a location by pattern that matches no top-level resource of the
 * site (Pacemaker matches `rsc-pattern` against those alone, not what a group,
 * clone or bundle holds): it places nothing. HA4101: a rule test that compares
 * with a resource's `param NAME` or `meta NAME` where a resource the location
 * applies to has no such parameter or meta attribute (nor, for `meta`, a
 * `defaults` value): Pacemaker then compares with no value, and `eq` holds only
 * where the node lacks the attribute too.
 */
export function patterns(site: SiteModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const top = site.resources.filter((r) => r.parent === undefined).map((r) => r.id);
  for (const { constraint: c, origin } of site.constraints) {
    if (c.kind !== "location" && c.kind !== "location-rule") continue;
    const applies = c.pattern !== undefined ? (patternMatches(c.pattern, top) ?? []) : locationResources(c);
    if (c.pattern !== undefined && applies.length === 0) {
      out.push(
        diag("HA4071", origin, `the pattern \`${c.pattern}\` of location \`${c.id}\` matches no top-level resource`, {
          hint: "Pacemaker matches a pattern against the ids of resources outside groups, clones and bundles (a group or clone by its own id); check the pattern, or name the group or clone",
        }),
      );
    }
    if (c.kind !== "location-rule") continue;
    const sourced = c.rules.flatMap((r) => sources(r.expressions));
    for (const x of sourced) {
      for (const id of applies) {
        const r = site.byId.get(id);
        if (r === undefined || has(site, r, x.valueSource!, x.value!)) continue;
        out.push(
          diag("HA4101", origin, `location \`${c.id}\` compares \`${x.attribute}\` with the ${x.valueSource === "param" ? "parameter" : "meta attribute"} \`${x.value}\` of \`${id}\`, which \`${id}\` does not set`, {
            hint: `Pacemaker then compares with no value (the test \`${x.operation}\` ${x.operation === "eq" ? "holds only where the node lacks the attribute too" : x.operation === "ne" ? "holds wherever the node has the attribute" : "never holds"}); set \`${x.value}\` on \`${id}\`, or name one it sets`,
          }),
        );
      }
    }
  }
  return out;
}

type Sourced = Extract<RuleExpression, { kind: "expression" }>;

function sources(xs: readonly RuleExpression[]): Sourced[] {
  return xs.flatMap((x): Sourced[] => (x.kind === "rule" ? sources(x.expressions) : x.kind === "expression" && x.valueSource !== undefined ? [x] : []));
}

/** Whether `r` (or a parent it inherits from) sets the parameter or meta attribute `name`. */
function has(site: SiteModel, r: ResourceModel, source: string, name: string): boolean {
  if (source === "meta" && (ELEMENT_META.has(name) || site.rscDefaults.some((s) => s.key === name))) return true;
  for (let at: ResourceModel | undefined = r; at !== undefined; at = at.parent !== undefined ? site.byId.get(at.parent) : undefined) {
    const own = source === "param" ? ("params" in at ? (at.params ?? []) : []) : at.meta;
    if (own.some((s) => s.key === name)) return true;
    if (at.kind === "primitive" && (at.sets ?? []).some((s) => s.which === (source === "param" ? "params" : "meta") && s.pairs.has(name))) return true;
  }
  return false;
}
