import type { Location, LocationRule, Rule, RuleExpression } from "../ir/types.js";
import { specOrder } from "../check/dates.js";
import { ofPattern, ofSet } from "../ir/constraints.js";
import { readSet } from "./live-sets.js";
import type { El } from "./xml.js";

/** Why an element carries an attribute hacc does not read, or undefined when it carries none. */
function unknownAttr(el: El, allowed: readonly string[]): string | undefined {
  for (const k of Object.keys(el.attrs)) if (!allowed.includes(k)) return `attribute \`${k}\` on <${el.tag}> is not supported by hacc`;
  return undefined;
}

const opt = <K extends string>(k: K, v: string | undefined): { [P in K]?: string } => (v === undefined ? {} : ({ [k]: v } as { [P in K]: string }));

/**
 * A `<rsc_location>` read into the IR: a node and a score, or rules of node
 * attribute and date expressions; with its role and resource-discovery. What
 * the IR cannot hold is a reason (a string): a pattern,
 * a `value-source`, a duration, an id-ref.
 */
export function readLocation(el: El, score: (s: string) => string): Location | LocationRule | string {
  const sets = el.children.filter((c) => c.tag === "resource_set");
  if (sets.length === 0) return readOne(el, score);
  // A location of a set: one set, in place of `rsc` (crmsh's `location L { a b } ...`).
  if (sets.length > 1) return "a location of several resource sets has no form in the language";
  if (el.attrs["rsc"] !== undefined || el.attrs["rsc-pattern"] !== undefined) return "a location with both a resource and a resource set";
  const set = readSet(sets[0]!, "rsc_location");
  if (typeof set === "string") return set;
  const l = readOne({ ...el, attrs: { ...el.attrs, rsc: "" }, children: el.children.filter((c) => c.tag !== "resource_set") }, score);
  return typeof l === "string" ? l : ofSet(l, set);
}

function readOne(el: El, score: (s: string) => string): Location | LocationRule | string {
  const a = el.attrs;
  const pattern = a["rsc-pattern"];
  // Pacemaker 2.1.5 applies a location with both to `rsc` and again to each match (unpack_simple_location).
  if (pattern !== undefined && a["rsc"] !== undefined) return "a location with both `rsc` and `rsc-pattern` has no form in the language";
  if (a["rsc"] === undefined && pattern === undefined) return "a location without `rsc`, `rsc-pattern` or a resource set";
  const bad = unknownAttr(el, ["id", "rsc", "rsc-pattern", "node", "score", "role", "resource-discovery"]);
  if (bad) return bad;
  const common = pattern !== undefined ? { id: a["id"]!, rsc: "" } : { id: a["id"]!, rsc: a["rsc"]! };
  const l = readBody(el, common, score);
  return typeof l === "string" || pattern === undefined ? l : ofPattern(l, pattern);
}

function readBody(el: El, common: { id: string; rsc: string }, score: (s: string) => string): Location | LocationRule | string {
  const a = el.attrs;
  const extra = { ...opt("role", a["role"]), ...opt("discovery", a["resource-discovery"]) };
  if (el.children.length === 0) {
    if (a["node"] === undefined || a["score"] === undefined) return "a location needs `node` and `score` (or rules) for hacc";
    return { kind: "location", ...common, node: a["node"], score: score(a["score"]), ...extra };
  }
  if (a["node"] !== undefined || a["score"] !== undefined) return "a location with both a node and rules is not supported by hacc";
  const rules: Rule[] = [];
  for (const r of el.children) {
    if (r.tag !== "rule") return `<${r.tag}> in a location is not supported by hacc`;
    const rule = readRule(r, score);
    if (typeof rule === "string") return rule;
    rules.push(rule);
  }
  return { kind: "location-rule", ...common, ...extra, rules };
}

/** A rule; `section` says it is a defaults or property set's (where it needs no score; in defaults `rsc_expression`/`op_expression` may stand). */
export function readRule(r: El, score: (s: string) => string, section?: "rsc" | "op" | "property"): Rule | string {
  const bad = unknownAttr(r, ["id", "score", "score-attribute", "role", "boolean-op"]);
  if (bad) return bad;
  const a = r.attrs;
  if (section === undefined && (a["score"] === undefined) === (a["score-attribute"] === undefined)) return "a rule needs exactly one of `score` and `score-attribute` for hacc";
  if (r.children.length === 0) return "a rule without expressions is not supported by hacc";
  const expressions: RuleExpression[] = [];
  for (const e of r.children) {
    const x = readExpression(e, section);
    if (typeof x === "string") return x;
    expressions.push(x);
  }
  return {
    id: a["id"] ?? "",
    ...(a["score"] !== undefined ? { score: score(a["score"]) } : opt("scoreAttribute", a["score-attribute"])),
    ...opt("role", a["role"]),
    ...opt("booleanOp", a["boolean-op"]),
    expressions,
  };
}

