import { tokenMatcher, type CstNode, type IToken } from "chevrotain";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLines, Span } from "../diagnostics/span.js";
import type * as C from "../syntax/cst.js";
import * as T from "../syntax/tokens.js";
import { readAcl, readAlert, readFencing } from "./admin.js";
import { readDefaultsSet, readLocation, readSetBody, ruleValue } from "./location.js";
import { readTemplate } from "./templates.js";
import { BLOCK_ITEM_BY_START } from "./block-items.js";
import * as M from "./make.js";
import { named, readColocateSet, readOrderSet, readTicketSet } from "./sets.js";
import { distance } from "../util/distance.js";
import { misspeltOrderKind } from "./slips.js";
import type * as A from "./types.js";

/** A word that reads as a score (`500`, `-INFINITY`, `+inf`), which no resource id does. */
const SCORE_LIKE = /^[+-]?(?:[0-9]+|inf(?:inity)?)$/i;
/** The roles a colocation may name, in any case (Pacemaker 2.1's names too). */
const ROLE_WORDS: readonly string[] = ["started", "stopped", "promoted", "unpromoted", "master", "slave"];
/** A role's name, or a slip of one (`prometed`): the checker then says which role it meant. */
function roleLike(word: string): boolean {
  const w = word.toLowerCase();
  return ROLE_WORDS.some((r) => r === w || (w.length >= 4 && distance(w, r) <= 2));
}

type Child = CstNode | IToken;

const NONE: readonly never[] = [];

/** A token read from the source: not made up by error recovery, with a known position. */
function real(t: IToken): boolean {
  return !t.isInsertedInRecovery && !Number.isNaN(t.startOffset);
}

function isToken(c: Child): c is IToken {
  return (c as IToken).image !== undefined;
}

/** The key of a CST node's first child: its alternative's first keyword or rule. */
function firstKey<N extends CstNode>(n: N): keyof N["children"] | undefined {
  for (const key in n.children) return key;
  return undefined;
}

/** A statement rule's node: one alternative of the grammar's `statement`. */
type StatementNode = NonNullable<C.StatementCstChildren[keyof C.StatementCstChildren]>[number];

/**
 * The AST statement each statement rule of the grammar reads into. A rule
 * added to the grammar (src/syntax/cst.d.ts, `npm run gen:cst`) and not here,
 * or here and not to the readers below, is a type error.
 */
interface StatementRules {
  readonly clusterDecl: A.ClusterDecl;
  readonly guestDecl: A.GuestDecl;
  readonly resourceDecl: A.ResourceDecl;
  readonly templateDecl: A.TemplateDecl;
  readonly instanceDecl: A.InstanceDecl;
  readonly orderDecl: A.OrderDecl;
  readonly colocateDecl: A.ColocateDecl;
  readonly ticketDecl: A.TicketDecl | A.TicketSetDecl;
  readonly orderSetDecl: A.OrderSetDecl;
  readonly colocateSetDecl: A.ColocateSetDecl;
  readonly fencingDecl: A.FencingDecl;
  readonly alertDecl: A.AlertDecl;
  readonly aclDecl: A.AclDecl;
  readonly tagDecl: A.TagDecl;
  readonly locationDecl: A.LocationDecl;
  readonly groupDecl: A.GroupDecl;
  readonly cloneDecl: A.CloneDecl;
  readonly bundleDecl: A.BundleDecl;
  readonly agentDecl: A.AgentDecl;
  readonly serviceDecl: A.ServiceDecl;
}

/** Fails to compile, naming the kind, while an AST statement kind has no rule that reads it. */
type Never<T extends never> = T;
type EveryStatementKindIsRead = Never<Exclude<A.Statement["kind"], StatementRules[keyof StatementRules]["kind"]>>;

type StatementReaders = { readonly [N in StatementNode as N["name"]]: (n: N, span: Span) => StatementRules[N["name"]] | undefined };

