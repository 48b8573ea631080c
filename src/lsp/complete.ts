import { tokenMatcher, type IToken } from "chevrotain";
import { STATEMENT_KEYWORD_TOKENS, STATEMENT_KEYWORDS } from "../syntax/keywords.js";
import { lex } from "../syntax/lex.js";
import * as T from "../syntax/tokens.js";
import type * as A from "../ast/types.js";
import { DATE_SPEC_FIELDS } from "../check/dates.js";
import type { NameIndex } from "./names.js";

/** One completion: the word, what it is, and the text to insert when it is not the word. */
export interface Completion {
  readonly label: string;
  readonly kind: "keyword" | "node" | "guest" | "resource" | "agent" | "parameter";
  readonly detail?: string;
  readonly insert?: string;
}

/**
 * What fits at `offset` in `text`, read from hacc's own tokens before it (the
 * lexer the parser uses): statement keywords where a statement starts, nodes
 * after `on` and in a placement list, resources where an order, colocation,
 * group, clone, `after` or `location NAME for` names one (there also
 * `pattern`), agents after `resource NAME`, and an agent's parameters and
 * the `params` and `meta` sets at the start of an item in a resource's or
 * template's block (or, without the sets, a service instance's: its kind's
 * agent's parameters, but the one the guest fills), and
 * in the cluster block the words of a defaults or property block's head
 * (`score`, `when`, `and`, `or`, `named`), and of a node's set's after its
 * node (`attributes NODE score 5 ...`), the nodes after `attributes` and
 * `utilization`.
 */
export function completions(text: string, offset: number, index: NameIndex): Completion[] {
  const lexed = lex(text.slice(0, offset));
  // Inside a comment or a string nothing fits: what is typed there is the author's own text.
  const comment = lexed.comments[lexed.comments.length - 1];
  if (comment && comment.endOffset! + 1 === offset) return [];
  const tokens = lexed.tokens;
  if (tokens[tokens.length - 1]?.tokenType === T.UnterminatedString) return [];
  // A word the cursor is at the end of is the prefix being typed, not context.
  const last = tokens[tokens.length - 1];
  if (last && last.endOffset! + 1 === offset && tokenMatcher(last, T.AnyWord)) tokens.pop();
  const date = dateWords(tokens);
  if (date !== undefined) return date;
  const ctx = context(tokens);
  const prev = tokens[tokens.length - 1];
  if (prev === undefined || (ctx.depth === 0 && (prev.tokenType === T.Semi || prev.tokenType === T.RBrace))) return keywords();
  const stmt = ctx.statement;
  if (ctx.depth > 0) {
    if (ctx.depth === 1 && stmt[0]?.tokenType === T.Cluster) {
      const head = setHead(ctx.block, index);
      if (head !== undefined) return head;
    }
    if (prev.tokenType !== T.LBrace && prev.tokenType !== T.Semi) return [];
    // A resource's or template's block: its agent's parameters, and at the block's own level its `params` and `meta` sets.
    if (stmt[0]?.tokenType === T.Resource || stmt[0]?.tokenType === T.Template) {
      const params = stmt[2] && stmt[2].tokenType !== T.From ? agentParams(index, stmt[2].image, ctx.block) : [];
      return ctx.depth === 1 ? [...params, ...SET_ITEMS] : params;
    }
    // `KIND on GUEST ... {`: the parameters of the service kind's agent, but the one the guest fills.
    if (isInstance(stmt)) {
      const svc = index.declaration(`service:${stmt[0]!.image}`)?.statement;
      if (svc?.kind === "service") return agentParams(index, svc.agent.text, ctx.block).filter((c) => c.label !== svc.guestParam?.text);
    }
    return [];
  }
  const head = stmt[0]?.tokenType;
  const after = prev.tokenType;
  if (head === T.Resource && stmt.length === 2) return agents(index);
  // A guest runs on cluster nodes, a service in a guest, anything else on either.
  if (after === T.On) return isInstance(stmt) ? guests(index) : head === T.Guest ? clusterNodes(index) : nodes(index);
  if (after === T.Comma && stmt.some((t) => t.tokenType === T.On) && head !== T.Cluster) return head === T.Guest ? clusterNodes(index) : nodes(index);
  // `location NAME for`: a resource, or `pattern "REGEX"` for every top-level resource whose id matches.
  if (head === T.Location && after === T.For) return [{ label: "pattern", kind: "keyword", detail: "a location of every top-level resource whose id matches a regular expression (rsc-pattern)" }, ...resources(index)];
  if (after === T.Order || after === T.Then || after === T.Colocate || after === T.With || after === T.Of) return resources(index);
  if (after === T.After) return [{ label: "vm", kind: "keyword", detail: "the guest's VirtualDomain resource" }, ...resources(index)];
  if (head === T.Group && stmt.length >= 2 && !stmt.some((t) => t.tokenType === T.On) && (stmt.length === 2 || after === T.Comma)) return resources(index);
  return [];
}

