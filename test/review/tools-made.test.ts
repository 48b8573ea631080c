import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * A cluster configured with pcs or crmsh from hacc's own pcs or crmsh
 * output carries what those tools choose (nvpair ids, pcs's remote-addr,
 * attribute order): the plan of the same site against it must be empty.
 */
const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");

function emptyCib(dir: string): string {
  const cib = join(dir, "cib.xml");
  writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  for (const [id, uname] of [["1", "nio005"], ["2", "nio006"]]) {
    const r = spawnSync("cibadmin", ["--create", "-o", "nodes", "-X", `<node id="${id}" uname="${uname}"/>`], { env: { ...process.env, CIB_file: cib } });
    expect(r.status).toBe(0);
  }
  return cib;
}

describe.skipIf(!havePacemaker(["cibadmin", "crm"]))("a CIB configured with crmsh", () => {
  it("is what the site declares: the plan is empty", { timeout: 120_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-crm-made-"));
    const cib = emptyCib(d);
    const crm = join(d, "site.crm");
    expect(hacc(["compile", EXAMPLE, "--target", "crmsh", "-o", crm]).code).toBe(0);
    spawnSync("crm", ["configure", "load", "update", crm], { env: { ...process.env, CIB_file: cib } });
    const r = hacc(["plan", EXAMPLE, "--live", cib, "--exit-code"]);
    expect(r.stdout).toContain("no changes: the live configuration already is what the site declares");
    expect(r.code).toBe(0);
  });
});

describe.skipIf(!havePacemaker(["cibadmin", "pcs"]))("a CIB configured with pcs", () => {
  it("is what the site declares: the plan is empty", { timeout: 300_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-pcs-made-"));
    const cib = emptyCib(d);
    const script = join(d, "site.sh");
    expect(hacc(["compile", EXAMPLE, "--target", "pcs", "-o", script]).code).toBe(0);
    const applied = spawnSync("bash", [script, cib], { encoding: "utf8" });
    expect(applied.status, applied.stderr).toBe(0);
    const r = hacc(["plan", EXAMPLE, "--live", cib, "--exit-code"]);
    expect(r.stdout).toContain("no changes: the live configuration already is what the site declares");
    expect(r.code).toBe(0);
  });
});
