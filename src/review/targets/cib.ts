import type { Diagnostic, Result } from "../../diagnostics/diagnostic.js";
import { EMITTERS } from "../../emit/index.js";
import { shellComment, shellQuote } from "../../util/shell.js";
import type { Cib, Resource } from "../../ir/types.js";
import { crmAttributeLines } from "../nodes.js";
import type { Steps } from "../steps.js";
import { CIBADMIN_FRAME, hereDelimiter, NOTHING, ON_COPY, scriptEnd, scriptHead, scriptStart } from "./script.js";
import { primitiveXml, tagsText } from "../../emit/cib/cib.js";
import type { Tag } from "../../ir/types.js";
import { escapeXml } from "../../util/xml.js";

/** A `<tag>` element on one line. */
export function tagXml(t: Tag): string {
  return `<tag id="${escapeXml(t.id)}">${t.refs.map((r) => `<obj_ref id="${escapeXml(r)}"/>`).join("")}</tag>`;
}


/**
 * The plan as a bash script of Pacemaker's own CIB commands: it deletes with
 * `cibadmin --delete --xpath` and merges additions and changes with
 * `cibadmin --modify` (the `cib` target's fragment), on a copy; checks the
 * copy with `crm_verify`; then writes it back to the file given as `$1`, or,
 * without an argument, pushes one patch (`crm_diff` + `cibadmin --patch`) to
 * the live cluster, which refuses it if the CIB changed meanwhile.
 */
export function writeCibScript(steps: Steps, comment: readonly string[], planned: { readonly adminEpoch: string; readonly epoch: string } | undefined): Result<string> {
  const diagnostics: Diagnostic[] = [];
  const out = scriptHead(comment, "cibadmin");
  if (steps.deletions.length === 0 && steps.replacements.length === 0 && steps.tags.length === 0 && steps.merge === undefined && steps.tag === undefined && steps.nodes.length === 0 && steps.nodeSets.length === 0 && steps.acl.length === 0) {
    out.push(...NOTHING);
    return { value: out.join("\n") + "\n", diagnostics };
  }
  out.push(...scriptStart(CIBADMIN_FRAME, planned), "", ...ON_COPY);
  if (steps.deletions.length > 0) {
    out.push("", "# Deletions");
    for (const d of steps.deletions) out.push(`on_copy cibadmin --delete --xpath ${shellQuote(d.xpath)}   # ${shellComment(d.what)}`);
  }
  for (const r of steps.replacements) {
    const text = r.kind === "template" ? { value: primitiveXml(r.template, "template"), diagnostics: [] } : resourceElement(r);
    diagnostics.push(...text.diagnostics);
    const d = hereDelimiter(text.value, "HACC_XML");
    out.push("", r.kind === "template"
      ? `# ${shellComment(`template ${r.template.id}`)} is written anew whole (Pacemaker merges it into the resources made from it when it reads them)`
      : `# ${shellComment(`${r.kind} ${r.id}`)} is written anew whole (it cannot change in place)`);
    out.push(`cat > "$work/replace.xml" <<'${d}'`, text.value, d, 'on_copy cibadmin --replace --xml-file "$work/replace.xml"');
  }
  if (steps.merge || steps.tag) {
    const fragment = steps.merge ? EMITTERS["cib"]!(steps.merge, { ownerTag: steps.tag ?? null }) : { value: `<configuration>\n${tagsText(steps.tag!, 1)}</configuration>\n`, diagnostics: [] };
    diagnostics.push(...fragment.diagnostics);
    const d = hereDelimiter(fragment.value, "HACC_XML");
    // Whole texts, not their lines spread into push: a site of 12,000 resources overflowed the stack.
    out.push("", "# Additions and changes, merged (ids as the live CIB has them where the object exists), and the ownership tag");
    out.push(`cat > "$work/merge.xml" <<'${d}'`, fragment.value.replace(/\n$/, ""), d, 'on_copy cibadmin --modify --xml-file "$work/merge.xml"');
  }
  for (const t of steps.tags) {
    // A merge would keep the members that go: the tag is replaced whole, once its new members exist.
    out.push("", `# ${shellComment(`tag ${t.id}`)} is written anew whole`, `on_copy cibadmin --replace -o tags -X ${shellQuote(tagXml(t))}`);
  }
  for (const a of steps.acl) out.push("", `# ${shellComment(a.what)}`, `on_copy ${a.words.join(" ")}`);
  if (steps.nodes.length > 0) out.push("", "# Node attributes and utilization, set and deleted by node name", ...crmAttributeLines(steps.nodes, "on_copy"));
  for (const n of steps.nodeSets) out.push("", `# ${shellComment(n.what)}`, `on_copy ${n.words.join(" ")}`);
  out.push(...scriptEnd(CIBADMIN_FRAME));
  return { value: out.join("\n") + "\n", diagnostics };
}

/** One resource element as the cib target prints it, taken from the fragment of an IR holding only it. */
function resourceElement(r: Resource): Result<string> {
  const cib: Cib = { clusterName: "", nodes: [], properties: { id: "cib-bootstrap-options", pairs: [] }, resources: [r], constraints: [] };
  const emitted = EMITTERS["cib"]!(cib, { ownerTag: null });
  const lines = emitted.value.split("\n");
  const start = lines.findIndex((l) => l.trim() === "<resources>");
  const end = lines.findIndex((l) => l.trim() === "</resources>");
  const indent = (lines[start + 1] ?? "").length - (lines[start + 1] ?? "").trimStart().length;
  return { value: lines.slice(start + 1, end).map((l) => l.slice(indent)).join("\n"), diagnostics: emitted.diagnostics };
}
