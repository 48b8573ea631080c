import type { IToken, TokenType } from "chevrotain";
import * as T from "../syntax/tokens.js";
import type { Span } from "../diagnostics/span.js";
import type { AstBuilder } from "./build.js";
import * as M from "./make.js";
import type * as A from "./types.js";

/**
 * Reads the statements of a token list straight into the AST, for the
 * common case: a file without syntax errors.
 *
 * The grammar of record is chevrotain's (src/syntax/parser.ts): it reports
 * and recovers from syntax errors, and the formatter lays out its CST. But a
 * CST is a large detour for a file that parses: at 10,000 guests, building
 * it and then the AST from it took about 0.45 s of the parse and most of its
 * garbage. This reader follows the same rules, one function per rule, and
 * builds the AST objects the CST-to-AST builder builds (with the builder's
 * own `name`, `valueOfToken` and spans, so values, escapes and their
 * diagnostics are one code). At the first token the grammar does not allow
 * here it gives up (undefined), and the caller parses with chevrotain, which
 * reports the error; nothing is reported from here.
 *
 * The two must accept the same files and give the same AST:
 * test/syntax/direct.test.ts generates random sentences from chevrotain's own
 * description of the grammar and compares the two on each, so a rule added
 * to the grammar and not here fails the suite. Diagnostics (unterminated
 * strings, bad escapes) come in reading order, which may differ from the
 * builder's; every caller sorts them.
 */
export function readStatements(tokens: readonly IToken[], builder: AstBuilder): A.Statement[] | undefined {
  const reader = new Reader(tokens, builder);
  try {
    return reader.file();
  } catch (e) {
    if (e === STOP) return undefined;
    throw e;
  }
}

/** Thrown at the first token out of place: the file is left to chevrotain. */
const STOP = Symbol("not read directly");

/** Tokens of the `AnyWord` category: plain words and every keyword. */
const ANY_WORD = new Set<TokenType>([T.Word, ...T.KEYWORDS]);

class Reader {
  private i = 0;

  constructor(
    private readonly tokens: readonly IToken[],
    private readonly b: AstBuilder,
  ) {}

  /** The type of the token `k` places ahead, or undefined past the end. */
  private at(k = 0): TokenType | undefined {
    return this.tokens[this.i + k]?.tokenType;
  }

  private take(type: TokenType): IToken {
    const t = this.tokens[this.i];
    if (t === undefined || t.tokenType !== type) throw STOP;
    this.i++;
    return t;
  }

  private takeIf(type: TokenType): IToken | undefined {
    const t = this.tokens[this.i];
    if (t === undefined || t.tokenType !== type) return undefined;
    this.i++;
    return t;
  }

  private takeAnyWord(): IToken {
    const t = this.tokens[this.i];
    if (t === undefined || !ANY_WORD.has(t.tokenType)) throw STOP;
    this.i++;
    return t;
  }

  /** `value`: a word (keywords included) or a string. */
  private takeValue(): IToken {
    const t = this.tokens[this.i];
    if (t === undefined || !(ANY_WORD.has(t.tokenType) || t.tokenType === T.StringLiteral || t.tokenType === T.UnterminatedString)) throw STOP;
    this.i++;
    return t;
  }

  private name(t: IToken): A.Name {
    return this.b.name(t)!;
  }

  file(): A.Statement[] {
    const out: A.Statement[] = [];
    while (this.i < this.tokens.length) out.push(this.statement());
    return out;
  }

  private statement(): A.Statement {
    switch (this.at()) {
      case T.Cluster:
        return this.cluster();
      case T.Guest:
        return this.guest();
      case T.Resource:
        return this.resource();
      case T.Order:
        return this.order();
      case T.Colocate:
        return this.colocate();
      case T.Group:
        return this.group();
      case T.Clone:
      case T.Promotable:
        return this.clone();
      case T.Agent:
        return this.agent();
      case T.Service:
        return this.service();
      case T.Word:
        return this.instance();
      default:
        throw STOP;
    }
  }

  private cluster(): A.ClusterDecl {
    const first = this.take(T.Cluster);
    const name = this.name(this.take(T.Word));
    this.take(T.LBrace);
    const parts = M.clusterParts();
    const { nodes, properties, defaults, opDefaults, guestDefaults, vfLimits, capacities } = parts;
    for (;;) {
      const at = this.at();
      if (at === T.RBrace) break;
      const item = this.tokens[this.i]!;
      this.i++;
      if (at === T.Nodes) {
        do nodes.push(this.name(this.take(T.Word)));
        while (this.takeIf(T.Comma));
        this.take(T.Semi);
      } else if (at === T.Property) {
        properties.push(this.pair());
        this.take(T.Semi);
      } else if (at === T.Defaults) {
        for (const p of this.pairList()) defaults.push(p);
        this.take(T.Semi);
      } else if (at === T.OpDefaults) {
        for (const p of this.pairList()) opDefaults.push(p);
        this.take(T.Semi);
      } else if (at === T.GuestDefaults) {
        guestDefaults.push(this.block());
      } else if (at === T.VfLimit) {
        vfLimits.push(this.name(this.take(T.Word)));
        this.take(T.Semi);
      } else if (at === T.Utilization) {
        const node = this.name(this.take(T.Word));
        const pairs = this.pairList();
        capacities.push({ node, pairs, span: this.b.spanOf(item, this.take(T.Semi)) });
      } else throw STOP;
    }
    const last = this.take(T.RBrace);
    return M.cluster(name, parts, this.b.spanOf(first, last));
  }