function readExpression(e: El, section?: "rsc" | "op" | "property"): RuleExpression | string {
  if (e.tag === "rule") return section === undefined ? readNestedRule(e) : "a rule inside a defaults or property rule is not supported by hacc";
  if (e.tag === "date_expression" && e.children.length > 0) return readDateSpec(e);
  if (e.children.length > 0) return `<${e.children[0]!.tag}> in <${e.tag}> is not supported by hacc`;
  const a = e.attrs;
  // Pacemaker takes these in defaults only: an op test in op defaults only.
  if (e.tag === "rsc_expression" && (section === "rsc" || section === "op")) {
    const bad = unknownAttr(e, ["id", "class", "provider", "type"]);
    if (bad) return bad;
    return { kind: "rsc", id: a["id"] ?? "", ...opt("standard", a["class"]), ...opt("provider", a["provider"]), ...opt("type", a["type"]) };
  }
  if (e.tag === "op_expression" && section === "op") {
    const bad = unknownAttr(e, ["id", "name", "interval"]);
    if (bad) return bad;
    if (a["name"] === undefined) return "an op expression without `name`";
    return { kind: "op", id: a["id"] ?? "", name: a["name"], ...opt("interval", a["interval"]) };
  }
  if (e.tag === "date_expression") {
    const bad = unknownAttr(e, ["id", "operation", "start", "end"]);
    if (bad) return bad;
    if (a["operation"] === undefined) return "a date expression without `operation`";
    return { kind: "date", id: a["id"] ?? "", operation: a["operation"], ...opt("start", a["start"]), ...opt("end", a["end"]) };
  }
  if (e.tag !== "expression") return `<${e.tag}> in a rule is not supported by hacc`;
  const bad = unknownAttr(e, ["id", "attribute", "operation", "type", "value", "value-source"]);
  if (bad) return bad;
  if (a["attribute"] === undefined || a["operation"] === undefined) return "an expression without `attribute` and `operation`";
  // `literal` (Pacemaker's default) is read as no value-source; `param` and `meta` only where Pacemaker reads them, in a location.
  const source = a["value-source"] === "literal" ? undefined : a["value-source"];
  if (source !== undefined && (section !== undefined || (source !== "param" && source !== "meta"))) {
    return section !== undefined ? "a value-source in a defaults or property rule (Pacemaker compares with the name itself there)" : `\`value-source="${source}"\` is not \`param\`, \`meta\` or \`literal\``;
  }
  return { kind: "expression", id: a["id"] ?? "", attribute: a["attribute"], operation: a["operation"], ...opt("type", a["type"]), ...opt("value", a["value"]), ...opt("valueSource", source) };
}

/**
 * A `<rule>` inside a location's rule: its tests and boolean-op. Pacemaker
 * 2.1.5 reads nothing else on it (lib/pengine/rules.c, `pe_eval_expr`), so
 * a score, score-attribute or role there is read and left out.
 */
function readNestedRule(r: El): RuleExpression | string {
  const bad = unknownAttr(r, ["id", "score", "score-attribute", "role", "boolean-op"]);
  if (bad) return bad;
  if (r.children.length === 0) return "a rule without expressions is not supported by hacc";
  const expressions: RuleExpression[] = [];
  for (const e of r.children) {
    const x = readExpression(e);
    if (typeof x === "string") return x;
    expressions.push(x);
  }
  return { kind: "rule", id: r.attrs["id"] ?? "", ...opt("booleanOp", r.attrs["boolean-op"]), expressions };
}

/**
 * `<date_expression operation="date_spec"><date_spec .../></date_expression>`: its fields as given.
 * Pacemaker 2.1.5 reads the first `<date_spec>` only, and no start or end beside it.
 */
function readDateSpec(e: El): RuleExpression | string {
  // `in_range START to duration months=6` (pcs) ends after a <duration>: what the language lacks is the duration.
  if (e.children.some((c) => c.tag === "duration")) return "a date range that ends after a <duration> (pcs `date in_range START to duration months=6`) has no form in the language yet; write its end date";
  const bad = unknownAttr(e, ["id", "operation"]);
  if (bad) return bad;
  const spec = e.children[0]!;
  if (e.attrs["operation"] !== "date_spec" || spec.tag !== "date_spec" || e.children.length > 1) return `<${spec.tag}> in <date_expression operation="${e.attrs["operation"] ?? ""}"> is not supported by hacc`;
  if (spec.children.length > 0) return `<${spec.children[0]!.tag}> in <date_spec> is not supported by hacc`;
  const fields = Object.entries(spec.attrs)
    .filter(([k]) => k !== "id")
    .map(([name, range]) => ({ name, range }));
  return { kind: "date", id: e.attrs["id"] ?? "", operation: "date_spec", spec: { id: spec.attrs["id"] ?? "", fields: specOrder(fields) } };
}
