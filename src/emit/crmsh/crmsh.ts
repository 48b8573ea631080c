import { diag, type Diagnostic, type Result } from "../../diagnostics/diagnostic.js";
import { nodeEntries, type NodeEntry } from "../../ir/nodes.js";
import { unreachable } from "../../util/never.js";
import type { Span } from "../../diagnostics/span.js";
import type { Acls, Alert, AttrSet, Bundle, BundleMapping, Cib, Constraint, FencingLevel, Group, Op, Origins, Primitive, Resource, Rule, RuledSet, Template } from "../../ir/types.js";
import { isBareWord, shellQuote } from "../../util/shell.js";
import { isXmlId } from "../../util/xml.js";
import { fileSpan } from "../span.js";
import { fencingTopology } from "./fencing.js";
import { crmshReorders } from "./order.js";
import { ownerTag, type OwnerTag } from "../owner.js";
import { TextBuilder, type TextSink } from "../text.js";
import { unwritableDate } from "./dates.js";
import { crmshSetConstraint } from "./sets.js";
import { crmshCannotCarry, crmshTestProblem } from "./values.js";

export { crmshCannotCarry, crmshRereads } from "./values.js";

/**
 * The container runtimes crmsh 4.4 writes: its `bundle` parses docker and
 * rkt (crmsh/parse.py, parse_bundle), but 4.4.1 then fails on rkt
 * (`KeyError: 'rkt'` in cibconfig.py's set_names, tried here), and it
 * knows no podman.
 */
/** Words crmsh 4.4 reads after a group's members (crm configure load update on a CIB file: a member `params` or `meta` is left out of the group; `utilization`, `description`, `attributes`, `op` stay members, and a clone's child `params` stays its child). */
const CRMSH_MEMBER_WORDS = new Set(["params", "meta"]);

const CRMSH_CONTAINERS: readonly string[] = ["docker"];

class CrmWriter {
  /** The text so far; each statement is written as soon as it is made, not kept. */
  readonly out: TextBuilder;
  /** Statements written so far. */
  statements = 0;
  readonly diagnostics: Diagnostic[] = [];
  /** The id of the object being written: a diagnostic about it points where the site declares it. */
  private subject: string | undefined;

  constructor(
    private readonly span: Span,
    private readonly origins: Origins | undefined,
    sink?: TextSink,
  ) {
    this.out = new TextBuilder(sink);
  }

  /** Where the object `id` (else the one being written) is declared; the file's start when the origins do not say. */
  private at(id?: string): Span {
    return (id !== undefined ? this.origins?.get(id) : undefined) ?? (this.subject !== undefined ? this.origins?.get(this.subject) : undefined) ?? this.span;
  }

  /** Starts writing the object `id`. */
  private about(id: string): void {
    this.subject = id;
  }

  private value(v: string, where: string, id?: string): string {
    const why = crmshCannotCarry(v);
    if (why) this.diagnostics.push(diag("HA5001", this.at(id), `${where} ${why.what}`, { hint: why.hint }));
    return v;
  }

  private pair(name: string, value: string, where: string, id?: string): string {
    const v = shellQuote(this.value(value, where, id));
    return isBareWord(name) ? `${name}=${v}` : shellQuote(`${name}=${value}`);
  }

  private pairs(set: AttrSet | undefined, where: string): string[] {
    return (set?.pairs ?? []).map((p) => this.pair(p.name, p.value, `${where}, attribute \`${p.name}\``, p.id));
  }

  /** One statement: its head, then one continuation line per part. */
  private statement(head: string, parts: readonly string[]): void {
    const body = parts.filter((p) => p !== "");
    this.line(body.length > 0 ? `${head} \\` : head);
    for (let i = 0; i < body.length; i++) this.out.line(2, i < body.length - 1 ? `${body[i]} \\` : body[i]!);
  }

  private line(text: string): void {
    this.statements++;
    this.out.line(0, text);
  }

  /** `property ID: ...`, `rsc_defaults ID: ...`: the set keeps hacc's id. */
  set(keyword: string, set: AttrSet | undefined, where: string): void {
    if (!set || set.pairs.length === 0) return;
    this.about(set.id);
    this.statement(`${keyword} ${set.id}:`, this.pairs(set, where));
  }