  /** `KEY = VALUE` */
  private pair(): A.Pair {
    const keyTok = this.takeAnyWord();
    this.take(T.Equals);
    return this.pairOf(keyTok, this.takeValue());
  }

  /** The pair of a key and a value already read (`KEY = VALUE`, or an op's `KEY [=] VALUE`). */
  private pairOf(keyTok: IToken, valueTok: IToken): A.Pair {
    const key = this.name(keyTok);
    return { key, value: this.b.valueOfToken(valueTok), span: this.b.spanOf(keyTok, valueTok) };
  }

  private pairList(): A.Pair[] {
    const out = [this.pair()];
    while (this.takeIf(T.Comma)) out.push(this.pair());
    return out;
  }

  /** `on HOST [[prefer] SCORE], ...` */
  private placement(): A.PlacementEntry[] {
    this.take(T.On);
    const out: A.PlacementEntry[] = [];
    do {
      const hostTok = this.take(T.Word);
      const host = this.name(hostTok);
      let scoreTok: IToken | undefined;
      if (this.takeIf(T.Prefer)) scoreTok = this.take(T.Word);
      else scoreTok = this.takeIf(T.Word);
      out.push(M.placementEntry(host, scoreTok && this.b.valueOfToken(scoreTok), this.b.spanOf(hostTok, scoreTok ?? hostTok)));
    } while (this.takeIf(T.Comma));
    return out;
  }

  private guest(): A.GuestDecl {
    const first = this.take(T.Guest);
    const name = this.name(this.take(T.Word));
    const placement = this.placement();
    const block = this.blockThenSemi();
    return M.guest(name, placement, block, this.spanFrom(first));
  }

  /** The span from `first` to the last token read. */
  private spanFrom(first: IToken): Span {
    return this.b.spanOf(first, this.tokens[this.i - 1]!);
  }

  private resource(): A.ResourceDecl {
    const first = this.take(T.Resource);
    const name = this.name(this.take(T.Word));
    const agent = this.name(this.take(T.Word));
    return M.resource(name, agent, this.tail(), this.spanFrom(first));
  }

  /** `[{ ... }] [on PLACEMENT] ;`, the `;` optional right after a block. */
  private tail(): M.Tail {
    if (this.at() === T.LBrace) {
      const block = this.block();
      let placement: A.PlacementEntry[] = [];
      if (this.at() === T.On) {
        placement = this.placement();
        this.take(T.Semi);
      } else this.takeIf(T.Semi);
      return M.tail(block, placement);
    }
    const placement = this.at() === T.On ? this.placement() : [];
    this.take(T.Semi);
    return M.tail(undefined, placement);
  }

  /** `{ ... } [;]` or `;`: the block, if any. */
  private blockThenSemi(): A.Block | undefined {
    if (this.at() !== T.LBrace) {
      this.take(T.Semi);
      return undefined;
    }
    const block = this.block();
    this.takeIf(T.Semi);
    return block;
  }

  private instance(): A.InstanceDecl {
    const first = this.take(T.Word);
    const service = this.name(first);
    this.take(T.On);
    const guest = this.name(this.take(T.Word));
    const after = this.takeIf(T.After) ? this.name(this.take(T.Word)) : undefined;
    const block = this.blockThenSemi();
    return M.instance(service, guest, after, block, this.spanFrom(first));
  }

  private order(): A.OrderDecl {
    const first = this.take(T.Order);
    // An action is a word followed by another word (`order start a then b`).
    const fa = this.at() === T.Word && this.at(1) === T.Word ? this.take(T.Word) : undefined;
    const firstName = this.name(this.take(T.Word));
    this.take(T.Then);
    const ta = this.at() === T.Word && this.at(1) === T.Word ? this.take(T.Word) : undefined;
    const then = this.name(this.take(T.Word));
    const kindTok = this.takeIf(T.Optional) ?? this.takeIf(T.Mandatory) ?? this.takeIf(T.Serialize);
    this.take(T.Semi);
    return M.order(firstName, then, fa && this.name(fa), ta && this.name(ta), kindTok && this.name(kindTok), this.spanFrom(first));
  }

  private colocate(): A.ColocateDecl {
    const first = this.take(T.Colocate);
    const rsc = this.name(this.take(T.Word));
    this.take(T.With);
    const w = this.name(this.take(T.Word));
    const st = this.takeIf(T.Word);
    this.take(T.Semi);
    return M.colocate(rsc, w, st && this.b.valueOfToken(st), this.spanFrom(first));
  }

