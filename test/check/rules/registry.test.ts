import { describe, expect, it } from "vitest";
import { parse } from "../../../src/ast/parse.js";
import { check } from "../../../src/check/index.js";
import { RULES } from "../../../src/check/rules/index.js";
import { n1 } from "../../../src/check/rules/n1.js";
import { analyzeText, HEADER, stdlib } from "../../helpers.js";

function checked(text: string, n1 = false) {
  const files = [...stdlib(), { file: "site.ha", text }].map((s) => parse(s).value);
  const r = check(files, { n1 });
  return { site: r.value!, diagnostics: r.diagnostics };
}

/** One site with a problem for each rule but the N-1 check. */
const SITE =
  HEADER +
  "resource p ocf:heartbeat:Dummy;\nclone pc of p on n1, n2;\ngroup g2 p on n1;\n" + // a second parent; a constraint naming a clone's child
  "resource w ocf:heartbeat:Dummy on n1;\ncolocate w with p;\n" +
  "resource a ocf:heartbeat:Dummy on n1;\nresource b ocf:heartbeat:Dummy on n1;\norder a then b;\norder b then a;\n" + // a cycle
  "guest x on n1 prefer 500, n2 100 { ib 0000:82:01.0 at 00:05.0; }\nguest y on n2 prefer 500, n1 100 { ib 0000:82:01.0 at 00:05.0; }\n" + // a VF twice
  "resource lost ocf:heartbeat:Dummy;\n" + // can never run (opt-in)
  "colocate w with promoted a;\n" + // a role of a resource that is not promotable
  'resource ost ocf:lustre:Lustre { target = "/dev/sdf"; mountpoint = "/lustre/ost"; shared; mmp 10s; } on n1;\n' + // shared on one host, MMP under 60 s
  "location lp for a Promoted on n1 10;\n" + // a role a resource that is not promotable never takes
  "acl role r { deny id nowhere; }\n" + // an ACL without enable-acl, naming an id the site lacks
  "template t ocf:heartbeat:Dummy;\n"; // a template no resource is made from

describe("RULES", () => {
  it("each rule finds, from the site model alone, what the checker reported, in table order, after the passes", () => {
    const { site, diagnostics } = checked(SITE);
    const found = Object.values(RULES).flatMap((rule) => [...rule(site, { n1: false, clean: false })]);
    expect(found.map((d) => d.code).sort()).toEqual(["HA2011", "HA2012", "HA2122", "HA4001", "HA4004", "HA4006", "HA4008", "HA4010", "HA4060", "HA4070", "HA4110", "HA4120"]);
    expect(diagnostics.slice(diagnostics.length - found.length)).toEqual(found);
  });

  it("a rule is pure: the same model gives the same diagnostics, and the model is not changed", () => {
    const { site } = checked(SITE);
    const before = JSON.stringify(site.resources) + JSON.stringify(site.constraints);
    for (const rule of Object.values(RULES)) expect(rule(site, { clean: true })).toEqual(rule(site, { clean: true }));
    expect(JSON.stringify(site.resources) + JSON.stringify(site.constraints)).toBe(before);
  });

  it("runs the N-1 check only on a site without errors, and not when it is turned off", () => {
    const { site } = checked(HEADER + "guest g on n1;\n");
    expect(n1(site, { clean: true }).map((d) => d.code)).toEqual(["HA4011"]);
    expect(n1(site, { clean: false })).toEqual([]);
    expect(n1(site, { clean: true, n1: false })).toEqual([]);
    expect(checked(HEADER + "guest g on n1;\nresource r ocf:heartbeat:Dummy on n9;\n", true).diagnostics.map((d) => d.code)).toEqual(["HA2001"]);
  });
});

describe("statements", () => {
  it("suggests any statement keyword of src/syntax/keywords.ts for an unknown statement", () => {
    const hint = (word: string) => analyzeText(HEADER + `guest g on n1;\n${word} on g;\n`).diagnostics.find((d) => d.code === "HA2007")?.hint;
    expect(hint("servic")).toBe("did you mean `service`?");
    expect(hint("promotabl")).toBe("did you mean `promotable`?");
    expect(hint("lwfds")).toBe("did you mean `lwfsd`?");
  });
});
