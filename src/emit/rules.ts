import type { DateSpec, Location, LocationRule, NestedRule, Rule, RuleExpression } from "../ir/types.js";
import { escapeXml as x } from "../util/xml.js";
import { resourceSetXml } from "./sets.js";

/**
 * A location's XML, shared by the CIB printer (one element a line) and the
 * pcs script's `cibadmin --create` steps (one line): the attributes in one
 * order, so the targets agree.
 */

function attr(name: string, value: string | undefined): string {
  return value === undefined ? "" : ` ${name}="${x(value)}"`;
}

/** `<rsc_location ...>`'s attributes: id, rsc (none for a set; rsc-pattern for a pattern), then node and score (node form), role and resource-discovery. */
export function locationAttrs(c: Location | LocationRule): string {
  const node = c.kind === "location" ? `${attr("node", c.node)}${attr("score", c.score)}` : "";
  const what = c.set !== undefined ? "" : c.pattern !== undefined ? attr("rsc-pattern", c.pattern) : attr("rsc", c.rsc);
  return `id="${x(c.id)}"${what}${node}${attr("role", c.role)}${attr("resource-discovery", c.discovery)}`;
}

/** `<rule ...>`'s attributes. */
export function ruleAttrs(r: Rule): string {
  return `id="${x(r.id)}"${attr("score", r.score)}${attr("score-attribute", r.scoreAttribute)}${attr("role", r.role)}${attr("boolean-op", r.booleanOp)}`;
}

/** A rule inside a rule's attributes: no role, and `score="0"`, as pcs writes it (Pacemaker reads neither on it). */
export function nestedRuleAttrs(r: NestedRule): string {
  return `id="${x(r.id)}" score="0"${attr("boolean-op", r.booleanOp)}`;
}

/** An expression of a rule as one element (a rule inside the rule, with its own). */
export function expressionTag(e: RuleExpression): string {
  if (e.kind === "rule") return `<rule ${nestedRuleAttrs(e)}>${e.expressions.map(expressionTag).join("")}</rule>`;
  if (e.kind === "date" && e.spec !== undefined) return `${dateOpenTag(e)}${dateSpecTag(e.spec)}</date_expression>`;
  if (e.kind === "date") return `<date_expression id="${x(e.id)}" operation="${x(e.operation)}"${attr("start", e.start)}${attr("end", e.end)}/>`;
  if (e.kind === "rsc") return `<rsc_expression id="${x(e.id)}"${attr("class", e.standard)}${attr("provider", e.provider)}${attr("type", e.type)}/>`;
  if (e.kind === "op") return `<op_expression id="${x(e.id)}" name="${x(e.name)}"${attr("interval", e.interval)}/>`;
  return `<expression id="${x(e.id)}" attribute="${x(e.attribute)}" operation="${x(e.operation)}"${attr("type", e.type)}${attr("value", e.value)}${attr("value-source", e.valueSource)}/>`;
}

/** A `<date_expression>` that holds a `<date_spec>`: its opening tag. */
export function dateOpenTag(e: { readonly id: string; readonly operation: string }): string {
  return `<date_expression id="${x(e.id)}" operation="${x(e.operation)}">`;
}

/** `<date_spec id=... hours="9-16" .../>`: its fields in the order written. */
export function dateSpecTag(s: DateSpec): string {
  return `<date_spec id="${x(s.id)}"${s.fields.map((f) => attr(f.name, f.range)).join("")}/>`;
}

/** The whole `<rsc_location>` on one line. */
export function locationXml(c: Location | LocationRule): string {
  const set = c.set !== undefined ? resourceSetXml(c.set).map(([, t]) => t).join("") : "";
  if (c.kind === "location") return set === "" ? `<rsc_location ${locationAttrs(c)}/>` : `<rsc_location ${locationAttrs(c)}>${set}</rsc_location>`;
  const rules = c.rules.map((r) => `<rule ${ruleAttrs(r)}>${r.expressions.map(expressionTag).join("")}</rule>`).join("");
  return `<rsc_location ${locationAttrs(c)}>${set}${rules}</rsc_location>`;
}

/** Every value a rule carries, with what it is, for a target's check of what it can write. */
export function ruleValues(r: Pick<Rule, "expressions">): { value: string; what: string }[] {
  const out: { value: string; what: string }[] = [];
  for (const e of r.expressions) {
    if (e.kind === "rule") out.push(...ruleValues(e));
    else if (e.kind === "date") {
      for (const f of e.spec?.fields ?? []) out.push({ value: f.range, what: `a date spec's \`${f.name}\`` });
      if (e.start !== undefined) out.push({ value: e.start, what: "a date's start" });
      if (e.end !== undefined) out.push({ value: e.end, what: "a date's end" });
    } else if (e.kind === "rsc") {
      for (const v of [e.standard, e.provider, e.type]) if (v !== undefined) out.push({ value: v, what: "a resource test's agent" });
    } else if (e.kind === "op") {
      out.push({ value: e.name, what: "an op test's name" });
      if (e.interval !== undefined) out.push({ value: e.interval, what: "an op test's interval" });
    } else if (e.value !== undefined) out.push({ value: e.value, what: `the value compared with \`${e.attribute}\`` });
  }
  return out;
}
