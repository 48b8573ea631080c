import type { Diagnostic, Result } from "../../diagnostics/diagnostic.js";
import { EMITTERS } from "../../emit/index.js";
import type { AttrSet, Cib, Constraint, Origins, Resource, RuledSet } from "../../ir/types.js";
import { constraintRefs } from "../../ir/constraints.js";
import type { OpChange, ResourceChange, ValueChange } from "../compare.js";
import { SET_TITLE, setXpath } from "../compare-defaults.js";
import { memberIds, needsRebuild, resourceIds, type Plan } from "../plan.js";
import { crmAttributeLines, nodeSetCommands } from "../nodes.js";
import { withRuntimeMeta } from "../runtime.js";
import { asTemplate } from "../steps.js";
import { tagXml } from "./cib.js";
import { cibadminAdminSteps } from "../../emit/pcs/admin.js";
import { adminAdditions, adminDeletions } from "./admin.js";
import { aclPlanCommands } from "../acl-steps.js";
import { tagsAfter, tagsAround, tagsBefore } from "../rebuilt-tags.js";
import { shellComment, shellQuote } from "../../util/shell.js";
import { xpathLiteral } from "../../util/xml.js";
import { CIBADMIN_FRAME, hereDelimiter, NOTHING, ON_COPY, scriptEnd, scriptHead, scriptStart } from "./script.js";

/** Added and changed values as a set under the live set's id (crmsh merges a property or defaults set by name). */
function setOf(id: string, chs: readonly ValueChange[]): AttrSet | undefined {
  const pairs = chs.filter((c) => c.to !== undefined).map((c) => ({ id: `${id}-${c.name}`, name: c.name, value: c.to! }));
  return pairs.length > 0 ? { id, pairs } : undefined;
}

/** A Cib's field for sets of `section` (none when there are none). */
function setsOf(sets: readonly RuledSet[], section: "rsc" | "op" | "property"): Partial<Pick<Cib, "rscDefaultSets" | "opDefaultSets" | "propertySets">> {
  if (sets.length === 0) return {};
  return section === "rsc" ? { rscDefaultSets: sets } : section === "op" ? { opDefaultSets: sets } : { propertySets: sets };
}

/**
 * The plan as a script around crmsh: on a copy of the CIB (`CIB_file`, set per command), it
 * deletes with `crm configure delete --force` (which also drops the
 * constraints on a deleted resource; those the site keeps are loaded again),
 * unsets properties and defaults with `cibadmin --delete`, then loads
 * every added or changed object, written whole by the crmsh target, with
 * `crm configure load update` (which replaces an object of the same id and
 * merges property and defaults sets by name). crm_verify checks the copy;
 * the live cluster gets one patch (`crm_diff` + `cibadmin --patch`).
 */
