import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_TARGETS } from "../../src/review/targets/index.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * `hacc plan` with bundles: the live CIB is test/fixtures/bundles.ha compiled
 * (`--full`); the site runs another image in one bundle (rebuilt, with the
 * primitive inside), sets a meta attribute of another (in place: pcs needs
 * `pcs resource bundle update` for it) and adds a third. Each target's
 * script, applied to a copy, must leave nothing to plan.
 */
const TOOL: Readonly<Record<string, string>> = { cib: "cibadmin", pcs: "pcs", crmsh: "crm" };
const BEFORE = join(ROOT, "test", "fixtures", "bundles.ha");
const AFTER = join(ROOT, "test", "review", "sites", "bundles-after.ha");
const INNER = join(ROOT, "test", "review", "sites", "bundles-inner.ha");

describe("hacc diff with bundles", () => {
  it("shows a bundle's container change as a rebuild, its meta in place, a new one whole", () => {
    const diff = hacc(["diff", BEFORE, AFTER]);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain("1 to add, 3 to change, 0 to remove");
    expect(diff.stdout).toContain("  ~ bundle httpd-bundle (bundle (docker pcmk:http-2.4) of httpd)\n      ~ docker image: pcmk:http -> pcmk:http-2.4\n      (deleted and created again, because its container, network, mappings or primitive change)\n");
    expect(diff.stdout).toContain("  ~ bundle cache-bundle (bundle (docker registry.example.com/cache:1.2))\n      + meta target-role = Stopped\n");
    expect(diff.stdout).toContain("  + bundle extra-bundle (bundle (docker registry.example.com/extra:1))\n");
  });
});

for (const target of Object.keys(PLAN_TARGETS)) {
  describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_diff", TOOL[target] ?? target]))(`the ${target} plan and bundles`, () => {
    it("rebuilds, changes in place and adds bundles, and converges", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-bundle-${target}-`));
      const live = join(d, "live.xml");
      expect(hacc(["compile", BEFORE, "--target", "cib", "--full", "-o", live]).code).toBe(0);
      const script = join(d, "plan.sh");
      const made = hacc(["plan", AFTER, "--live", live, "--target", target, "-o", script]);
      expect(made.code, made.stderr).toBe(0);
      const copy = join(d, "copy.xml");
      copyFileSync(live, copy);
      const run = spawnSync("bash", [script, copy], { encoding: "utf8" });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const again = hacc(["plan", AFTER, "--live", copy, "--exit-code"]);
      expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
      const text = readFileSync(copy, "utf8");
      expect(text).toMatch(/<docker [^>]*image="pcmk:http-2.4"/);
      expect(text).toMatch(/<bundle id="extra-bundle">/);
      expect(text).toMatch(/<bundle id="httpd-bundle">[\s\S]*<primitive id="httpd"[\s\S]*<\/bundle>/);
    });

    it("changes the primitive inside a bundle in place, and converges", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-bundle-inner-${target}-`));
      const live = join(d, "live.xml");
      expect(hacc(["compile", BEFORE, "--target", "cib", "--full", "-o", live]).code).toBe(0);
      expect(hacc(["diff", BEFORE, INNER]).stdout).toContain("  ~ bundle httpd-bundle (bundle (docker pcmk:http) of httpd)\n      ~ primitive httpd (ocf:heartbeat:apache)\n");
      const script = join(d, "plan.sh");
      const made = hacc(["plan", INNER, "--live", live, "--target", target, "-o", script]);
      expect(made.code, made.stderr).toBe(0);
      // The bundle itself stays: no step deletes it (an op of its primitive is deleted and written again).
      expect(readFileSync(script, "utf8")).not.toMatch(/resource delete httpd-bundle|bundle\[@id="httpd-bundle"\]/);
      const run = spawnSync("bash", [script, live], { encoding: "utf8" });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(hacc(["plan", INNER, "--live", live, "--exit-code"]).stdout).toContain("no changes: the live configuration already is what the site declares");
      expect(readFileSync(live, "utf8")).toMatch(/name="configfile" value="\/etc\/httpd\/conf\/httpd.conf"/);
    });
  });
}
