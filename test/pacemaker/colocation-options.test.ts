import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * `colocate ... node-attribute ATTR influence BOOL`: the CIB fragment
 * (cibadmin --modify) and the pcs script (bash script cib.xml) leave the
 * same `<rsc_colocation>`s in an empty CIB, with both attributes as written,
 * and crm_verify accepts each; the crmsh target refuses `influence` (HA5001),
 * which crmsh 4.4's colocation does not know.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "pcs"]);
const SITE = join(ROOT, "test", "fixtures", "colocation-options.ha");

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The `<rsc_colocation>` elements of a CIB file, attributes sorted, one per line, sorted. */
function colocations(path: string): string[] {
  const xml = readFileSync(path, "utf8");
  return [...xml.matchAll(/<rsc_colocation\b([^>]*?)\/?>/g)]
    .map((m) => [...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => `${a[1]}=${a[2]}`).sort().join(" "))
    .sort();
}

describe.skipIf(!tools)("a colocation's node-attribute and influence", () => {
  it("reach the CIB alike from the CIB fragment and the pcs script, and crm_verify accepts them", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-coloc-"));
    const empty = () => execFileSync("cibadmin", ["--empty"], { encoding: "utf8" });

    const fragment = join(dir, "fragment.xml");
    expect(hacc(["compile", SITE, "--target", "cib", "-o", fragment]).code).toBe(0);
    const viaCib = join(dir, "cib.xml");
    writeFileSync(viaCib, empty());
    const modify = run("cibadmin", ["--modify", "--xml-file", fragment], { CIB_file: viaCib });
    expect(modify.code, modify.out).toBe(0);

    const script = join(dir, "apply.sh");
    expect(hacc(["compile", SITE, "--target", "pcs", "-o", script]).code).toBe(0);
    const viaPcs = join(dir, "pcs.xml");
    writeFileSync(viaPcs, empty());
    const pcs = run("bash", [script, viaPcs]);
    expect(pcs.code, pcs.out).toBe(0);

    const expected = [
      "id=colocation-d-b influence=false rsc=d score=-5000 with-rsc=b",
      "id=colocation-e-b influence=yes node-attribute=#uname rsc=e score=INFINITY with-rsc=b",
    ];
    expect(colocations(viaCib)).toEqual(expected);
    expect(colocations(viaPcs)).toEqual(expected);
    for (const cib of [viaCib, viaPcs]) {
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, `${cib}: ${v.out}`).toBe(0);
    }
  }, 120_000);

  it("is refused by the crmsh target where crmsh cannot write it", () => {
    const r = hacc(["compile", SITE, "--target", "crmsh"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[HA5001]: colocation `colocation-d-b` sets influence, which crmsh's colocation cannot carry");
    expect(r.stderr).toContain("error[HA5001]: colocation `colocation-e-b` sets influence");
  });
});