/** Converts a file's CST into the AST. Tolerates the partial nodes error recovery leaves behind. */
export class AstBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly lines: SourceLines) {}

  tokenSpan(t: IToken): Span {
    return this.lines.span(t.startOffset, (t.endOffset ?? t.startOffset) + 1);
  }

  nodeSpan(n: CstNode): Span | undefined {
    const l = n.location;
    if (l === undefined || Number.isNaN(l.startOffset) || l.endOffset === undefined || Number.isNaN(l.endOffset)) return undefined;
    return this.lines.span(l.startOffset, l.endOffset + 1);
  }

  // A CST node's children, typed by src/syntax/cst.d.ts. Any of them may be
  // missing where error recovery cut a rule short, required or not; tokens
  // that error recovery made up, or whose position is unknown, are skipped.
  /** A colocation's `KEY VALUE` options (`node-attribute ATTR`, `influence BOOL`), each a pair spanning both. */
  options(keyToks: readonly IToken[] | undefined, valueNodes: readonly C.RuleValueCstNode[] | undefined): A.Pair[] {
    const keys = this.toks(keyToks);
    const values = this.nodes(valueNodes);
    const out: A.Pair[] = [];
    for (let i = 0; i < Math.min(keys.length, values.length); i++) {
      const key = this.name(keys[i])!;
      const value = ruleValue(this, [values[i]!]);
      if (value !== undefined) out.push({ key, value, span: this.lines.span(key.span.start, value.span.end) });
    }
    return out;
  }

  toks(list: readonly IToken[] | undefined): readonly IToken[] {
    if (list === undefined) return NONE;
    return list.every(real) ? list : list.filter(real);
  }

  tok(list: readonly IToken[] | undefined): IToken | undefined {
    if (list !== undefined) for (const t of list) if (real(t)) return t;
    return undefined;
  }

  nodes<N extends CstNode>(list: readonly N[] | undefined): readonly N[] {
    return list ?? NONE;
  }

  node<N extends CstNode>(list: readonly N[] | undefined): N | undefined {
    return list?.[0];
  }

  /** The span from the start of `first` to the end of `last`. */
  spanOf(first: IToken, last: IToken): Span {
    return this.lines.span(first.startOffset, (last.endOffset ?? last.startOffset) + 1);
  }

  /** A name as written: a word, or a string's text (`"group"`, a name that is a keyword), with its span. */
  name(t: IToken | undefined): A.Name | undefined {
    if (t === undefined) return undefined;
    if (tokenMatcher(t, T.StringTok)) return this.agentName(t);
    return { text: t.image, span: this.tokenSpan(t) };
  }

  /** An agent as written: a word, or a string's text (`"systemd:getty@tty1"`), with its span. */
  agentName(t: IToken | undefined): A.Name | undefined {
    if (t === undefined) return undefined;
    const v = this.valueOfToken(t);
    return { text: v.text, span: v.span };
  }

  /** Builds a value; a string's escapes are resolved here (only `\"` and `\\` exist). */
  valueOfToken(t: IToken): A.Value {
    const span = this.tokenSpan(t);
    if (t.tokenType.name === "StringLiteral" || t.tokenType.name === "UnterminatedString") {
      const terminated = t.tokenType.name === "StringLiteral";
      if (!terminated) {
        this.diagnostics.push(
          diag("HA1002", span, "unterminated string", { hint: "close the string with `\"` on the same line" }),
        );
      }
      const body = terminated ? t.image.slice(1, -1) : t.image.slice(1);
      // Most strings have no escape: their text is their body, not a copy made a character at a time.
      const escaped = body.includes("\\");
      let text = escaped ? "" : body;
      for (let i = 0; escaped && i < body.length; i++) {
        const ch = body[i]!;
        if (ch !== "\\") {
          text += ch;
          continue;
        }
        const next = body[i + 1] ?? "";
        if (next === '"' || next === "\\") {
          text += next;
        } else {
          const at = t.startOffset + 1 + i;
          const escSpan = this.lines.span(at, at + 2);
          this.diagnostics.push(
            diag("HA1004", escSpan, `invalid escape \`\\${next}\` in string`, {
              hint: "strings know two escapes: `\\\"` for a quote and `\\\\` for a backslash",
            }),
          );
          text += next;
        }
        i++;
      }
      const control = /[\u0000-\u0008\u000b-\u001f\u007f\t]/.exec(text);
      if (control) {
        const code = control[0].charCodeAt(0).toString(16).padStart(2, "0");
        this.diagnostics.push(
          diag("HA3015", span, `string holds the control character U+00${code.toUpperCase()}`, {
            hint: "Pacemaker cannot store control characters in the CIB faithfully (a tab becomes spaces); remove it",
          }),
        );
      }
      return { kind: "string", text, span };
    }
    return { kind: "word", text: t.image, span };
  }

  value(n: C.ValueCstNode | undefined): A.Value | undefined {
    if (n === undefined) return undefined;
    const t = this.tok(n.children.AnyWord) ?? this.tok(n.children.StringTok) ?? this.firstToken(n);
    return t === undefined ? undefined : this.valueOfToken(t);
  }

  private firstToken(n: CstNode): IToken | undefined {
    for (const list of Object.values(n.children)) for (const c of list) if (isToken(c) && !c.isInsertedInRecovery) return c;
    return undefined;
  }

  pair(n: C.PairCstNode | C.ItemPairCstNode): A.Pair | undefined {
    const key = this.name(this.tok(n.children.key));
    const value = this.value(this.node(n.children.value));
    const span = this.nodeSpan(n);
    if (key === undefined || value === undefined || span === undefined) return undefined;
    return { key, value, span };
  }

  pairs(n: C.PairListCstNode | undefined): A.Pair[] {
    if (n === undefined) return [];
    return this.nodes(n.children.pair).flatMap((p) => this.pair(p) ?? []);
  }

  private placement(n: C.PlacementCstNode | undefined): A.PlacementEntry[] {
    if (n === undefined) return [];
    const out: A.PlacementEntry[] = [];
    for (const e of this.nodes(n.children.placementEntry)) {
      const host = this.name(this.tok(e.children.host));
      const scoreTok = this.tok(e.children.score);
      const namedTok = this.tok(e.children.named);
      const named = namedTok && this.name(namedTok);
      const span = this.nodeSpan(e);
      if (host === undefined || span === undefined) continue;
      out.push(M.placementEntry(host, scoreTok && this.valueOfToken(scoreTok), named, span));
    }
    return out;
  }

  op(n: C.OpItemCstNode): A.OpDecl | undefined {
    const name = this.name(this.tok(n.children.name));
    const span = this.nodeSpan(n);
    if (name === undefined || span === undefined) return undefined;
    const keys = this.toks(n.children.key);
    const values = this.nodes(n.children.value);
    const attrs: A.Pair[] = [];
    for (let i = 0; i < Math.min(keys.length, values.length); i++) {
      const key = this.name(keys[i])!;
      const value = this.value(values[i]);
      if (value === undefined) continue;
      attrs.push({ key, value, span: this.lines.span(key.span.start, value.span.end) });
    }
    const braces = this.tok(n.children.LBrace) !== undefined;
    const params = this.nodes(n.children.opParam).flatMap((p) => {
      const pair = this.node(p.children.pair);
      return pair ? (this.pair(pair) ?? []) : [];
    });
    return { kind: "op", name, attrs, ...(braces ? { params } : {}), span };
  }

  block(n: C.BlockCstNode | undefined): A.Block | undefined {
    if (n === undefined) return undefined;
    const span = this.nodeSpan(n);
    if (span === undefined) return undefined;
    const items: A.BlockItem[] = [];
    for (const it of this.nodes(n.children.blockItem)) {
      const s = this.nodeSpan(it);
      if (s === undefined) continue;
      // Each alternative starts with its own keyword or rule, the node's first child.
      const key = firstKey(it);
      const read = key === undefined ? undefined : BLOCK_ITEM_BY_START.get(key);
      const item = read?.(this, it.children, s);
      if (item) items.push(item);
    }
    return { items, span };
  }

  /** Block and placement of a statement's `tail` rule. */
  private tail(n: C.TailCstNode | undefined): M.Tail {
    if (n === undefined) return { placement: [] };
    const block = this.block(this.node(n.children.block));
    return M.tail(block, this.placement(this.node(n.children.placement)));
  }

  build(root: C.FileCstNode, comments: readonly IToken[], fileSpan: Span): A.FileAst {
    const statements: A.Statement[] = [];
    for (const st of this.nodes(root.children.statement)) {
      const key = firstKey(st);
      const inner = key === undefined ? undefined : st.children[key]![0];
      if (inner === undefined) continue;
      const span = this.nodeSpan(inner);
      if (span === undefined) continue;
      // One reader per statement rule; the cast pairs each rule's node with its reader.
      const read = this.readers[inner.name] as (n: StatementNode, span: Span) => A.Statement | undefined;
      const s = read(inner, span);
      if (s) statements.push(s);
    }
    return {
      kind: "file",
      file: this.lines.file,
      statements,
      comments: comments.map((t) => ({ text: t.image, span: this.tokenSpan(t) })),
      span: fileSpan,
    };
  }

  /** The reader of each statement rule: tsc names a rule of the grammar without one. */
  private readonly readers: StatementReaders = {
    clusterDecl: (n, span) => {
      const name = this.name(this.tok(n.children.name));
      if (!name) return undefined;
      const parts = M.clusterParts();
      const { nodes, unlistedNodes, properties, defaults, opDefaults, defaultSets, guestDefaults, vfLimits, hostFailures, capacities, nodeAttributes, nodeSets } = parts;
      for (const it of this.nodes(n.children.clusterItem)) {
        const c = it.children;
        if (c.Kw_nodes) nodes.push(...this.toks(c.node).map((t) => this.name(t)!));
        else if (c.Kw_unlisted_nodes) unlistedNodes.push(...this.toks(c.unlistedNode).map((t) => this.name(t)!));
        else if (c.defaultsSet) {
          const d = readDefaultsSet(this, this.node(c.defaultsSet), c.Kw_property ? "property" : c.Kw_defaults ? "rsc" : "op", this.nodeSpan(it));
          if (d) defaultSets.push(d);
        } else if (c.Kw_property) {
          const p = this.node(c.pair);
          const pr = p && this.pair(p);
          if (pr) properties.push(pr);
        } else if (c.Kw_defaults) defaults.push(...this.pairs(this.node(c.pairList)));
        else if (c.Kw_op_defaults) opDefaults.push(...this.pairs(this.node(c.pairList)));
        else if (c.Kw_guest_defaults) {
          const b = this.block(this.node(c.block));
          if (b) guestDefaults.push(b);
        } else if (c.Kw_vf_limit) {
          const l = this.name(this.tok(c.limit));
          if (l) vfLimits.push(l);
        } else if (c.Kw_host_failures) {
          const f = this.name(this.tok(c.failures));
          if (f) hostFailures.push(f);
        } else if (c.nodeSet) {
          const node = this.name(this.tok(c.capacityNode ?? c.attributesNode));
          const keyword = this.name(this.tok(c.Kw_utilization ?? c.Kw_attributes));
          const body = readSetBody(this, this.node(c.nodeSet), this.nodeSpan(it));
          if (node && keyword && body) nodeSets.push({ which: c.Kw_utilization ? "utilization" : "attributes", node, keyword, ...body });
        } else if (c.Kw_utilization) {
          const node = this.name(this.tok(c.capacityNode));
          const at = this.nodeSpan(it);
          if (node && at) capacities.push({ node, pairs: this.pairs(this.node(c.pairList)), span: at });
        } else if (c.Kw_attributes) {
          const node = this.name(this.tok(c.attributesNode));
          const at = this.nodeSpan(it);
          if (node && at) nodeAttributes.push({ node, pairs: this.pairs(this.node(c.pairList)), span: at });
        }
      }
      return M.cluster(name, parts, span);
    },
    guestDecl: (n, span) => {
      const name = this.name(this.tok(n.children.name));
      if (!name) return undefined;
      const block = this.block(this.node(n.children.block));
      return M.guest(name, this.placement(this.node(n.children.placement)), block, span);
    },
    resourceDecl: (n, span) => {
      const name = this.name(this.tok(n.children.name));
      const template = this.name(this.tok(n.children.template));
      const agent = template ? undefined : this.agentName(this.tok(n.children.agent));
      if (!name || (!template && !agent)) return undefined;
      return template ? M.resourceFrom(name, template, this.tail(this.node(n.children.tail)), span) : M.resource(name, agent!, this.tail(this.node(n.children.tail)), span);
    },
    templateDecl: (n, span) => readTemplate(this, n, span),
    instanceDecl: (n, span) => {
      const service = this.name(this.tok(n.children.kind));
      const guest = this.name(this.tok(n.children.guest));
      if (!service || !guest) return undefined;
      const after = this.name(this.tok(n.children.after));
      return M.instance(service, guest, after, this.block(this.node(n.children.block)), span);
    },
    orderDecl: (n, span) => {
      const c = n.children;
      const first = this.name(this.tok(c.first));
      const then = this.name(this.tok(c.then));
      if (!first || !then) return undefined;
      const thenAction = this.name(this.tok(c.thenAction));
      // A name written as a string (`"optional"`) is meant as a name, never a slip of a kind.
      const kind = tokenMatcher(this.tok(c.then)!, T.StringTok) ? undefined : misspeltOrderKind(thenAction?.text, then.text);
      if (thenAction && kind !== undefined) {
        // `order a then b optinal;`: `b` is the resource, `optinal` a misspelt kind.
        this.diagnostics.push(diag("HA1003", then.span, `\`${then.text}\` is not an order kind`, { hint: `did you mean \`${kind}\`?` }));
        return M.order(first, thenAction, this.name(this.tok(c.firstAction)), undefined, undefined, span);
      }
      const options = this.toks(c.option).flatMap((t) => this.name(t) ?? []);
      const named = this.name(this.tok(this.node(c.constraintName)?.children.name));
      return M.order(first, then, this.name(this.tok(c.firstAction)), thenAction, this.name(this.tok(c.kind)), span, options, named);
    },
    colocateDecl: (n, span) => {
      const rsc = this.name(this.tok(n.children.rsc));
      // `with W`, `with W SCORE`, `with ROLE W`, `with ROLE W SCORE`: of two words, the second is the score when it
      // reads as one (a resource id never does: it starts with a letter or `_`, and is not INFINITY).
      const words = [...this.toks(n.children.with), ...this.toks(n.children.score)];
      // Of two words where the second is no score: a role and a resource when the first is a role's name, else a
      // resource and a mistaken score (`with vm-g1 -lots`: one error, at the score).
      const roleFirst = words.length === 3 || (words.length === 2 && !SCORE_LIKE.test(words[1]!.image) && roleLike(words[0]!.image));
      const withRole = roleFirst ? this.name(words[0]) : undefined;
      const w = this.name(words[roleFirst ? 1 : 0]);
      if (!rsc || !w) return undefined;
      const st = words[roleFirst ? 2 : 1];
      const named = this.name(this.tok(this.node(n.children.constraintName)?.children.name));
      const options = this.options(n.children.optionKey, n.children.optionValue);
      return M.colocate(rsc, w, st && this.valueOfToken(st), span, this.name(this.tok(n.children.rscRole)), withRole, options, named);
    },
    ticketDecl: (n, span) => {
      if (n.children.resourceSet !== undefined) return readTicketSet(this, n, span);
      const t = this.name(this.tok(n.children.ticket));
      const rsc = this.name(this.tok(n.children.rsc));
      if (!t || !rsc) return undefined;
      return M.ticket(t, rsc, this.name(this.tok(n.children.role)), this.name(this.tok(n.children.lossPolicy)), span, named(this, n.children.constraintName));
    },
    orderSetDecl: (n, span) => readOrderSet(this, n, span),
    colocateSetDecl: (n, span) => readColocateSet(this, n, span),
    locationDecl: (n, span) => readLocation(this, n, span),
    fencingDecl: (n, span) => readFencing(this, n, span),
    alertDecl: (n, span) => readAlert(this, n, span),
    aclDecl: (n, span) => readAcl(this, n, span),
    tagDecl: (n, span) => {
      const name = this.name(this.tok(n.children.name));
      if (!name) return undefined;
      return { kind: "tag", name, members: this.toks(n.children.member).map((t) => this.name(t)!), span };
    },
    groupDecl: (n, span) => {
      const name = this.name(this.tok(n.children.name));
      if (!name) return undefined;
      const members = this.toks(n.children.member).map((t) => this.name(t)!);
      return M.group(name, members, this.tail(this.node(n.children.tail)), span);
    },
    cloneDecl: (n, span) => {
      const name = this.name(this.tok(n.children.name));
      const child = this.name(this.tok(n.children.child));
      if (!name || !child) return undefined;
      return M.clone(!!n.children.Kw_promotable, name, child, this.tail(this.node(n.children.tail)), span);
    },
    bundleDecl: (n, span) => {
      const name = this.name(this.tok(n.children.name));
      if (!name) return undefined;
      return M.bundle(name, this.name(this.tok(n.children.child)), this.tail(this.node(n.children.tail)), span);
    },
    agentDecl: (n, span) => {
      const agent = this.agentName(this.tok(n.children.agent));
      if (!agent) return undefined;
      const params: A.AgentParamDecl[] = [];
      const ops: A.OpDecl[] = [];
      let siteProvided = false;
      let sharedStorage = false;
      for (const it of this.nodes(n.children.agentItem)) {
        const c = it.children;
        const s = this.nodeSpan(it);
        if (c.Kw_param) {
          const pn = this.name(this.tok(c.name));
          if (!pn || !s) continue;
          const def = this.value(this.node(c.value));
          params.push(M.agentParam(pn, !!c.Kw_required, def, s));
        } else if (c.opItem) {
          const op = this.op(this.node(c.opItem)!);
          if (op) ops.push(op);
        } else if (c.Kw_site_provided) siteProvided = true;
        else if (c.Kw_shared_storage) sharedStorage = true;
      }
      return { kind: "agent", agent, params, ops, siteProvided, sharedStorage, span };
    },
    serviceDecl: (n, span) => {
      const name = this.name(this.tok(n.children.name));
      const agent = this.agentName(this.tok(n.children.agent));
      if (!name || !agent) return undefined;
      return M.service(name, agent, this.name(this.tok(n.children.param)), span);
    },
  };
}
