import type * as A from "../ast/types.js";
import { nameSource } from "../syntax/names.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Elaboration } from "./elaborate.js";
import type { TagModel } from "./model.js";

/**
 * `tag NAME = a, b, c;`: a `<tag>` whose members are resources (a constraint
 * naming the tag stands for them, as one naming a template stands for the
 * resources made from it). Pacemaker's schema wants one member at least
 * (HA2113); a member is listed once (HA2114); a tag or a template is no
 * member, as Pacemaker does not expand one inside a tag (HA2115, HA2116:
 * crm_verify says "No resource found for" it).
 */
export function elaborateTag(e: Elaboration, t: A.TagDecl): void {
  const id = t.name.text;
  if (e.scope.tags.get(id) !== t) return; // its id clashed (reported when declared)
  if (t.members.length === 0) {
    e.report(diag("HA2113", t.span, `tag \`${id}\` has no member`, { hint: `list what it names: \`tag ${nameSource(id)} = a, b;\`, or remove it` }));
    return;
  }
  const seen = new Map<string, A.Name>();
  const members: string[] = [];
  for (const m of t.members) {
    const prev = seen.get(m.text);
    if (prev) {
      e.report(diag("HA2114", m.span, `\`${m.text}\` is a member of tag \`${id}\` twice`, { hint: "list it once", related: [{ span: prev.span, message: "first listed here" }] }));
      continue;
    }
    seen.set(m.text, m);
    if (e.scope.ids.get(m.text)?.kind === "tag") {
      e.report(diag("HA2115", m.span, `\`${m.text}\` is a tag: Pacemaker does not expand a tag inside a tag`, { hint: `list its members instead (${e.scope.tags.get(m.text)?.members.map((x) => `\`${x.text}\``).join(", ") ?? ""})` }));
      continue;
    }
    if (e.scope.ids.get(m.text)?.kind === "template") {
      e.report(diag("HA2116", m.span, `\`${m.text}\` is a template: Pacemaker does not expand a template inside a tag`, { hint: "list the resources made from it" }));
      continue;
    }
    const r = e.scope.resolve(m);
    if (r !== undefined) members.push(r);
  }
  e.addTag({ id, span: t.name.span, members });
}

/** The ids of the tags among `names`. */
export function tagsAmong(tags: readonly TagModel[] | undefined, names: readonly string[]): string[] {
  const ids = new Set((tags ?? []).map((t) => t.id));
  return names.filter((n) => ids.has(n));
}
