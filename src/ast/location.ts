import type { IToken } from "chevrotain";
import type { Span } from "../diagnostics/span.js";
import type * as C from "../syntax/cst.js";
import type { AstBuilder } from "./build.js";
import { readResourceSet } from "./sets.js";
import type * as A from "./types.js";

/** Reads `location NAME for RSC ...` (src/syntax/parser.ts, `locationDecl`) into its AST node. */
export function readLocation(b: AstBuilder, n: C.LocationDeclCstNode, span: Span): A.LocationDecl | undefined {
  const c = n.children;
  const name = b.name(b.tok(c.name));
  const set = c.set?.[0] !== undefined ? readResourceSet(b, c.set[0], "role") : undefined;
  // A set without a member (`( , )`) still makes the statement, for the checker to report (HA3080).
  const patternTok = b.tok(c.pattern);
  const pattern = patternTok && b.valueOfToken(patternTok);
  const rsc = set !== undefined ? (set.members[0] ?? { text: "", span: set.span }) : pattern !== undefined ? { text: "", span: pattern.span } : b.name(b.tok(c.rsc));
  if (!name || !rsc) return undefined;
  const scoreTok = b.tok(c.score);
  const rules = b.nodes(c.ruleItem).flatMap((r) => readRule(b, r) ?? []);
  const opt = <K extends string, V>(k: K, v: V | undefined) => (v === undefined ? {} : ({ [k]: v } as { [P in K]: V }));
  return {
    kind: "location",
    name,
    rsc,
    ...opt("set", set),
    ...opt("pattern", pattern),
    ...opt("role", b.name(b.tok(c.role))),
    ...opt("discovery", b.name(b.tok(c.discovery))),
    ...opt("node", b.name(b.tok(c.node))),
    ...opt("score", scoreTok && b.valueOfToken(scoreTok)),
    rules,
    span,
  };
}

/** A rule's value (a word or a string), also a colocation option's (src/ast/build.ts). */
export function ruleValue(b: AstBuilder, n: readonly C.RuleValueCstNode[] | undefined): A.Value | undefined {
  const v = b.node(n);
  if (v === undefined) return undefined;
  const t: IToken | undefined = b.tok(v.children.Word) ?? b.tok(v.children.StringTok);
  return t && b.valueOfToken(t);
}

function readRule(b: AstBuilder, n: C.RuleItemCstNode): A.RuleDecl | undefined {
  const c = n.children;
  const span = b.nodeSpan(n);
  if (span === undefined) return undefined;
  const scoreTok = b.tok(c.score);
  const score = scoreTok && b.valueOfToken(scoreTok);
  const scoreAttribute = ruleValue(b, c.scoreAttribute);
  const role = b.name(b.tok(c.role));
  const expressions = b.nodes(c.ruleTerm).flatMap((e) => readTerm(b, e) ?? []);
  const booleanOps = b.toks(c.booleanOp).map((t) => b.name(t)!);
  return {
    ...(role ? { role } : {}),
    ...(score ? { score } : {}),
    ...(scoreAttribute ? { scoreAttribute } : {}),
    expressions,
    booleanOps,
    span,
  };
}

/** A test of a location rule, or a parenthesised group of them. */
function readTerm(b: AstBuilder, n: C.RuleTermCstNode): A.RuleTermDecl | undefined {
  const c = n.children;
  if (c.ruleExpr !== undefined) return readExpr(b, c.ruleExpr[0]!);
  const span = b.nodeSpan(n);
  if (span === undefined) return undefined;
  return {
    kind: "group",
    expressions: b.nodes(c.ruleTerm).flatMap((e) => readTerm(b, e) ?? []),
    booleanOps: b.toks(c.booleanOp).map((t) => b.name(t)!),
    span,
  };
}

/** Reads `defaults [score N] [when ...] [named ID] { ... }` (or `op-defaults`, `property`: src/syntax/rule-grammar.ts, `defaultsSet`); `span` is the whole item's. */
export function readDefaultsSet(b: AstBuilder, n: C.DefaultsSetCstNode | undefined, section: A.SetSection, span: Span | undefined): A.DefaultsSetDecl | undefined {
  const body = readSetBody(b, n, span);
  return body && { section, ...body };
}

/** The score, tests and pairs of a set (`defaultsSet` in src/syntax/rule-grammar.ts), after whichever word opens it. */
export function readSetBody(b: AstBuilder, n: C.DefaultsSetCstNode | undefined, span: Span | undefined): Omit<A.DefaultsSetDecl, "section"> | undefined {
  if (n === undefined || span === undefined) return undefined;
  const c = n.children;
  const scoreTok = b.tok(c.score);
  const scoreKw = b.name(b.tok(c.scoreKw));
  const name = b.name(b.tok(c.name));
  const pairs: A.Pair[] = [];
  for (const p of b.nodes(c.defaultsPair)) {
    const key = b.name(b.tok(p.children.key));
    const vt = b.tok(p.children.value);
    const value = vt && b.valueOfToken(vt);
    const at = b.nodeSpan(p);
    if (key && value && at) pairs.push({ key, value, span: at });
  }
  return {
    ...(scoreKw ? { scoreKw } : {}),
    ...(scoreTok ? { score: b.valueOfToken(scoreTok) } : {}),
    expressions: b.nodes(c.ruleExpr).flatMap((e) => readExpr(b, e) ?? []),
    booleanOps: b.toks(c.booleanOp).map((t) => b.name(t)!),
    ...(name ? { name } : {}),
    pairs,
    span,
  };
}

function readExpr(b: AstBuilder, n: C.RuleExprCstNode): A.RuleExprDecl | undefined {
  const c = n.children;
  const span = b.nodeSpan(n);
  if (span === undefined) return undefined;
  if (c.Kw_resource) {
    const agent = ruleValue(b, c.agent);
    return agent && { kind: "resource", agent, span };
  }
  if (c.Kw_op) {
    const name = ruleValue(b, c.opName);
    const interval = ruleValue(b, c.interval);
    const intervalKw = b.name(b.tok(c.intervalKw));
    return name && { kind: "op", name, ...(intervalKw ? { intervalKw } : {}), ...(interval ? { interval } : {}), span };
  }
  const attribute = ruleValue(b, c.attribute);
  const unary = b.tok(c.unary);
  if (unary) return attribute && { kind: unary.image === "defined" ? "defined" : "not_defined", attribute, span };
  const operation = b.name(b.tok(c.operation));
  if (!operation) return undefined;
  if (c.Kw_date) {
    const values = (c.start ?? []).flatMap((v) => ruleValue(b, [v]) ?? []);
    const end = ruleValue(b, c.end);
    if (operation.text === "spec") return { kind: "date", operation, words: values, ...(end ? { end } : {}), span };
    const [start, extra] = values;
    return { kind: "date", operation, ...(start ? { start } : {}), ...(end ? { end } : {}), ...(extra ? { extra } : {}), span };
  }
  const value = ruleValue(b, c.value);
  const type = b.name(b.tok(c.type));
  if (!attribute || !value) return undefined;
  const valueSource = b.name(b.tok(c.valueSource));
  return { kind: "compare", attribute, operation, ...(type ? { type } : {}), ...(valueSource ? { valueSource } : {}), value, span };
}