  /**
   * `rsc_defaults ID: rule $id=RULE inf: EXPR ... KEY=VALUE ...`: a defaults set with a rule. crmsh 4.4 has no
   * resource or op test and no score on a defaults set (its parser refuses `rsc_defaults ID: 10: ...`): HA5071.
   */
  ruledSet(keyword: string, s: RuledSet, where: string): void {
    const test = s.rule?.expressions.find((e) => e.kind === "rsc" || e.kind === "op");
    if (s.score !== undefined || test !== undefined) {
      const what = s.score !== undefined ? `its score ${s.score}` : `its ${test!.kind === "rsc" ? "resource" : "op"} test`;
      this.diagnostics.push(diag("HA5071", this.at(s.id), `${where} set \`${s.id}\` has ${what}, which crmsh cannot write`, { hint: "crmsh 4.4 takes neither a score on a defaults or property set (it reads `score=N` as a pair) nor resource and op tests; use the pcs or CIB target" }));
      return;
    }
    const date = s.rule && unwritableDate(s.rule);
    if (date !== undefined) {
      this.diagnostics.push(diag("HA5071", this.span, `${where} set \`${s.id}\` has the test \`${date.test}\`, which crmsh cannot write`, { hint: date.hint }));
      return;
    }
    this.statement(`${keyword} ${s.id}:`, [...(s.rule ? [this.rule(s.rule, `${where} set \`${s.id}\``)] : []), ...this.pairs({ id: s.id, pairs: s.pairs }, where)]);
  }