const SET_KEYWORDS = [T.Defaults, T.OpDefaults, T.Property];
/** Words whose set names its node first: `attributes NODE [score N] ...`, `utilization NODE ...`. */
const NODE_SET_KEYWORDS = [T.Attributes, T.Utilization];

/** The sets a resource's or template's block item may start (docs/language.md, "Parameters and meta attributes chosen by rules"). */
const SET_ITEMS: readonly Completion[] = [
  { label: "params", kind: "keyword", detail: "a set of parameters: `params [score N] [when TEST] { KEY = VALUE; }`" },
  { label: "meta", kind: "keyword", detail: "meta attributes: `meta KEY = VALUE, ...;` or a set `meta [score N] [when TEST] { ... }`" },
];

/**
 * In the cluster block, the words a defaults, op-defaults or property block's head takes next
 * (`[score N] [when TEST ...] [named ID] {`), and a node's set's after its node (the nodes
 * right after `attributes` or `utilization`); undefined when the item being written is not such a head.
 */
function setHead(block: readonly IToken[], index: NameIndex): Completion[] | undefined {
  let start = block.length;
  while (start > 0 && ![T.Semi, T.LBrace, T.RBrace].includes(block[start - 1]!.tokenType)) start--;
  let item = block.slice(start);
  if (item.length > 0 && NODE_SET_KEYWORDS.includes(item[0]!.tokenType)) {
    if (item.length === 1) return nodes(index);
    // The node named, the rest reads as a defaults block's head.
    item = [item[0]!, ...item.slice(2)];
  } else if (item.length === 0 || !SET_KEYWORDS.includes(item[0]!.tokenType)) return undefined;
  // Past `named` (the id is typed next) or into a `KEY = VALUE` line, nothing of a head fits.
  if (item.some((t) => t.tokenType === T.Named || t.tokenType === T.Equals || t.tokenType === T.Comma)) return [];
  const last = item[item.length - 1]!;
  const score = { label: "score", kind: "keyword", detail: "the set's score: `score N`" } as const;
  const when = { label: "when", kind: "keyword", detail: "the rule that chooses the set" } as const;
  const named = { label: "named", kind: "keyword", detail: "the set's own id: `named ID`" } as const;
  if (item.length === 1) return [score, when, named];
  if (last.tokenType === T.When || last.tokenType === T.And || last.tokenType === T.Or) return [];
  if (!item.some((t) => t.tokenType === T.When)) return item.length === 3 ? [when, named] : [];
  return [{ label: "and", kind: "keyword", detail: "another test that must hold too" }, { label: "or", kind: "keyword", detail: "another test that may hold instead" }, named];
}

/**
 * In a rule's date test: its operations right after `date`, and after
 * `date spec` (or a field's range) the fields of a date spec not yet named;
 * undefined when the cursor is not there.
 */
