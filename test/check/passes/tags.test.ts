import { describe, expect, it } from "vitest";
import { analyzeText, expectAt, HEADER } from "../../helpers.js";

const RES = HEADER + "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n2;\n";

describe("tags", () => {
  it("a tag's members are resources: an unknown one is HA2002 with the nearest name; a tag or template is no member (HA2115, HA2116)", () => {
    const [d] = expectAt(RES + "tag t = a, <|bb|>;\nlocation l for t on n1 10;\n", ["HA2002"]);
    expect(d!.hint).toBe("did you mean `b`?");
    expectAt(RES + "tag t = a;\ntag u = <|t|>, b;\n", ["HA2115"]);
    expectAt(RES + "template x ocf:heartbeat:Dummy;\nresource c from x on n1;\ntag t = a, <|x|>;\n", ["HA2116"]);
  });

  it("a tag has one member at least (HA2113), each once (HA2114); its name is in the resources' namespace (HA2004)", () => {
    expectAt(RES + "<|tag t = ;|>\n", ["HA2113"]);
    expectAt(RES + "tag t = a, b, <|a|>;\n", ["HA2114"]);
    expectAt(RES + "tag <|a|> = b;\n", ["HA2004"]);
  });

  it("a group, clone or bundle holds resources, not a tag (HA2112)", () => {
    expectAt(RES + "tag t = a, b;\ngroup g <|t|> on n1;\n", ["HA2112"]);
    expectAt(RES + "tag t = a;\nclone c of <|t|> on n1;\n", ["HA2112"]);
  });
});

describe("constraints naming a tag", () => {
  it("stand for its members: a location allows each (no HA4006 in an opt-in cluster), an order orders each (HA4004)", () => {
    const base = HEADER + "resource a ocf:heartbeat:Dummy;\nresource b ocf:heartbeat:Dummy;\ntag t = a, b;\nlocation lt for t on n1 10;\n";
    expect(analyzeText(base).diagnostics.filter((d) => d.severity !== "note")).toEqual([]);
    expect(analyzeText(base.replace("location lt for t on n1 10;\n", "")).diagnostics.map((d) => d.code)).toContain("HA4006");
    const cyc = analyzeText(base + "resource c ocf:heartbeat:Dummy on n1;\norder t then c;\norder c then b;\n").diagnostics;
    expect(cyc.map((d) => d.code)).toEqual(["HA4004"]);
    expect(cyc[0]!.message).toContain("`b`");
    expect(cyc[0]!.message).not.toContain("`a`");
  });

  it("a colocation of two tags, or a tag and a template, is HA3112 (Pacemaker ignores it: 'two templates or tags cannot be colocated')", () => {
    expectAt(RES + "tag t = a;\ntag u = b;\n<|colocate t with u;|>\n", ["HA3112"]);
    expectAt(RES + "template x ocf:heartbeat:Dummy;\nresource c from x on n1;\ntag t = a;\n<|colocate x with t;|>\n", ["HA3112"]);
  });
});
