import { diag, type Diagnostic, type Result } from "../../diagnostics/diagnostic.js";
import { EMITTERS } from "../../emit/index.js";
import { CONTROL, pcsOwnerTagLines } from "../../emit/pcs/pcs.js";
import { fileSpan } from "../../emit/span.js";
import type { AttrSet, Cib, Constraint, Op, Origins, Primitive, Resource } from "../../ir/types.js";
import { constraintRefs } from "../../ir/constraints.js";
import { ownParamChanges, type OpChange, type ResourceChange, type ValueChange } from "../compare.js";
import { guestsOf, needsRebuild, resourceIds, type Plan } from "../plan.js";
import { shellComment, shellQuote } from "../../util/shell.js";
import { escapeXml, xpathLiteral } from "../../util/xml.js";
import { NOTHING, scriptEnd, scriptHead, scriptStart } from "./script.js";
import { withRuntimeMeta } from "../runtime.js";
import { adminAdditions, adminDeletions } from "./admin.js";
import { aclPlanCommands } from "../acl-steps.js";
import { pcsBefore, pcsTagsAfter, pcsTemplateDeletions } from "./pcs-objects.js";
import { asTemplate } from "../steps.js";
import { ownSetChanges, ownSetXpath, type OwnSetChange } from "../own-sets.js";
import { ruledSetXml } from "../../emit/cib/cib.js";
import { nodeSetCommands } from "../nodes.js";
import { tagsAfter, tagsAround, tagsBefore } from "../rebuilt-tags.js";

/** The pcs versions whose commands a plan can use (update, op delete, defaults update, add-guest/remove-guest). */
export const PCS_PLAN_VERSIONS = ["0.10", "0.11"] as const;

function kv(name: string, value: string): string {
  return shellQuote(`${name}=${value}`);
}


/** The body of the pcs target's `configure()` for an IR: the commands that create it. */
function pcsCreate(cib: Cib, pcsVersion: string, origins: Origins | undefined, standIns: readonly string[] = [], beside?: ReadonlyMap<string, string>, existing: readonly Constraint[] = []): Result<string[]> {
  const emitter = EMITTERS["pcs"];
  if (!emitter) throw new Error("the pcs emitter is not registered");
  const r = emitter(cib, { pcsVersion, ownerTag: null, standIns, existing, ...(beside ? { beside } : {}), ...(origins ? { origins } : {}) });
  const lines = r.value.split("\n");
  const start = lines.indexOf("configure() {");
  const end = lines.indexOf("}", start);
  if (start < 0 || end < 0) throw new Error("the pcs target's script has no configure() { ... } block");
  return { value: lines.slice(start + 1, end).filter((l) => l.trim() !== ":"), diagnostics: r.diagnostics };
}

/**
 * The locations the plan writes that share their resource and node with a
 * live one it keeps (an operator's ban, another team's location), by id:
 * `pcs constraint location add` replaces every location of the resource and
 * node it finds (pcs 0.11.5 on a CIB file: the ban went with it), so these
 * go through cibadmin, which adds one beside the other.
 */
function besideLive(plan: Plan, written: readonly Constraint[], deleted: ReadonlySet<string>): Map<string, string> {
  // pcs finds a location by pattern as `regexp%PATTERN` (`pcs -f`: `regexp%^vm` twice on n1 keeps one).
  const what = (l: { rsc: string; pattern?: string }): string => (l.pattern !== undefined ? `regexp%${l.pattern}` : l.rsc);
  const live = [
    ...plan.live.cib.constraints.flatMap((l) => (l.kind === "location" && l.set === undefined ? [{ id: l.id, rsc: what(l), node: l.node, at: plan.live.elements.get(l.id)?.path ?? `\`${l.id}\`` }] : [])),
    ...plan.live.unsupported.flatMap((u) => (u.location && u.id !== undefined ? [{ id: u.id, ...u.location, at: u.path }] : [])),
  ].filter((l) => !deleted.has(l.id));
  const out = new Map<string, string>();
  for (const n of written) {
    if (n.kind !== "location" || n.set !== undefined) continue;
    const l = live.find((x) => x.id !== n.id && x.rsc === what(n) && x.node === n.node);
    if (l !== undefined) out.set(n.id, l.at);
  }
  return out;
}

class Commands {
  readonly lines: string[] = [];
  comment(text: string): void {
    this.lines.push(`  # ${shellComment(text)}`);
  }
  pcs(...words: string[]): void {
    this.lines.push(`  pcs_f ${words.join(" ")}`);
  }
}

