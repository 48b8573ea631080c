import { diag, type Diagnostic, type Result } from "../../diagnostics/diagnostic.js";
import { nodeEntries, type NodeEntry } from "../../ir/nodes.js";
import { setConstraintXml } from "../sets.js";
import { unreachable } from "../../util/never.js";
import type { Span } from "../../diagnostics/span.js";
import type { AttrSet, Bundle, BundleMapping, Cib, Clone, Constraint, Group, NvPair, Origins, Primitive, Resource, Template } from "../../ir/types.js";
import { isBareWord, shellComment, shellQuote } from "../../util/shell.js";
import { constraintXml, tagsText } from "../cib/cib.js";
import { createdIds, ownerTag, type OwnerTag } from "../owner.js";
import { escapeXml, xpathLiteral } from "../../util/xml.js";
import { TextBuilder, type TextSink } from "../text.js";
import { fileSpan } from "../span.js";
import { attrSetSteps } from "./attr-sets.js";
import { nodeSteps } from "./nodes.js";
import { defaultSetSteps } from "./defaults.js";
import { DIALECTS, isPcsVersion, PCS_VERSIONS, type CloneForm, type Dialect } from "./dialects.js";
import { footer, header, PCS_PROPERTIES, pcsCannotWriteRoles, pcsOpParams } from "./frame.js";
import { earlierLocations, locationSteps, type LocationStep } from "./locations.js";
import { alertSteps, fencingSteps } from "./admin.js";
import { aclSteps } from "./acl.js";
import { ruleValues } from "../rules.js";
import { bundledTemplate, created, inDialect, promotableMeta } from "./templates.js";
import { pcsOwnerTagLines, standInConstraint, standInNames, tagStep } from "./tags.js";

export { pcsOwnerTagLines };


