import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import * as C from "../ir/constraints.js";
import type { Location, LocationRule, Rule, RuleExpression } from "../ir/types.js";
import { compileEre, patternParts } from "../util/posix-ere.js";
import { locationSet } from "./elaborate-sets.js";
import { DATE_SPEC_FIELDS, dateProblem, rangeProblem, specOrder } from "./dates.js";
import type { Elaboration } from "./elaborate.js";
import * as V from "./values.js";
import { namesUnlisted } from "./unlisted.js";

/** Roles a location or a rule may name: Pacemaker 2.1's and the names it replaced, as written. */
const ROLES = ["Started", "Promoted", "Unpromoted", "Master", "Slave"];
/** `resource-discovery` (Pacemaker Explained, "Location constraints"). */
const DISCOVERY = ["always", "never", "exclusive"];
/** A node attribute expression's comparisons, and the types it compares as. */
const COMPARISONS = ["eq", "ne", "lt", "gt", "lte", "gte"];
const TYPES: Readonly<Record<string, { test: RegExp; what: string }>> = {
  string: { test: /^/, what: "" },
  integer: { test: /^[+-]?\d+$/, what: "a whole number" },
  number: { test: /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, what: "a number" },
  version: { test: /^\d+(\.\d+)*$/, what: "a version (`2.1.5`)" },
};
const DATE_OPS = ["gt", "lt", "in_range"];

/**
 * `location NAME for RSC [ROLE] [discovery MODE] on NODE SCORE;` or `{ rule ...; }`:
 * a `<rsc_location>` named NAME. Rules are checked here, value by value;
 * hacc does not evaluate them (the placement model leaves their resource
 * unpredicted).
 */
export function elaborateLocation(e: Elaboration, l: A.LocationDecl): void {
  const id = l.name.text;
  // A set's resources, each placed as a location of its own would place it; or the one resource.
  const set = l.set !== undefined ? locationSet(e, id, l.set) : undefined;
  // A pattern's resources are matched by the rules (src/check/rules/patterns.ts), once every resource is known.
  const pattern = l.pattern !== undefined ? locationPattern(e, l.pattern) : undefined;
  const rsc = l.set !== undefined ? set?.resources[0] : l.pattern !== undefined ? (pattern === undefined ? undefined : "") : e.ref(l.rsc);
  const members = set !== undefined ? set.resources : rsc ? [rsc] : [];
  let ok = rsc !== undefined;
  if (!V.isXmlId(l.name.text)) {
    ok = false;
    e.report(diag("HA3005", l.name.span, `\`${l.name.text}\` is not a valid location name`, { hint: "a location is named like an id: a letter or `_`, then letters, digits, `_ . -`" }));
  }
  ok = oneOf(e, l.role, ROLES, "role") && ok;
  ok = oneOf(e, l.discovery, DISCOVERY, "resource-discovery mode") && ok;
  const withSet = <L extends Location | LocationRule>(c: L): L => (set !== undefined ? C.ofSet(c, set) : pattern !== undefined ? C.ofPattern(c, pattern.text) : c);
  if (l.node !== undefined) {
    const host = l.node;
    // An unlisted node is never up: its location is written, and places nothing (Pacemaker ignores it).
    const unlisted = namesUnlisted(e.scope, host.text);
    if (!unlisted && !e.scope.nodes.has(host.text) && !e.scope.guests.has(host.text) && !e.scope.remote.has(host.text)) {
      e.scope.unknown(host, "node", "HA2001", "nodes and guests");
      ok = false;
    }
    const score = l.score ? e.score(l.score) : undefined;
    if (!ok || score === undefined || !e.scope.claimConstraint(id, l.name.span)) return;
    e.addConstraint(withSet(C.location(id, rsc!, host.text, score, l.role?.text, l.discovery?.text)), l.span);
    if ((l.role !== undefined && l.role.text !== "Started") || (set?.role !== undefined && set.role !== "Started")) return;
    if (unlisted) return;
    for (const m of members) {
      if (V.scoreValue(score) >= 0) e.allow(m, [host.text]);
      else e.ban(m, host.text);
    }
    return;
  }
  const rules: Rule[] = [];
  for (let i = 0; i < l.rules.length; i++) {
    const r = rule(e, l.rules[i]!, C.ruleId(id, i));
    if (r === undefined) ok = false;
    else rules.push(r);
  }
  if (l.rules.length === 0) {
    ok = false;
    e.report(diag("HA3070", l.span, `location \`${id}\` has no rule`, { hint: "write `rule SCORE when EXPRESSION;` in its block, or `on NODE SCORE;` instead of the block" }));
  }
  if (pattern !== undefined) ok = submatches(e, l.rules, pattern) && ok;
  if (!ok || !e.scope.claimConstraint(id, l.name.span)) return;
  // Its rules' and tests' ids are in the CIB's one id space too (`NAME-rule` is another location's name, say).
  for (const r of rules) for (const [rid] of [[r.id], ...C.ruleElements(r)]) if (!e.scope.claimId(rid!, { kind: "rule", span: l.name.span, from: id })) ok = false;
  if (!ok) return;
  e.addConstraint(withSet(C.locationRule(id, rsc!, rules, l.role?.text, l.discovery?.text)), l.span);
  for (const m of members) e.placedByRule(m);
}

