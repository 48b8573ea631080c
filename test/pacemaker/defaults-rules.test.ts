import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { emptyCib, run, section as shared, started } from "../pacemaker-tools.js";

/**
 * Defaults sets with rules and scores, judged by Pacemaker's own tools: the
 * pcs script and the CIB fragment of test/fixtures/defaults-rules.ha build
 * the same `<rsc_defaults>` and `<op_defaults>` (the ids pcs chooses for a
 * rule's tests aside), crm_verify accepts both, crm_simulate applies the
 * rules as docs/language.md says (the higher score wins; of one score, the
 * later set), and the CIB imports back to the same sets.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs", "crm"]);
const SITE = join(ROOT, "test", "fixtures", "defaults-rules.ha");
const FREE = new Set(["nvpair", "meta_attributes", "rule", "expression", "date_expression", "rsc_expression", "op_expression"]);

const head = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n";
const section = (xml: string, tag: string) => shared(xml, tag, { free: FREE });
const tail = "}\nresource a ocf:pacemaker:Dummy on n1;\nresource b ocf:heartbeat:IPaddr2 { ip = 192.0.2.1; } on n1;\n";

describe.skipIf(!tools)("defaults sets, judged by Pacemaker", () => {
  it("the pcs script and the CIB fragment build the same defaults, which crm_verify accepts and the importer reads back", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-defaults-"));
    expect(hacc(["compile", SITE, "--target", "cib", "-o", join(dir, "fragment.xml")]).code).toBe(0);
    const ref = emptyCib(dir, "cib.xml");
    const m = run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: ref });
    expect(m.code, m.out).toBe(0);
    expect(hacc(["compile", SITE, "--target", "pcs", "-o", join(dir, "apply.sh")]).code).toBe(0);
    const viaPcs = emptyCib(dir, "pcs.xml");
    const p = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(p.code, p.out).toBe(0);
    for (const tag of ["rsc_defaults", "op_defaults"]) {
      const want = section(readFileSync(ref, "utf8"), tag);
      expect(want).toContain("<rule");
      expect(section(readFileSync(viaPcs, "utf8"), tag), tag).toBe(want);
    }
    for (const cib of [ref, viaPcs]) {
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, v.out).toBe(0);
    }
    const back = importCib(readFileSync(viaPcs, "utf8"));
    expect("text" in back && back.text).toContain('  defaults when resource stonith::fence_xvm or resource ocf:heartbeat: {\n    priority = 5;\n  }\n');
  });

  it("crmsh builds the CIB target's set with a date and node attribute rule", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-defaults-"));
    const file = join(dir, "site.ha");
    writeFileSync(file, `${head}  defaults when date gt 2026-01-01 or defined rack { priority = 5; }\n  op-defaults when date lt 2030-01-01 { timeout = 9s; }\n${tail}`);
    expect(hacc(["compile", file, "--target", "cib", "-o", join(dir, "fragment.xml")]).code).toBe(0);
    const ref = emptyCib(dir, "cib.xml");
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: ref }).code).toBe(0);
    expect(hacc(["compile", file, "--target", "crmsh", "-o", join(dir, "site.crm")]).code).toBe(0);
    const viaCrm = emptyCib(dir, "crm.xml");
    const c = run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
    expect(c.code, c.out).toBe(0);
    for (const tag of ["rsc_defaults", "op_defaults"]) {
      // crmsh leaves out boolean-op="and" (Pacemaker's default), which hacc writes as pcs does.
      const want = section(readFileSync(ref, "utf8"), tag).replace(' boolean-op="and"', "");
      expect(want).toContain("<rule");
      expect(section(readFileSync(viaCrm, "utf8"), tag), tag).toBe(want);
    }
    expect(run("crm_verify", ["--xml-file", viaCrm]).code).toBe(0);
  });

  it("a resource test picks the resources of that agent", () => {
    expect(started(`${head}  defaults when resource ocf:pacemaker:Dummy { target-role = Stopped; }\n${tail}`)).toEqual(["b"]);
    expect(started(`${head}  defaults when resource ocf:heartbeat: { target-role = Stopped; }\n${tail}`)).toEqual(["a"]);
  });

  it("of two sets whose rules hold, the higher score wins; of one score, the later set (HA4140 says so)", () => {
    const tie = `${head}  defaults when resource ocf:pacemaker: { target-role = Stopped; }\n  defaults when date gt 2001-01-01 { target-role = Started; }\n${tail}`;
    expect(started(tie)).toEqual(["a", "b"]);
    const swapped = `${head}  defaults when date gt 2001-01-01 { target-role = Started; }\n  defaults when resource ocf:pacemaker: { target-role = Stopped; }\n${tail}`;
    expect(started(swapped)).toEqual(["b"]);
    const r = hacc(["check", "-"], { input: swapped });
    expect(r.stdout + r.stderr).toContain("warning[HA4140]");
    expect(started(`${head}  defaults score 5 when resource ocf:pacemaker: { target-role = Stopped; }\n  defaults when date gt 2001-01-01 { target-role = Started; }\n${tail}`)).toEqual(["b"]);
  });

  it("a resource test without a provider matches no OCF resource on Pacemaker 2.1.5 (HA4142)", () => {
    expect(started(`${head}  defaults when resource ocf:: { target-role = Stopped; }\n${tail}`)).toEqual(["a", "b"]);
    expect(started(`${head}  defaults when resource "::Dummy" { target-role = Stopped; }\n${tail}`)).toEqual(["a", "b"]);
    const r = hacc(["check", "-"], { input: `${head}  defaults when resource ocf:: { target-role = Stopped; }\n${tail}` });
    expect(r.stdout + r.stderr).toContain("warning[HA4142]");
  });

  it("a node attribute test in defaults holds nowhere (HA4141)", () => {
    expect(started(`${head}  defaults when "#uname" eq n1 { target-role = Stopped; }\n${tail}`)).toEqual(["a", "b"]);
  });
});