function dateWords(tokens: readonly IToken[]): Completion[] | undefined {
  let at = tokens.length - 1;
  while (at >= 0 && (tokenMatcher(tokens[at]!, T.Word) || tokenMatcher(tokens[at]!, T.StringTok))) at--;
  if (at < 0 || tokens[at]!.tokenType !== T.DateKw) return undefined;
  const after = tokens.slice(at + 1).map((t) => t.image);
  if (after.length === 0) {
    return [
      { label: "gt", kind: "keyword", detail: "after a date" },
      { label: "lt", kind: "keyword", detail: "before a date" },
      { label: "in_range", kind: "keyword", detail: "between two dates" },
      { label: "spec", kind: "keyword", detail: "at times of day, days of the week, ..." },
    ];
  }
  if (after[0] !== "spec" || after.length % 2 === 0) return after[0] === "spec" ? [] : undefined;
  const named = after.filter((_, i) => i % 2 === 1);
  return Object.keys(DATE_SPEC_FIELDS)
    .filter((f) => !named.includes(f))
    .map((f) => {
      const b = DATE_SPEC_FIELDS[f];
      return { label: f, kind: "keyword", detail: `date spec field${b ? ` (${b[0]}-${b[1]})` : ""}` };
    });
}

/** `KIND on GUEST`: a statement that starts with a word rather than a keyword. */
function isInstance(stmt: readonly IToken[]): boolean {
  return stmt[0] !== undefined && !STATEMENT_KEYWORD_TOKENS.includes(stmt[0].tokenType);
}

/** The tokens of the statement the cursor is in (at depth 0), the open block's tokens, and the brace depth. */
function context(tokens: readonly IToken[]): { statement: IToken[]; block: IToken[]; depth: number } {
  let depth = 0;
  let statement: IToken[] = [];
  let block: IToken[] = [];
  for (const t of tokens) {
    if (t.tokenType === T.LBrace) {
      depth++;
      if (depth === 1) block = [];
      else block.push(t);
      continue;
    }
    if (t.tokenType === T.RBrace) {
      depth = Math.max(0, depth - 1);
      // A nested block's end stays in the open block's tokens: an item starts after it.
      if (depth > 0) block.push(t);
      continue;
    }
    if (depth > 0) {
      block.push(t);
      continue;
    }
    if (t.tokenType === T.Semi) {
      statement = [];
      continue;
    }
    // A statement keyword always starts a statement (it cannot be a name).
    if (STATEMENT_KEYWORD_TOKENS.includes(t.tokenType)) statement = [];
    statement.push(t);
  }
  return { statement, block, depth };
}

function keywords(): Completion[] {
  return STATEMENT_KEYWORDS.map((k) => ({ label: k, kind: "keyword", detail: "statement" }));
}

function nodes(index: NameIndex): Completion[] {
  return index.declared("node").map(({ name, occurrence }) => ({ label: name, kind: occurrence.decl === "guest" ? "guest" : "node", detail: occurrence.decl === "guest" ? "guest node" : occurrence.decl === "unlisted" ? "unlisted node (no entry: never up)" : "cluster node" }));
}

function clusterNodes(index: NameIndex): Completion[] {
  return nodes(index).filter((c) => c.kind === "node");
}

function guests(index: NameIndex): Completion[] {
  return nodes(index).filter((c) => c.kind === "guest");
}

function resources(index: NameIndex): Completion[] {
  return index.declared("rsc").map(({ name, occurrence }) => ({ label: name, kind: "resource", detail: occurrence.decl ?? (occurrence.statement.kind === "instance" ? "service" : "resource") }));
}

function agents(index: NameIndex): Completion[] {
  return index.declared("agent").map(({ name }) => ({ label: name, kind: "agent", detail: "resource agent" }));
}

/** The parameters of `agent` that the block does not set yet, each as `NAME = `. */
function agentParams(index: NameIndex, agent: string, block: readonly IToken[]): Completion[] {
  const decl = index.declaration(`agent:${agent}`)?.statement;
  if (decl?.kind !== "agent") return [];
  const set = new Set(block.filter((t, i) => block[i + 1]?.tokenType === T.Equals).map((t) => t.image));
  return decl.params
    .filter((p: A.AgentParamDecl) => !set.has(p.name.text))
    .map((p) => ({ label: p.name.text, kind: "parameter", detail: p.required ? "required" : p.default ? `default ${p.default.text}` : "optional", insert: `${p.name.text} = ` }));
}