/**
 * The plan as a pcs script in the pcs target's form: every command runs with
 * `pcs -f` on a copy of the CIB (`pcs cluster cib`), crm_verify checks the
 * copy, and one `pcs cluster cib-push --config diff-against=` sends it.
 * Removals use pcs's own commands (`constraint delete`, `cluster node
 * remove-guest`, `resource delete`); changes `resource update`/`meta`/
 * `utilization`, `resource op delete`/`op add`, `property set`/`unset`,
 * `resource defaults update`; additions are the pcs target's own commands.
 */
export function writePcsScript(plan: Plan, comment: readonly string[], pcsVersion: string, siteName: string, origins?: Origins): Result<string> {
  const diagnostics: Diagnostic[] = [];
  /** `k=v` words for pcs, which cannot set an empty value (`k=` removes) nor carry control characters; a diagnostic points at the object `id`. */
  const updates = (chs: readonly ValueChange[], where: string, id?: string): string[] => {
    const span = (id !== undefined ? origins?.get(id) : undefined) ?? fileSpan(siteName);
    for (const ch of chs) {
      if (ch.to === undefined) continue;
      if (ch.to === "") diagnostics.push(diag("HA5001", span, `${where}, attribute \`${ch.name}\` is empty, and pcs cannot set an empty value`, { hint: "for pcs `name=` removes the attribute; leave the attribute out, or plan with --target cib or crmsh" }));
      else if (CONTROL.test(ch.to)) diagnostics.push(diag("HA5001", span, `${where}, attribute \`${ch.name}\` holds a control character (newline, tab, ...) that the CIB cannot store`, { hint: "keep such values on one line, without tabs" }));
    }
    return chs.map((c) => kv(c.name, c.to ?? ""));
  };
  const out = scriptHead(comment, "pcs -f");
  const cs = plan.changes;
  const c = new Commands();

  // Resources pcs deletes: removed ones and those rebuilt. `pcs resource delete` also drops every
  // constraint on them, so the site's constraints on a rebuilt resource are created again below.
  const rebuilt = cs.resources.filter((r) => r.op === "change" && needsRebuild(r));
  const removed = cs.resources.filter((r) => r.op === "remove");
  const rebuiltIds = new Set(rebuilt.flatMap((r) => resourceIds(r.old!)));
  const changedConstraintIds = new Set(cs.constraints.filter((x) => x.op !== "keep").map((x) => x.id));
  const recreate: Constraint[] = [
    ...cs.constraints.filter((x) => x.op === "add" || x.op === "change").map((x) => x.new!),
    ...plan.site.constraints.filter((x) => !changedConstraintIds.has(x.id) && constraintRefs(x).some((id) => rebuiltIds.has(id))),
  ];

  const deleted = cs.constraints.filter((x) => x.op === "remove" || x.op === "change");
  if (deleted.length > 0) {
    c.comment("Constraints removed or changed (a changed one is created again below)");
    for (const x of deleted) c.pcs("constraint", "delete", shellQuote(x.old!.id));
  }
  // `pcs resource delete` takes a rebuilt member out of a resource set and leaves the constraint: delete it whole first.
  const setsAgain = recreate.filter((x) => !changedConstraintIds.has(x.id) && (x.kind === "order-set" || x.kind === "colocation-set" || x.kind === "ticket-set"));
  if (setsAgain.length > 0) {
    c.comment("Constraints of resource sets on a rebuilt resource (created again below)");
    for (const x of setsAgain) c.pcs("constraint", "delete", shellQuote(x.id));
  }
  const adminGone = adminDeletions(plan);
  if (adminGone.length > 0) c.comment("Fencing levels and alerts removed or changed (a changed one is created again below)");
  for (const g of adminGone) c.lines.push(`  cib_f cibadmin --delete --xpath ${shellQuote(g.xpath)}   # ${shellComment(g.what)}`);
  for (const line of pcsBefore(plan)) c.lines.push(line);
  // Tags that list a rebuilt resource: pcs refuses to delete a resource a tag lists.
  const around = tagsAround(plan);
  for (const st of tagsBefore(around)) c.lines.push(`  cib_f ${st.words}   # ${shellComment(`${st.what} (pcs refuses to delete a resource a tag lists)`)}`);
  for (const r of [...removed, ...rebuilt]) {
    c.comment(`${r.op === "remove" ? "Removed" : "Rebuilt (deleted here, created again below)"}: ${r.kind} ${r.id}`);
    for (const g of guestsOf(r.old!)) c.pcs("cluster", "node", "remove-guest", shellQuote(g.node));
    c.pcs("resource", "delete", shellQuote(r.id));
  }
  for (const line of pcsTemplateDeletions(plan)) c.lines.push(line);

  const props = cs.properties;
  if (props.length > 0) {
    c.comment("Cluster properties");
    const set = props.filter((p) => p.to !== undefined);
    if (set.length > 0) c.pcs("property", "set", ...updates(set, "cluster property set"));
    for (const p of props.filter((x) => x.to === undefined)) {
      // pcs finds no property whose name holds a newline or another control character, and stops the script.
      if (CONTROL.test(p.name)) diagnostics.push(diag("HA5001", fileSpan(siteName), `the live CIB's cluster property \`${shellComment(p.name)}\` has a control character in its name, and pcs cannot remove it`, { hint: "plan with --target cib or crmsh, which delete it by id" }));
      c.pcs("property", "unset", shellQuote(p.name));
    }
  }
  // `defaults update` refuses when the section holds several sets (a rule-bound one hacc leaves
  // alone beside the plain one): then the plain set is named (`defaults set update ID meta`).
  // The live sets with a rule or a score the plan keeps count too (those it deletes are gone by then).
  const goneSets = new Set((cs.defaultSets ?? []).filter((d) => d.op === "remove" || d.op === "change").map((d) => d.old!.id));
  const liveSets = (section: string) => (section === "rsc_defaults" ? plan.live.cib.rscDefaultSets : plan.live.cib.opDefaultSets) ?? [];
  const several = (section: string): boolean =>
    plan.live.unsupported.some((u) => u.path.includes(`/${section}/meta_attributes`)) || liveSets(section).some((s) => !goneSets.has(s.id));
  const defaults = (cmd: readonly string[], section: "rsc_defaults" | "op_defaults", set: string | undefined, chs: readonly ValueChange[], where: string): void => {
    if (set !== undefined && set !== "" && several(section)) c.pcs(...cmd, "set", "update", shellQuote(set), "meta", ...updates(chs, where));
    else c.pcs(...cmd, "update", ...updates(chs, where));
  };
  if (cs.rscDefaults.length > 0) {
    c.comment("Resource defaults");
    defaults(["resource", "defaults"], "rsc_defaults", plan.live.cib.rscDefaults?.id, cs.rscDefaults, "resource defaults");
  }
  if (cs.opDefaults.length > 0) {
    c.comment("Operation defaults");
    defaults(["resource", "op", "defaults"], "op_defaults", plan.live.cib.opDefaults?.id, cs.opDefaults, "operation defaults");
  }

  const inPlace = (r: ResourceChange): void => {
    const force = r.new?.kind === "primitive" && r.new.siteProvided ? ["--force"] : [];
    c.comment(`Changed: ${r.kind} ${r.id}${force.length > 0 ? " (--force: its agent is site-provided, pcs may lack its metadata)" : ""}`);
    if (r.params.length > 0) c.pcs("resource", "update", shellQuote(r.id), ...updates(r.params, `resource \`${r.id}\``, r.id), ...force);
    const guest = r.meta.find((m) => m.name === "remote-node");
    const meta = r.meta.filter((m) => m.name !== "remote-node");
    if (guest?.from !== undefined) c.pcs("cluster", "node", "remove-guest", shellQuote(guest.from));
    // `pcs resource meta` finds no bundle: `pcs resource bundle update ID meta ...` sets a bundle's.
    const metaHead = r.kind === "bundle" ? ["resource", "bundle", "update", shellQuote(r.id), "meta"] : ["resource", "meta", shellQuote(r.id)];
    if (meta.length > 0) c.pcs(...metaHead, ...updates(meta, `resource \`${r.id}\``, r.id));
    if (guest?.to !== undefined) {
      c.pcs("cluster", "node", "add-guest", shellQuote(guest.to), shellQuote(r.id));
      const p = r.new as Primitive;
      if (!p.meta?.pairs.some((m) => m.name === "remote-addr")) c.pcs("resource", "meta", shellQuote(r.id), "remote-addr=");
    }
    if (r.utilization.length > 0) c.pcs("resource", "utilization", shellQuote(r.id), ...updates(r.utilization, `resource \`${r.id}\``, r.id));
    for (const o of r.ops) if (o.op !== "add") c.pcs("resource", "op", "delete", shellQuote(o.old!.id));
    const finalOps = (r.new as Primitive | undefined)?.ops ?? [];
    for (const o of r.ops) if (o.op !== "remove") opAdd(c, r.id, o, finalOps);
    if (r.kind === "primitive" && r.old?.kind === "primitive" && r.new?.kind === "primitive") ownSetLines(c, r.id, ownSetChanges(r.old, r.new));
    if ((r.old?.kind === "group" || r.old?.kind === "clone") && r.old.kind === r.new?.kind) ownParamLines(c, r.old.kind, r.id, r.old.instance, ownParamChanges(r));
    for (const m of r.members) inPlace(m);
  };
  for (const r of cs.resources) if (r.op === "change" && !needsRebuild(r)) inPlace(r);

  // Creations: the pcs target's own commands for new and rebuilt resources and for new, changed and re-created constraints.
  // A rebuilt resource keeps the run-time meta attributes an operator set on it and its members.
  const create: Resource[] = [...cs.resources.filter((r) => r.op === "add").map((r) => r.new!), ...rebuilt.map((r) => withRuntimeMeta(r.old!, r.new!))];
  const admin = adminAdditions(plan);
  // New templates (cibadmin, before the resources made from them), new tags, and new or changed defaults sets: the pcs target's own steps.
  const templates = (cs.templates ?? []).filter((t) => t.op === "add").map((t) => asTemplate(t.new as Primitive));
  const tags = (cs.tags ?? []).filter((t) => t.op === "add").map((t) => ({ id: t.id, refs: t.to ?? [] }));
  const sets = (cs.defaultSets ?? []).filter((d) => d.op === "add" || d.op === "change");
  const rscDefaultSets = sets.filter((d) => d.section === "rsc").map((d) => d.new!);
  const opDefaultSets = sets.filter((d) => d.section === "op").map((d) => d.new!);
  const propertySets = sets.filter((d) => d.section === "property").map((d) => d.new!);
  if (create.length + recreate.length + admin.levels.length + admin.alerts.length + templates.length + tags.length + sets.length > 0) {
    const sub: Cib = {
      clusterName: plan.site.clusterName, nodes: [], properties: { id: plan.live.cib.properties.id, pairs: [] }, resources: create, constraints: recreate,
      ...(admin.levels.length > 0 ? { fencingLevels: admin.levels } : {}), ...(admin.alerts.length > 0 ? { alerts: admin.alerts } : {}),
      ...(templates.length > 0 ? { templates } : {}), ...(tags.length > 0 ? { tags } : {}),
      ...(rscDefaultSets.length > 0 ? { rscDefaultSets } : {}), ...(opDefaultSets.length > 0 ? { opDefaultSets } : {}),
      ...(propertySets.length > 0 ? { propertySets } : {}),
    };
    // A constraint naming a tag or template goes through cibadmin (pcs's constraint commands take resources only):
    // the site's, and the live CIB's (a template or tag the site does not declare may still be named).
    const standIns = [...new Set([...(plan.site.templates ?? []), ...(plan.live.cib.templates ?? []), ...(plan.site.tags ?? []), ...(plan.live.cib.tags ?? [])].map((t) => t.id))];
    // The live constraints still there when these are added: pcs takes a new order, colocation or ticket of the same
    // resources for a duplicate of one of them (it asks for --force), whatever the ids.
    const gone = new Set([...deleted.map((x) => x.old!.id), ...setsAgain.map((x) => x.id)]);
    const deletedRscs = new Set([...removed, ...rebuilt].flatMap((r) => resourceIds(r.old!)));
    const existing = plan.live.cib.constraints.filter((x) => !gone.has(x.id) && !constraintRefs(x).some((id) => deletedRscs.has(id)));
    const made = pcsCreate(sub, pcsVersion, origins, standIns, besideLive(plan, recreate, new Set(deleted.map((x) => x.old!.id))), existing);
    diagnostics.push(...made.diagnostics);
    // One by one: spread into push, a site of 12,000 resources overflowed the stack.
    for (const line of made.value) c.lines.push(line);
  }
  for (const line of pcsTagsAfter(plan)) c.lines.push(line);
  for (const st of tagsAfter(around)) c.lines.push(`  cib_f ${st.words}   # ${shellComment(`${st.what}, written again whole`)}`);

  // ACL entries: cibadmin, as pcs cannot change a role's permissions in place.
  for (const a of aclPlanCommands(plan)) {
    c.comment(`${a.what[0]!.toUpperCase()}${a.what.slice(1)} (cibadmin, as pcs cannot change a role in place)`);
    c.lines.push(`  cib_f ${a.words.join(" ")}`);
  }

  // The ownership tag is written again whenever anything changes; the live one goes first,
  // as pcs refuses to delete a resource a tag lists.
  if (c.lines.length > 0 || cs.ownership !== undefined) {
    if (plan.owner.inLive) {
      const xpath = `/cib/configuration/tags/tag[@id="${plan.owner.id}"]`;
      c.lines.unshift(
        `  # The ownership tag ${plan.owner.id}${plan.tag ? ", written again at the end" : ""}: pcs refuses to delete a resource a tag lists.`,
        `  CIB_file="$cib" cibadmin --delete --xpath ${shellQuote(xpath)} || die ${shellQuote(`cannot delete the ownership tag ${plan.owner.id}`)}`,
      );
    }
    if (plan.tag) c.lines.push(...pcsOwnerTagLines(plan.tag));
  }

  // Node attributes and utilization: pcs sets and unsets (`name=`) the named ones and leaves a node's others alone.
  const nodesChanged = cs.nodes.filter((n) => n.attributes.length + n.utilization.length > 0);
  for (const n of nodesChanged) {
    c.comment(`Node ${n.node}${n.remote ? " (a guest or remote node: cibadmin makes its entry if it has none)" : ""}`);
    if (n.remote) {
      const xml = `<node id="${escapeXml(n.node)}" uname="${escapeXml(n.node)}" type="remote"/>`;
      c.lines.push(`  CIB_file="$cib" cibadmin --modify --allow-create -o nodes -X ${shellQuote(xml)} || die ${shellQuote(`cannot make the node entry of ${n.node}`)}`);
    }
    if (n.attributes.length > 0) c.pcs("node", "attribute", shellQuote(n.node), ...updates(n.attributes, `node \`${n.node}\``));
    if (n.utilization.length > 0) c.pcs("node", "utilization", shellQuote(n.node), ...updates(n.utilization, `node \`${n.node}\``));
  }
  // A node's sets chosen by a rule or a score: pcs writes no rule or score for them, cibadmin by id.
  for (const n of nodeSetCommands(cs.nodes, plan.live.nodeIds)) {
    c.comment(`${n.what} (cibadmin, as pcs writes no rule or score for a node's set)`);
    c.lines.push(`  CIB_file="$cib" ${n.words.join(" ")} || die ${shellQuote(`this step failed: ${n.what}`)}`);
  }

  if (c.lines.length === 0) {
    out.push(...NOTHING);
    return { value: out.join("\n") + "\n", diagnostics };
  }
  const frame = {
    query: ['pcs cluster cib "$work/orig.xml" || die "cannot read the live CIB (is the cluster running here, and are you root?)"'],
    push: ['pcs cluster cib-push "$work/new.xml" diff-against="$work/orig.xml" || die "pcs refused the push (did the CIB change meanwhile?); the cluster is unchanged"'],
  };
  out.push(
    ...scriptStart(frame, plan.live.version),
    "",
    'cib="$work/new.xml"',
    "# Runs one pcs command against the CIB copy; a failure stops everything.",
    'pcs_f() { pcs -f "$cib" "$@" || die "this step failed: pcs -f CIB $(printf \'%q \' "$@")"; }',
    "# Runs one Pacemaker tool on the CIB copy, for what pcs cannot say (a location's role, say).",
    'cib_f() { CIB_file="$cib" "$@" || die "this step failed: CIB_file=CIB $(printf \'%q \' "$@")"; }',
    "",
    "configure() {",
    c.lines.join("\n"),
    "}",
    "configure",
    ...scriptEnd(frame),
  );
  return { value: out.join("\n") + "\n", diagnostics };
}

