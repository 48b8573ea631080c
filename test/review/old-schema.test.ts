import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { takesOnlyOldRoles } from "../../src/review/schema-roles.js";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * A live CIB whose schema predates Promoted and Unpromoted (validate-with
 * pacemaker-3.2: a cluster upgraded from Pacemaker 2.0 without `cibadmin
 * --upgrade`, roles Master and Slave): the plan writes the old names in every
 * place a role goes (a colocation's two, a location's, a rule's, a ticket's,
 * a resource set's, an op's), on every target, and the live CIB's Master
 * reads as the site's Promoted. At the current schema it writes the new ones.
 */
const tools = havePacemaker(["cibadmin", "crm_verify", "pcs", "crm"]);

const BASE = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = false;
}
resource db ocf:pacemaker:Stateful { exact-ops; op monitor interval 10s role Promoted; op monitor interval 11s role Unpromoted; }
promotable db-clone of db;
resource ip ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; }
colocate ip with promoted db-clone 100;
`;
// Every place a role is written: a new op of a live resource, a new promotable with role ops, colocations, a location
// with a role, rules with one and on a location with one, a ticket, a colocation set and a ticket set.
const CHANGED = `${BASE.replace("op monitor interval 11s role Unpromoted; }", "op monitor interval 11s role Unpromoted; op monitor interval 12s role Unpromoted timeout 30s; }")}
resource y ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; }
resource z ocf:pacemaker:Stateful { exact-ops; op monitor interval 10s role Promoted; op monitor interval 11s role Unpromoted; }
promotable z-clone of z;
colocate y with unpromoted db-clone 50;
colocate promoted z-clone with promoted db-clone 10;
location db-promote for db-clone Promoted on n1 50;
location db-fast for db-clone {
  rule Promoted 20 when kernel gte version 6.1;
}
location db-slow for db-clone Unpromoted {
  rule 10 when load lt number 0.5;
}
ticket T for db-clone Promoted loss-policy demote;
colocate (y) with (promoted db-clone) 500;
ticket T2 for (started y), (unpromoted z-clone) loss-policy stop;
`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Every role attribute's value in a CIB file: `role`, `rsc-role`, `with-rsc-role`. */
function roles(xml: string): string[] {
  return [...new Set([...xml.matchAll(/\b(?:role|rsc-role|with-rsc-role)="([^"]*)"/g)].map((m) => m[1]!))].sort();
}

describe("the schema's role names", () => {
  it("pacemaker-3.7 and later take Promoted; the schemas before, and 1.x and 2.x, only Master", () => {
    expect(["pacemaker-3.2", "pacemaker-3.6", "pacemaker-2.10", "pacemaker-1.2"].map(takesOnlyOldRoles)).toEqual([true, true, true, true]);
    expect(["pacemaker-3.7", "pacemaker-3.9", "pacemaker-4.0", "pacemaker-next", "none", undefined].map(takesOnlyOldRoles)).toEqual([false, false, false, false, false, false]);
  });
});

describe.skipIf(!tools)("a plan against a live CIB at an older schema", () => {
  const dir = mkdtempSync(join(tmpdir(), "hacc-old-schema-"));
  writeFileSync(join(dir, "base.ha"), BASE);
  writeFileSync(join(dir, "site.ha"), CHANGED);
  const compiled = hacc(["compile", join(dir, "base.ha"), "--target", "cib", "--full", "-o", join(dir, "new.xml")]);
  const current = readFileSync(join(dir, "new.xml"), "utf8");
  // As Pacemaker 2.0 left it: schema 3.2, the old role names.
  const old = current.replace(/validate-with="pacemaker-[\d.]+"/, 'validate-with="pacemaker-3.2"').replaceAll('"Promoted"', '"Master"').replaceAll('"Unpromoted"', '"Slave"');
  writeFileSync(join(dir, "old.xml"), old);

  it("the live CIB is valid at pacemaker-3.2, and its Master and Slave are the site's Promoted and Unpromoted (no changes)", () => {
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(old).toContain('validate-with="pacemaker-3.2"');
    const v = run("crm_verify", ["--xml-file", join(dir, "old.xml")]);
    expect(v.code, v.out).toBe(0);
    expect(hacc(["plan", join(dir, "base.ha"), "--live", join(dir, "old.xml")]).stdout).toContain("no changes");
  });

  for (const [schema, file, want] of [
    ["pacemaker-3.2", "old.xml", ["Master", "Slave", "Started"]],
    ["the current schema", "new.xml", ["Promoted", "Started", "Unpromoted"]],
  ] as const) {
    for (const target of ["pcs", "crmsh", "cib"]) {
      it(`at ${schema}, the ${target} plan writes the roles the schema takes; crm_verify accepts the result and a second plan has no changes`, () => {
        const script = join(dir, `plan-${file}.${target}`);
        const p = hacc(["plan", join(dir, "site.ha"), "--live", join(dir, file), "--target", target, "-o", script]);
        expect(p.code, p.stderr).toBe(0);
        const copy = join(dir, `after-${file}.${target}`);
        writeFileSync(copy, readFileSync(join(dir, file), "utf8"));
        const a = run("bash", [script, copy]);
        expect(a.code, a.out).toBe(0);
        const after = readFileSync(copy, "utf8");
        expect(after).toContain(`validate-with="${schema === "pacemaker-3.2" ? "pacemaker-3.2" : /validate-with="([^"]*)"/.exec(current)![1]}"`);
        expect(roles(after)).toEqual(want);
        const v = run("crm_verify", ["--xml-file", copy]);
        expect(v.code, v.out).toBe(0);
        expect(hacc(["plan", join(dir, "site.ha"), "--live", copy]).stdout).toContain("no changes");
      });
    }
  }

  it("the readable plan says which names it writes, and why", () => {
    const p = hacc(["plan", join(dir, "site.ha"), "--live", join(dir, "old.xml")]);
    expect(p.stdout).toContain("roles: the live CIB validates with pacemaker-3.2, whose schema takes only the role names Master and Slave");
    expect(hacc(["plan", join(dir, "site.ha"), "--live", join(dir, "new.xml")]).stdout).not.toContain("roles:");
  });
});