/**
 * `pattern "REGEX"`: a POSIX extended regular expression as glibc's regcomp
 * reads it (Pacemaker 2.1.5, `unpack_location`), after an optional `!` that
 * inverts it; one it refuses is HA3074 (Pacemaker would ignore the whole
 * constraint). Undefined when it is refused.
 */
function locationPattern(e: Elaboration, p: A.Value): { text: string; groups: number; invert: boolean } | undefined {
  const { invert, expression } = patternParts(p.text);
  const ere = compileEre(expression);
  if ("error" in ere) {
    e.report(diag("HA3074", p.span, `\`${p.text}\` is not a regular expression Pacemaker reads: ${ere.error}`, { hint: "a pattern is a POSIX extended regular expression (`^vm-[0-9]+$`, `^(db|web)-(.*)$`), with `!` first to invert it" }));
    return undefined;
  }
  if (expression === "") {
    e.report(diag("HA3074", p.span, "the pattern is empty", { hint: "an empty pattern matches every resource: name what it is for (`^vm-`)" }));
    return undefined;
  }
  return { text: p.text, groups: ere.groups, invert };
}

/**
 * `%0`..`%9` in a rule's `score-attribute` or a test's attribute name stand,
 * in a location by pattern, for the matched id's submatches (Pacemaker 2.1.5,
 * `pe_expand_re_matches`); one beyond the pattern's groups is HA3074 (Pacemaker
 * drops it, or reads past its matches). An inverted pattern keeps no matches:
 * there it is HA3074 too, as the text would stay `%1`.
 */
