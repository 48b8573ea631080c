import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * The pcs target's script and `hacc plan`'s scripts check the CIB copy with
 * crm_verify the same way (rev #13): crm_verify exits 78 on a warning as on
 * an error, and both scripts stop on an error only, showing a warning and
 * going on. A deprecated require-any is a warning (HA3060); a cluster with
 * resources and fencing enabled but no fence device is an error.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "pcs"]);

const WARNS =
  "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n" +
  "resource s ocf:heartbeat:Dummy;\nclone s-clone of s on n1, n2;\nresource w ocf:heartbeat:Dummy on n1;\norder s-clone then w require-any;\n";
const FAILS = "cluster c {\n  nodes n1, n2;\n}\nresource w ocf:heartbeat:Dummy on n1;\n";

function run(dir: string, site: string, how: "compile" | "plan"): { code: number | null; out: string; cib: string } {
  writeFileSync(join(dir, "site.ha"), site);
  const cib = join(dir, `${how}.xml`);
  writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  const before = readFileSync(cib, "utf8");
  const script = join(dir, `${how}.sh`);
  const args = how === "compile" ? ["compile", "site.ha", "--target", "pcs", "-o", script] : ["plan", "site.ha", "--live", cib, "--target", "pcs", "-o", script];
  const made = hacc(args, { cwd: dir });
  expect(made.code, made.stderr).toBe(0);
  const r = spawnSync("bash", [script, cib], { encoding: "utf8", env: { ...process.env, CIB_file: undefined } });
  const after = readFileSync(cib, "utf8");
  return { code: r.status, out: `${r.stdout}${r.stderr}`, cib: after === before ? "unchanged" : "changed" };
}

describe.skipIf(!tools)("crm_verify in the pcs script and in hacc plan's script (rev #13)", () => {
  it("both show a warning and apply the site; both stop on an error and leave the CIB as it was", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-verify-"));
    for (const how of ["compile", "plan"] as const) {
      const warned = run(dir, WARNS, how);
      expect(warned.out, how).toContain("Warnings found during check: config may not be valid");
      expect(warned.code, `${how}: ${warned.out}`).toBe(0);
      expect(warned.cib, how).toBe("changed");
      const failed = run(dir, FAILS, how);
      expect(failed.out, how).toContain("Errors found during check: config not valid");
      expect(failed.out, how).toMatch(/hacc( plan)?: crm_verify rejects the result/);
      expect(failed.code, how).toBe(1);
      expect(failed.cib, how).toBe("unchanged");
    }
  }, 120_000);
});
