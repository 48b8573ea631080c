import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalConfiguration } from "../import/normalise.js";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * Constraints naming a template (as template-order-* and template-ticket of
 * Pacemaker's CTS do): pcs cannot name a `<template>` ("Resource 'web-t' does
 * not exist"), so the pcs script (compile and plan) must still make them, and
 * the CIB it makes is the CIB target's.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "pcs"]);

const BASE = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = false;
}
template web-t ocf:pacemaker:Dummy {
  fake = a;
}
resource w from web-t;
resource ip ocf:pacemaker:Dummy;
`;
const CONSTRAINTS = `order ip then web-t;
colocate web-t with ip;
location web-where for web-t on n1 50;
ticket site-a for web-t loss-policy stop;
`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function emptyCib(path: string): string {
  writeFileSync(path, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  return path;
}

/** The `<constraints>` of a CIB file, canonical. */
function constraints(path: string): string {
  const whole = canonicalConfiguration(readFileSync(path, "utf8"), { dropOwnerTag: true });
  return /<constraints>[\s\S]*?\n {2}<\/constraints>/.exec(whole)?.[0] ?? "";
}

describe.skipIf(!tools)("constraints naming a template", () => {
  it("the pcs script of compile and of plan writes them (cibadmin) as the CIB target does", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-tmpl-constraints-"));
    writeFileSync(join(dir, "site.ha"), BASE + CONSTRAINTS);
    writeFileSync(join(dir, "base.ha"), BASE);
    const compile = (site: string, target: string, out: string) => {
      const r = hacc(["compile", join(dir, site), "--target", target, "-o", join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
    };
    compile("site.ha", "cib", "fragment.xml");
    const viaCib = emptyCib(join(dir, "cib.xml"));
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: viaCib }).code).toBe(0);
    const expected = constraints(viaCib);
    for (const c of ["rsc_order", "rsc_colocation", "rsc_location", "rsc_ticket"]) expect(expected).toMatch(new RegExp(`<${c} [^>]*"web-t"`));

    compile("site.ha", "pcs", "apply.sh");
    const viaPcs = emptyCib(join(dir, "pcs.xml"));
    const applied = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(applied.code, applied.out).toBe(0);
    expect(constraints(viaPcs), "compile --target pcs").toBe(expected);

    // The script's precheck knows the template's ids: a CIB holding one stops it before any change.
    const taken = emptyCib(join(dir, "taken.xml"));
    expect(run("cibadmin", ["--create", "-o", "resources", "-X", '<primitive id="web-t" class="ocf" provider="pacemaker" type="Dummy"/>'], { CIB_file: taken }).code).toBe(0);
    const before = readFileSync(taken, "utf8");
    const refused = run("bash", [join(dir, "apply.sh"), taken]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("the CIB already holds ids this script creates: web-t (<primitive>)");
    expect(readFileSync(taken, "utf8")).toBe(before);

    // plan: the live CIB has the template and resources (as the base site's CIB target writes them); the site adds the constraints.
    compile("base.ha", "cib", "base.xml");
    const live = emptyCib(join(dir, "live.xml"));
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "base.xml")], { CIB_file: live }).code).toBe(0);
    const planned = hacc(["plan", join(dir, "site.ha"), "--live", live, "--target", "pcs", "-o", join(dir, "plan.sh")]);
    expect(planned.code, planned.stderr).toBe(0);
    const ran = run("bash", [join(dir, "plan.sh"), live]);
    expect(ran.code, ran.out).toBe(0);
    expect(constraints(live), "plan --target pcs").toBe(expected);
  }, 120_000);
});
