import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, ROOT } from "../helpers.js";

/**
 * A resource's params and meta sets, and a group's parameters, in review:
 * `hacc diff` shows a changed set and a changed parameter; `hacc plan` reads
 * them from the live CIB (an unchanged site plans nothing) and refuses to
 * write them, since pcs writes no rule or score for a set (the plan would
 * lose them).
 */
describe("params and meta sets in diff and plan", () => {
  const dir = mkdtempSync(join(tmpdir(), "hacc-rsets-"));
  const site = join(dir, "site.ha");
  const next = join(dir, "next.ha");
  const text = readFileSync(join(ROOT, "test", "fixtures", "resource-sets.ha"), "utf8");
  writeFileSync(site, text);
  writeFileSync(next, text.replace("fake = ranked;", "fake = ranked2;").replace("fake = from-group;", "fake = fg2;"));

  it("diff shows the changed set and the group's changed parameter, each written anew", () => {
    const r = hacc(["diff", site, next]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('~ params set d-instance_attributes-2: "params score 5 when \\"#uname\\" eq n1 { fake = ranked; }" -> "params score 5 when \\"#uname\\" eq n1 { fake = ranked2; }"');
    expect(r.stdout).toContain("~ param fake: from-group -> fg2");
    expect(r.stdout).toContain("(deleted and created again, because its params or meta sets change)");
  });

  it("plan reads the sets back (nothing to do) and refuses to write a change of them", () => {
    const live = join(dir, "live.xml");
    expect(hacc(["compile", site, "--target", "cib", "--full", "-o", live]).code).toBe(0);
    const same = hacc(["plan", site, "--live", live, "--target", "pcs"]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain("no changes");
    const r = hacc(["plan", next, "--live", live, "--target", "pcs"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("plan refused: the site declares primitive `d` with params or meta sets chosen by a rule or a score");
    expect(r.stderr).toContain("plan refused: the site declares group `g` with");
  });
});
