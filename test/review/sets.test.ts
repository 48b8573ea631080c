import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

const SITE = readFileSync(join(ROOT, "test", "fixtures", "sets.ha"), "utf8");
/** The fixture with a score, a set's option and a ticket's members changed. */
const EDITED = SITE.replace("with (fs1, fs2 independent) 500;", "with (fs1, fs2 independent) 200;")
  .replace("then (stop fs1, fs2 independent) optional one-way;", "then (stop fs1, fs2) optional one-way;")
  .replace("ticket site-b for (vm2, vm3);", "ticket site-b for (vm2, vm3, app);");

function sites(): { dir: string; old: string; next: string } {
  const dir = mkdtempSync(join(tmpdir(), "hacc-sets-"));
  const old = join(dir, "old.ha");
  const next = join(dir, "new.ha");
  writeFileSync(old, SITE);
  writeFileSync(next, EDITED);
  return { dir, old, next };
}

describe("resource sets in diff and plan", () => {
  it("diff shows a set constraint's changes in the language's words", () => {
    const { old, next } = sites();
    const r = hacc(["diff", old, next]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("1 to add, 2 to change, 1 to remove");
    expect(r.stdout).toContain("  ~ colocation (app) with (promoted db-clone) with (fs1, fs2 independent): 500 -> 200\n");
    expect(r.stdout).toContain("  ~ order (stop app) then (stop fs1, fs2) (optional) one-way (was order (stop app) then (stop fs1, fs2 independent) (optional) one-way)\n");
    expect(r.stdout).toContain("  + ticket site-b for (vm2, vm3, app)\n");
    expect(r.stdout).toContain("  - ticket site-b for (vm2, vm3)\n");
  });

  it("plan sees no change in a live set constraint whose sets have other ids (pcs names them pcs_rsc_set_...), nothing referring to them (rev #6)", () => {
    const { dir, old } = sites();
    const live = join(dir, "live.xml");
    expect(hacc(["compile", old, "--target", "cib", "--full", "-o", live]).code).toBe(0);
    let n = 0;
    const renamed = readFileSync(live, "utf8").replace(/<resource_set id="[^"]*"/g, () => `<resource_set id="pcs_rsc_set_${++n}"`);
    expect(n).toBeGreaterThan(5);
    writeFileSync(live, renamed);
    const plan = hacc(["plan", old, "--live", live]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain("no changes");
    // A real change to such a constraint is still one, shown without the ids.
    const { next } = sites();
    const edited = hacc(["plan", next, "--live", live]);
    expect(edited.stdout).toContain("  ~ colocation (app) with (promoted db-clone) with (fs1, fs2 independent): 500 -> 200\n");
  });

  it.skipIf(!havePacemaker(["cibadmin"]))("plan's script turns the live sets into the edited site's (a changed set constraint is deleted and written again)", () => {
    const { dir, old, next } = sites();
    const live = join(dir, "live.xml");
    expect(hacc(["compile", old, "--target", "cib", "--full", "-o", live]).code).toBe(0);
    const script = join(dir, "plan.sh");
    const plan = hacc(["plan", next, "--live", live, "--target", "cib", "-o", script]);
    expect(plan.code, plan.stderr).toBe(0);
    const copy = join(dir, "copy.xml");
    copyFileSync(live, copy);
    const applied = spawnSync("bash", [script, copy], { encoding: "utf8" });
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    // Planned again against the result: nothing left to change.
    const again = hacc(["plan", next, "--live", copy]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("no changes");
    const xml = readFileSync(copy, "utf8");
    expect(xml).not.toContain('id="ticket-site-b-set-vm2-vm3"');
    expect(xml).toContain('<resource_set id="order-set-app-fs1-fs2-1" action="stop">');
  });

  it.skipIf(!havePacemaker(["cibadmin", "pcs"]))("plan's pcs script rebuilds a member of a set constraint: the constraint goes whole first and comes back, as the cib and crmsh scripts leave it", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-sets-"));
    const head = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nresource a ocf:pacemaker:Dummy;\n";
    const tail = "resource c ocf:pacemaker:Dummy;\norder (a) then (b, c);\nticket T for (started a, b);\ncolocate b with a;\n";
    const old = join(dir, "old.ha");
    const next = join(dir, "new.ha");
    // A description changes: pcs can only delete b and create it again.
    writeFileSync(old, head + 'resource b ocf:pacemaker:Dummy { description "the b service"; }\n' + tail);
    writeFileSync(next, head + 'resource b ocf:pacemaker:Dummy { description "the B service"; }\n' + tail);
    const live = join(dir, "live.xml");
    expect(hacc(["compile", old, "--target", "cib", "--full", "-o", live]).code).toBe(0);
    const script = join(dir, "plan.sh");
    const plan = hacc(["plan", next, "--live", live, "--target", "pcs", "-o", script]);
    expect(plan.code, plan.stderr).toBe(0);
    const copy = join(dir, "copy.xml");
    copyFileSync(live, copy);
    const applied = spawnSync("bash", [script, copy], { encoding: "utf8" });
    expect(applied.status, applied.stdout + applied.stderr).toBe(0);
    const again = hacc(["plan", next, "--live", copy]);
    expect(again.stdout).toContain("no changes");
  });
});
