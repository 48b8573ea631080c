import type * as A from "../ast/types.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { AgentModel, GuestNodeModel, OpModel, PrimitiveModel, Setting } from "./model.js";
import * as N from "./names.js";
import { duplicateOps, elaborateOp, inOpOrder } from "./ops.js";
import { badAgent, badKey, isItemAsParam, setTwice, unknownMeta, type Report } from "./problems.js";
import * as V from "./values.js";
import { ALERT_META, RESOURCE_META } from "./known.js";
import type { AgentSpec } from "./values.js";

const NO_SETTINGS: readonly Setting[] = Object.freeze([]);

/**
 * How a primitive is made: a template's settings are checked for required
 * parameters only in the resources made from it (`required: false`); such a
 * resource counts its template's parameters as its own (`inherited`) and has
 * the ops it writes (`exactOps`), the template's others added after them.
 */
export interface Made {
  readonly required?: boolean;
  readonly inherited?: readonly Setting[];
  readonly exactOps?: boolean;
}
const NO_OPS: readonly OpModel[] = Object.freeze([]);

/**
 * Elaborates the parts of a resource's block: a primitive's agent, params
 * and ops (agent defaults, then the site's), and meta and utilization pairs.
 * Keeps what primitives of one agent share, parsed or merged once.
 */
export class Primitives {
  /** Parsed once per agent text, and shared by the primitives. */
  private readonly agentSpecs = new Map<string, AgentSpec | undefined>();
  private readonly required = new Map<AgentModel, readonly string[]>();
  /** Per agent: the ops of a resource that adds none of its own. */
  private readonly agentOps = new Map<readonly OpModel[], OpModel[]>();
  /** The meta attribute names reported as unknown (HA3150). */
  private readonly warnedMeta = new Set<A.Name>();

  constructor(
    private readonly report: Report,
    private readonly agents: ReadonlyMap<string, AgentModel>,
    private readonly guestDefaults: readonly A.BlockItem[],
  ) {}

  /** Builds a primitive: agent defaults, then the site's settings; checks params against the agent. */
  primitive(
    id: string,
    span: Span,
    agentText: string,
    agentSpan: Span,
    items: readonly A.BlockItem[],
    auto: Setting[],
    reservedMeta: readonly string[],
    guest?: { readonly node: GuestNodeModel; readonly remoteNode: Setting },
    made: Made = {},
  ): PrimitiveModel | undefined {
    const agent = this.agentSpec(agentText);
    if (!agent) {
      this.report(badAgent({ text: agentText, span: agentSpan }));
      return undefined;
    }
    const declared = this.agents.get(agentText);
    // The hacc-set parameters first; a site's parameter of the same name takes its place.
    let params: Map<string, Setting> | undefined;
    let userSet: Map<string, Span> | undefined;
    for (const it of items) {
      if (it.kind !== "param" || isItemAsParam(it)) continue;
      const k = it.pair.key;
      userSet ??= new Map();
      const prev = userSet.get(k.text);
      if (prev && it.span.file === prev.file && !this.guestDefaults.includes(it)) this.report(setTwice(k, prev));
      userSet.set(k.text, k.span);
      if (auto.some((a) => a.key === k.text && a.span !== it.span) && k.text !== "config" && k.text !== "hypervisor") {
        this.report(diag("HA3013", k.span, `\`${k.text}\` is set by hacc for this resource`, { hint: `hacc sets \`${k.text}\` itself; remove this line` }));
        continue;
      }
      if (declared && !declared.params.has(k.text)) {
        const near = V.closest(k.text, declared.params.keys());
        this.report(
          diag("HA3007", k.span, `\`${agentText}\` has no parameter \`${k.text}\``, {
            hint: near ? `did you mean \`${near}\`?` : `known parameters: ${[...declared.params.keys()].sort().join(", ")}`,
          }),
        );
      }
      if (params === undefined) {
        params = new Map();
        for (const a of auto) params.set(a.key, a);
      }
      params.set(k.text, { key: k.text, value: it.pair.value.text, span: it.span });
    }
    const list = params ? [...params.values()] : auto;
    if (declared && made.required !== false) {
      for (const name of this.requiredParams(declared)) {
        if (params ? params.has(name) : auto.some((a) => a.key === name)) continue;
        if (made.inherited?.some((a) => a.key === name)) continue;
        this.report(
          diag("HA3006", span, `\`${id}\` lacks the required parameter \`${name}\` of \`${agentText}\``, {
            hint: made.inherited ? `add \`${name} = "...";\` to its block or to its template's` : `add \`${name} = "...";\` to its block`,
            related: [{ span: declared.span, message: "the agent is declared here" }],
          }),
        );
      }
    }
    for (const p of list) if (!V.isAttrName(p.key)) this.report(badKey(p));
    const ops = made.exactOps ? this.exactOps(items.filter((i): i is A.OpDecl => i.kind === "op"), items) : this.mergeOps(declared?.ops ?? NO_OPS, items, span);
    const meta = this.meta(items, reservedMeta);
    const model: { -readonly [K in keyof PrimitiveModel]: PrimitiveModel[K] } = {
      kind: "primitive",
      id,
      span,
      agent,
      agentText,
      params: list,
      meta: guest ? [guest.remoteNode, ...meta] : meta,
      utilization: this.pairsOf(items, "utilization"),
      ops,
    };
    if (declared) model.declared = declared;
    if (guest) model.guest = guest.node;
    const description = this.description(items);
    if (description !== undefined) model.description = description;
    return model;
  }