/**
 * A primitive's sets with a rule or a score that change: pcs writes no rule or score for a resource's set, so cibadmin
 * deletes a removed or changed one by id and merges a new or changed one into the primitive, as the pcs target makes them.
 */
function ownSetLines(c: Commands, rsc: string, chs: readonly OwnSetChange[]): void {
  for (const ch of chs) {
    if (ch.op === "add") continue;
    const what = `${ch.tag === "instance_attributes" ? "params" : "meta"} set ${ch.old!.id} of ${rsc}${ch.op === "change" ? ", merged again below" : ch.op === "reorder" ? ", merged again below to keep its place after a set of equal score" : ""}`;
    c.lines.push(`  cib_f cibadmin --delete --xpath ${shellQuote(ownSetXpath(rsc, ch))}   # ${shellComment(what)}`);
  }
  const written = chs.filter((ch) => ch.op !== "remove");
  if (written.length === 0) return;
  const xml = `<primitive id="${escapeXml(rsc)}">${written.map((ch) => ruledSetXml(ch.new!, ch.tag)).join("")}</primitive>`;
  c.comment(`Sets ${written.map((ch) => ch.new!.id).join(", ")} of ${rsc}, chosen by a rule or ranked by a score: cibadmin, as pcs writes no rule or score for a resource's set`);
  c.lines.push(`  cib_f cibadmin --modify -o resources -X ${shellQuote(xml)}`);
}

