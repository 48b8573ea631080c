const NEEDS_ESCAPE = /[&<>"'\r\n\t]/;

/** The one XML-escaping function: safe in attribute values and text. */
export function escapeXml(s: string): string {
  // Most values (ids, names, numbers) need no escaping: skip the replace.
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[&<>"'\r\n\t]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      case "\r":
        return "&#13;";
      case "\n":
        return "&#10;";
      default:
        return "&#9;";
    }
  });
}

/**
 * The one XPath-literal quoter (XPath 1.0, as libxml2 and so `cibadmin
 * --xpath` read it). XPath strings have no escapes: a value without `"` is
 * quoted with `prefer` (double quotes unless asked otherwise), else with the
 * other quote when it lacks that one, and one holding both is written as
 * `concat(...)` of pieces that each avoid one kind of quote.
 */
export function xpathLiteral(s: string, prefer: '"' | "'" = '"'): string {
  const other = prefer === '"' ? "'" : '"';
  if (!s.includes(prefer)) return `${prefer}${s}${prefer}`;
  if (!s.includes(other)) return `${other}${s}${other}`;
  const parts = s.split('"').map((p) => `"${p}"`);
  return `concat(${parts.join(`, '"', `)})`;
}

/** An id Pacemaker accepts (an XML ID: a letter or `_` first, then letters, digits, `_ . -`). */
export function isXmlId(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s);
}