function submatches(e: Elaboration, rules: readonly A.RuleDecl[], p: { text: string; groups: number; invert: boolean }): boolean {
  let ok = true;
  const check = (v: A.Value | undefined): void => {
    for (const m of v?.text.matchAll(/%(\d)/g) ?? []) {
      const n = Number(m[1]);
      if (!p.invert && n <= p.groups) continue;
      ok = false;
      e.report(
        diag("HA3074", v!.span, p.invert ? `\`%${n}\` in a location by an inverted pattern, which keeps no submatch` : `\`%${n}\` names a submatch the pattern \`${p.text}\` does not have`, {
          hint: p.invert ? "Pacemaker substitutes `%N` only for a pattern that matches: remove the `!` or the `%N`" : `\`%0\` is the whole id${p.groups === 1 ? ", `%1` its group" : p.groups > 1 ? `, \`%1\`..\`%${p.groups}\` its groups` : "; the pattern has no group: add one, `(...)`"}`,
        }),
      );
    }
  };
  const terms = (ts: readonly A.RuleTermDecl[]): void => {
    for (const t of ts) {
      if (t.kind === "group") terms(t.expressions);
      else if (t.kind === "defined" || t.kind === "not_defined" || t.kind === "compare") check(t.attribute);
    }
  };
  for (const r of rules) {
    check(r.scoreAttribute);
    terms(r.expressions);
  }
  return ok;
}

function oneOf(e: Elaboration, n: A.Name | undefined, known: readonly string[], what: string): boolean {
  if (n === undefined || known.includes(n.text)) return true;
  const near = V.closest(n.text, known);
  e.report(diag("HA3072", n.span, `\`${n.text}\` is not a ${what}`, { hint: `${near ? `did you mean \`${near}\`? ` : ""}${what}s: ${known.join(", ")}` }));
  return false;
}

function rule(e: Elaboration, r: A.RuleDecl, id: string): Rule | undefined {
  let ok = oneOf(e, r.role, ROLES, "role");
  const score = r.score ? e.score(r.score) : undefined;
  if (r.score && score === undefined) ok = false;
  // `%1` stands for a submatch in a location by pattern (checked there).
  if (r.scoreAttribute && !V.isAttrName(r.scoreAttribute.text.replace(/%\d/g, "0"))) {
    ok = false;
    e.report(diag("HA3070", r.scoreAttribute.span, `\`${r.scoreAttribute.text}\` is not a node attribute name`, { hint: "a node attribute is named with letters, digits, `_ . -`" }));
  }
  const terms = ruleTerms(e, r, id);
  if (!ok || terms === undefined) return undefined;
  return {
    id,
    ...(score !== undefined ? { score } : { scoreAttribute: r.scoreAttribute!.text }),
    ...(r.role ? { role: r.role.text } : {}),
    ...terms,
  };
}

/**
 * A rule's or a group's tests and their one boolean operator (mixing `and`
 * and `or` at one level is HA3070); a group is a `<rule>` inside the rule,
 * named as pcs names it: `RULE-rule`, `RULE-rule-1`, ..., beside the tests'
 * `RULE-expr`, `RULE-expr-1`, ...
 */
function ruleTerms(e: Elaboration, r: A.RuleDecl | A.RuleGroupDecl, id: string): { booleanOp?: string; expressions: RuleExpression[] } | undefined {
  let ok = true;
  const op = r.booleanOps[0];
  const mixed = r.booleanOps.find((b) => b.text !== op?.text);
  if (mixed) {
    ok = false;
    e.report(
      diag("HA3070", mixed.span, `a rule joins its expressions with \`${op!.text}\` and \`${mixed.text}\``, {
        hint: "one boolean operator a level: put the tests joined by the other in parentheses, `a and (b or c)`, or split the rule (each rule adds its score where it holds)",
      }),
    );
  }
  const expressions: RuleExpression[] = [];
  let tests = 0;
  let groups = 0;
  for (const t of r.expressions) {
    if (t.kind === "group") {
      const gid = C.nestedRuleId(id, groups++);
      const g = ruleTerms(e, t, gid);
      if (g === undefined) ok = false;
      else expressions.push({ kind: "rule", id: gid, ...g });
      continue;
    }
    const x = expression(e, t, C.expressionId(id, tests++));
    if (x === undefined) ok = false;
    else expressions.push(x);
  }
  if (!ok || expressions.length === 0) return undefined;
  return { ...(op ? { booleanOp: op.text } : {}), expressions };
}

/**
 * HA4100 (a warning): a rule on a node attribute that no node of the site
 * declares, when the site declares node attributes at all (one that does not
 * may set them all at run time), nor an agent of the site sets (ping's
 * `pingd`, src/check/agent-attributes.ts). Pacemaker's own (`#uname`,
 * `#kind`, ...) are never declared.
 */
function undeclaredAttribute(e: Elaboration, a: A.Value): void {
  const declared = e.decls.nodeAttributes;
  // A node's sets chosen by a rule declare their names too (read from the cluster block: they are elaborated last).
  const sets = (e.decls.cluster?.nodeSets ?? []).filter((s) => s.which === "attributes");
  if ((declared.length === 0 && sets.length === 0) || a.text.startsWith("#") || /%\d/.test(a.text) || e.decls.agentAttributes.has(a.text)) return;
  if (declared.some((n) => n.settings.some((s) => s.key === a.text)) || sets.some((s) => s.pairs.some((p) => p.key.text === a.text))) return;
  e.report(
    diag("HA4100", a.span, `no node of the site declares the attribute \`${a.text}\``, {
      hint: `a rule on it matches as if no node had it, unless something sets it at run time (a script's \`crm_attribute\` or \`attrd_updater\`, an agent other than Pacemaker's ping, ifspeed, attribute and SysInfo, whose attributes hacc knows); declare it with \`attributes NODE ${a.text} = VALUE;\` if it is configuration`,
    }),
  );
}

/**
 * One test of a rule, checked value by value. `section` is where the rule
 * stands: a location (`undefined`), or `rsc`/`op` defaults, where Pacemaker
 * also takes `resource` tests (and, in op defaults, `op` tests).
 */
export function expression(e: Elaboration, x: A.RuleExprDecl, id: string, section?: A.SetSection | "params" | "meta" | "node"): RuleExpression | undefined {
  const code = section === undefined ? "HA3070" : section === "node" ? "HA3142" : section === "params" || section === "meta" ? "HA3141" : "HA3140";
  const bad = (span: A.Name["span"], message: string, hint: string): undefined => {
    e.report(diag(code, span, message, { hint }));
    return undefined;
  };
  if (x.kind === "resource" || x.kind === "op") {
    if (section === undefined) return bad(x.span, `a location rule cannot test the ${x.kind === "op" ? "operation" : "resource"}`, "Pacemaker takes `resource` and `op` tests in `defaults` and `op-defaults` sets only");
    if (section === "params" || section === "meta") return bad(x.span, `a \`${section}\` set cannot test the ${x.kind === "op" ? "operation" : "resource"}`, "Pacemaker takes `resource` and `op` tests in `defaults` and `op-defaults` sets only");
    if (section === "node") return bad(x.span, `a node's set cannot test the ${x.kind === "op" ? "operation" : "resource"}`, "Pacemaker takes `resource` and `op` tests in `defaults` and `op-defaults` sets only; a node's set tests the date");
    if (x.kind === "op" && section === "rsc") return bad(x.span, "a `defaults` set cannot test the operation", "Pacemaker refuses an op test in resource defaults: write it in an `op-defaults` set");
    if (section === "property") return bad(x.span, `a \`property\` set cannot test the ${x.kind === "op" ? "operation" : "resource"}`, "Pacemaker reads cluster properties for no resource or op: such a test never holds there (crm_simulate); test the date");
  } else if (x.kind !== "date" && (section === undefined || section === "params")) undeclaredAttribute(e, x.attribute);
  else if (x.kind !== "date" && section === "node") {
    e.report(
      diag("HA4147", x.attribute.span, "a node attribute test in a node's set never holds", {
        hint: "Pacemaker reads a node's attributes and utilization without a node to test (crm_simulate: `#uname eq n1`, `#uname ne n1` and `not_defined foo` all fail there); test the date",
      }),
    );
  } else if (x.kind !== "date" && section === "meta") {
    e.report(
      diag("HA4144", x.attribute.span, "a node attribute test in a `meta` set never holds", {
        hint: "Pacemaker evaluates a resource's meta attributes without a node (crm_simulate: `#uname eq n1`, `#uname ne n1` and `not_defined foo` all fail there); test the date, or use `params` or a location",
      }),
    );
  }
  else if (x.kind !== "date") {
    e.report(
      diag("HA4141", x.attribute.span, `a node attribute test in ${section === "rsc" ? "`defaults`" : section === "op" ? "`op-defaults`" : "`property`"} never holds`, {
        hint:
          section === "property"
            ? "Pacemaker evaluates cluster properties without a node (crm_simulate: `#uname eq n1`, `#uname ne n1` and `not_defined foo` all fail there); test the date"
            : "Pacemaker evaluates defaults without a node (crm_simulate: a `#uname` test there matches nowhere); test the resource, the op or the date",
      }),
    );
  }
  switch (x.kind) {
    case "resource": {
      const parts = x.agent.text.split(":");
      if (parts.length !== 3 || parts.every((p) => p === "")) return bad(x.agent.span, `\`${x.agent.text}\` is not an agent pattern`, "write `resource CLASS:PROVIDER:TYPE`, a part left empty where any matches: `ocf:pacemaker:Dummy`, `ocf::`, `\"::IPaddr2\"`");
      const [standard, provider, type] = parts as [string, string, string];
      if (provider === "" && (standard === "" || standard === "ocf")) {
        e.report(
          diag("HA4142", x.agent.span, `\`resource ${x.agent.text}\` names no provider, so it matches no OCF agent on Pacemaker 2.1`, {
            hint: "Pacemaker 2.1.5 (crm_simulate) takes a missing provider as none, which every OCF agent has: name it (`ocf:heartbeat:`, `ocf:pacemaker:Dummy`)",
          }),
        );
      }
      return { kind: "rsc", id, ...(standard ? { standard } : {}), ...(provider ? { provider } : {}), ...(type ? { type } : {}) };
    }
    case "op":
      if (x.intervalKw !== undefined && x.intervalKw.text !== "interval") return bad(x.intervalKw.span, `\`${x.intervalKw.text}\` where \`interval\` belongs`, "write `op NAME interval X`");
      if (x.interval !== undefined && !V.isDuration(x.interval.text)) return bad(x.interval.span, `\`${x.interval.text}\` is not an interval`, "an interval is a duration: `10s`, `1min`, `0`");
      return { kind: "op", id, name: x.name.text, ...(x.interval ? { interval: x.interval.text } : {}) };
    case "defined":
    case "not_defined":
      return { kind: "expression", id, attribute: x.attribute.text, operation: x.kind };
    case "compare": {
      const op = x.operation.text;
      if (!COMPARISONS.includes(op)) {
        const near = V.closest(op, COMPARISONS);
        return bad(x.operation.span, `\`${op}\` is not a comparison`, `${near ? `did you mean \`${near}\`? ` : ""}comparisons: ${COMPARISONS.join(", ")}`);
      }
      const type = x.type?.text;
      if (type !== undefined && TYPES[type] === undefined) return bad(x.type!.span, `\`${type}\` is not a type to compare as`, `types: ${Object.keys(TYPES).join(", ")}`);
      const source = x.valueSource?.text;
      if (source !== undefined && section !== undefined) {
        return bad(x.valueSource!.span, `a \`${section === "rsc" ? "defaults" : section === "op" ? "op-defaults" : section}\` set cannot compare with a resource's \`${source}\``, "Pacemaker takes the value from the resource's parameter or meta attribute in location rules only (elsewhere it compares with the name itself): write the value");
      }
      if (type !== undefined && source === undefined && !TYPES[type]!.test.test(x.value.text)) {
        return bad(x.value.span, `\`${x.value.text}\` is not ${TYPES[type]!.what}`, `compared as ${type}, the value must be ${TYPES[type]!.what}`);
      }
      return { kind: "expression", id, attribute: x.attribute.text, operation: op, ...(type !== undefined ? { type } : {}), value: x.value.text, ...(source !== undefined ? { valueSource: source } : {}) };
    }
    case "date": {
      const op = x.operation.text;
      if (op === "spec") return dateSpec(e, x, id);
      if (x.extra !== undefined) return bad(x.extra.span, `\`${x.extra.text}\` where no value belongs`, op === "in_range" ? "write `date in_range START to END`" : `write \`date ${op} DATE\``);
      if (!DATE_OPS.includes(op)) return bad(x.operation.span, `\`${op}\` is not a date comparison`, "write `date gt DATE`, `date lt DATE`, `date in_range [START] to END` or `date spec FIELD RANGE ...`");
      // `date gt X` and `date lt X` take one date; in_range takes `START to END` (or `to END`).
      const start = op === "lt" ? undefined : x.start;
      const end = op === "lt" ? x.start : x.end;
      if (op !== "in_range" && (x.start === undefined || x.end !== undefined)) return bad(x.span, `\`date ${op}\` takes one date`, `write \`date ${op} DATE\``);
      if (op === "in_range" && end === undefined) return bad(x.span, "`date in_range` needs an end", "write `date in_range START to END` or `date in_range to END`");
      let ok = true;
      for (const v of [start, end]) {
        const why = v && dateProblem(v.text);
        if (v && why) {
          ok = false;
          e.report(diag("HA3071", v.span, `\`${v.text}\` is not a date: ${why}`, { hint: "Pacemaker reads ISO 8601: `2025-06-30`, `\"2025-06-30 12:00:00 +02:00\"`" }));
        }
      }
      if (!ok) return undefined;
      return { kind: "date", id, operation: op, ...(start ? { start: start.text } : {}), ...(end ? { end: end.text } : {}) };
    }
  }
}

/**
 * `date spec FIELD RANGE ...`: a `<date_spec>` (id `EXPR-datespec`, as pcs
 * names it), its fields in Pacemaker's order. Each field once, each range one Pacemaker reads and one that
 * can match (HA3073): Pacemaker 2.1.5 takes a range it cannot read as no
 * condition, and one outside the field's values as never met.
 */
function dateSpec(e: Elaboration, x: Extract<A.RuleExprDecl, { kind: "date" }>, id: string): RuleExpression | undefined {
  const names = Object.keys(DATE_SPEC_FIELDS);
  const words = x.words ?? [];
  const report = (span: A.Name["span"], message: string, hint: string): void => e.report(diag("HA3073", span, message, { hint }));
  const form = "write `date spec FIELD RANGE ...`: `date spec hours 9-16 weekdays 1-5`";
  if (x.end !== undefined) report(x.end.span, "a date spec has no end", form);
  if (words.length === 0) report(x.span, "a date spec names no field", `${form}; fields: ${names.join(", ")}`);
  if (words.length % 2 === 1) report(words[words.length - 1]!.span, `field \`${words[words.length - 1]!.text}\` has no range`, form);
  let ok = x.end === undefined && words.length > 0 && words.length % 2 === 0;
  const fields: { name: string; range: string }[] = [];
  const seen = new Map<string, A.Value>();
  for (let i = 0; i + 1 < words.length; i += 2) {
    const f = words[i]!;
    const r = words[i + 1]!;
    if (!names.includes(f.text)) {
      ok = false;
      const near = V.closest(f.text, names);
      report(f.span, `\`${f.text}\` is not a date spec field`, `${near ? `did you mean \`${near}\`? ` : ""}fields: ${names.join(", ")}`);
      continue;
    }
    if (seen.has(f.text)) {
      ok = false;
      report(f.span, `a date spec names \`${f.text}\` twice`, "name each field once: Pacemaker keeps one value of each");
      continue;
    }
    seen.set(f.text, f);
    const why = rangeProblem(f.text, r.text);
    if (why !== undefined) {
      ok = false;
      const b = DATE_SPEC_FIELDS[f.text];
      report(r.span, `\`${r.text}\` is not a range of \`${f.text}\`: ${why}`, `a range is \`N\`, \`N-M\`, \`-M\` or \`N-\`${b ? `, within ${b[0]}-${b[1]}` : ""}`);
      continue;
    }
    fields.push({ name: f.text, range: r.text });
  }
  if (!ok) return undefined;
  return { kind: "date", id, operation: "date_spec", spec: { id: `${id}-datespec`, fields: specOrder(fields) } };
}
