import * as N from "../check/names.js";
import type { Span } from "../diagnostics/span.js";
import { nameSource, WORD } from "../syntax/names.js";
import type { Key, NameIndex, Occurrence } from "./names.js";

/** A rename is offered, or refused with the reason. */
export type RenameCheck = { readonly ok: true; readonly span: Span } | { readonly ok: false; readonly why: string };

/**
 * Whether the name at `o` may be renamed: only a name the site declares in
 * this file (a cluster node, a guest, a resource, group or clone, the
 * cluster), every use of which is in this file, in a file that parses. Agents
 * (Pacemaker's names), service kinds and derived ids (`vm-GUEST`,
 * `KIND-GUEST`: rename the guest) are refused.
 */
export function prepareRename(index: NameIndex, o: Occurrence, file: string, syntaxErrors: boolean): RenameCheck {
  if (syntaxErrors) return { ok: false, why: "the file has syntax errors: fix them first, so that no use of the name is missed" };
  const [kind] = o.key.split(":");
  if (kind === "agent") return { ok: false, why: `\`${o.text}\` is a resource agent's name, Pacemaker's, not the site's` };
  if (kind === "service") return { ok: false, why: `service kind \`${o.text}\` names its instances' ids (\`${o.text}-GUEST\`); it is not renamed` };
  const decl = index.declaration(o.key);
  if (decl === undefined) return { ok: false, why: `\`${o.text}\` is declared nowhere` };
  if (decl.decl === undefined || (kind === "rsc" && decl.decl === "guest")) {
    const guest = decl.statement.kind === "guest" || decl.statement.kind === "instance" ? (decl.statement.kind === "guest" ? decl.statement.name.text : decl.statement.guest.text) : "";
    return { ok: false, why: `\`${o.key.slice(4)}\` is an id hacc derives from guest \`${guest}\`: rename the guest` };
  }
  const outside = edits(index, decl).find((e) => e.span.file !== file);
  if (outside) return { ok: false, why: `\`${o.text}\` is also used in ${outside.span.file}` };
  return { ok: true, span: o.span };
}

/** A replacement of the text of `span`. */
export interface Edit {
  readonly span: Span;
  /** Makes the new text from the new name. */
  readonly text: (name: string) => string;
}

/** The edits that rename what `decl` declares: every use, and for a guest the derived ids written out (`vm-GUEST`, `KIND-GUEST`). */
function edits(index: NameIndex, decl: Occurrence): Edit[] {
  const out: Edit[] = index.uses(decl.key).map((o) => ({ span: o.span, text: (n: string) => n }));
  if (decl.decl !== "guest") return out;
  const old = decl.text;
  for (const o of index.uses(`rsc:${N.guestResourceId(old)}`)) if (o.text === N.guestResourceId(old)) out.push({ span: o.span, text: (n) => N.guestResourceId(n) });
  for (const svc of index.occurrences) {
    if (svc.statement.kind !== "instance" || svc.statement.guest.text !== old || svc.key !== `service:${svc.text}`) continue;
    const id = N.instanceId(svc.text, old);
    const kindName = svc.text;
    for (const o of index.uses(`rsc:${id}`)) if (o.text === id) out.push({ span: o.span, text: (n) => N.instanceId(kindName, n) });
  }
  return out;
}

/**
 * The edits that rename the name at `o` to `name`, or why not: `name` must
 * be one word of the language and clash with no declared name or id. A
 * keyword is written as a string wherever the name stands (`"group"`).
 */
export function rename(index: NameIndex, o: Occurrence, name: string): { edits: { span: Span; text: string }[] } | { why: string } {
  // One word; a keyword (`group`) is a name too, written as a string (`"group"`) where it stands.
  if (!WORD.test(name)) {
    return { why: `\`${name}\` is not a name: a name is one word of letters, digits and \`_ . : + -\`` };
  }
  const decl = index.declaration(o.key)!;
  const taken: Key[] = decl.decl === "guest" ? [`node:${name}`, `rsc:${N.guestResourceId(name)}`] : decl.decl === "node" || decl.decl === "unlisted" ? [`node:${name}`] : decl.decl === "cluster" ? [] : [`rsc:${name}`];
  for (const k of taken) if (index.declaration(k)) return { why: `\`${k.slice(k.indexOf(":") + 1)}\` is already declared` };
  const seen = new Set<number>();
  const out: { span: Span; text: string }[] = [];
  for (const e of edits(index, decl)) {
    if (seen.has(e.span.start)) continue;
    seen.add(e.span.start);
    out.push({ span: e.span, text: nameSource(e.text(name)) });
  }
  return { edits: out.sort((a, b) => a.span.start - b.span.start) };
}
