import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceLines } from "../diagnostics/span.js";
import type { XmlError } from "../review/xml.js";

/**
 * HA1007: the CIB `hacc import` reads is not XML it can read (not well
 * formed, cut short, or refused: a DOCTYPE, entities, deep nesting), at the
 * line and column where the XML breaks, with the source line and a caret.
 */
export function xmlErrorDiagnostic(file: string, text: string, e: XmlError): Diagnostic {
  const lines = new SourceLines(file, text);
  const start = Math.min(lines.lineStart(e.line) + e.column - 1, text.length);
  const cut = e.message.startsWith("the XML ends ");
  return diag("HA1007", lines.span(start, Math.min(start + 1, text.length)), `the CIB ${e.refused ? "is refused" : "is not well-formed XML"}: ${e.message}`, {
    hint: cut
      ? "the file is cut short (a copy or a `cibadmin --query > FILE` that did not finish?): take it again with `cibadmin --query > FILE`"
      : e.refused
        ? "hacc reads a CIB as `cibadmin --query` prints it"
        : "take the CIB again with `cibadmin --query > FILE`; an edited one must be well-formed XML (`xmllint --noout FILE` says where it is not)",
  });
}

/** Where the root element's start tag is (`<` of it), past the prolog: an XML declaration, comments, a DOCTYPE. */
export function rootStart(text: string): number {
  let i = 0;
  for (;;) {
    i = text.indexOf("<", i);
    if (i < 0) return 0;
    const close = text.startsWith("<?", i) ? "?>" : text.startsWith("<!--", i) ? "-->" : text.startsWith("<!", i) ? ">" : undefined;
    if (close === undefined) return i;
    const end = text.indexOf(close, i + 2);
    if (end < 0) return i;
    i = end + close.length;
  }
}

/**
 * HA1010: well-formed XML whose root is neither `<cib>` (`cibadmin --query`)
 * nor `<configuration>` (`--scope configuration`): a libvirt domain, a pcs
 * or crmsh file, a resource given alone. At the root's start tag, with a
 * hint for the files most often given by mistake.
 */
export function notCibDiagnostic(file: string, text: string, tag: string): Diagnostic {
  const lines = new SourceLines(file, text);
  const start = rootStart(text);
  const end = Math.min(start + 1 + tag.length, text.length);
  const hint =
    tag === "domain"
      ? "this is a libvirt domain (`virsh dumpxml`): give the CIB to `hacc import`, and the directory of domains to `--libvirt DIR`"
      : "hacc import reads a whole CIB: take it with `cibadmin --query > FILE` on a cluster node";
  return diag("HA1010", lines.span(start, end), `the root element is \`<${tag}>\`, not \`<cib>\` (or \`<configuration>\`): this is not a CIB`, { hint });
}
