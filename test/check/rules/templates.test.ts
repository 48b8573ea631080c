import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

describe("templates", () => {
  it("warns of a template no resource is made from (HA4110), not of one a resource is made from", () => {
    const [d] = expectAt(HEADER + "template <|idle|> ocf:heartbeat:Dummy;\ntemplate used ocf:heartbeat:Dummy;\nresource r from used on n1;\n", ["HA4110"]);
    expect(d!.severity).toBe("warning");
  });

  it("`from` a resource says it is a resource, not a template; a constraint's misspelt template suggests the template", () => {
    const site = HEADER + "template t1 ocf:heartbeat:Dummy;\ntemplate t2 ocf:heartbeat:Dummy;\nresource ip ocf:heartbeat:Dummy on n1;\nresource r1 from t1 on n1;\nresource r2 from t2 on n1;\n";
    const [d] = expectAt(site + "resource x from <|ip|> on n1;\n", ["HA2110"]);
    expect(d!.message).toBe("`ip` is a resource, not a template: a resource is made `from` a template");
    const [u] = expectAt(site + "order ip then <|t11|>;\n", ["HA2002"]);
    expect(u!.hint).toBe("did you mean `t1`?");
  });

  it("an unknown template is HA2110 with the nearest one; the merged parameters count for a required one (HA3006)", () => {
    const site = HEADER + 'template web-t ocf:heartbeat:IPaddr2 { cidr_netmask = 24; }\nresource a from <|webt|> on n1;\nresource <|b|> from web-t on n1;\nresource c from web-t { ip = "10.0.0.1"; } on n1;\n';
    const [unknown, missing] = expectAt(site, ["HA2110", "HA3006"]);
    expect(unknown!.hint).toBe("did you mean `web-t`?");
    expect(missing!.hint).toContain("or to its template's");
    // A required parameter the template sets is set for every resource made from it.
    expect(analyzeText(HEADER + 'template t ocf:heartbeat:IPaddr2 { ip = "10.0.0.1"; }\nresource a from t on n1;\n').diagnostics).toEqual([]);
  });

  it("a template's name is in the resources' namespace (HA2004), and a group naming one is HA2111", () => {
    expectAt(HEADER + "resource x ocf:heartbeat:Dummy on n1;\ntemplate <|x|> ocf:heartbeat:Dummy;\n", ["HA2004"]);
    expectAt(HEADER + "template t ocf:heartbeat:Dummy;\nresource y from t on n1;\ngroup g <|t|> on n1;\n", ["HA2111"]);
  });

  it("a template declared after the resources made from it is found, and its problems are reported once", () => {
    expectAt(HEADER + "resource y from t on n1;\ntemplate t ocf:heartbeat:Dummy { <|bogus|> = 1; }\n", ["HA3007"]);
  });
});

describe("constraints naming a template", () => {
  it("stand for the resources made from it: a location allows each (no HA4006 in an opt-in cluster), an order orders each (HA4004)", () => {
    const base = HEADER + "template t ocf:heartbeat:Dummy;\nresource a from t;\nresource b from t;\nlocation lt for t on n1 10;\n";
    expect(analyzeText(base).diagnostics.filter((d) => d.severity !== "note")).toEqual([]);
    const cyc = analyzeText(base + "resource c ocf:heartbeat:Dummy on n1;\norder t then c;\norder c then b;\n").diagnostics;
    expect(cyc.map((d) => d.code)).toEqual(["HA4004"]);
    // Only b is in the cycle: a member is not ordered with the others (Pacemaker's set of them is not sequential).
    expect(cyc[0]!.message).toContain("`b`");
    expect(cyc[0]!.message).not.toContain("`a`");
  });

  it("a colocation of two templates is HA3110 (Pacemaker ignores it)", () => {
    expectAt(HEADER + "template t ocf:heartbeat:Dummy;\ntemplate u ocf:heartbeat:Dummy;\nresource a from t on n1;\nresource b from u on n1;\n<|colocate t with u;|>\n", ["HA3110"]);
  });
});