/** The file name alone: output must not depend on where the site was read from. */
export function baseName(path: string | undefined): string {
  if (path === undefined) return "<input>";
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** A C0 control character or DEL: Pacemaker 2.1 cannot store them in the CIB. */
export const CONTROL = /[\u0000-\u001f\u007f]/;

/** Meta attributes that `pcs cluster node add-guest` takes as its own options. */
const GUEST_OPTIONS = new Set(["remote-addr", "remote-port", "remote-connect-timeout"]);

/** `name=value` as one shell word. */
function pair(name: string, value: string): string {
  return isBareWord(name) ? `${name}=${shellQuote(value)}` : shellQuote(`${name}=${value}`);
}

/** Why a second order, colocation or ticket of the same resources (`named` apart) needs --force. */
const AGAIN = "--force: pcs refuses a constraint it takes for a duplicate of one already there; this one has an id of its own (`named`)";

/** A role as pcs compares it: it takes `Master` and `Promoted` (`Slave`, `Unpromoted`) for one role. */
function sameRole(r: string | undefined): string {
  return r === "Master" ? "Promoted" : r === "Slave" ? "Unpromoted" : (r ?? "");
}

/**
 * What pcs compares to find a duplicate of an order, colocation or ticket (not the id;
 * pcs 0.11.5's `are_duplicate_plain`: a ticket's ticket, resource and role), or undefined
 * for a constraint pcs never refuses as a duplicate (hacc writes those with cibadmin or
 * pcs accepts them).
 */
export function pcsDuplicateKey(c: Constraint): string | undefined {
  switch (c.kind) {
    case "order":
      return `order\u0000${c.first}\u0000${c.firstAction}\u0000${c.then}\u0000${c.thenAction}`;
    case "colocation":
      return `colocation\u0000${c.rsc}\u0000${c.rscRole ?? ""}\u0000${c.withRsc}\u0000${c.withRscRole ?? ""}`;
    case "ticket":
      return `ticket\u0000${c.ticket}\u0000${c.rsc}\u0000${sameRole(c.rscRole)}`;
    default:
      return undefined;
  }
}

class PcsWriter {
  /** The script so far; each step is written as soon as it is made, not kept. */
  readonly out: TextBuilder;
  /** Steps written so far. */
  steps = 0;
  readonly diagnostics: Diagnostic[] = [];
  readonly guests: string[] = [];
  /** The orders, colocations and tickets written so far (or already in the CIB), by what pcs compares to find a duplicate (not the id). */
  private readonly written = new Set<string>();
  /** The id of the object being written: a diagnostic about it points where the site declares it. */
  private subject: string | undefined;

  constructor(
    private readonly d: Dialect,
    private readonly version: string,
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
  about(id: string): void {
    this.subject = id;
  }

  /** A value pcs passes on unchanged, or a diagnostic (at the object `id`, else the one being written). */
  private value(v: string, where: string, id?: string): string {
    if (CONTROL.test(v)) {
      this.diagnostics.push(
        diag("HA5001", this.at(id), `${where} holds a control character (newline, tab, ...) that the CIB cannot store`, {
          hint: "Pacemaker 2.1 writes a newline as `\\n` and a tab as four spaces, so the value would not arrive as written; keep such values on one line, without tabs",
        }),
      );
    } else if (v === "") {
      this.diagnostics.push(
        diag("HA5001", this.at(id), `${where} is empty, and pcs cannot set an empty value`, {
          hint: "for pcs `name=` removes the attribute; leave the attribute out, or use the cib or crmsh target",
        }),
      );
    }
    return v;
  }

  pairs(set: AttrSet | undefined, where: string, map: (p: NvPair) => string = (p) => p.value): string[] {
    return (set?.pairs ?? []).map((p) => pair(p.name, this.value(map(p), `${where}, attribute \`${p.name}\``, p.id)));
  }

  /** One pcs call in the body of `configure`: comment lines above it, then its words, one group per line. */
  step(comments: readonly string[], ...lines: (readonly string[])[]): void {
    this.run("pcs_f", comments, lines);
  }

  /** A step of pcs or of cibadmin, as it says. */
  either(s: LocationStep): void {
    if (s.tool === "pcs") this.step(s.comments, s.words);
    else this.cibStep(s.comments, s.words);
  }

  /** One call of a Pacemaker tool on the CIB copy (`cib_f`: CIB_file set to it), for what a dialect's pcs lacks. */
  cibStep(comments: readonly string[], words: readonly string[]): void {
    this.run("cib_f", comments, [words]);
  }

  private run(runner: string, comments: readonly string[], lines: readonly (readonly string[])[]): void {
    this.steps++;
    for (const c of comments) this.out.line(1, `# ${shellComment(c)}`);
    const words = lines.filter((l) => l.length > 0);
    if (words.length === 0 && comments.length === 0) this.out.line(0, "");
    for (let i = 0; i < words.length; i++) {
      const text = words[i]!.join(" ");
      const more = i < words.length - 1 ? " \\" : "";
      if (i === 0) this.out.line(1, `${runner} ${text}${more}`);
      else this.out.line(3, `${text}${more}`);
    }
  }

  /**
   * The site's ownership tag. pcs cannot tag a constraint (`pcs tag create`
   * takes resources only), so Pacemaker's cibadmin merges it into the copy.
   */
  ownerTag(tag: OwnerTag): void {
    this.steps++;
    for (const l of pcsOwnerTagLines(tag)) this.out.append(`${l}\n`);
  }

  /**
   * A node's attributes and utilization. `pcs node attribute` and `pcs node
   * utilization` set the named ones and leave the node's others alone (an
   * operator's standby stays); they find a cluster node by name. A guest or
   * remote node may have no entry yet, which pcs cannot make: cibadmin merges
   * it, with its name as its id as Pacemaker gives it.
   */
  node(n: NodeEntry): void {
    const value = (v: string, where: string, id: string) => this.value(v, where, id);
    for (const st of nodeSteps(n, this.d.utilization === "crm_resource", value, (set, where) => this.pairs(set, where))) this.run(st.runner, st.comments, [st.words]);
  }

  cannot(message: string, hint: string): void {
    this.diagnostics.push(diag("HA5002", this.at(), message, { hint }));
  }

  properties(cib: Cib): void {
    if (cib.properties.pairs.length === 0) return;
    // --force: pcs knows Pacemaker 2.1's option names only and refuses others (Pacemaker 3's `fencing-enabled`,
    // an agent's attribute such as `redis_REPL_INFO`); hacc's checker has read every name and value already.
    const force = cib.properties.pairs.some((p) => !PCS_PROPERTIES.has(p.name));
    this.step(["Cluster properties"], ["property", "set", ...this.pairs(cib.properties, "cluster property set")], force ? ["--force"] : []);
  }

  defaults(set: AttrSet | undefined, head: (id: string) => readonly string[], title: string): void {
    if (!set || set.pairs.length === 0) return;
    const kw = this.d.defaultsMetaKeyword;
    this.step([title], [...head(set.id).map(shellQuote), ...(kw ? [kw] : []), ...this.pairs(set, title.toLowerCase())]);
  }

  primitive(p: Primitive, inBundle?: Bundle): void {
    this.about(p.id);
    const where = `resource \`${p.id}\``;
    if (p.template !== undefined) return inBundle ? void this.diagnostics.push(bundledTemplate(p, inBundle.id, this.at(p.id))) : created(this, p, "primitive", where);
    const agent = p.standard === "stonith" ? p.type : [p.standard, p.provider, p.type].filter((x) => x !== undefined).join(":");
    const addGuest = p.guestNode !== undefined && this.d.guest === "add-guest";
    const metaSet = p.meta && addGuest ? { ...p.meta, pairs: p.meta.pairs.filter((m) => m.name !== "remote-node" && !GUEST_OPTIONS.has(m.name)) } : p.meta;
    const meta = this.pairs(metaSet, where, (m) => (m.name === "target-role" ? this.d.role(m.value) : m.value));
    const ops = p.ops.map((o) => [
      "op",
      shellQuote(o.name),
      pair("interval", this.value(o.interval, `${where}, op \`${o.name}\` interval`)),
      ...o.attrs.map(([k, v]) => pair(k, this.value(k === "role" ? this.d.role(v) : v, `${where}, op \`${o.name}\` attribute \`${k}\``))),
      ...(o.instance && pcsOpParams(o.instance) ? this.pairs(o.instance, `${where}, op \`${o.name}\``) : []),
      pair("id", o.id),
    ]);
    const comments = [`${p.standard === "stonith" ? "Fence device" : "Resource"} ${p.id}${p.guestNode ? ` (the VM of guest node ${p.guestNode})` : ""}`];
    const flags = [...(inBundle ? ["bundle", shellQuote(inBundle.id)] : []), "--no-default-ops"];
    if (inBundle && !inBundle.network?.attrs.some(([k]) => k === "control-port" || k === "ip-range-start")) {
      comments.push("--force: pcs refuses a resource in a bundle whose network sets neither control-port nor ip-range-start.");
      flags.push("--force");
    }
    if (p.siteProvided) {
      comments.push(
        `--force: ${agent} is site-provided (not in the distribution's resource-agents); where its`,
        "metadata is not installed, pcs cannot check the agent and refuses it without --force.",
      );
      flags.push("--force");
    }
    if (p.standard === "ocf" && p.provider === "pacemaker" && p.type === "remote") {
      comments.push(
        "--force: pcs would have a remote node's connection made by `pcs cluster node add-remote`, which also",
        "copies the authkey to the node and starts pacemaker_remote there; the resource alone is what the CIB holds.",
      );
      if (!flags.includes("--force")) flags.push("--force");
    }
    if (p.guestNode !== undefined && !addGuest && this.d.guestForce) {
      comments.push(...this.d.guestForce);
      if (!flags.includes("--force")) flags.push("--force");
    }
    this.step(
      comments,
      [p.standard === "stonith" ? "stonith" : "resource", "create", shellQuote(p.id), shellQuote(agent), ...this.pairs(p.instance, where)],
      ...ops,
      meta.length > 0 ? ["meta", ...meta] : [],
      flags,
    );
    for (const o of p.ops) {
      if (!o.instance || pcsOpParams(o.instance)) continue;
      // pcs takes OCF_CHECK_LEVEL only; cibadmin merges the op's parameters into the op pcs made, by its id.
      const x = escapeXml;
      const pairs = o.instance.pairs.map((q) => `<nvpair id="${x(q.id)}" name="${x(q.name)}" value="${x(this.value(q.value, `${where}, op \`${o.name}\` parameter \`${q.name}\``, q.id))}"/>`).join("");
      const xml = `<op id="${x(o.id)}"><instance_attributes id="${x(o.instance.id)}">${pairs}</instance_attributes></op>`;
      this.cibStep([`cibadmin, as pcs gives an op no parameter but OCF_CHECK_LEVEL (op ${o.id})`], ["cibadmin", "--modify", "-X", shellQuote(xml)]);
    }
    if (p.ops.length === 0) {
      // `exact-ops;` with no op: pcs adds a monitor even with --no-default-ops; cibadmin takes it out again.
      const xpath = `//primitive[@id=${xpathLiteral(p.id)}]/operations`;
      this.cibStep([`pcs always gives ${p.id} a monitor op; it has none`], ["cibadmin", "--delete", "--xpath", shellQuote(xpath)]);
    }
    this.description("primitive", p.id, p.description, where);
    if (p.utilization && p.utilization.pairs.length > 0) this.utilization(p.id, p.utilization, where);
    if (addGuest) {
      const node = p.guestNode!;
      this.guests.push(node);
      const opts = (p.meta?.pairs ?? []).filter((m) => GUEST_OPTIONS.has(m.name));
      this.step(
        [`Guest node ${node}: pcs ${this.version} sets remote-node itself. With -f it skips the live steps (authkey, pacemaker_remote): see --guest-setup.`],
        ["cluster", "node", "add-guest", shellQuote(node), shellQuote(p.id), ...opts.map((m) => pair(m.name, this.value(m.value, `${where}, attribute \`${m.name}\``)))],
      );
      if (!opts.some((m) => m.name === "remote-addr")) {
        this.step(
          ["add-guest writes remote-addr (the node name); hacc leaves it unset, which means the same address."],
          ["resource", "meta", shellQuote(p.id), "remote-addr="],
        );
      }
    } else if (p.guestNode !== undefined) {
      this.guests.push(p.guestNode);
    }
  }

  /** A resource's `description`, which no pcs command sets: cibadmin merges it into the element pcs made, by its id. */
  private description(tag: "primitive" | "group" | "clone", id: string, text: string | undefined, where: string): void {
    if (text === undefined) return;
    const x = escapeXml;
    const xml = `<${tag} id="${x(id)}" description="${x(this.value(text, `${where}, its description`))}"/>`;
    this.cibStep([`The description of ${id} (cibadmin, as pcs sets none)`], ["cibadmin", "--modify", "-X", shellQuote(xml)]);
  }

  private utilization(id: string, set: AttrSet, where: string): void {
    if (this.d.utilization === "pcs") {
      this.step([], ["resource", "utilization", shellQuote(id), ...this.pairs(set, where)]);
      return;
    }
    set.pairs.forEach((u, i) => {
      const comment = i === 0 ? [`Utilization of ${id}: crm_resource, as pcs before 0.9.148 has no \`pcs resource utilization\``] : [];
      const value = this.value(u.value, `${where}, utilization \`${u.name}\``);
      this.cibStep(comment, ["crm_resource", "--resource", shellQuote(id), "--utilization", "--set-parameter", shellQuote(u.name), "--parameter-value", shellQuote(value)]);
    });
  }

  group(g: Group): void {
    for (const c of g.children) this.primitive(c);
    this.about(g.id);
    this.step([`Group ${g.id}`], ["resource", "group", "add", shellQuote(g.id), ...g.children.map((c) => shellQuote(c.id))]);
    const meta = this.pairs(g.meta, `group \`${g.id}\``, (m) => (m.name === "target-role" ? this.d.role(m.value) : m.value));
    if (meta.length > 0) this.step([], ["resource", "meta", shellQuote(g.id), ...meta]);
    this.description("group", g.id, g.description, `group \`${g.id}\``);
  }

  clone(c: Clone): void {
    if (c.child.kind === "primitive") this.primitive(c.child);
    else this.group(c.child);
    this.about(c.id);
    const plain = c.promotable && c.child.kind === "primitive" && c.child.template !== undefined; // pcs refuses `promotable` on it (it reads no agent): a clone, then cibadmin sets its meta promotable=true
    if (plain && this.version === "0.9") return this.cannot(`pcs 0.9 cannot make promotable clone \`${c.id}\` of \`${c.child.id}\`, made from a template`, "use the cib or crmsh target, or declare the resource with its agent");
    const form: CloneForm = c.promotable && !plain ? this.d.promotable : this.d.clone;
    const head = form.head(c.id, c.child.id);
    if (head === undefined) {
      this.cannot(`pcs ${this.version} cannot give clone \`${c.id}\` that id`, `${form.limit ?? ""}; name the clone \`${c.child.id}-clone\`, or choose another --pcs-version`);
      return;
    }
    const meta = this.pairs(
      c.meta ? { ...c.meta, pairs: c.meta.pairs.filter((m) => !(c.promotable && m.name === "promotable")) } : undefined,
      `clone \`${c.id}\``,
      (m) => (m.name === "target-role" ? this.d.role(m.value) : m.value),
    );
    const words = [...head.map(shellQuote), ...(meta.length > 0 && form.metaKeyword ? [form.metaKeyword] : []), ...meta];
    this.step([`${c.promotable ? "Promotable clone" : "Clone"} ${c.id}`], words);
    if (plain) this.cibStep(...promotableMeta(c));
    this.description("clone", c.id, c.description, `clone \`${c.id}\``);
  }

  /**
   * `pcs resource bundle create ID container TYPE k=v ... network ... port-map
   * ... storage-map ... meta ...`, then the primitive inside with `pcs
   * resource create ... bundle ID`. Mappings keep their ids (`id=`). pcs 0.9.123
   * has no bundle commands (HA5002).
   */
  bundle(b: Bundle): void {
    const where = `bundle \`${b.id}\``;
    this.about(b.id);
    if (!this.d.bundle) {
      this.cannot(`pcs ${this.version} has no bundle commands; bundle \`${b.id}\` cannot be written`, "pcs gained `pcs resource bundle` in 0.9.160 (RHEL 7.4); choose --pcs-version 0.10 or 0.11, or the cib or crmsh target");
      return;
    }
    const kv = (attrs: Bundle["container"]["attrs"], what: string) => attrs.map(([k, v]) => pair(k, this.value(v, `${where}, ${what} \`${k}\``)));
    const maps = (kw: string, ms: readonly BundleMapping[]) => ms.map((m) => [kw, pair("id", m.id), ...kv(m.attrs, kw)]);
    const meta = this.pairs(b.meta, where, (m) => (m.name === "target-role" ? this.d.role(m.value) : m.value));
    const comments = [`Bundle ${b.id}`];
    const flags: string[] = [];
    // pcs knows no `add-host` (its network options are control-port, host-interface, host-netmask, ip-range-start).
    if (b.network?.attrs.some(([k]) => k === "add-host")) {
      comments.push("--force: pcs does not know the network option add-host, which Pacemaker's schema has.");
      flags.push("--force");
    }
    this.step(
      comments,
      ["resource", "bundle", "create", shellQuote(b.id), "container", shellQuote(b.container.type), ...kv(b.container.attrs, b.container.type)],
      b.network && b.network.attrs.length > 0 ? ["network", ...kv(b.network.attrs, "network")] : [],
      ...maps("port-map", b.network?.portMappings ?? []),
      ...maps("storage-map", b.storage ?? []),
      meta.length > 0 ? ["meta", ...meta] : [],
      flags,
    );
    if (b.child) this.primitive(b.child, b);
  }

  resource(r: Resource): void {
    switch (r.kind) {
      case "primitive":
        return this.primitive(r);
      case "group":
        return this.group(r);
      case "clone":
        return this.clone(r);
      case "bundle":
        return this.bundle(r);
      default:
        return unreachable(r);
    }
  }

  /** Whether a constraint pcs takes for a duplicate of this one was written already (or is in the CIB: `existing`). */
  private again(c: Constraint): boolean {
    const key = pcsDuplicateKey(c);
    if (key === undefined) return false;
    if (this.written.has(key)) return true;
    this.written.add(key);
    return false;
  }

  /** Constraints the CIB holds already, which pcs compares a new one with. */
  existing(cs: readonly Constraint[]): void {
    for (const c of cs) this.again(c);
  }

  constraint(c: Constraint, standIns: ReadonlySet<string> = new Set(), beside?: string): void {
    this.about(c.id);
    const q = shellQuote;
    const viaCib = standInConstraint(c, standIns, this.d);
    if (viaCib) return this.cibStep(viaCib.comments, viaCib.words);
    // `pcs constraint location add` replaces every location of the resource and node: beside a live one (a ban), cibadmin adds it.
    if (beside !== undefined && c.kind === "location") return this.cibStep([`cibadmin, as \`pcs constraint location add\` would replace ${beside} (same resource and node)`], ["cibadmin", "--create", "-o", "constraints", "-X", q(constraintXml(inDialect(c, this.d)))]);
    switch (c.kind) {
      case "location":
      case "location-rule":
        for (const r of c.kind === "location-rule" ? c.rules : []) for (const v of ruleValues(r)) this.value(v.value, `${v.what} in rule \`${r.id}\``);
        for (const s of locationSteps(c, this.d)) this.either(s);
        return;
      case "order": {
        const again = this.again(c);
        return this.step(
          again ? [AGAIN] : [],
          [
            "constraint", "order", q(c.firstAction), q(c.first), "then", q(c.thenAction), q(c.then), pair("kind", c.orderKind),
            ...(c.symmetrical !== undefined ? [pair("symmetrical", String(c.symmetrical))] : []),
            ...(c.requireAll !== undefined ? [pair("require-all", String(c.requireAll))] : []),
            pair("id", c.id),
          ],
          again ? ["--force"] : [],
        );
      }
      case "colocation": {
        const why = pcsCannotWriteRoles(c, this.d);
        if (why !== undefined) return this.cibStep([`cibadmin, as ${why}`], ["cibadmin", "--create", "-o", "constraints", "-X", q(constraintXml(inDialect(c, this.d)))]);
        const role = (r: string | undefined) => (r !== undefined ? [q(this.d.role(r))] : []);
        const again = this.again(c);
        // (--force before `--`, after which pcs reads every word as an argument: a score may start with `-`.)
        return this.step(again ? [AGAIN] : [], [...(again ? ["--force"] : []), "--", "constraint", "colocation", "add", ...role(c.rscRole), q(c.rsc), "with", ...role(c.withRscRole), q(c.withRsc), q(c.score), pair("id", c.id)]);
      }
      case "ticket": {
        const again = this.again(c);
        return this.step(
          again ? [AGAIN] : [],
          [
            "constraint", "ticket", "add", q(c.ticket), ...(c.rscRole !== undefined ? [q(this.d.role(c.rscRole))] : []), q(c.rsc),
            ...(c.lossPolicy !== undefined ? [pair("loss-policy", c.lossPolicy)] : []), pair("id", c.id),
          ],
          again ? ["--force"] : [],
        );
      }
      case "order-set":
      case "colocation-set":
      case "ticket-set": {
        // pcs names a constraint's sets itself (`pcs_rsc_set_...`), so its `constraint order set` cannot give the sets
        // the ids the CIB and crmsh targets give them: cibadmin writes the constraint as the CIB target does.
        const xml = setConstraintXml(c, (r) => this.d.role(r)).map(([, t]) => t).join("");
        return this.cibStep([`cibadmin, as pcs names a constraint's resource sets itself`], ["cibadmin", "--create", "-o", "constraints", "-X", q(xml)]);
      }
      default:
        return unreachable(c);
    }
  }
}

