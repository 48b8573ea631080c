import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { EMITTERS } from "../../src/emit/index.js";
import { analyzeText, codesAt, hacc, HEADER, marked } from "../helpers.js";

/** The target's diagnostics for a marked site, as `code@line:col-endCol`, and the marks' expected places. */
function targetAt(src: string, target: string, pcsVersion?: string): { got: string[]; marks: string[] } {
  const { text, marks } = marked(src);
  const r = analyzeText(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const out = EMITTERS[target]!(r.value.cib!, { sourceName: "site.ha", origins: r.value.origins, ownerTag: null, ...(pcsVersion ? { pcsVersion } : {}) });
  return { got: codesAt(sortDiagnostics(out.diagnostics)), marks: marks.map((m) => `${m.line}:${m.column}-${m.endColumn}`) };
}

const RES = ["a", "b", "c", "d"].map((n) => `resource ${n} ocf:heartbeat:Dummy on n1;\n`).join("");

describe("a target's 'cannot say it' diagnostics point at the statement at fault (rev #5, #8)", () => {
  it("crmsh: every problem of the site, each at its own statement or attribute", () => {
    const { got, marks } = targetAt(
      HEADER +
        RES +
        "<|order (a, b, c sequential);|>\n" +
        'resource share ocf:heartbeat:Dummy { <|fake = "C:\\\\temp\\\\";|> } on n1;\n' +
        "bundle <|cache-bundle|> { podman image = \"registry.example.com/cache:1.2\"; } on n1;\n" +
        "<|colocate a with b 100 node-attribute Rack influence false;|>\n",
      "crmsh",
    );
    // The colocation has two problems (influence, an upper-case node attribute): both are reported, at it.
    expect(got).toEqual([`HA5010@${marks[0]}`, `HA5001@${marks[1]}`, `HA5020@${marks[2]}`, `HA5001@${marks[3]}`, `HA5001@${marks[3]}`]);
  });

  it("crmsh: HA5080 at the first top-level resource crmsh's load moves ahead (primitives, bundles, groups, clones), none in its order", () => {
    const order = (body: string) => targetAt("cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n" + body, "crmsh");
    const docs = order("resource a ocf:pacemaker:Dummy;\nresource b ocf:pacemaker:Dummy;\ngroup g a;\nresource <|p|> ocf:pacemaker:Dummy;\n");
    expect(docs.got).toEqual([`HA5080@${docs.marks[0]}`]);
    const clones = order("resource a ocf:pacemaker:Dummy;\nresource c ocf:pacemaker:Dummy;\nclone cl of a;\ngroup <|g|> c;\n");
    expect(clones.got).toEqual([`HA5080@${clones.marks[0]}`]);
    expect(order("resource a ocf:pacemaker:Dummy;\nresource c ocf:pacemaker:Dummy;\nresource p ocf:pacemaker:Dummy;\ngroup g a;\nclone cl of c;\n").got).toEqual([]);
  });

  it("crmsh: a fencing level with a gap points at that level", () => {
    const { got, marks } = targetAt(
      HEADER + "resource f1 stonith:fence_ipmilan { ip = \"192.0.2.1\"; } on n2;\n<|fencing-level 2 for n1 with f1;|>\n",
      "crmsh",
    );
    expect(got).toEqual([`HA5030@${marks[0]}`]);
  });

  it("pcs 0.9: a clone it cannot name, a bundle it cannot write and an empty value, each at its own place", () => {
    const { got, marks } = targetAt(
      HEADER +
        'resource a ocf:heartbeat:Dummy { <|fake = "";|> } on n1;\n' +
        "resource b ocf:heartbeat:Dummy;\nclone <|myclone|> of b on n1;\n" +
        "bundle <|web|> { docker image = \"registry.example.com/web:1\"; } on n1;\n",
      "pcs",
      "0.9",
    );
    expect(got).toEqual([`HA5001@${marks[0]}`, `HA5002@${marks[1]}`, `HA5002@${marks[2]}`]);
  });

  it("hacc plan's crmsh and pcs scripts point at the statement too", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-spans-"));
    writeFileSync(join(dir, "old.ha"), HEADER + RES);
    writeFileSync(join(dir, "new.ha"), HEADER + RES + "order (a, b, c sequential);\n");
    expect(hacc(["compile", "old.ha", "--target", "cib", "--full", "-o", "live.xml"], { cwd: dir }).code).toBe(0);
    const crm = hacc(["plan", "new.ha", "--live", "live.xml", "--target", "crmsh"], { cwd: dir });
    expect(crm.code).toBe(1);
    expect(crm.stderr).toContain("error[HA5010]");
    expect(crm.stderr).toContain("--> new.ha:9:1\n");
    writeFileSync(join(dir, "new.ha"), HEADER + RES.replace("resource d ocf:heartbeat:Dummy on n1;", 'resource d ocf:heartbeat:Dummy { fake = ""; } on n1;'));
    const pcs = hacc(["plan", "new.ha", "--live", "live.xml", "--target", "pcs"], { cwd: dir });
    expect(pcs.code).toBe(1);
    expect(pcs.stderr).toContain("error[HA5001]");
    expect(pcs.stderr).toContain("--> new.ha:8:");
  });

  it("hacc compile prints them with the source line and a caret, all in one run", () => {
    const dir = hacc(["compile", "-", "--target", "crmsh"], {
      input: HEADER + RES + "order (a, b, c sequential);\norder (b, c, d require-all);\n",
    });
    expect(dir.code).toBe(1);
    expect(dir.stderr).toContain("--> <stdin>:9:1\n  |\n9 | order (a, b, c sequential);\n  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^");
    expect(dir.stderr).toContain("--> <stdin>:10:1");
    expect(dir.stderr).toContain("2 errors");
  });
});
