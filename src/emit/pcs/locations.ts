import type { Constraint, DateSpec, Location, LocationRule, NestedRule, Rule, RuleExpression } from "../../ir/types.js";
import { shellQuote } from "../../util/shell.js";
import { locationXml } from "../rules.js";
import type { Dialect } from "./dialects.js";

/** One call of the script: a pcs command (`pcs`) or a Pacemaker tool on the CIB copy (`cib`). */
export interface LocationStep {
  readonly tool: "pcs" | "cib";
  readonly comments: readonly string[];
  readonly words: readonly string[];
}

/** Words pcs's rule parser reads as its own (pcs/common/... rule grammar): as a value, pcs would misread them. */
const PCS_RULE_WORDS = new Set([
  "and", "or", "(", ")", "date", "date-spec", "defined", "not_defined", "in_range", "to", "duration",
  "eq", "ne", "lt", "gt", "lte", "gte", "string", "integer", "number", "version",
]);

/** `name=value` as one shell word. */
const pair = (name: string, value: string): string => `${name}=${shellQuote(value)}`;

/** The words of one rule expression for pcs, or why pcs cannot write it. */
export function expressionWords(e: Exclude<RuleExpression, NestedRule>): string[] | string {
  // pcs's own forms (pcs resource defaults set create ... rule): `resource CLASS:PROVIDER:TYPE`, `op NAME [interval=X]`.
  if (e.kind === "rsc") return ["resource", shellQuote(`${e.standard ?? ""}:${e.provider ?? ""}:${e.type ?? ""}`)];
  if (e.kind === "op") return ["op", shellQuote(e.name), ...(e.interval !== undefined ? [pair("interval", e.interval)] : [])];
  if (e.kind === "date" && e.spec !== undefined) return dateSpecWords(e.spec);
  const words = e.kind === "date" ? [e.start, e.end] : [e.attribute, e.value];
  if (words.some((w) => w !== undefined && (PCS_RULE_WORDS.has(w) || w === ""))) return "pcs's rule parser would read a value as one of its keywords";
  if (e.kind === "date") {
    if (e.operation === "gt" && e.start !== undefined) return ["date", "gt", shellQuote(e.start)];
    if (e.operation === "lt" && e.end !== undefined) return ["date", "lt", shellQuote(e.end)];
    if (e.operation === "in_range" && e.start !== undefined && e.end !== undefined) return ["date", "in_range", shellQuote(e.start), "to", shellQuote(e.end)];
    return "pcs writes a date range only as `in_range START to END`";
  }
  if (e.valueSource !== undefined) return "pcs's rule syntax has no value-source (`param NAME`, `meta NAME`)";
  if (e.value === undefined) return [e.operation, shellQuote(e.attribute)];
  return [shellQuote(e.attribute), e.operation, ...(e.type !== undefined ? [e.type] : []), shellQuote(e.value)];
}

/**
 * The fields of a date spec both of pcs 0.11's rule parsers take, with their
 * bounds: the constraint one (pcs/rule.py) has no `minutes` or `seconds` and
 * holds `weekyears` to 1-53; the defaults one (pcs/lib/cib/rule) spells
 * `yeardays` `yearsdays`. Both take a range only as `N` or `N-M` with N
 * below M (`pcs -f`: "invalid hours '5-' in 'date-spec'").
 */
const PCS_DATE_SPEC: Readonly<Record<string, readonly [number, number] | undefined>> = {
  years: undefined,
  months: [1, 12],
  monthdays: [1, 31],
  hours: [0, 23],
  weeks: [1, 53],
  weekdays: [1, 7],
  moon: [0, 7],
};

/** `date-spec hours=9-16 weekdays=1-5`, or why pcs cannot write the spec. */
function dateSpecWords(s: DateSpec): string[] | string {
  const words = ["date-spec"];
  for (const f of s.fields) {
    if (!(f.name in PCS_DATE_SPEC)) return `pcs's rule syntax has no date spec field \`${f.name}\``;
    const m = /^(\d+)(?:-(\d+))?$/.exec(f.range);
    const b = PCS_DATE_SPEC[f.name];
    const ends = m ? [Number(m[1]), ...(m[2] !== undefined ? [Number(m[2])] : [])] : [];
    if (!m || (m[2] !== undefined && ends[0]! >= ends[1]!) || (b !== undefined && ends.some((n) => n < b[0] || n > b[1]))) return `pcs's rule syntax takes no date spec range \`${f.name}=${f.range}\``;
    words.push(pair(f.name, f.range));
  }
  return words;
}

/** A rule's options and expression for `pcs constraint location ... rule` or `pcs constraint rule add`, or why pcs cannot. */
function ruleWords(r: Rule, d: Dialect): { options: string[]; expression: string[] } | string {
  if (r.role !== undefined && r.role !== "Promoted" && r.role !== "Unpromoted") return `pcs takes no role \`${r.role}\` on a rule (only Promoted and Unpromoted)`;
  const options = [pair("id", r.id), ...(r.role !== undefined ? [pair("role", d.role(r.role))] : [])];
  options.push(r.score !== undefined ? pair("score", r.score) : pair("score-attribute", r.scoreAttribute ?? ""));
  const expression = conditionWords(r);
  return typeof expression === "string" ? expression : { options, expression };
}