  /** An agent's spec, parsed once per agent text (primitives share it). */
  private agentSpec(text: string): AgentSpec | undefined {
    let spec = this.agentSpecs.get(text);
    if (spec === undefined && !this.agentSpecs.has(text)) {
      spec = V.parseAgent(text);
      this.agentSpecs.set(text, spec);
    }
    return spec;
  }

  /** The parameters a declared agent requires and gives no default for, in declaration order. */
  private requiredParams(agent: AgentModel): readonly string[] {
    let names = this.required.get(agent);
    if (names === undefined) {
      const required: string[] = [];
      for (const [name, p] of agent.params) if (p.required && p.default === undefined) required.push(name);
      this.required.set(agent, (names = required));
    }
    return names;
  }

  /** Agent default ops, each replaced by the site's ops of the same name; a monitor always. */
  private mergeOps(defaults: readonly OpModel[], items: readonly A.BlockItem[], span: Span): readonly OpModel[] {
    let userOps: A.OpDecl[] | undefined;
    let exact = false;
    for (const i of items) {
      if (i.kind === "op") (userOps ??= []).push(i);
      else if (i.kind === "exact-ops") exact = true;
    }
    if (exact) return this.exactOps(userOps ?? [], items);
    if (userOps === undefined && defaults.some((d) => d.name === "monitor")) {
      // Nothing of the site's own: every resource of the agent shares one list (the model is read-only).
      let shared = this.agentOps.get(defaults);
      if (shared === undefined) this.agentOps.set(defaults, (shared = inOpOrder([...defaults])));
      return shared;
    }
    const user = userOps ?? [];
    const out: OpModel[] = defaults.filter((d) => !user.some((u) => u.name.text === d.name));
    for (let i = 0; i < user.length; i++) {
      const name = user[i]!.name.text;
      if (user.findIndex((u) => u.name.text === name) < i) continue;
      const same = user.filter((u) => u.name.text === name);
      if (same.length > 1 && same.every((u) => u.span.file === same[0]!.span.file) && !same.some((u) => this.guestDefaults.includes(u))) {
        // Several ops of one name (e.g. monitors per role): keep all, each of its own interval.
        const models = same.map((u) => elaborateOp(u, defaults, this.report));
        duplicateOps(same, models, this.report);
        out.push(...models);
      } else out.push(elaborateOp(same[same.length - 1]!, defaults, this.report)); // the guest's own overrides guest-defaults
    }
    if (!out.some((o) => o.name === "monitor")) {
      out.push({ name: "monitor", interval: N.FALLBACK_MONITOR.interval, attrs: [{ key: "timeout", value: N.FALLBACK_MONITOR.timeout, span }] });
    }
    return inOpOrder(out);
  }

