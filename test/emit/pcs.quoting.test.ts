import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

  it("an id the CIB already holds stops the script before its first change, naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-clash-"));
    // An operator's ban with the id the site's location takes: pcs 0.11 would replace it and exit 0.
    writeFileSync(join(dir, "s.ha"), "cluster f {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nresource a ocf:pacemaker:Dummy on n1 prefer 100;\n");
    expect(hacc(["compile", join(dir, "s.ha"), "--target", "pcs", "-o", join(dir, "apply.sh")]).code).toBe(0);
    const cib = join(dir, "cib.xml");
    writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
    const env = { ...process.env, CIB_file: cib };
    expect(spawnSync("cibadmin", ["--create", "-o", "resources", "-X", '<primitive id="b" class="ocf" provider="pacemaker" type="Dummy"/>'], { env }).status).toBe(0);
    expect(spawnSync("cibadmin", ["--create", "-o", "constraints", "-X", '<rsc_location id="location-a-n1" rsc="b" node="n1" score="-INFINITY"/>'], { env }).status).toBe(0);
    const before = readFileSync(cib, "utf8");
    const run = spawnSync("bash", [join(dir, "apply.sh"), cib], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("hacc: the CIB already holds ids this script creates: location-a-n1 (<rsc_location>); it stops here and changes nothing (remove or rename those objects, or use hacc plan)\n");
    expect(readFileSync(cib, "utf8")).toBe(before);
    // The same script on a CIB without the clash applies, with the ownership tag; run again, it finds its own ids and stops.
    const fresh = join(dir, "fresh.xml");
    writeFileSync(fresh, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
    expect(spawnSync("bash", [join(dir, "apply.sh"), fresh], { encoding: "utf8" }).status).toBe(0);
    expect(execFileSync("pcs", ["-f", fresh, "tag"], { encoding: "utf8" })).toBe("hacc-f\n  a\n  location-a-n1\n");
    const once = readFileSync(fresh, "utf8");
    const again = spawnSync("bash", [join(dir, "apply.sh"), fresh], { encoding: "utf8" });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("hacc: the CIB already holds ids this script creates: a (<primitive>), ");
    expect(readFileSync(fresh, "utf8")).toBe(once);
  });

  it("a failing step stops the script with a message and leaves the CIB file as it was", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-fail-"));
    writeFileSync(join(dir, "s.ha"), "cluster f {\n  nodes n1;\n  property stonith-enabled = false;\n}\nresource a ocf:pacemaker:Dummy on n1;\nresource clash ocf:pacemaker:Dummy on n1;\n");
    expect(hacc(["compile", join(dir, "s.ha"), "--target", "pcs", "-o", join(dir, "apply.sh")]).code).toBe(0);
    // A pcs that fails on the second resource, half-way through the script.
    const bin = join(dir, "bin");
    mkdirSync(bin);
    const real = execFileSync("bash", ["-c", "command -v pcs"], { encoding: "utf8" }).trim();
    writeFileSync(join(bin, "pcs"), `#!/bin/bash\ncase "$*" in *"resource create clash "*) echo "Error: made to fail" >&2; exit 1 ;; esac\nexec ${real} "$@"\n`, { mode: 0o755 });
    const cib = join(dir, "cib.xml");
    writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
    const before = readFileSync(cib, "utf8");
    const run = spawnSync("bash", [join(dir, "apply.sh"), cib], { encoding: "utf8", env: { ...process.env, PATH: `${bin}:${process.env["PATH"] ?? ""}` } });
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
