import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalConfiguration } from "../import/normalise.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * Tags (`tag NAME = ...`): each target builds the same `<tags>` and the same
 * constraints naming them, crm_verify accepts them, and crm_simulate places
 * a tag's members as the constraints naming the tag say (Pacemaker expands
 * the tag to its members).
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate", "pcs", "crm"]);

const SITE = readFileSync(join(ROOT, "test", "fixtures", "tags.ha"), "utf8");

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function cib(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  expect(run("cibadmin", ["--replace", "-o", "nodes", "-X", '<nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>'], { CIB_file: path }).code).toBe(0);
  return path;
}

/** The `<constraints>` and `<tags>` of a CIB file, canonical, without the ownership tag. */
function tagged(path: string): string {
  const whole = canonicalConfiguration(readFileSync(path, "utf8"), { dropOwnerTag: true });
  return [/<constraints>[\s\S]*?\n {2}<\/constraints>/, /<tags>[\s\S]*?\n {2}<\/tags>/].map((r) => r.exec(whole)?.[0] ?? "").join("\n");
}

describe.skipIf(!tools)("tags and the constraints naming them", () => {
  it("the CIB, pcs and crmsh targets build the same tags and constraints; crm_verify accepts them; crm_simulate expands the tags", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-tags-"));
    writeFileSync(join(dir, "site.ha"), SITE);
    const compile = (target: string, out: string, more: string[] = []) => {
      const r = hacc(["compile", join(dir, "site.ha"), "--target", target, "-o", join(dir, out), ...more]);
      expect(r.code, r.stderr).toBe(0);
    };
    compile("cib", "fragment.xml");
    const viaCib = cib(dir, "cib.xml");
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: viaCib }).code).toBe(0);
    const verify = run("crm_verify", ["--xml-file", viaCib, "-V"]);
    expect(verify.code, verify.out).toBe(0);
    const expected = tagged(viaCib);
    expect(expected).toContain('<tag id="web">');
    expect(expected).toContain('rsc="mixed"');

    for (const version of ["0.11", "0.9"]) {
      compile("pcs", `apply-${version}.sh`, ["--pcs-version", version]);
      if (version !== "0.11") continue; // pcs 0.9's script needs pcs 0.9; its tags are cibadmin's, as checked in the golden
      const viaPcs = cib(dir, "pcs.xml");
      const pcs = run("bash", [join(dir, `apply-${version}.sh`), viaPcs]);
      expect(pcs.code, pcs.out).toBe(0);
      expect(tagged(viaPcs), "pcs").toBe(expected);
    }

    compile("crmsh", "site.crm");
    const viaCrm = cib(dir, "crmsh.xml");
    run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
    expect(tagged(viaCrm), "crmsh").toBe(expected);

    // web (r1, r2) prefers n2 and is colocated with r3: all three start on n2; the ticket of mixed (g, d1) is not granted.
    const sim = run("crm_simulate", ["-x", viaCib, "-S", "-u", "n1", "-u", "n2"]);
    expect(sim.code, sim.out).toBe(0);
    const summary = sim.out.slice(sim.out.indexOf("Transition Summary"), sim.out.indexOf("Executing Cluster Transition"));
    for (const r of ["r1", "r2", "r3"]) expect(summary).toMatch(new RegExp(`Start\\s+${r}\\s+\\(\\s*n2\\s*\\)`));
    for (const r of ["r4", "d1"]) expect(summary).not.toMatch(new RegExp(`Start\\s+${r}\\b`));
  });
});

describe.skipIf(!havePacemaker(["cibadmin", "crm_verify"]))("a tag without a member (HA2113)", () => {
  it("is what Pacemaker's schema refuses: cibadmin will not store it and crm_verify rejects a CIB holding it", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-tags-"));
    const path = join(dir, "cib.xml");
    const empty = execFileSync("cibadmin", ["--empty"], { encoding: "utf8" });
    writeFileSync(path, empty);
    const r = run("cibadmin", ["--modify", "-o", "configuration", "-X", '<configuration><tags><tag id="e"/></tags></configuration>'], { CIB_file: path });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain("does not conform to the configured schema");
    expect(readFileSync(path, "utf8")).not.toContain("<tag ");
    writeFileSync(path, empty.replace("<constraints/>", '<constraints/><tags><tag id="e"/></tags>'));
    expect(run("crm_verify", ["--xml-file", path]).code).not.toBe(0);
    writeFileSync(path, empty.replace("<constraints/>", '<constraints/><tags><tag id="e"><obj_ref id="x"/></tag></tags>'));
    expect(run("crm_verify", ["--xml-file", path]).out).not.toContain("schema");
  });
});