/**
 * A group's or clone's own parameters that change (its members inherit them): pcs writes none for a group or
 * clone, so cibadmin deletes each changed or removed nvpair by id (the set, when every pair goes) and merges the
 * new values into the element's set, under the live ids.
 */
function ownParamLines(c: Commands, tag: "group" | "clone", id: string, live: AttrSet | undefined, chs: readonly ValueChange[]): void {
  if (chs.length === 0) return;
  const x = escapeXml;
  const del = (xpath: string, what: string) => c.lines.push(`  cib_f cibadmin --delete --xpath ${shellQuote(xpath)}   # ${shellComment(what)}`);
  const emptied = live !== undefined && chs.every((ch) => ch.to === undefined) && live.pairs.every((p) => chs.some((ch) => ch.name === p.name));
  c.comment(`Parameters of ${tag} ${id} (its members inherit them): cibadmin, as pcs writes none for a ${tag}`);
  if (emptied) {
    del(`/cib/configuration/resources//${tag}[@id=${xpathLiteral(id)}]/instance_attributes[@id=${xpathLiteral(live.id)}]`, `every parameter of ${id}`);
    return;
  }
  for (const ch of chs) {
    const old = live?.pairs.find((p) => p.name === ch.name);
    if (old) del(`/cib/configuration/resources//${tag}[@id=${xpathLiteral(id)}]/instance_attributes/nvpair[@id=${xpathLiteral(old.id)}]`, `param ${ch.name} of ${id}`);
  }
  const setId = live?.id ?? `${id}-instance_attributes`;
  const pairs = chs.filter((ch) => ch.to !== undefined).map((ch) => `<nvpair id="${x(live?.pairs.find((p) => p.name === ch.name)?.id ?? `${setId}-${ch.name}`)}" name="${x(ch.name)}" value="${x(ch.to!)}"/>`);
  if (pairs.length > 0) c.lines.push(`  cib_f cibadmin --modify -o resources -X ${shellQuote(`<${tag} id="${x(id)}"><instance_attributes id="${x(setId)}">${pairs.join("")}</instance_attributes></${tag}>`)}`);
}

