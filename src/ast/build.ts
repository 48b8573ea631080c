import type { CstNode, IToken } from "chevrotain";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLines, Span } from "../diagnostics/span.js";
import * as M from "./make.js";
import type * as A from "./types.js";

type Child = CstNode | IToken;

const NONE: readonly Child[] = [];

/** A token read from the source: not made up by error recovery, with a known position. */
function real(t: IToken): boolean {
  return !t.isInsertedInRecovery && !Number.isNaN(t.startOffset);
}

function isToken(c: Child): c is IToken {
  return (c as IToken).image !== undefined;
}

/** The key of a CST node's first child: its alternative's first keyword or rule. */
function firstKey(n: CstNode): string | undefined {
  for (const key in n.children) return key;
  return undefined;
}

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

  // A CST node's children under a token's name (or label) are tokens, and
  // under a rule's name are nodes, so these read them without checking each.
  // Tokens that error recovery made up, or whose position is unknown, are skipped.
  private toks(n: CstNode, key: string): IToken[] {
    const list = n.children[key] as IToken[] | undefined;
    if (list === undefined) return NONE as IToken[];
    return list.every(real) ? list : list.filter(real);
  }

  private tok(n: CstNode, key: string): IToken | undefined {
    const list = n.children[key] as IToken[] | undefined;
    if (list !== undefined) for (const t of list) if (real(t)) return t;
    return undefined;
  }

  private nodes(n: CstNode, key: string): CstNode[] {
    return (n.children[key] ?? NONE) as CstNode[];
  }

  private node(n: CstNode, key: string): CstNode | undefined {
    return n.children[key]?.[0] as CstNode | undefined;
  }

  /** The span from the start of `first` to the end of `last`. */
  spanOf(first: IToken, last: IToken): Span {
    return this.lines.span(first.startOffset, (last.endOffset ?? last.startOffset) + 1);
  }

  name(t: IToken | undefined): A.Name | undefined {
    return t === undefined ? undefined : { text: t.image, span: this.tokenSpan(t) };
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
      let text = "";
      for (let i = 0; i < body.length; i++) {
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

  private value(n: CstNode | undefined): A.Value | undefined {
    if (n === undefined) return undefined;
    const t = this.tok(n, "AnyWord") ?? this.tok(n, "StringTok") ?? this.firstToken(n);
    return t === undefined ? undefined : this.valueOfToken(t);
  }

  private firstToken(n: CstNode): IToken | undefined {
    for (const list of Object.values(n.children)) for (const c of list) if (isToken(c) && !c.isInsertedInRecovery) return c;
    return undefined;
  }

  private pair(n: CstNode): A.Pair | undefined {
    const key = this.name(this.tok(n, "key"));
    const value = this.value(this.node(n, "value"));
    const span = this.nodeSpan(n);
    if (key === undefined || value === undefined || span === undefined) return undefined;
    return { key, value, span };
  }

  private pairs(n: CstNode | undefined): A.Pair[] {
    if (n === undefined) return [];
    return this.nodes(n, "pair").flatMap((p) => this.pair(p) ?? []);
  }

  private placement(n: CstNode | undefined): A.PlacementEntry[] {
    if (n === undefined) return [];
    const out: A.PlacementEntry[] = [];
    for (const e of this.nodes(n, "placementEntry")) {
      const host = this.name(this.tok(e, "host"));
      const scoreTok = this.tok(e, "score");
      const span = this.nodeSpan(e);
      if (host === undefined || span === undefined) continue;
      out.push(M.placementEntry(host, scoreTok && this.valueOfToken(scoreTok), span));
    }
    return out;
  }

  private op(n: CstNode): A.OpDecl | undefined {
    const name = this.name(this.tok(n, "name"));
    const span = this.nodeSpan(n);
    if (name === undefined || span === undefined) return undefined;
    const keys = this.toks(n, "key");
    const values = this.nodes(n, "value");
    const attrs: A.Pair[] = [];
    for (let i = 0; i < Math.min(keys.length, values.length); i++) {
      const key = this.name(keys[i])!;
      const value = this.value(values[i]);
      if (value === undefined) continue;
      attrs.push({ key, value, span: this.lines.span(key.span.start, value.span.end) });
    }
    return { kind: "op", name, attrs, span };
  }

  private block(n: CstNode | undefined): A.Block | undefined {
    if (n === undefined) return undefined;
    const span = this.nodeSpan(n);
    if (span === undefined) return undefined;
    const items: A.BlockItem[] = [];
    for (const it of this.nodes(n, "blockItem")) {
      const s = this.nodeSpan(it);
      if (s === undefined) continue;
      // Each alternative starts with its own keyword or rule, the node's first child.
      const key = firstKey(it);
      switch (key) {
        case "Kw_config":
        case "Kw_hypervisor": {
          const value = this.value(this.node(it, "value"));
          if (value) items.push({ kind: key === "Kw_config" ? "config" : "hypervisor", value, span: s });
          break;
        }
        case "Kw_ib": {
          const host = this.name(this.tok(it, "host"));
          const slot = this.name(this.tok(it, "slot"));
          if (host && slot) items.push({ kind: "ib", host, slot, span: s });
          break;
        }
        case "opItem": {
          const op = this.op(this.node(it, "opItem")!);
          if (op) items.push(op);
          break;
        }
        case "Kw_meta":
          items.push({ kind: "meta", pairs: this.pairs(this.node(it, "pairList")), span: s });
          break;
        case "Kw_utilization":
          items.push({ kind: "utilization", pairs: this.pairs(this.node(it, "pairList")), span: s });
          break;
        case "Kw_shared":
          items.push({ kind: "shared", span: s });
          break;
        case "Kw_mmp": {
          items.push(M.mmp(this.name(this.tok(it, "interval")), s));
          break;
        }
        case "pair": {
          const pair = this.pair(this.node(it, "pair")!);
          if (pair) items.push({ kind: "param", pair, span: s });
          break;
        }
      }
    }
    return { items, span };
  }

  /** Block and placement of a statement's `tail` rule. */
  private tail(n: CstNode | undefined): M.Tail {
    if (n === undefined) return { placement: [] };
    const block = this.block(this.node(n, "block"));
    return M.tail(block, this.placement(this.node(n, "placement")));
  }

  build(root: CstNode, comments: readonly IToken[], fileSpan: Span): A.FileAst {
    const statements: A.Statement[] = [];
    for (const st of this.nodes(root, "statement")) {
      const key = firstKey(st);
      const inner = key === undefined ? undefined : st.children[key]![0];
      if (inner === undefined || isToken(inner)) continue;
      const s = this.statement(inner);
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

  private statement(n: CstNode): A.Statement | undefined {
    const span = this.nodeSpan(n);
    if (span === undefined) return undefined;
    switch (n.name) {
      case "clusterDecl": {
        const name = this.name(this.tok(n, "name"));
        if (!name) return undefined;
        const parts = M.clusterParts();
        const { nodes, properties, defaults, opDefaults, guestDefaults, vfLimits, capacities } = parts;
        for (const it of this.nodes(n, "clusterItem")) {
          const c = it.children;
          if (c["Kw_nodes"]) nodes.push(...this.toks(it, "node").map((t) => this.name(t)!));
          else if (c["Kw_property"]) {
            const p = this.node(it, "pair");
            const pr = p && this.pair(p);
            if (pr) properties.push(pr);
          } else if (c["Kw_defaults"]) defaults.push(...this.pairs(this.node(it, "pairList")));
          else if (c["Kw_op_defaults"]) opDefaults.push(...this.pairs(this.node(it, "pairList")));
          else if (c["Kw_guest_defaults"]) {
            const b = this.block(this.node(it, "block"));
            if (b) guestDefaults.push(b);
          } else if (c["Kw_vf_limit"]) {
            const l = this.name(this.tok(it, "limit"));
            if (l) vfLimits.push(l);
          } else if (c["Kw_utilization"]) {
            const node = this.name(this.tok(it, "capacityNode"));
            const at = this.nodeSpan(it);
            if (node && at) capacities.push({ node, pairs: this.pairs(this.node(it, "pairList")), span: at });
          }
        }
        return M.cluster(name, parts, span);
      }
      case "guestDecl": {
        const name = this.name(this.tok(n, "name"));
        if (!name) return undefined;
        const block = this.block(this.node(n, "block"));
        return M.guest(name, this.placement(this.node(n, "placement")), block, span);
      }
      case "resourceDecl": {
        const name = this.name(this.tok(n, "name"));
        const agent = this.name(this.tok(n, "agent"));
        if (!name || !agent) return undefined;
        return M.resource(name, agent, this.tail(this.node(n, "tail")), span);
      }
      case "instanceDecl": {
        const service = this.name(this.tok(n, "kind"));
        const guest = this.name(this.tok(n, "guest"));
        if (!service || !guest) return undefined;
        const after = this.name(this.tok(n, "after"));
        return M.instance(service, guest, after, this.block(this.node(n, "block")), span);
      }
      case "orderDecl": {
        const first = this.name(this.tok(n, "first"));
        const then = this.name(this.tok(n, "then"));
        if (!first || !then) return undefined;
        return M.order(first, then, this.name(this.tok(n, "firstAction")), this.name(this.tok(n, "thenAction")), this.name(this.tok(n, "kind")), span);
      }
      case "colocateDecl": {
        const rsc = this.name(this.tok(n, "rsc"));
        const w = this.name(this.tok(n, "with"));
        if (!rsc || !w) return undefined;
        const st = this.tok(n, "score");
        return M.colocate(rsc, w, st && this.valueOfToken(st), span);
      }
      case "groupDecl": {
        const name = this.name(this.tok(n, "name"));
        if (!name) return undefined;
        const members = this.toks(n, "member").map((t) => this.name(t)!);
        return M.group(name, members, this.tail(this.node(n, "tail")), span);
      }
      case "cloneDecl": {
        const name = this.name(this.tok(n, "name"));
        const child = this.name(this.tok(n, "child"));
        if (!name || !child) return undefined;
        return M.clone(!!n.children["Kw_promotable"], name, child, this.tail(this.node(n, "tail")), span);
      }
      case "agentDecl": {
        const agent = this.name(this.tok(n, "agent"));
        if (!agent) return undefined;
        const params: A.AgentParamDecl[] = [];
        const ops: A.OpDecl[] = [];
        let siteProvided = false;
        let sharedStorage = false;
        for (const it of this.nodes(n, "agentItem")) {
          const c = it.children;
          const s = this.nodeSpan(it);
          if (c["Kw_param"]) {
            const pn = this.name(this.tok(it, "name"));
            if (!pn || !s) continue;
            const def = this.value(this.node(it, "value"));
            params.push(M.agentParam(pn, !!c["Kw_required"], def, s));
          } else if (c["opItem"]) {
            const op = this.op(this.node(it, "opItem")!);
            if (op) ops.push(op);
          } else if (c["Kw_site_provided"]) siteProvided = true;
          else if (c["Kw_shared_storage"]) sharedStorage = true;
        }
        return { kind: "agent", agent, params, ops, siteProvided, sharedStorage, span };
      }
      case "serviceDecl": {
        const name = this.name(this.tok(n, "name"));
        const agent = this.name(this.tok(n, "agent"));
        if (!name || !agent) return undefined;
        return M.service(name, agent, this.name(this.tok(n, "param")), span);
      }
      default:
        return undefined;
    }
  }
}
