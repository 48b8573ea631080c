import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSimulation, readStatus } from "../../src/simulate/crm.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

const FIXTURES = join(ROOT, "test", "failover", "fixtures");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
/**
 * Real output of `crm_simulate -x status-forms.cib.xml` (Pacemaker 2.1.5): a CIB
 * made by hacc (status-forms: a description, a disabled resource, clone and
 * group; a promotable clone), its status then changed with crm_simulate's
 * injections (a probe finding `multi` on n2 too, failed monitors of `broken`
 * and of the promoted `st`) and `missing` taken out of the configuration.
 */
const FORMS = fixture("status-forms.txt");
/** Real output of the runs `hacc simulate stale-record.ha --fail n1` makes: settled, then n1 failed. */
const STALE_BEFORE = fixture("stale-record-before.txt");
const STALE_AFTER = fixture("stale-record-n1-down.txt");
const tools = havePacemaker(["crm_simulate"]);

describe("reading every status line form crm_simulate 2.1.5 prints", () => {
  it("reads nodes in brackets, a description, FAILED with its role, ORPHANED, flags, and disabled groups and clones", () => {
    expect(readStatus(FORMS)).toEqual([
      // `Started kept on two [ n1 n2 ]`: active on two nodes, its description between.
      { id: "multi", agent: "ocf:pacemaker:Dummy", nodes: ["n1", "n2"], state: "Started" },
      { id: "off", agent: "ocf:pacemaker:Dummy", nodes: [], state: "Stopped", flags: ["disabled"] },
      { id: "broken", agent: "ocf:pacemaker:Dummy", nodes: ["n2"], state: "FAILED", flags: ["unmanaged"] },
      // `FAILED Promoted n1`: the role is no node.
      { id: "st", agent: "ocf:pacemaker:Stateful", parent: "ps", nodes: ["n1"], state: "FAILED", flags: ["Promoted"] },
      { id: "ps", nodes: ["n2"], state: "Started" },
      // `Stopped (disabled): [ n1 n2 ]`: no instance runs.
      { id: "cd", nodes: [], state: "Stopped" },
      // `Resource Group: grp (disabled):` is the members' group.
      { id: "m1", agent: "ocf:pacemaker:Dummy", parent: "grp", nodes: [], state: "Stopped", flags: ["disabled"] },
      { id: "m2", agent: "ocf:pacemaker:Dummy", parent: "grp", nodes: [], state: "Stopped", flags: ["disabled"] },
      { id: "missing", agent: "ocf:pacemaker:Dummy", nodes: ["n1"], state: "Started", flags: ["ORPHANED"] },
    ]);
  });

  it.skipIf(!tools)("the fixture is what crm_simulate prints for its CIB", () => {
    const r = spawnSync("crm_simulate", ["-x", "status-forms.cib.xml"], { cwd: FIXTURES, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(readStatus(r.stdout)).toEqual(readStatus(FORMS));
    expect(r.stdout).toContain("Started kept on two [ n1 n2 ]");
  });

  it("reads a primitive listed on two nodes by their names, and takes the one the transition started it on", () => {
    expect(readStatus(STALE_AFTER).find((s) => s.id === "b")).toEqual({ id: "b", agent: "ocf:heartbeat:Dummy", nodes: ["n2", "g1"], state: "Started" });
    const site = { vmOf: new Map([["vm-g1", "g1"]]), guests: ["g1"] };
    const b = readSimulation(STALE_BEFORE, STALE_AFTER, ["n1"], site).rows.find((r) => r.resource === "b");
    expect(b).toEqual({ resource: "b", guest: "g1", before: ["g1"], after: ["n2"], hostBefore: "n1", change: "moved", why: "its guest's host n1 failed" });
  });

  it.skipIf(!tools)("hacc simulate --json on that site: b after n1 fails is on n2, as crm_simulate's transition says", () => {
    const r = hacc(["simulate", join(FIXTURES, "stale-record.ha"), "--fail", "n1", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const b = (JSON.parse(r.stdout) as { rows: { resource: string; after: string[] }[] }).rows.find((row) => row.resource === "b");
    expect(b?.after).toEqual(["n2"]);
  });
});
