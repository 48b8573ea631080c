import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLiveCib } from "../../src/review/live.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * ACLs through `hacc diff` and `hacc plan`: roles, users and groups found by
 * id; each plan target's script, run on a copy of the live CIB, brings it to
 * what the site declares (read back and planned again: nothing left to do),
 * and never removes an ACL entry the site does not declare, --prune or not.
 */
const FIXTURE = join(ROOT, "test", "fixtures", "acl.ha");
const tools = havePacemaker(["cibadmin", "crm_verify", "pcs", "crm"]);

/** The fixture edited: viewer gains a permission, a role and a user come, bob loses viewer for it, the group goes. */
function edited(): string {
  const src = readFileSync(FIXTURE, "utf8");
  const out = src
    .replace('  read id location-db-n1;\n}', '  read id location-db-n1;\n  deny id db;\n}\nacl role status { read xpath "/cib/status"; }\nacl user carol roles status;')
    .replace("acl user bob roles viewer;", "acl user bob roles status;")
    .replace("acl group ops roles viewer;\n", "");
  expect(out).not.toBe(src);
  return out;
}

describe("ACLs in review", () => {
  it("diff shows roles, users and groups added, changed and removed", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-acl-"));
    const next = join(d, "new.ha");
    writeFileSync(next, edited());
    const r = hacc(["diff", FIXTURE, next]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("2 to add, 2 to change, 1 to remove");
    expect(r.stdout).toContain('  ~ acl role viewer: permissions read xpath "/cib/configuration/resources"; read id location-db-n1 -> read xpath "/cib/configuration/resources"; read id location-db-n1; deny id db');
    expect(r.stdout).toContain('  + acl role status { read xpath "/cib/status" }');
    expect(r.stdout).toContain("  + acl user carol roles status");
    expect(r.stdout).toContain("  ~ acl user bob: roles viewer -> status");
    expect(r.stdout).toContain("  - acl group ops");
  });

  it("diff shows a permission whose id changes (`named ID`), which pcs's ids alone would hide", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-acl-"));
    const next = join(d, "new.ha");
    writeFileSync(next, readFileSync(FIXTURE, "utf8").replace("  read id location-db-n1;\n}", "  read id location-db-n1 named viewer-1;\n}"));
    const r = hacc(["diff", FIXTURE, next]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  ~ acl role viewer: permissions read xpath "/cib/configuration/resources"; read id location-db-n1 -> read xpath "/cib/configuration/resources"; read id location-db-n1 named viewer-1');
  });

  describe.skipIf(!tools)("with Pacemaker's tools", () => {
    for (const target of ["cib", "pcs", "crmsh"]) {
      it(`the ${target} plan brings the live CIB to the site and keeps the undeclared group, even with --prune`, { timeout: 180_000 }, () => {
        const d = mkdtempSync(join(tmpdir(), "hacc-acl-"));
        const live = join(d, "live.xml");
        expect(hacc(["compile", FIXTURE, "--target", "cib", "--full", "-o", live]).code).toBe(0);
        const next = join(d, "new.ha");
        writeFileSync(next, edited());
        const script = join(d, "plan.sh");
        const planned = hacc(["plan", next, "--live", live, "--target", target, "--prune", "-o", script]);
        expect(planned.code, planned.stderr).toBe(0);
        const copy = join(d, "copy.xml");
        copyFileSync(live, copy);
        const r = spawnSync("bash", [script, copy], { encoding: "utf8" });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        const after = readLiveCib(readFileSync(copy, "utf8"));
        if ("error" in after) throw new Error(JSON.stringify(after.error));
        const acls = after.value.cib.acls!;
        expect(acls.roles.find((x) => x.id === "viewer")?.permissions.map((p) => [p.id, p.kind, p.reference ?? p.xpath])).toEqual([
          ["viewer-read", "read", "/cib/configuration/resources"],
          ["viewer-read-1", "read", "location-db-n1"],
          ["viewer-deny", "deny", "db"],
        ]);
        expect(acls.users.map((u) => `${u.id}: ${u.roles.join(",")}`).sort()).toEqual(["alice: operator,viewer", "bob: status", "carol: status"]);
        expect(acls.groups).toEqual([{ id: "ops", roles: ["viewer"] }]);
        const again = hacc(["plan", next, "--live", copy, "--target", target, "--prune"]);
        expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
        expect(again.stdout).toContain("  = acl group ops  (kept, not declared by the site (a plan never removes an ACL entry");
      });
    }
  });
});
