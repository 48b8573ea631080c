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