/**
 * A rule's tests joined by its operator, a rule inside it in parentheses. pcs
 * 0.11 merges a group into the rule around it when the group has one test, is
 * the rule's only test, or joins its tests with the same operator (`a and (b
 * and c)` is written as `a and b and c`), so such a group is a reason for the
 * cibadmin step.
 */
function conditionWords(r: Pick<Rule, "booleanOp" | "expressions">): string[] | string {
  const words: string[] = [];
  for (let i = 0; i < r.expressions.length; i++) {
    const e = r.expressions[i]!;
    let w: string[] | string;
    if (e.kind === "rule") {
      if (e.expressions.length < 2 || r.expressions.length < 2 || (e.booleanOp ?? "and") === (r.booleanOp ?? "and")) {
        return "pcs merges a group of one test, a rule's only group, or a group of the operator around it into the rule around it";
      }
      const inner = conditionWords(e);
      w = typeof inner === "string" ? inner : [shellQuote("("), ...inner, shellQuote(")")];
    } else w = expressionWords(e);
    if (typeof w === "string") return w;
    if (i > 0) words.push(r.booleanOp ?? "and");
    words.push(...w);
  }
  return words;
}

/** `--` before a command whose words include one that pcs would read as an option (`-5`). */
function guarded(words: string[]): string[] {
  return words.some((w) => w.startsWith("-")) ? ["--", ...words] : words;
}

/**
 * How the pcs script writes a location: `pcs constraint location add` (a
 * node), `pcs constraint location RSC rule` and `pcs constraint rule add`
 * (rules); or, where pcs cannot say it (a resource set; a role on the location, which pcs
 * puts on the rule instead; a role or a date form its rule syntax lacks; a
 * dialect without `constraint-id=`), the `<rsc_location>` itself through
 * `cibadmin --create`, so the CIB is the CIB target's.
 */
export function locationSteps(c: Location | LocationRule, d: Dialect): LocationStep[] {
  const q = shellQuote;
  const pcs = (words: string[]): LocationStep => ({ tool: "pcs", comments: [], words: guarded(words) });
  const cib = (why: string): LocationStep[] => [{ tool: "cib", comments: [`cibadmin, as ${why}`], words: ["cibadmin", "--create", "-o", "constraints", "-X", q(locationXml(withRoles(c, d)))] }];
  if (c.set !== undefined) return cib("pcs has no location of a resource set");
  if (c.pattern !== undefined && d.rule === "cibadmin") return cib("the pcs 0.9 dialect writes a location by pattern as the CIB does");
  // pcs names a pattern `regexp%PATTERN` where it takes a resource, and writes it as rsc-pattern (`pcs -f`).
  const rsc = c.pattern !== undefined ? `regexp%${c.pattern}` : c.rsc;
  if (c.kind === "location") {
    const add = ["constraint", "location", "add", q(c.id), q(rsc), q(c.node), q(c.score)];
    if (c.role === undefined && c.discovery === undefined) return [{ tool: "pcs", comments: [], words: ["--", ...add] }];
    if (d.rule === "cibadmin") return cib("pcs 0.9 cannot give a location a role or resource-discovery");
    if (c.role !== undefined) return cib("`pcs constraint location add` takes no role");
    return [{ tool: "pcs", comments: [], words: ["--", ...add, pair("resource-discovery", c.discovery!)] }];
  }
  if (d.rule === "cibadmin") return cib("pcs before 0.9.132 cannot give a rule's constraint an id");
  if (c.role !== undefined) return cib("pcs puts a location's role on its rules, not on the constraint");
  const rules = c.rules.map((r) => ruleWords(r, d));
  const bad = rules.find((r): r is string => typeof r === "string");
  if (bad !== undefined) return cib(bad);
  const [first, ...more] = rules as { options: string[]; expression: string[] }[];
  const discovery = c.discovery !== undefined ? [pair("resource-discovery", c.discovery)] : [];
  return [
    pcs(["constraint", "location", q(rsc), "rule", ...first!.options.slice(0, 1), pair("constraint-id", c.id), ...discovery, ...first!.options.slice(1), ...first!.expression]),
    ...more.map((r) => pcs(["constraint", "rule", "add", q(c.id), ...r.options, ...r.expression])),
  ];
}

/** The location with its roles as the dialect's Pacemaker names them (`Master` before 2.1). */
export function withRoles<L extends Location | LocationRule>(c: L, d: Dialect): L {
  const role = <T extends { role?: string }>(x: T): T => (x.role === undefined ? x : { ...x, role: d.role(x.role) });
  const l = role(c.set !== undefined ? { ...c, set: role(c.set) } : c);
  return l.kind === "location-rule" ? { ...l, rules: l.rules.map(role) } : l;
}

/**
 * `pcs constraint location add` deletes every location of the same resource
 * (or pattern) and node first, whichever tool wrote it: for each plain
 * location after another of its resource and node, that earlier one's id, so
 * the script adds it with cibadmin beside it.
 */
export function earlierLocations(constraints: readonly Constraint[]): Map<string, string> {
  const first = new Map<string, string>();
  const out = new Map<string, string>();
  for (const c of constraints) {
    if (c.kind !== "location" || c.set !== undefined) continue;
    const key = `${c.pattern !== undefined ? `regexp%${c.pattern}` : c.rsc}\u0000${c.node}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, c.id);
    else out.set(c.id, earlier);
  }
  return out;
}