function opAdd(c: Commands, rsc: string, o: OpChange, finalOps: readonly Op[]): void {
  const op = o.new!;
  const twin = finalOps.filter((x) => x.name === op.name).length > 1;
  if (twin) c.comment(`--force: pcs asks for it to add a second \`${op.name}\` op (another interval) to ${rsc}`);
  // pcs gives an op one parameter, OCF_CHECK_LEVEL; any other is merged into the op by id with cibadmin.
  const params = op.instance?.pairs ?? [];
  const native = params.every((q) => q.name === "OCF_CHECK_LEVEL");
  c.pcs(
    "resource", "op", "add", shellQuote(rsc), shellQuote(op.name), kv("interval", op.interval), ...op.attrs.map(([k, v]) => kv(k, v)),
    ...(native ? params.map((q) => kv(q.name, q.value)) : []), kv("id", op.id), ...(twin ? ["--force"] : []),
  );
  if (!native && op.instance) {
    const x = escapeXml;
    const xml = `<op id="${x(op.id)}"><instance_attributes id="${x(op.instance.id)}">${params.map((q) => `<nvpair id="${x(q.id)}" name="${x(q.name)}" value="${x(q.value)}"/>`).join("")}</instance_attributes></op>`;
    c.lines.push(`  CIB_file="$cib" cibadmin --modify -X ${shellQuote(xml)} || die ${shellQuote(`cannot give op ${op.id} its parameters`)}`);
  }
}
