import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importCib } from "../../src/import/import.js";
import { parseXml, type El } from "../../src/review/xml.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * Location rules with parenthesised groups (a `<rule>` inside the rule),
 * judged by Pacemaker's own tools: the pcs script and the CIB fragment of
 * test/fixtures/nested-rules.ha build the same constraints (rule and
 * expression ids aside), crm_verify accepts both, the CIB imports back to
 * the same groups, and crm_simulate evaluates a group as docs/language.md
 * says, ignoring the score of a rule inside a rule.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs"]);
const SITE = join(ROOT, "test", "fixtures", "nested-rules.ha");
const FREE = new Set(["rule", "expression", "date_expression"]);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The `<constraints>` of a CIB, free ids left out, as text. */
function constraints(xml: string): string {
  const parsed = parseXml(xml);
  if ("error" in parsed) throw new Error(parsed.error.message);
  const find = (e: El): El | undefined => (e.tag === "constraints" ? e : e.children.map(find).find((x) => x !== undefined));
  const show = (e: El, d: number): string =>
    [`${"  ".repeat(d)}<${e.tag}${Object.keys(e.attrs).filter((k) => !(k === "id" && FREE.has(e.tag))).sort().map((k) => ` ${k}="${e.attrs[k]}"`).join("")}>`, ...e.children.map((c) => show(c, d + 1))].join("\n");
  const el = find(parsed.root);
  return el ? show(el, 0) : "";
}

function emptyCib(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  return path;
}

/** Where crm_simulate starts `db` in an opt-in cluster of n1 and n2 with the given location block, after `edit` of the CIB. */
function placed(rules: string, edit?: (xml: string) => string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "hacc-nested-"));
  const file = join(dir, "site.ha");
  writeFileSync(file, `cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  property symmetric-cluster = false;\n}\nresource db ocf:pacemaker:Dummy;\nlocation l for db {\n${rules}}\n`);
  const c = hacc(["compile", file, "--target", "cib", "--full", "-o", join(dir, "cib.xml")]);
  expect(c.code, c.stderr).toBe(0);
  const xml = readFileSync(join(dir, "cib.xml"), "utf8");
  const edited = edit ? edit(xml) : xml;
  if (edit) expect(edited, "the edit changes the CIB").not.toBe(xml);
  writeFileSync(join(dir, "cib.xml"), edited);
  const s = run("crm_simulate", ["-x", join(dir, "cib.xml"), "-S", "-u", "n1", "-u", "n2"]);
  expect(s.code, s.out).toBe(0);
  return [...s.out.matchAll(/\* Start\s+db\s+\(\s*(\S+)\s*\)/g)].map((m) => m[1]!);
}

describe.skipIf(!tools)("rules inside location rules, judged by Pacemaker", () => {
  it("the pcs script and the CIB fragment build the same constraints, which crm_verify accepts and the importer reads back", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-nested-"));
    expect(hacc(["compile", SITE, "--target", "cib", "-o", join(dir, "fragment.xml")]).code).toBe(0);
    const ref = emptyCib(dir, "cib.xml");
    const m = run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: ref });
    expect(m.code, m.out).toBe(0);
    const script = hacc(["compile", SITE, "--target", "pcs", "-o", join(dir, "apply.sh")]);
    expect(script.code, script.stderr).toBe(0);
    // pcs writes the groups of web-groups itself; db-one's group of one test it would merge, so cibadmin writes it.
    const text = readFileSync(join(dir, "apply.sh"), "utf8");
    expect(text).toContain("'(' date lt 2019-09-20 or '#uname' ne n2 ')'");
    expect(text).toMatch(/cibadmin --create -o constraints -X '<rsc_location id="db-one"/);
    const viaPcs = emptyCib(dir, "pcs.xml");
    const p = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(p.code, p.out).toBe(0);
    const want = constraints(readFileSync(ref, "utf8"));
    expect(want).toMatch(/<rule boolean-op="and" score="100">\n\s+<expression attribute="#uname" operation="eq" value="n1">\n\s+<rule boolean-op="or" score="0">/);
    expect(constraints(readFileSync(viaPcs, "utf8"))).toBe(want);
    for (const cib of [ref, viaPcs]) {
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, v.out).toBe(0);
    }
    const back = importCib(readFileSync(viaPcs, "utf8"));
    expect("text" in back && back.text).toContain('  rule 50 when ("#uname" eq n2 and date gt 2020-01-01) or ("#uname" eq n3 and (defined pingd or cpus gt integer 4));\n');
    expect("text" in back && back.text).toContain('  rule INFINITY when "#uname" eq n2 and (date in_range "2019-09-20 15:00:00 +00:00" to "2019-09-20 15:30:00 +00:00");\n');
  });

  it("a group holds as its own operator says, inside the rule's", () => {
    // On n2: `and` of a false date and a group that holds; on n1, of a true date and a group that does not.
    const rules = '  rule 100 when "#uname" eq n2 and (date lt 2000-01-01 or not_defined nope);\n  rule 100 when "#uname" eq n1 and (date gt 2000-01-01 and defined nope);\n';
    expect(placed(rules)).toEqual(["n2"]);
    expect(placed(rules.replace("(date gt 2000-01-01 and", "(date gt 2000-01-01 or"))).toEqual(["n1"]);
  });

  it("Pacemaker reads no score on a rule inside a rule (the importer leaves it out)", () => {
    const rules = '  rule 100 when "#uname" eq n2 and (not_defined nope);\n';
    expect(placed(rules)).toEqual(["n2"]);
    for (const s of ["-INFINITY", "INFINITY", "-5"]) expect(placed(rules, (x) => x.replace('<rule id="l-rule-rule" score="0"', `<rule id="l-rule-rule" score="${s}"`))).toEqual(["n2"]);
  });
});
