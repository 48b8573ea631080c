import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_TARGETS } from "../../src/review/targets/index.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * `hacc plan` with location statements: the live CIB is test/fixtures/locations.ha
 * compiled (`--full`); the site changes a rule's score and test, moves a
 * role's node and discovery's node, and adds a location. Each target's
 * script, applied to a copy, must leave nothing to plan.
 */
const TOOL: Readonly<Record<string, string>> = { cib: "cibadmin", pcs: "pcs", crmsh: "crm" };
const BEFORE = join(ROOT, "test", "fixtures", "locations.ha");
const AFTER = join(ROOT, "test", "review", "sites", "locations-after.ha");

for (const target of Object.keys(PLAN_TARGETS)) {
  describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_diff", TOOL[target] ?? target]))(`the ${target} plan and locations`, () => {
    it("changes and adds rules, roles and discovery, and converges", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-loc-${target}-`));
      const live = join(d, "live.xml");
      expect(hacc(["compile", BEFORE, "--target", "cib", "--full", "-o", live]).code).toBe(0);
      const diff = hacc(["diff", BEFORE, AFTER]);
      expect(diff.stdout).toContain("1 to add, 3 to change, 0 to remove");
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
      expect(text).toMatch(/<rsc_location [^>]*id="db-promote"[^>]*node="n2"/);
      expect(text).toMatch(/<rule [^>]*id="db-new-rule"[^>]*role="Unpromoted"/);
      expect(text).toMatch(/operation="gt"[^>]*type="integer" value="8"/);
    });
  });
}