  /**
   * Under `exact-ops;`: the resource's own ops, in the order written (the
   * block's, after guest-defaults' when the block writes none of that name),
   * and nothing else: no agent defaults, no implicit monitor.
   */
  private exactOps(user: readonly A.OpDecl[], items: readonly A.BlockItem[]): readonly OpModel[] {
    const own = user.filter((u) => !this.guestDefaults.includes(u));
    const inherited = user.filter((u) => this.guestDefaults.includes(u) && !own.some((o) => o.name.text === u.name.text));
    const decls = [...inherited, ...own];
    const models = decls.map((u) => elaborateOp(u, NO_OPS, this.report));
    duplicateOps(decls, models, this.report);
    return models;
  }

  /** The block's `description "TEXT";`, if any; a second one is HA3132. */
  description(items: readonly A.BlockItem[]): string | undefined {
    let first: Extract<A.BlockItem, { kind: "description" }> | undefined;
    for (const i of items) {
      if (i.kind !== "description") continue;
      if (first === undefined) first = i;
      else this.report(diag("HA3132", i.span, "`description` is written twice in one block", { hint: "a resource has one description", related: [{ span: first.span, message: "the first is here" }] }));
    }
    return first?.value.text;
  }

  /** The `meta` pairs of a block, less the `reserved` keys hacc sets itself (reported). */
  meta(items: readonly A.BlockItem[], reserved: readonly string[], known: ReadonlySet<string> = RESOURCE_META): readonly Setting[] {
    const out = this.pairsOf(items, "meta", known);
    if (!out.some((s) => reserved.includes(s.key))) return out;
    return out.filter((s) => {
      if (!reserved.includes(s.key)) return true;
      this.report(diag("HA3013", s.span, `\`${s.key}\` is set by hacc for a guest`, { hint: "the guest's name is its `remote-node`" }));
      return false;
    });
  }

  /** HA3150, once for each place such a name is written (a guest-defaults line reaches every guest, and is reported once). */
  private unknownMeta(key: A.Name, known: ReadonlySet<string>): void {
    if (this.warnedMeta.has(key)) return;
    this.warnedMeta.add(key);
    this.report(unknownMeta(key, known === ALERT_META ? "alert" : "resource"));
  }

  /** The `meta` or `utilization` pairs of a block, a key set again replacing the earlier one (and moving to its place). */
  private pairsOf(items: readonly A.BlockItem[], kind: "meta" | "utilization", known?: ReadonlySet<string>): readonly Setting[] {
    // The last pair of each key, in the order those come.
    let last: Map<string, A.Pair> | undefined;
    let pairs: A.Pair[] | undefined;
    for (const it of items) {
      if (it.kind !== kind) continue;
      for (const p of it.pairs) {
        last ??= new Map();
        const prev = last.get(p.key.text);
        if (prev && prev.span.file === p.span.file && !this.guestDefaults.includes(it)) this.report(setTwice(p.key, prev.key.span));
        last.set(p.key.text, p);
        (pairs ??= []).push(p);
        if (known !== undefined && !known.has(p.key.text)) this.unknownMeta(p.key, known);
      }
    }
    if (pairs === undefined) return NO_SETTINGS;
    const out: Setting[] = [];
    for (const p of pairs) if (last!.get(p.key.text) === p) out.push({ key: p.key.text, value: p.value.text, span: p.span });
    for (const v of out) if (!V.isAttrName(v.key)) this.report(badKey(v));
    return out;
  }
}