  private group(): A.GroupDecl {
    const first = this.take(T.Group);
    const name = this.name(this.take(T.Word));
    const members: A.Name[] = [];
    do members.push(this.name(this.take(T.Word)));
    while (this.takeIf(T.Comma));
    return M.group(name, members, this.tail(), this.spanFrom(first));
  }

  private clone(): A.CloneDecl {
    const first = this.takeIf(T.Clone) ?? this.take(T.Promotable);
    const name = this.name(this.take(T.Word));
    this.take(T.Of);
    const child = this.name(this.take(T.Word));
    return M.clone(first.tokenType === T.Promotable, name, child, this.tail(), this.spanFrom(first));
  }

  private agent(): A.AgentDecl {
    const first = this.take(T.Agent);
    const agent = this.name(this.take(T.Word));
    this.take(T.LBrace);
    const params: A.AgentParamDecl[] = [];
    const ops: A.OpDecl[] = [];
    let siteProvided = false;
    let sharedStorage = false;
    for (;;) {
      const at = this.at();
      if (at === T.RBrace) break;
      if (at === T.Param) {
        const item = this.take(T.Param);
        const pn = this.name(this.takeAnyWord());
        let required = false;
        let def: A.Value | undefined;
        for (;;) {
          if (this.takeIf(T.Required)) required = true;
          else if (this.takeIf(T.Default)) {
            // The first default counts, as in the builder; only it is read as a value.
            const v = this.takeValue();
            def ??= this.b.valueOfToken(v);
          } else break;
        }
        this.take(T.Semi);
        params.push(M.agentParam(pn, required, def, this.spanFrom(item)));
      } else if (at === T.Op) ops.push(this.op());
      else if (at === T.SiteProvided) {
        this.i++;
        this.take(T.Semi);
        siteProvided = true;
      } else if (at === T.SharedStorage) {
        this.i++;
        this.take(T.Semi);
        sharedStorage = true;
      } else throw STOP;
    }
    this.take(T.RBrace);
    this.takeIf(T.Semi);
    return { kind: "agent", agent, params, ops, siteProvided, sharedStorage, span: this.spanFrom(first) };
  }

  private service(): A.ServiceDecl {
    const first = this.take(T.Service);
    const name = this.name(this.take(T.Word));
    this.take(T.Agent);
    const agent = this.name(this.take(T.Word));
    const gp = this.takeIf(T.GuestParam) ? this.name(this.takeAnyWord()) : undefined;
    this.take(T.Semi);
    return M.service(name, agent, gp, this.spanFrom(first));
  }

  /** `op NAME [KEY [=] VALUE]... ;` */
  private op(): A.OpDecl {
    const first = this.take(T.Op);
    const name = this.name(this.take(T.Word));
    const attrs: A.Pair[] = [];
    while (this.at() !== T.Semi) {
      const keyTok = this.takeAnyWord();
      this.takeIf(T.Equals);
      attrs.push(this.pairOf(keyTok, this.takeValue()));
    }
    this.take(T.Semi);
    return { kind: "op", name, attrs, span: this.spanFrom(first) };
  }

  private block(): A.Block {
    const first = this.take(T.LBrace);
    const items: A.BlockItem[] = [];
    for (;;) {
      const at = this.at();
      if (at === T.RBrace) break;
      // A keyword followed by `=` is a parameter's name (`meta = x;`), as in chevrotain's LL(3) choice.
      if (this.at(1) === T.Equals) {
        const item = this.tokens[this.i]!;
        const pair = this.pair();
        this.take(T.Semi);
        items.push({ kind: "param", pair, span: this.spanFrom(item) });
        continue;
      }
      if (at === T.Op) {
        items.push(this.op());
        continue;
      }
      const item = this.tokens[this.i]!;
      this.i++;
      if (at === T.Config || at === T.Hypervisor) {
        const value = this.b.valueOfToken(this.takeValue());
        this.take(T.Semi);
        items.push({ kind: at === T.Config ? "config" : "hypervisor", value, span: this.spanFrom(item) });
      } else if (at === T.Ib) {
        const host = this.name(this.take(T.Word));
        this.take(T.At);
        const slot = this.name(this.take(T.Word));
        this.take(T.Semi);
        items.push({ kind: "ib", host, slot, span: this.spanFrom(item) });
      } else if (at === T.Meta || at === T.Utilization) {
        const pairs = this.pairList();
        this.take(T.Semi);
        items.push({ kind: at === T.Meta ? "meta" : "utilization", pairs, span: this.spanFrom(item) });
      } else if (at === T.Shared) {
        this.take(T.Semi);
        items.push({ kind: "shared", span: this.spanFrom(item) });
      } else if (at === T.Mmp) {
        const intervalTok = this.takeIf(T.Word);
        this.take(T.Semi);
        items.push(M.mmp(intervalTok && this.name(intervalTok), this.spanFrom(item)));
      } else throw STOP;
    }
    const last = this.take(T.RBrace);
    return { items, span: this.b.spanOf(first, last) };
  }
}
