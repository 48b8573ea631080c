import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/compile.js";
import type { PrimitiveModel } from "../../src/check/model.js";
import { parseXml, type El } from "../../src/review/xml.js";
import { canonicalConfiguration } from "../import/normalise.js";
import { hacc, havePacemaker, ROOT, stdlib } from "../helpers.js";

/**
 * Templates (`template`, `resource ... from`): each target builds the same
 * `<template>` and `<primitive template=...>` elements, crm_verify accepts
 * them, and the primitive Pacemaker makes of one (`crm_resource -r ID -q`
 * prints it merged) has the parameters, meta attributes, utilization and ops
 * hacc's checker merged for it (which its rules and placement read).
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_resource", "pcs", "crm"]);

const SITE = readFileSync(join(ROOT, "test", "fixtures", "templates.ha"), "utf8");

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

/** The `<resources>` of a CIB file, canonical (ids of sets and ops left out, as the corpus test compares). */
function resources(path: string): string {
  const whole = canonicalConfiguration(readFileSync(path, "utf8"), { dropOwnerTag: true });
  return /<resources>[\s\S]*?\n {2}<\/resources>/.exec(whole)?.[0] ?? "";
}

/** What Pacemaker makes of a primitive: its sets' pairs and its ops, as `crm_resource -q` prints the merged element. */
function merged(path: string, id: string): { params: string[]; meta: string[]; utilization: string[]; ops: string[] } {
  const r = run("crm_resource", ["-r", id, "-q"], { CIB_file: path });
  expect(r.code, r.out).toBe(0);
  const xml = r.out.slice(r.out.indexOf("<primitive"));
  const root = parseXml(xml);
  if ("error" in root) throw new Error(root.error.message);
  const pairs = (tag: string) => root.root.children.filter((c) => c.tag === tag).flatMap((s) => s.children.map((p: El) => `${p.attrs["name"]}=${p.attrs["value"]}`));
  // Of a name set in two sets, Pacemaker reads the primitive's own (the later set), as crm_resource -g shows.
  const last = (l: string[]) => [...new Map(l.map((p) => [p.split("=")[0]!, p])).values()].sort();
  const ops = root.root.children.filter((c) => c.tag === "operations").flatMap((o) => o.children.map((op: El) => `${op.attrs["name"]}/${op.attrs["interval"]}/${op.attrs["role"] ?? ""}`));
  return { params: last(pairs("instance_attributes")), meta: last(pairs("meta_attributes")), utilization: last(pairs("utilization")), ops: ops.sort() };
}

function ofModel(p: PrimitiveModel): ReturnType<typeof merged> {
  const s = (l: readonly { key: string; value: string }[]) => l.map((x) => `${x.key}=${x.value}`).sort();
  return { params: s(p.params), meta: s(p.meta), utilization: s(p.utilization), ops: p.ops.map((o) => `${o.name}/${o.interval}/${o.attrs.find((a) => a.key === "role")?.value ?? ""}`).sort() };
}

describe.skipIf(!tools)("templates and the resources made from them", () => {
  it("the CIB, pcs and crmsh targets build the same resources, crm_verify accepts them, and Pacemaker merges each as hacc does", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-templates-"));
    writeFileSync(join(dir, "site.ha"), SITE);
    const compile = (target: string, out: string) => {
      const r = hacc(["compile", join(dir, "site.ha"), "--target", target, "-o", join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
    };
    compile("cib", "fragment.xml");
    const viaCib = cib(dir, "cib.xml");
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: viaCib }).code).toBe(0);
    const verify = run("crm_verify", ["--xml-file", viaCib, "-V"]);
    expect(verify.code, verify.out).toBe(0);
    const expected = resources(viaCib);
    expect(expected).toContain('<template class="ocf" id="dummy-t" provider="pacemaker" type="Dummy">');
    expect(expected).toContain('<primitive id="d2" template="dummy-t"/>');

    compile("pcs", "apply.sh");
    const viaPcs = cib(dir, "pcs.xml");
    const pcs = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(pcs.code, pcs.out).toBe(0);
    expect(resources(viaPcs), "pcs").toBe(expected);

    compile("crmsh", "site.crm");
    const viaCrm = cib(dir, "crmsh.xml");
    run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
    expect(resources(viaCrm), "crmsh").toBe(expected);

    const site = analyze(stdlib(), [{ file: "site.ha", text: SITE }]).value.site!;
    for (const id of ["d1", "d2", "d3"]) {
      const p = site.byId.get(id) as PrimitiveModel;
      expect(merged(viaCib, id), id).toEqual(ofModel(p));
    }
    // The primitive's own settings win: d1 starts (target-role Started over the template's Stopped).
    expect(ofModel(site.byId.get("d1") as PrimitiveModel).meta).toContain("target-role=Started");
  });
});
