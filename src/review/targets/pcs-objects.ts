import { shellComment, shellQuote } from "../../util/shell.js";
import { xpathLiteral } from "../../util/xml.js";
import { primitiveXml } from "../../emit/cib/cib.js";
import type { Primitive } from "../../ir/types.js";
import { memberIds, needsRebuild, type Plan } from "../plan.js";
import { SET_TITLE, setXpath } from "../compare-defaults.js";
import { tagsAroundIds } from "../rebuilt-tags.js";

/**
 * The pcs plan's lines for templates, the site's tags and defaults and
 * property sets with a rule or a score (the rest of the script is pcs.ts). pcs has no
 * command for a template, and refuses to delete a resource a tag lists: so
 * a tag loses its members that go before the resources are deleted, and
 * gains the new ones after they are made (the members it loses that stay
 * resources go after that). A tag all of whose members pcs deletes is
 * deleted and made again, which pcs refuses while a constraint names the
 * tag: the script then stops, having changed nothing.
 */

const pcsLine = (...words: string[]): string => `  pcs_f ${words.join(" ")}`;
const cibLine = (words: string, what: string): string => `  cib_f cibadmin ${words}   # ${shellComment(what)}`;

/** The members a tag loses that pcs deletes (removed or rebuilt resources): they go before the deletion, the others after the new ones come. */
function goneEarly(plan: Plan, from: readonly string[], to: readonly string[]): string[] {
  const deleted = new Set(plan.changes.resources.filter((r) => r.op === "remove" || (r.op === "change" && needsRebuild(r))).flatMap((r) => memberIds(r.old!)));
  return from.filter((r) => !to.includes(r) && deleted.has(r));
}

/** Before the resources are deleted: sets deleted, tags emptied of what goes (or deleted), templates written anew. */
export function pcsBefore(plan: Plan): string[] {
  const out: string[] = [];
  for (const d of plan.changes.defaultSets ?? []) {
    if (d.op !== "remove" && d.op !== "change") continue;
    if (out.length === 0) out.push("  # Defaults and property sets with a rule or a score, removed or changed (a changed one is created again below)");
    // pcs property writes cib-bootstrap-options alone: cibadmin deletes another property set by its id.
    if (d.section === "property") out.push(cibLine(`--delete --xpath ${shellQuote(setXpath("property", d.old!.id))}`, `${SET_TITLE.property} set ${d.old!.id}${d.op === "change" ? ", written again below" : ""}`));
    else out.push(pcsLine("resource", ...(d.section === "op" ? ["op"] : []), "defaults", "set", "delete", shellQuote(d.old!.id)));
  }
  const around = tagsAroundIds(plan);
  for (const t of plan.changes.tags ?? []) {
    if (t.op === "remove") out.push("  # Tag removed", pcsLine("tag", "remove", shellQuote(t.id)));
    if (t.op !== "change" || around.has(t.id)) continue;
    const early = goneEarly(plan, t.from ?? [], t.to ?? []);
    if (early.length === 0) continue;
    // pcs leaves no tag empty: one that keeps no member is deleted here and created again below.
    if (early.length === (t.from ?? []).length) out.push(`  # Tag ${shellComment(t.id)} keeps none of its members: deleted here, created again below`, pcsLine("tag", "remove", shellQuote(t.id)));
    else out.push(`  # Tag ${shellComment(t.id)} loses ${shellComment(early.join(", "))} (pcs refuses to delete a resource a tag lists)`, pcsLine("tag", "update", shellQuote(t.id), "remove", ...early.map(shellQuote)));
  }
  for (const t of plan.changes.templates ?? []) {
    if (t.op !== "change") continue;
    out.push(
      `  # Template ${shellComment(t.id)} written anew whole: cibadmin, as pcs has no command for templates (Pacemaker merges it into the resources made from it when it reads them)`,
      cibLine(`--replace -o resources -X ${shellQuote(primitiveXml(t.new as Primitive, "template"))}`, `template ${t.id}`),
    );
  }
  return out;
}

/** After the resources are deleted: templates removed (cibadmin; `crm configure delete` and pcs would take more along, or find nothing). */
export function pcsTemplateDeletions(plan: Plan): string[] {
  return (plan.changes.templates ?? [])
    .filter((t) => t.op === "remove")
    .map((t) => cibLine(`--delete --xpath ${shellQuote(`/cib/configuration/resources/template[@id=${xpathLiteral(t.id)}]`)}`, `template ${t.id}, removed`));
}

/**
 * After the resources are made: each changed tag gets its new members, in
 * the site's order (`pcs tag update T add ID... --before/--after ID` moves an
 * id it already holds). A site's tag lists no template (HA2116).
 */
export function pcsTagsAfter(plan: Plan): string[] {
  const out: string[] = [];
  const around = tagsAroundIds(plan);
  for (const t of plan.changes.tags ?? []) {
    if (t.op !== "change" || around.has(t.id)) continue;
    const to = t.to ?? [];
    const early = new Set(goneEarly(plan, t.from ?? [], to));
    // What the tag holds now: its old members but those taken out before the deletions (none left: it was deleted).
    const held = early.size === (t.from ?? []).length ? [] : (t.from ?? []).filter((r) => !early.has(r));
    out.push(`  # Tag ${shellComment(t.id)}: ${shellComment(to.join(", "))}`);
    if (held.length === 0) {
      out.push(pcsLine("tag", "create", shellQuote(t.id), ...to.map(shellQuote)));
      continue;
    }
    // The first member goes first, the others after it in order (moved if held), then what goes is taken out.
    if (to[0] !== held[0]) out.push(pcsLine("tag", "update", shellQuote(t.id), "add", shellQuote(to[0]!), "--before", shellQuote(held[0]!)));
    if (to.length > 1) out.push(pcsLine("tag", "update", shellQuote(t.id), "add", ...to.slice(1).map(shellQuote), "--after", shellQuote(to[0]!)));
    const late = held.filter((r) => !to.includes(r));
    if (late.length > 0) out.push(pcsLine("tag", "update", shellQuote(t.id), "remove", ...late.map(shellQuote)));
  }
  return out;
}