export function writeCrmshScript(plan: Plan, comment: readonly string[], origins?: Origins): Result<string> {
  const diagnostics: Diagnostic[] = [];
  const out = scriptHead(comment, "crm configure");
  const cs = plan.changes;
  const body: string[] = [];

  const rebuilt = cs.resources.filter((r) => r.op === "change" && needsRebuild(r));
  const removed = cs.resources.filter((r) => r.op === "remove");
  const deletedConstraints = cs.constraints.filter((c) => c.op === "remove" || (c.op === "change" && c.oldId !== undefined)).map((c) => c.old!.id);
  if (deletedConstraints.length > 0) {
    body.push("# Constraints removed (or renamed: the new id is loaded below)", `on_copy crm configure delete --force ${deletedConstraints.map(shellQuote).join(" ")}`);
  }
  for (const g of adminDeletions(plan)) body.push(`on_copy cibadmin --delete --xpath ${shellQuote(g.xpath)}   # ${shellComment(g.what)}`);
  // Sets with a rule or a score that go or change, and tags that go: cibadmin, by id (crmsh cannot name a set).
  for (const d of cs.defaultSets ?? []) {
    if (d.op !== "remove" && d.op !== "change") continue;
    body.push(`on_copy cibadmin --delete --xpath ${shellQuote(setXpath(d.section, d.old!.id))}   # ${shellComment(`${SET_TITLE[d.section]} set ${d.old!.id}${d.op === "change" ? ", written again below" : ""}`)}`);
  }
  for (const t of cs.tags ?? []) if (t.op === "remove") body.push(`on_copy cibadmin --delete --xpath ${shellQuote(`/cib/configuration/tags/tag[@id=${xpathLiteral(t.id)}]`)}   # ${shellComment(`tag ${t.id}`)}`);
  // Tags that list a rebuilt resource: crmsh's delete would take it out of them (and delete a tag it empties).
  const around = tagsAround(plan);
  for (const st of tagsBefore(around)) body.push(`on_copy ${st.words}   # ${shellComment(`${st.what} (crmsh's delete would take the resources out of it, and delete it emptied)`)}`);
  const deletedResources = [...removed, ...rebuilt];
  if (deletedResources.length > 0) {
    body.push(
      "# Resources removed, and those rebuilt (loaded again below), with their members (crmsh would keep a group's members);",
      "# --force: crmsh refuses to delete a running resource without it",
      `on_copy crm configure delete --force ${deletedResources.flatMap((r) => memberIds(r.old!)).map(shellQuote).join(" ")}`,
    );
  }
  // A template that goes: cibadmin, as `crm configure delete` also deletes the resources and tags that name it.
  for (const t of cs.templates ?? []) if (t.op === "remove") body.push(`on_copy cibadmin --delete --xpath ${shellQuote(`/cib/configuration/resources/template[@id=${xpathLiteral(t.id)}]`)}   # ${shellComment(`template ${t.id}`)}`);
  // An op that changes or goes is deleted first, and loaded again below when it stays: crmsh's own
  // patch does not remove an op attribute the site drops (`enabled="false"`, `on-fail`), and would report success.
  const opsOf = (r: ResourceChange): OpChange[] => [...r.ops, ...r.members.flatMap(opsOf)];
  for (const r of cs.resources) {
    if (r.op !== "change" || needsRebuild(r)) continue;
    for (const o of opsOf(r)) {
      if (o.op === "add" || o.old!.id === "") continue;
      body.push(`on_copy cibadmin --delete --xpath ${shellQuote(`/cib/configuration/resources//op[@id=${xpathLiteral(o.old!.id)}]`)}   # ${shellComment(`op ${o.name} ${o.interval} of ${r.id}${o.op === "change" ? ", loaded again below" : ""}`)}`);
    }
  }
  // crmsh has no command that unsets one property or default: Pacemaker's cibadmin deletes its nvpair.
  const unset = (what: string, set: AttrSet | undefined, chs: readonly ValueChange[]): void => {
    for (const c of chs) {
      if (c.to !== undefined) continue;
      const id = set?.pairs.find((p) => p.name === c.name)?.id;
      if (id) body.push(`on_copy cibadmin --delete --xpath ${shellQuote(`/cib/configuration//nvpair[@id=${xpathLiteral(id)}]`)}   # ${shellComment(`${what} ${c.name}`)}`);
    }
  };
  unset("property", plan.live.cib.properties, cs.properties);
  unset("resource default", plan.live.cib.rscDefaults, cs.rscDefaults);
  unset("op default", plan.live.cib.opDefaults, cs.opDefaults);

  // Everything added or changed, whole; a changed resource keeps the run-time meta attributes an operator set.
  const rebuiltIds = new Set(rebuilt.flatMap((r) => resourceIds(r.old!)));
  const touched = new Set(cs.constraints.map((c) => c.id));
  const resources: Resource[] = cs.resources.flatMap((r) => (r.op === "add" ? [r.new!] : r.op === "change" ? [withRuntimeMeta(r.old!, r.new!)] : []));
  const constraints: Constraint[] = [
    ...cs.constraints.filter((c) => c.op === "add" || c.op === "change").map((c) => c.new!),
    ...plan.site.constraints.filter((c) => !touched.has(c.id) && constraintRefs(c).some((id) => rebuiltIds.has(id))),
  ];
  const live = plan.live.cib;
  // A new set takes a free id, as the cib target's does: crmsh fails on one another element holds.
  const free = (base: string): string => {
    let id = base;
    for (let i = 2; plan.live.ids.has(id); i++) id = `${base}-${i}`;
    return id;
  };
  // New and changed templates and new tags, written whole (load update replaces a template of the same id); new and
  // changed defaults sets with a rule or a score where crmsh can write them (HA5071 says where not: cibadmin merges those).
  // A changed tag is replaced by cibadmin after the load: crmsh's load update keeps a tag whose members are only reordered.
  const templates = (cs.templates ?? []).filter((t) => t.op === "add" || t.op === "change").map((t) => asTemplate(t.new!));
  const tags = (cs.tags ?? []).filter((t) => t.op === "add").map((t) => ({ id: t.id, refs: t.to ?? [] }));
  const aroundIds = new Set(around.map((t) => t.id));
  const tagsAgain = (cs.tags ?? []).filter((t) => t.op === "change" && !aroundIds.has(t.id)).map((t) => ({ id: t.id, refs: t.to ?? [] }));
  const sets = (cs.defaultSets ?? []).filter((d) => d.op === "add" || d.op === "change");
  const crmshSays = (d: (typeof sets)[number]): boolean => {
    const one: Cib = { clusterName: "", nodes: [], properties: { id: "", pairs: [] }, resources: [], constraints: [], ...setsOf([d.new!], d.section) };
    return !EMITTERS["crmsh"]!(one, { ownerTag: null }).diagnostics.some((x) => x.code === "HA5071");
  };
  const bySection = (ds: typeof sets, section: "rsc" | "op" | "property") => setsOf(ds.filter((d) => d.section === section).map((d) => d.new!), section);
  const viaCrm = sets.filter(crmshSays);
  const viaCib = sets.filter((d) => !crmshSays(d));
  const properties = setOf(live.properties.id || free("cib-bootstrap-options"), cs.properties);
  const rscDefaults = setOf(live.rscDefaults?.id || free("rsc-options"), cs.rscDefaults);
  const opDefaults = setOf(live.opDefaults?.id || free("op-options"), cs.opDefaults);
  // The ownership tag is written again whenever anything changes (load update replaces it whole).
  const objects = resources.length + constraints.length + templates.length + tags.length + viaCrm.length;
  const acts = body.length > 0 || properties !== undefined || rscDefaults !== undefined || opDefaults !== undefined || objects + viaCib.length + tagsAgain.length > 0 || cs.ownership !== undefined;
  if (acts && !plan.tag && plan.owner.inLive) {
    body.push(`on_copy cibadmin --delete --xpath ${shellQuote(`/cib/configuration/tags/tag[@id="${plan.owner.id}"]`)}   # the ownership tag: the site owns nothing now`);
  }
  if (properties || rscDefaults || opDefaults || objects > 0 || (acts && plan.tag)) {
    const emitter = EMITTERS["crmsh"];
    if (!emitter) throw new Error("the crmsh emitter is not registered");
    const sub: Cib = {
      clusterName: plan.site.clusterName,
      nodes: [],
      properties: properties ?? { id: live.properties.id, pairs: [] },
      ...(rscDefaults ? { rscDefaults } : {}),
      ...(opDefaults ? { opDefaults } : {}),
      resources,
      constraints,
      ...(templates.length > 0 ? { templates } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...bySection(viaCrm, "rsc"), ...bySection(viaCrm, "op"), ...bySection(viaCrm, "property"),
    };
    const r = emitter(sub, { ownerTag: acts && plan.tag ? plan.tag : null, ...(origins ? { origins } : {}) });
    // HA5080 judges a whole site's order; this file holds the changed resources only, which crmsh puts among the live ones.
    diagnostics.push(...r.diagnostics.filter((x) => x.code !== "HA5080"));
    const text = r.value.replace(/\n$/, "");
    const d = hereDelimiter(text, "HACC_CRM");
    body.push("# Added and changed objects, whole, and the ownership tag (load update replaces an object of the same id)", `cat > "$work/update.crm" <<'${d}'`, text, d, 'on_copy crm configure load update "$work/update.crm"');
  }

  if (viaCib.length > 0) {
    const sub: Cib = {
      clusterName: plan.site.clusterName, nodes: [], properties: { id: live.properties.id, pairs: [] }, resources: [], constraints: [],
      ...bySection(viaCib, "rsc"), ...bySection(viaCib, "op"), ...bySection(viaCib, "property"),
    };
    const xml = EMITTERS["cib"]!(sub, { ownerTag: null }).value.replace(/\n$/, "");
    const d = hereDelimiter(xml, "HACC_XML");
    body.push("# Defaults and property sets crmsh cannot write (a score, a resource or op test: HA5071), merged by cibadmin", `cat > "$work/sets.xml" <<'${d}'`, xml, d, 'on_copy cibadmin --modify --xml-file "$work/sets.xml"');
  }

  for (const st of tagsAfter(around)) body.push(`on_copy ${st.words}   # ${shellComment(`${st.what}, written again whole`)}`);
  for (const t of tagsAgain) body.push(`# ${shellComment(`tag ${t.id}`)} written anew whole (crmsh's load update would keep its old order)`, `on_copy cibadmin --replace -o tags -X ${shellQuote(tagXml(t))}`);

  // Fencing levels and alerts through cibadmin: crmsh's fencing_topology would replace every level, the cluster's others too.
  const admin = adminAdditions(plan);
  for (const st of cibadminAdminSteps(admin.levels, admin.alerts, "crmsh's fencing_topology would replace every level")) {
    body.push(...st.comments.map((x) => `# ${shellComment(x)}`), `on_copy ${st.words.join(" ")}`);
  }

  for (const a of aclPlanCommands(plan)) body.push(`# ${shellComment(a.what)} (cibadmin: crmsh's role would need the whole role)`, `on_copy ${a.words.join(" ")}`);

  // crmsh's `node` statement would replace a node's whole entry (an operator's standby with it): crm_attribute sets one attribute.
  const nodes = cs.nodes.filter((n) => n.attributes.length + n.utilization.length > 0);
  if (nodes.length > 0) body.push(...crmAttributeLines(nodes, "on_copy"));
  for (const n of nodeSetCommands(cs.nodes, plan.live.nodeIds)) body.push(`# ${shellComment(n.what)} (cibadmin: crmsh's node statement would replace the node's whole entry)`, `on_copy ${n.words.join(" ")}`);
  if (body.length === 0) {
    out.push(...NOTHING);
    return { value: out.join("\n") + "\n", diagnostics };
  }
  out.push(...scriptStart(CIBADMIN_FRAME, plan.live.version), "", ...ON_COPY, "", ...body, ...scriptEnd(CIBADMIN_FRAME));
  return { value: out.join("\n") + "\n", diagnostics };
}
