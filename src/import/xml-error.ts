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
