import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLAN_TARGETS } from "../../src/review/targets/index.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * `hacc plan` with locations by pattern: the live CIB is
 * test/fixtures/location-patterns.ha compiled (`--full`); the site changes a
 * pattern location's pattern and score and a rule's value-source. Each
 * target's script, applied to a copy, must leave nothing to plan.
 */
const TOOL: Readonly<Record<string, string>> = { cib: "cibadmin", pcs: "pcs", crmsh: "crm" };
const BEFORE = join(ROOT, "test", "fixtures", "location-patterns.ha");
const AFTER = join(ROOT, "test", "review", "sites", "location-patterns-after.ha");

for (const target of Object.keys(PLAN_TARGETS)) {
  describe.skipIf(!havePacemaker(["cibadmin", "crm_verify", "crm_diff", TOOL[target] ?? target]))(`the ${target} plan and locations by pattern`, () => {
    it("changes a pattern, its score and a rule's value-source, and converges", { timeout: 180_000 }, () => {
      const d = mkdtempSync(join(tmpdir(), `hacc-pat-${target}-`));
      const live = join(d, "live.xml");
      expect(hacc(["compile", BEFORE, "--target", "cib", "--full", "-o", live]).code).toBe(0);
      const same = hacc(["plan", BEFORE, "--live", live]);
      expect(same.stdout).toContain("no changes: the live configuration already is what the site declares");
      const diff = hacc(["plan", AFTER, "--live", live]);
      expect(diff.stdout).toContain("0 to add, 2 to change, 0 to remove");
      expect(diff.stdout).toContain('~ location pattern "^vm-" on n2: 500 (was location pattern "^vm-(.*)$" on n2: 1000)');
      expect(diff.stdout).toContain("fake gt integer meta fake (was");
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
      expect(text).toMatch(/<rsc_location [^>]*id="vms-n2"[^>]*rsc-pattern="\^vm-"[^>]*score="500"/);
      expect(text).toMatch(/value="fake" value-source="meta"/);
    });
  });
}

describe("hacc plan: a live location of the same pattern and node that someone else made", () => {
  // `pcs constraint location add` replaces a location of the same pattern and node whatever its id (pcs -f:
  // `regexp%^vm` added twice on n1 leaves the second), as it does for a resource; another pattern it keeps.
  const live = (extra: string): string => {
    const d = mkdtempSync(join(tmpdir(), "hacc-pat-clash-"));
    const path = join(d, "live.xml");
    expect(hacc(["compile", BEFORE, "--target", "cib", "--full", "-o", path]).code).toBe(0);
    writeFileSync(path, readFileSync(path, "utf8").replace("</constraints>", `${extra}</constraints>`));
    return path;
  };

  it("plans the pattern's location beside a live one of the same pattern and node: the pcs script writes it with cibadmin, and the other stays as it was", { timeout: 180_000 }, () => {
    const OTHER = '<rsc_location id="ops-vms" rsc-pattern="^vm-" node="n2" score="-INFINITY"/>';
    const l = live(OTHER);
    const r = hacc(["plan", AFTER, "--live", l]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("0 to add, 2 to change, 0 to remove");
    const script = join(l, "..", "plan.sh");
    expect(hacc(["plan", AFTER, "--live", l, "--target", "pcs", "-o", script]).code).toBe(0);
    const text = readFileSync(script, "utf8");
    expect(text).toContain("pcs constraint location add` would replace /cib/configuration/constraints/rsc_location[@id='ops-vms']");
    expect(text).not.toMatch(/constraint location add vms-n2/);
    if (!havePacemaker(["pcs", "cibadmin"])) return;
    const copy = join(l, "..", "copy.xml");
    copyFileSync(l, copy);
    const run = spawnSync("bash", [script, copy], { encoding: "utf8" });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const after = readFileSync(copy, "utf8");
    expect(after).toContain(OTHER);
    expect(after).toMatch(/<rsc_location [^>]*id="vms-n2"[^>]*rsc-pattern="\^vm-"[^>]*score="500"/);
    expect(hacc(["plan", AFTER, "--live", copy]).stdout).toContain("no changes: the live configuration already is what the site declares");
  });

  it("plans beside a live location of another pattern on the node", () => {
    const r = hacc(["plan", AFTER, "--live", live('<rsc_location id="ops-web" rsc-pattern="^web-" node="n2" score="-INFINITY"/>')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("0 to add, 2 to change, 0 to remove");
  });
});
