import { shellComment, shellQuote } from "../../util/shell.js";
import { primitiveXml } from "../../emit/cib/cib.js";
import type { Primitive } from "../../ir/types.js";
import type { Plan } from "../plan.js";

/**
 * The pcs plan's lines for templates, the site's tags and defaults sets
 * with a rule or a score (the rest of the script is pcs.ts). pcs has no
 * command for a template, and refuses to delete a
 * resource a tag lists: so a tag loses its members that go before the
 * resources are deleted, and gains the new ones after they are made.
 */

const pcsLine = (...words: string[]): string => `  pcs_f ${words.join(" ")}`;
const cibLine = (words: string, what: string): string => `  cib_f cibadmin ${words}   # ${shellComment(what)}`;

/** Before the resources are deleted: sets deleted, tags emptied of what goes (or deleted), templates written anew. */
export function pcsBefore(plan: Plan): string[] {
  const out: string[] = [];
  for (const d of plan.changes.defaultSets ?? []) {
    if (d.op !== "remove" && d.op !== "change") continue;
    if (out.length === 0) out.push("  # Defaults sets with a rule or a score, removed or changed (a changed one is created again below)");
    out.push(pcsLine("resource", ...(d.section === "op" ? ["op"] : []), "defaults", "set", "delete", shellQuote(d.old!.id)));
  }
  for (const t of plan.changes.tags ?? []) {
    if (t.op === "remove") out.push("  # Tag removed", pcsLine("tag", "remove", shellQuote(t.id)));
    if (t.op !== "change") continue;
    const next = new Set(t.to ?? []);
    const gone = (t.from ?? []).filter((r) => !next.has(r));
    if (gone.length === 0) continue;
    // pcs leaves no tag empty: one that keeps no member is deleted here and created again below.
    if (gone.length === (t.from ?? []).length) out.push(`  # Tag ${shellComment(t.id)} keeps none of its members: deleted here, created again below`, pcsLine("tag", "remove", shellQuote(t.id)));
    else out.push(`  # Tag ${shellComment(t.id)} loses ${shellComment(gone.join(", "))} (pcs refuses to delete a resource a tag lists)`, pcsLine("tag", "update", shellQuote(t.id), "remove", ...gone.map(shellQuote)));
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
    .map((t) => cibLine(`--delete --xpath ${shellQuote(`/cib/configuration/resources/template[@id="${t.id}"]`)}`, `template ${t.id}, removed`));
}

/**
 * After the resources are made: each changed tag gets its new members, in
 * the site's order (`pcs tag update T add ID... --before/--after ID` moves an
 * id it already holds). A site's tag lists no template (HA2116).
 */
export function pcsTagsAfter(plan: Plan): string[] {
  const out: string[] = [];
  for (const t of plan.changes.tags ?? []) {
    if (t.op !== "change") continue;
    const to = t.to ?? [];
    const next = new Set(to);
    const kept = (t.from ?? []).filter((r) => next.has(r));
    out.push(`  # Tag ${shellComment(t.id)}: ${shellComment(to.join(", "))}`);
    if (kept.length === 0) {
      out.push(pcsLine("tag", "create", shellQuote(t.id), ...to.map(shellQuote)));
      continue;
    }
    if (to[0] !== kept[0]) out.push(pcsLine("tag", "update", shellQuote(t.id), "add", shellQuote(to[0]!), "--before", shellQuote(kept[0]!)));
    if (to.length > 1) out.push(pcsLine("tag", "update", shellQuote(t.id), "add", ...to.slice(1).map(shellQuote), "--after", shellQuote(to[0]!)));
  }
  return out;
}
