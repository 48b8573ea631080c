import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * Values full of shell and XML metacharacters go through the pcs script into
 * a CIB and come out byte for byte, and nothing in them runs. The values are
 * written in the test's .ha source (whose strings know only `\"` and `\\`).
 */
const tools = havePacemaker(["cibadmin", "pcs", "crm_verify"]);

function decode(s: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return s.replace(/&(amp|lt|gt|quot|apos);|&#(\d+);|&#x([0-9a-fA-F]+);/g, (_w, n: string | undefined, d: string | undefined, h: string | undefined) =>
    n ? named[n]! : String.fromCodePoint(d !== undefined ? Number(d) : Number.parseInt(h!, 16)),
  );
}

/** name -> value of every nvpair in a CIB file. */
function nvpairs(cib: string): Record<string, string> {
  const xml = readFileSync(cib, "utf8");
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<nvpair ([^>]*)\/>/g)) {
    const attr = (k: string) => new RegExp(`\\b${k}="([^"]*)"`).exec(m[1]!)?.[1];
    out[decode(attr("name")!)] = decode(attr("value")!);
  }
  return out;
}

/** A .ha string literal for `s`. */
const haString = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

describe.skipIf(!tools)("pcs target: quoting round trip through pcs", () => {
  it("every shell and XML metacharacter reaches the CIB unchanged, and nothing in it is executed", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-quote-"));
    const mark = join(dir, "executed");
    const values: Record<string, string> = {
      fake: `it's "q" $(touch ${mark}) \`touch ${mark}\` ; touch ${mark} && x || y | z & <x>&amp;</x> # * ? ~ ! {a,b} $HOME \${PATH}`,
      state: `back\\slash \\\\ trailing\\`,
      op_sleep: `'single' "double" '"' "'"`,
    };
    const site = [
      "cluster q {",
      "  nodes n1;",
      "  property stonith-enabled = false;",
      "}",
      "resource d ocf:pacemaker:Dummy {",
      ...Object.entries(values).map(([k, v]) => `  ${k} = ${haString(v)};`),
      "} on n1;",
      "",
    ].join("\n");
    writeFileSync(join(dir, "q.ha"), site);
    const compiled = hacc(["compile", join(dir, "q.ha"), "--target", "pcs", "-o", join(dir, "apply.sh")]);
    expect(compiled.code, compiled.stderr).toBe(0);

    const cib = join(dir, "cib.xml");
    writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
    const run = spawnSync("bash", [join(dir, "apply.sh"), cib], { cwd: dir, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);

    const got = nvpairs(cib);
    for (const [k, v] of Object.entries(values)) expect(got[k], k).toBe(v);
    expect(existsSync(mark)).toBe(false);
  });

  it("a failing step stops the script with a message and leaves the CIB file as it was", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-fail-"));
    // vm-clash already exists in the CIB, so `pcs resource create vm-clash` fails half-way.
    writeFileSync(join(dir, "s.ha"), "cluster f {\n  nodes n1;\n  property stonith-enabled = false;\n}\nresource a ocf:pacemaker:Dummy on n1;\nresource clash ocf:pacemaker:Dummy on n1;\n");
    expect(hacc(["compile", join(dir, "s.ha"), "--target", "pcs", "-o", join(dir, "apply.sh")]).code).toBe(0);
    const cib = join(dir, "cib.xml");
    writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
    expect(spawnSync("cibadmin", ["--create", "-o", "resources", "-X", '<primitive id="clash" class="ocf" provider="pacemaker" type="Dummy"/>'], { env: { ...process.env, CIB_file: cib } }).status).toBe(0);
    const before = readFileSync(cib, "utf8");
    const run = spawnSync("bash", [join(dir, "apply.sh"), cib], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/hacc: this step failed: pcs -f CIB resource create clash /);
    expect(readFileSync(cib, "utf8")).toBe(before);
  });

  it("Pacemaker 2.1 itself cannot store a newline or a tab (why hacc refuses them with HA5001)", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-nl-"));
    const cib = join(dir, "cib.xml");
    writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
    writeFileSync(join(dir, "frag.xml"), '<configuration><crm_config><cluster_property_set id="x"><nvpair id="x-a" name="a" value="one&#10;two&#9;three"/></cluster_property_set></crm_config></configuration>');
    const r = spawnSync("cibadmin", ["--modify", "--xml-file", join(dir, "frag.xml")], { env: { ...process.env, CIB_file: cib }, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(nvpairs(cib)["a"]).not.toBe("one\ntwo\tthree");
  });
});
