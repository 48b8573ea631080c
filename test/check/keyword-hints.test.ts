import { describe, expect, it } from "vitest";
import { analyzeText } from "../helpers.js";

// A message or hint that rebuilds `.ha` text writes a name that is a keyword as a string, as the user
// must write it (docs/language.md, "Lexical rules"): a hint to copy must parse.
const HEAD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n";

function said(body: string): string[] {
  return analyzeText(HEAD + body).diagnostics.flatMap((d) => [d.message, d.hint ?? "", ...(d.related ?? []).map((r) => r.message)]);
}

describe("names that are keywords in rebuilt text", () => {
  it("a template's hint and an order's note quote them", () => {
    const text = said('template "group" ocf:heartbeat:Dummy;\nresource a ocf:heartbeat:Dummy on n1;\nresource "order" ocf:heartbeat:Dummy on n1;\norder a then "order";\norder "order" then a;\n');
    expect(text).toContain('make one with `resource ID from "group";`, or remove the template');
    expect(text).toContain('`order a then "order"` orders start `a` before start `order`');
    expect(text.join("\n")).not.toMatch(/`order a then order`|from group;/);
  });
  it("an ACL user's hint quotes it", () => {
    const text = said("acl role r { read xpath \"/cib\"; }\nacl user \"group\" { read xpath \"/cib\"; }\n");
    expect(text.some((t) => t.includes('`acl user "group" roles ROLE;`'))).toBe(true);
  });
});