/**
 * The pcs target: a bash script that applies the IR with pcs, all or
 * nothing (see the script's header), in the dialect of `pcsVersion`.
 */
export function emitPcs(cib: Cib, opts: { pcsVersion?: string; sourceName?: string; sink?: TextSink; ownerTag?: OwnerTag | null; origins?: Origins; standIns?: readonly string[]; beside?: ReadonlyMap<string, string>; existing?: readonly Constraint[] }): Result<string> {
  const version = opts.pcsVersion ?? "0.11";
  const span = fileSpan(opts.sourceName ?? "<input>");
  if (!isPcsVersion(version)) {
    return {
      value: "",
      diagnostics: [diag("HA5003", span, `hacc does not know pcs version \`${version}\``, { hint: `write one of ${PCS_VERSIONS.join(", ")}` })],
    };
  }
  const d = DIALECTS[version];
  const w = new PcsWriter(d, version, span, opts.origins, opts.sink);
  const tag = opts.ownerTag === null ? undefined : (opts.ownerTag ?? ownerTag(cib));
  w.out.append(header(cib, d, shellComment(baseName(opts.sourceName)), createdIds(cib, tag)));
  w.properties(cib);
  w.defaults(cib.rscDefaults, d.rscDefaults, "Resource defaults");
  w.defaults(cib.opDefaults, d.opDefaults, "Operation defaults");
  for (const t of cib.templates ?? []) created(w, t, "template");
  for (const s of defaultSetSteps(cib, d, (id) => opts.origins?.get(id) ?? span)) if ("words" in s) w.either({ tool: s.tool ?? "pcs", comments: s.comments, words: s.words });
  else w.diagnostics.push(s.diagnostic);
  for (const r of cib.resources) {
    w.resource(r);
    for (const s of attrSetSteps(r)) w.either(s);
  }
  for (const t of cib.tags ?? []) w.either(tagStep(t, version));
  if (cib.constraints.length > 0) w.step(["Constraints, with hacc's ids"]);
  const standIns = new Set([...standInNames(cib), ...(opts.standIns ?? [])]);
  w.existing(opts.existing ?? []);
  // A location on a resource and node the script placed before (one with a role, one with resource-discovery, a second one) goes beside it.
  const replaces = earlierLocations(cib.constraints);
  for (const c of cib.constraints) w.constraint(c, standIns, opts.beside?.get(c.id) ?? replaces.get(c.id));
  const admin: LocationStep[] = [...(cib.fencingLevels ? fencingSteps(cib.fencingLevels, d) : []), ...(cib.alerts ?? []).flatMap((a) => alertSteps(a, d)), ...(cib.acls ? aclSteps(cib.acls, d) : [])];
  for (const s of admin) w.either(s);
  // After the resources: `pcs cluster node add-guest` refuses a guest whose node entry exists already.
  for (const n of nodeEntries(cib)) w.node(n);
  if (tag) w.ownerTag(tag);
  // A body without steps is one empty line, as the scripts hacc wrote always had.
  if (w.steps === 0) w.out.line(0, "");
  w.out.append(footer(cib, w.guests, d));
  return { value: w.out.text(), diagnostics: w.diagnostics };
}