  private op(p: Primitive | Template, o: Op): string {
    const where = `resource \`${p.id}\`, op \`${o.name}\``;
    let attrs = this.pair("interval", o.interval, where);
    for (const [k, v] of o.attrs) attrs += ` ${this.pair(k, v, `${where} attribute \`${k}\``)}`;
    // crmsh makes every name after the op's own attributes (and its id) an instance attribute of the op.
    const params = o.instance ? o.instance.pairs.map((q) => ` ${this.pair(q.name, q.value, `${where} parameter \`${q.name}\``, q.id)}`).join("") : "";
    return `op ${shellQuote(o.name)} ${attrs} id=${shellQuote(o.id)}${params}`;
  }

  /** `primitive ID AGENT ...`, `primitive ID @TEMPLATE ...` for one made from a template, `rsc_template ID AGENT ...` for a template. */
  primitive(p: Primitive | Template, keyword = "primitive"): void {
    this.about(p.id);
    const where = `${keyword === "primitive" ? "resource" : "template"} \`${p.id}\``;
    const agent = "template" in p && p.template !== undefined ? `@${p.template}` : [p.standard, p.provider, p.type].filter((x) => x !== undefined).join(":");
    const part = (kw: string, set: AttrSet | undefined) => (set && set.pairs.length > 0 ? [kw, ...this.pairs(set, where)].join(" ") : "");
    this.statement(`${keyword} ${p.id} ${agent}`, [
      this.description(p.description, where),
      part("params", p.instance),
      ...(p.instanceSets ?? []).map((s) => this.ruledPart("params", s, where)),
      part("meta", p.meta),
      ...(p.metaSets ?? []).map((s) => this.ruledPart("meta", s, where)),
      part("utilization", p.utilization),
      ...p.ops.map((o) => this.op(p, o)),
    ]);
  }

  /** `params $id=ID [SCORE:] [rule ...] K=V ...` (or `meta`, or a node's `attributes`, `utilization`): an extra set, which `crm configure load update` takes. */
  private ruledPart(kw: "params" | "meta" | "attributes" | "utilization", s: RuledSet, where: string): string {
    const date = s.rule && unwritableDate(s.rule);
    if (date) {
      this.diagnostics.push(diag("HA5072", this.at(s.id), `${where}, set \`${s.id}\` has the test \`${date.test}\`, which crmsh cannot write`, { hint: date.hint }));
      return "";
    }
    const rule = s.rule ? [this.rule(s.rule, `${where}, set \`${s.id}\``)] : [];
    return [kw, `$id=${shellQuote(s.id)}`, ...(s.score !== undefined ? [`${s.score}:`] : []), ...rule, ...this.pairs({ id: s.id, pairs: s.pairs }, where)].join(" ");
  }

  /**
   * `node NAME attributes ... utilization ...`; a guest or remote node is
   * `NAME:remote`. crmsh finds a cluster node by its name, whatever its id.
   */
  node(n: NodeEntry): void {
    const where = `node \`${n.node}\``;
    this.about((n.attributes ?? n.utilization)?.id ?? n.node);
    for (const p of [...(n.attributes?.pairs ?? []), ...(n.attributeSets ?? []).flatMap((s) => s.pairs)]) {
      if (!p.name.includes(":")) continue;
      // crmsh 4.4 makes the nvpair's id of the name as it is; `:` cannot stand in an id, and cibadmin refuses it.
      this.diagnostics.push(
        diag("HA5040", this.at(p.id), `${where}, attribute \`${p.name}\` holds \`:\`, of which crmsh makes an id Pacemaker refuses`, {
          hint: "use the cib or pcs target for this site (pcs and crm_attribute write `:` as `.` in the id, as hacc does)",
        }),
      );
    }
    const part = (kw: string, set: AttrSet | undefined) => (set && set.pairs.length > 0 ? [kw, ...this.pairs(set, where)].join(" ") : "");
    this.statement(`node ${n.node}${n.remote ? ":remote" : ""}`, [
      part("attributes", n.attributes),
      ...(n.attributeSets ?? []).map((s) => this.ruledPart("attributes", s, where)),
      part("utilization", n.utilization),
      ...(n.utilizationSets ?? []).map((s) => this.ruledPart("utilization", s, where)),
    ]);
  }

  /**
   * HA5040 for a group member named like a word crmsh reads after the
   * members: `group g a params` puts no `params` in the group (crmsh starts
   * the group's parameters there), without a word from crmsh.
   */
  private keywordMembers(where: string, ids: readonly string[]): void {
    for (const id of ids.filter((m) => CRMSH_MEMBER_WORDS.has(m))) {
      this.diagnostics.push(diag("HA5040", this.at(id), `${where} holds \`${id}\`, which crmsh reads as its keyword there, not as a member`, { hint: "rename the resource, or use the cib or pcs target for this site" }));
    }
  }

  /** `description=TEXT`, which crmsh takes after a primitive's agent and a group's or clone's members; "" without one. */
  private description(text: string | undefined, where: string): string {
    return text !== undefined ? this.pair("description", text, `${where}, its description`) : "";
  }

  group(g: Group): void {
    for (const c of g.children) this.primitive(c);
    this.about(g.id);
    const meta = g.meta && g.meta.pairs.length > 0 ? ["meta " + this.pairs(g.meta, `group \`${g.id}\``).join(" ")] : [];
    const params = g.instance ? ["params " + this.pairs(g.instance, `group \`${g.id}\``).join(" ")] : [];
    this.keywordMembers(`group \`${g.id}\``, g.children.map((c) => c.id));
    this.statement(`group ${g.id} ${g.children.map((c) => c.id).join(" ")}`, [this.description(g.description, `group \`${g.id}\``), ...params, ...meta]);
  }

  /**
   * `bundle ID docker|podman|rkt k=v ... network k=v ... port-mapping id=... ...
   * storage storage-mapping id=... ... primitive RSC meta ...`, after its primitive.
   */
  bundle(b: Bundle): void {
    const where = `bundle \`${b.id}\``;
    this.about(b.id);
    const kv = (attrs: Bundle["container"]["attrs"], what: string) => attrs.map(([k, v]) => this.pair(k, v, `${where}, ${what} \`${k}\``));
    const maps = (kw: string, ms: readonly BundleMapping[]) => ms.map((m) => [kw, this.pair("id", m.id, where), ...kv(m.attrs, kw)].join(" "));
    if (!CRMSH_CONTAINERS.includes(b.container.type)) {
      this.diagnostics.push(
        diag("HA5020", this.at(), `bundle \`${b.id}\` runs ${b.container.type}, which crmsh cannot write (crmsh 4.4 writes docker bundles only)`, {
          hint: "use the cib or pcs target for this site (pcs 0.10 and later write podman and rkt bundles)",
        }),
      );
    }
    if (b.child) this.primitive(b.child);
    this.about(b.id);
    const meta = b.meta && b.meta.pairs.length > 0 ? ["meta " + this.pairs(b.meta, where).join(" ")] : [];
    this.statement(`bundle ${b.id}`, [
      [b.container.type, ...kv(b.container.attrs, b.container.type)].join(" "),
      ...(b.network ? [["network", ...kv(b.network.attrs, "network")].join(" "), ...maps("port-mapping", b.network.portMappings)] : []),
      ...(b.storage ? ["storage", ...maps("storage-mapping", b.storage)] : []),
      ...(b.child ? [`primitive ${b.child.id}`] : []),
      ...meta,
    ]);
  }

  resource(r: Resource): void {
    switch (r.kind) {
      case "primitive":
        return this.primitive(r);
      case "group":
        return this.group(r);
      case "clone": {
        if (r.child.kind === "primitive") this.primitive(r.child);
        else this.group(r.child);
        this.about(r.id);
        const meta = r.meta && r.meta.pairs.length > 0 ? ["meta " + this.pairs(r.meta, `clone \`${r.id}\``).join(" ")] : [];
        const params = r.instance ? ["params " + this.pairs(r.instance, `clone \`${r.id}\``).join(" ")] : [];
        return this.statement(`clone ${r.id} ${r.child.id}`, [this.description(r.description, `clone \`${r.id}\``), ...params, ...meta]);
      }
      case "bundle":
        return this.bundle(r);
      default:
        return unreachable(r);
    }
  }

  /** `tag ID: REF ...`, a site's tag or its ownership tag, eight references a line. */
  tag(tag: OwnerTag): void {
    const lines: string[] = [];
    for (let i = 0; i < tag.refs.length; i += 8) lines.push(tag.refs.slice(i, i + 8).join(" "));
    this.statement(`tag ${tag.id}:`, lines);
  }

  /** `order ID KIND: FIRST:ACTION THEN:ACTION [symmetrical=BOOL]`; crmsh's plain order has no `require-all`. */
  private order(c: Extract<Constraint, { kind: "order" }>): void {
    if (c.requireAll !== undefined) {
      this.diagnostics.push(
        diag("HA5001", this.at(), `order \`${c.id}\` sets require-all, which crmsh's order cannot carry (only its resource sets can)`, {
          hint: "use the cib or pcs target for this site, or drop `require-any` and give the first clone `meta clone-min = 1`, which Pacemaker prefers (it deprecates require-all on an order)",
        }),
      );
    }
    const sym = c.symmetrical !== undefined ? ` symmetrical=${c.symmetrical}` : "";
    this.line(`order ${c.id} ${c.orderKind}: ${c.first}:${c.firstAction} ${c.then}:${c.thenAction}${sym}`);
  }

  /**
   * `colocation ID SCORE: RSC[:ROLE] WITH[:ROLE] [node-attribute=ATTR]`. crmsh 4.4 has no
   * `influence`, and lower-cases a node-attribute (crmsh/parse.py): either is HA5001.
   */
  private colocation(c: Extract<Constraint, { kind: "colocation" }>): void {
    if (c.influence !== undefined) {
      this.diagnostics.push(
        diag("HA5001", this.at(), `colocation \`${c.id}\` sets influence, which crmsh's colocation cannot carry`, {
          hint: "use the cib or pcs target for this site, or, when none of the dependent resource's colocations should move what it is colocated with, give it `meta critical = false`",
        }),
      );
    }
    if (c.nodeAttribute !== undefined && c.nodeAttribute !== c.nodeAttribute.toLowerCase()) {
      this.diagnostics.push(
        diag("HA5001", this.at(), `colocation \`${c.id}\` has the node-attribute \`${c.nodeAttribute}\`, which crmsh writes in lower case`, {
          hint: "use the cib or pcs target for this site, or name the node attribute in lower case",
        }),
      );
    }
    const role = (r: string | undefined) => (r !== undefined ? `:${r}` : "");
    const attr = c.nodeAttribute !== undefined ? ` node-attribute=${this.value(c.nodeAttribute, `colocation ${c.id}`)}` : "";
    this.line(`colocation ${c.id} ${c.score}: ${c.rsc}${role(c.rscRole)} ${c.withRsc}${role(c.withRscRole)}${attr}`);
  }

  /** `rule $id=ID [$role=ROLE] SCORE: EXPR [and|or EXPR ...]`; a score attribute stands where the score does. */
  rule(r: Rule, where: string): string {
    // A node attribute is written bare where shlex reads it back as it is (`#uname`, `pingd`).
    const q = (v: string) => (/^#?[A-Za-z0-9_.:-]+$/.test(v) ? this.value(v, where) : shellQuote(this.value(v, where)));
    const exprs = r.expressions.map((e) => {
      if (e.kind === "date") {
        if (e.spec !== undefined) return `date spec ${e.spec.fields.map((f) => `${f.name}=${q(f.range)}`).join(" ")}`;
        if (e.operation === "gt") return `date gt ${q(e.start ?? "")}`;
        if (e.operation === "lt") return `date lt ${q(e.end ?? "")}`;
        return `date in${e.start !== undefined ? ` start=${q(e.start)}` : ""}${e.end !== undefined ? ` end=${q(e.end)}` : ""}`;
      }
      // crmsh 4.4 has no resource or op test, and no group: defaultSets() (HA5071) and constraint() (HA5001) refuse them before asking.
      if (e.kind === "rsc" || e.kind === "op" || e.kind === "rule") return "";
      if (e.value === undefined) return `${e.operation} ${q(e.attribute)}`;
      // crmsh 4.4 reads `param{NAME}` as a value-source (parse.py, `_VALUE_SOURCE_RE`): checked writable by unwritableSource().
      const value = e.valueSource !== undefined ? `${e.valueSource}{${e.value}}` : q(e.value);
      return `${q(e.attribute)} ${e.type !== undefined ? `${e.type}:` : ""}${e.operation} ${value}`;
    });
    const role = r.role !== undefined ? ` $role=${r.role}` : "";
    return `rule $id=${r.id}${role} ${r.score ?? r.scoreAttribute}: ${exprs.join(` ${r.booleanOp ?? "and"} `)}`;
  }

  /** `fencing_topology TARGET LEVEL1 LEVEL2 ...` (fencing.ts). */
  fencing(levels: readonly FencingLevel[]): void {
    const r = fencingTopology(levels, (v, where, id) => this.value(v, where, id), (id) => this.at(id));
    this.diagnostics.push(...r.diagnostics);
    if (r.parts.length > 0) this.statement("fencing_topology", r.parts);
  }

  /** `alert ID PATH [attributes ...] [meta ...] to { VALUE [attributes ...] [meta ...] } ...`: crmsh names the recipients itself. */
  alert(a: Alert): void {
    const where = `alert \`${a.id}\``;
    this.about(a.id);
    const sets = (x: { instance?: AttrSet; meta?: AttrSet }, w: string): string[] => [
      ...(x.instance && x.instance.pairs.length > 0 ? ["attributes", ...this.pairs(x.instance, w)] : []),
      ...(x.meta && x.meta.pairs.length > 0 ? ["meta", ...this.pairs(x.meta, w)] : []),
    ];
    const parts = [sets(a, where).join(" ")];
    for (const r of a.recipients) {
      const v = shellQuote(this.value(r.value, `${where}, recipient \`${r.value}\``, r.id));
      const own = sets(r, `${where}, recipient \`${r.value}\``);
      parts.push(own.length > 0 ? `to { ${v} ${own.join(" ")} }` : `to ${v}`);
    }
    this.statement(`alert ${a.id} ${shellQuote(this.value(a.path, `${where}, path`))}`, parts);
  }

  /**
   * `role ID [description=...] KIND $id=ID xpath:X|ref:X|type:T [attribute:A] ...`, then
   * `acl_target USER ROLE ...` and `acl_group GROUP ROLE ...`: each permission keeps hacc's id.
   */
  acls(a: Acls): void {
    const empty = (id: string, what: string, hint: string) =>
      this.diagnostics.push(diag("HA5060", this.at(id), `crmsh cannot write ${what}: its \`role\`, \`acl_target\` and \`acl_group\` take at least one item`, { hint }));
    for (const r of a.roles) {
      const where = `ACL role \`${r.id}\``;
      if (r.permissions.length === 0) {
        empty(r.id, `${where}, which has no permission`, "give the role a permission, leave it out, or use the cib or pcs target for this site");
        continue;
      }
      const perms = r.permissions.map((p) => {
        const spec = p.xpath !== undefined ? [`xpath:${p.xpath}`] : p.reference !== undefined ? [`ref:${p.reference}`] : [`type:${p.objectType}`, ...(p.attribute !== undefined ? [`attribute:${p.attribute}`] : [])];
        return [p.kind, shellQuote(`$id=${p.id}`), ...spec.map((w) => shellQuote(this.value(w, `${where}, permission \`${p.id}\``)))].join(" ");
      });
      this.statement(`role ${r.id}${r.description !== undefined ? ` ${this.pair("description", r.description, `${where}, its description`)}` : ""}`, perms);
    }
    for (const [kw, list] of [["acl_target", a.users], ["acl_group", a.groups]] as const) {
      for (const t of list) {
        const what = `ACL ${kw === "acl_target" ? "user" : "group"} \`${t.id}\``;
        if (t.roles.length === 0) {
          empty(t.id, `${what}, which has no role`, "give it a role, or use the cib or pcs target for this site");
          continue;
        }
        // crmsh takes an id only as `^[A-Za-z_][\w._-]*$` after escaping non-ASCII (`alice@EXAMPLE.COM`: "invalid object id").
        if (!isXmlId(t.id)) {
          this.diagnostics.push(
            diag("HA5060", this.span, `crmsh cannot write ${what}: crmsh takes an id only with a letter or \`_\` first, then letters, digits, \`_\`, \`.\` and \`-\``, {
              hint: "use the cib or pcs target for this site (Pacemaker takes the name as it is)",
            }),
          );
          continue;
        }
        this.line([kw, shellQuote(this.value(t.id, what)), ...t.roles].join(" "));
      }
    }
  }

  /**
   * What a location places: its resource, or its set as crmsh writes one, `{ a b }` (`{ a:Promoted b:Promoted }`
   * with a role; crmsh names it `ID-0`, as hacc does). A set's other options crmsh cannot write there: HA5001.
   */
  private locationOf(c: Extract<Constraint, { kind: "location" | "location-rule" }>): string | undefined {
    const s = c.set;
    if (c.pattern !== undefined) {
      // crmsh 4.4 splits the line as a shell does (`/^r\s/` loses its `\`) and takes `/PATTERN/` as one word.
      if (/[\s\\'"#]/.test(c.pattern)) {
        this.diagnostics.push(diag("HA5001", this.at(c.id), `location \`${c.id}\` has the pattern \`${c.pattern}\`, which crmsh cannot write`, { hint: "crmsh writes a pattern as one word between `/`, without spaces, `\\`, quotes or `#`: use `[[:space:]]` or `[.]`, or the cib or pcs target" }));
        return undefined;
      }
      return `/${c.pattern}/`;
    }
    if (s === undefined) return c.rsc;
    if (s.sequential !== undefined || s.requireAll !== undefined || s.ordering !== undefined || s.action !== undefined) {
      this.diagnostics.push(diag("HA5001", this.at(c.id), `location \`${c.id}\` has a resource set with options, which crmsh cannot write`, { hint: "Pacemaker reads only a location set's role: remove the options, or use the cib target" }));
      return undefined;
    }
    return `{ ${s.resources.map((r) => `${r}${s.role !== undefined ? `:${s.role}` : ""}`).join(" ")} }`;
  }

  constraint(c: Constraint): void {
    this.about(c.id);
    switch (c.kind) {
      case "location": {
        const what = this.locationOf(c);
        if (what === undefined) return;
        const attrs = locationOptions(c.role, c.discovery);
        return this.line(`location ${c.id} ${what}${attrs} ${c.score}: ${c.node}`);
      }
      case "location-rule": {
        const date = c.rules.map(unwritableDate).find((h) => h !== undefined);
        const group = c.rules.some((r) => r.expressions.some((e) => e.kind === "rule"));
        if (group || date !== undefined) {
          const what = group ? "a group of tests in parentheses" : `the test \`${date!.test}\``;
          return void this.diagnostics.push(diag("HA5001", this.at(c.id), `location \`${c.id}\` has ${what}, which crmsh cannot write`, { hint: group ? GROUP_HINT : date!.hint }));
        }
        const problem = c.rules.flatMap((r) => r.expressions.map(crmshTestProblem)).find((p) => p !== undefined);
        if (problem !== undefined) {
          return void this.diagnostics.push(
            diag("HA5001", this.at(c.id), `location \`${c.id}\` compares ${problem}`, {
              hint: "crmsh 4.4 takes an attribute that starts with a letter, digit, `_`, `#`, `$` or `-`, and reads a value `WORD{NAME}` as the resource's parameter or meta attribute NAME: use the cib or pcs target",
            }),
          );
        }
        const what = this.locationOf(c);
        if (what === undefined) return;
        const head = `location ${c.id} ${what}${locationOptions(c.role, c.discovery)}`;
        const rules = c.rules.map((r) => this.rule(r, `the rule \`${r.id}\` of constraint \`${c.id}\``));
        return rules.length === 1 ? this.line(`${head} ${rules[0]}`) : this.statement(head, rules);
      }
      case "order":
        return this.order(c);
      case "colocation":
        return this.colocation(c);
      case "ticket":
        return this.line(`rsc_ticket ${c.id} ${c.ticket}: ${c.rsc}${c.rscRole !== undefined ? `:${c.rscRole}` : ""}${c.lossPolicy !== undefined ? ` loss-policy=${c.lossPolicy}` : ""}`);
      case "order-set":
      case "colocation-set":
      case "ticket-set": {
        const r = crmshSetConstraint(c);
        if ("text" in r) return this.line(r.text);
        // Every problem of the constraint at once, each with its own way out.
        for (const p of r.problems) this.diagnostics.push(diag("HA5010", this.at(), `crmsh cannot say the resource sets of constraint \`${c.id}\` exactly: ${p.why}`, { hint: p.hint }));
        return;
      }
      default:
        return unreachable(c);
    }
  }
}


const GROUP_HINT = "crmsh 4.4's rule syntax has no parentheses (`crm configure load` refuses `(`: \"Expected identifier\"); use the cib or pcs target for this site, or write the rule without the group";

/**
 * The crmsh target: text for `crm configure load update FILE`. It has no
 * comments, because crmsh would store them in the CIB as XML comments. A
 * value crmsh cannot carry exactly is an HA5001 error. `load update`
 * replaces an object whose id exists, without a word (docs/targets.md).
 */
export function emitCrmsh(cib: Cib, opts: { sourceName?: string; sink?: TextSink; ownerTag?: OwnerTag | null; origins?: Origins }): Result<string> {
  const w = new CrmWriter(fileSpan(opts.sourceName ?? "<input>"), opts.origins, opts.sink);
  w.set("property", cib.properties, "cluster property set");
  w.set("rsc_defaults", cib.rscDefaults, "resource defaults");
  w.set("op_defaults", cib.opDefaults, "operation defaults");
  for (const s of cib.rscDefaultSets ?? []) w.ruledSet("rsc_defaults", s, "resource defaults");
  for (const s of cib.opDefaultSets ?? []) w.ruledSet("op_defaults", s, "operation defaults");
  for (const s of cib.propertySets ?? []) w.ruledSet("property", s, "cluster property");
  for (const n of nodeEntries(cib)) w.node(n);
  for (const t of cib.templates ?? []) w.primitive(t, "rsc_template");
  for (const r of cib.resources) w.resource(r);
  w.diagnostics.push(...crmshReorders(cib.resources, opts.origins, fileSpan(opts.sourceName ?? "<input>")));
  for (const t of cib.tags ?? []) w.tag(t);
  for (const c of cib.constraints) w.constraint(c);
  if (cib.fencingLevels) w.fencing(cib.fencingLevels);
  for (const a of cib.alerts ?? []) w.alert(a);
  if (cib.acls) w.acls(cib.acls);
  const tag = opts.ownerTag === null ? undefined : (opts.ownerTag ?? ownerTag(cib));
  if (tag) w.tag(tag);
  // Nothing to write is still one (empty) line, as it always was.
  if (w.statements === 0) w.out.line(0, "");
  return { value: w.out.text(), diagnostics: w.diagnostics };
}

/** A location's ` role=ROLE resource-discovery=MODE`, as crmsh writes them after the resource. */
function locationOptions(role: string | undefined, discovery: string | undefined): string {
  return `${role !== undefined ? ` role=${role}` : ""}${discovery !== undefined ? ` resource-discovery=${discovery}` : ""}`;
}

