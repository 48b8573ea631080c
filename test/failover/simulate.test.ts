import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSimulation, readStatus, readTransition, renderSimulation, simulateSteps } from "../../src/simulate/crm.js";
import { BIN, hacc, havePacemaker, ROOT } from "../helpers.js";

const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");
/** Real crm_simulate output (Pacemaker 2.1.5): a group and a clone on n1, n2; n1 taken down. */
const GROUP_CLONE = readFileSync(join(ROOT, "test", "failover", "fixtures", "group-clone-n1-down.txt"), "utf8");

describe("reading crm_simulate", () => {
  it("reads the revised status: group members and clone instances", () => {
    expect(readStatus(GROUP_CLONE)).toEqual([
      { id: "a", agent: "ocf:heartbeat:Dummy", parent: "g", nodes: ["n2"], state: "Started" },
      { id: "b", agent: "ocf:heartbeat:Dummy", parent: "g", nodes: ["n2"], state: "Started" },
      { id: "cl", nodes: ["n2"], state: "Started" },
    ]);
  });

  it("reads the transition summary", () => {
    expect(readTransition(GROUP_CLONE)).toEqual([
      { action: "Start", id: "a", detail: "n2" },
      { action: "Start", id: "b", detail: "n2" },
    ]);
  });

  it("puts before and after side by side", () => {
    const before = GROUP_CLONE.slice(0, GROUP_CLONE.indexOf("Performing Requested Modifications"));
    const sim = readSimulation(before, GROUP_CLONE, ["n1"], { vmOf: new Map(), guests: [] });
    expect(sim.rows.map((r) => `${r.resource}: ${r.before.join(" ")} -> ${r.after.join(" ")} ${r.change}`)).toEqual([
      "a: n1 -> n2 moved",
      "b: n1 -> n2 moved",
      "cl: n1 n2 -> n2 reduced",
    ]);
    expect(renderSimulation(sim)).toBe(
      [
        "after n1 fails:",
        "resource  before  after  change",
        "a         n1      n2     moved (n1 failed)",
        "b         n1      n2     moved (n1 failed)",
        "cl        n1 n2   n2     reduced",
        "",
        "2 moved, 0 stopped; online afterwards: n2",
        "",
      ].join("\n"),
    );
  });

  it("takes guest nodes down beside the failed hosts when asked", () => {
    expect(simulateSteps(["n1", "n2"], ["g"], ["n2"], ["g"]).map((s) => s.args.join(" "))[2]).toBe("-x guests.xml -S -q true -d n2 -d g -O after.xml");
  });

  it("brings hosts up, then the guests, then fails the named hosts", () => {
    expect(simulateSteps(["n1", "n2"], ["g"], ["n2"]).map((s) => s.args.join(" "))).toEqual([
      "-x full.xml -S -q true -u n1 -u n2 -O up.xml",
      "-x up.xml -S -q true -u g -O guests.xml",
      "-x guests.xml -S -q true -d n2 -O after.xml",
    ]);
  });
});

const tools = havePacemaker(["crm_simulate"]);

describe.skipIf(!tools)("hacc simulate", () => {
  it("shows the example with all hosts up", () => {
    const r = hacc(["simulate", EXAMPLE]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      "all hosts up:",
      "resource       before",
      "vm-vnio005     nio005",
      "vm-vnio006     nio006",
      "lwfsd-vnio005  vnio005 (on nio005)",
      "lwfsd-vnio006  vnio006 (on nio006)",
      "ost0           nio005",
      "ost1           nio006",
      "",
    ]);
  });

  it("shows what moves when nio006 fails, as a table and as JSON", () => {
    const r = hacc(["simulate", EXAMPLE, "--fail", "nio006"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("vm-vnio006     nio006               nio005               moved (nio006 failed)");
    expect(r.stdout).toContain("lwfsd-vnio006  vnio006 (on nio006)  vnio006 (on nio005)  restarted (its guest moved from nio006 to nio005)");
    expect(r.stdout).toContain("ost1           nio006               nio005               moved (nio006 failed)");
    expect(r.stdout).toContain("2 moved, 1 restarted, 0 stopped; online afterwards: nio005, vnio005, vnio006");
    const j = JSON.parse(hacc(["simulate", EXAMPLE, "--fail", "nio006", "--json"]).stdout);
    expect(j.engine).toBe("pacemaker");
    expect(j.failed).toEqual(["nio006"]);
    expect(j.rows.find((x: { resource: string }) => x.resource === "vm-vnio006")).toEqual({
      resource: "vm-vnio006",
      guest: "vnio006",
      before: ["nio006"],
      after: ["nio005"],
      change: "moved",
      why: "nio006 failed",
    });
    expect(j.rows.find((x: { resource: string }) => x.resource === "lwfsd-vnio006")).toEqual({
      resource: "lwfsd-vnio006",
      guest: "vnio006",
      before: ["vnio006"],
      after: ["vnio006"],
      hostBefore: "nio006",
      hostAfter: "nio005",
      change: "restarted",
      why: "its guest moved from nio006 to nio005",
    });
    expect(j.rows.some((x: { predicted?: boolean }) => "predicted" in x)).toBe(false);
  });

  it("says what stops, and why, when every host fails", () => {
    const r = hacc(["simulate", EXAMPLE, "--fail", "nio005,nio006"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("lwfsd-vnio005  vnio005 (on nio005)  stopped  stopped (due to unrunnable vnio005 start (blocked))");
    expect(r.stdout).toContain("0 moved, 6 stopped; online afterwards: none");
  });

  it("says plainly when crm_simulate cannot carry out the transition it planned", () => {
    const r = hacc(["simulate", join(ROOT, "test", "failover", "fixtures", "invalid-transition.ha"), "--fail", "h2"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n");
    expect(lines[0]).toBe(
      "hacc: crm_simulate could not carry out the transition Pacemaker's scheduler planned when the guest nodes came up " +
        '("An invalid transition was produced"), so it reached no placement to show: a limit of crm_simulate\'s simulation, not a mistake in the site.',
    );
    expect(lines[1]).toBe("What the scheduler planned:");
    expect(lines).toContain("  * Move       vm-g1   ( h3 -> h4 )");
    expect(lines.at(-2)).toBe("`hacc simulate --engine hacc` gives hacc's own prediction.");
    // hacc's own engine answers the same site, and its settled placement is the plan crm_simulate could not carry out.
    const own = hacc(["simulate", join(ROOT, "test", "failover", "fixtures", "invalid-transition.ha"), "--engine", "hacc", "--json"]);
    expect(own.code, own.stderr).toBe(0);
    const where = Object.fromEntries((JSON.parse(own.stdout) as { rows: { resource: string; before: string[] }[] }).rows.map((x) => [x.resource, x.before.join(" ")]));
    expect(where).toMatchObject({ "vm-g1": "h4", "vm-g2": "h1", "vm-g4": "h1", r1: "h3", r2: "h1", r3: "h2" });
  });

  it("refuses a host that is not a node of the cluster", () => {
    const r = hacc(["simulate", EXAMPLE, "--fail", "nio007"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("hacc: --fail nio007: not a node of cluster `clustre` (its nodes: nio005, nio006)\n");
  });
});

describe("hacc simulate without Pacemaker", () => {
  it("tells the user how to install crm_simulate", () => {
    const r = spawnSync(process.execPath, [BIN, "simulate", EXAMPLE], { encoding: "utf8", env: { PATH: "/nonexistent", NO_COLOR: "1" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("`crm_simulate`, which is not installed here");
    expect(r.stderr).toContain("apt-get install pacemaker-cli-utils");
    expect(r.stdout).toBe("");
  });
});

describe("hacc simulate --engine hacc, beside a resource it does not predict", () => {
  const SITE = join(ROOT, "test", "fidelity", "cases", "unseen-tie.ha");

  it("shows an uncertain placement with the node it predicts and a why: line naming the tie and the resource", () => {
    const r = hacc(["simulate", SITE, "--engine", "hacc"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    const a = lines.findIndex((l) => l.startsWith("a "));
    expect(lines[a]).toBe("a         h1");
    expect(lines[a + 1]).toBe(
      "  why: it may run elsewhere: h1 and h2 tie on its score; Pacemaker then takes the node with fewer resources, and `u`, which hacc does not predict, may change that count",
    );
    // `b` wins h1 on its score: no why line.
    const b = lines.findIndex((l) => l.startsWith("b "));
    expect(lines[b]).toBe("b         h1");
    expect(lines[b + 1]!.startsWith("c ")).toBe(true);
    expect(r.stdout).toContain("hacc's placement of a, c may differ in Pacemaker");
  });

  it("carries it in JSON, side by side, and says which side after a failure", () => {
    const r = hacc(["simulate", SITE, "--engine", "hacc", "--fail", "h1", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { resource: string; after: string[]; uncertain?: { before?: string; after?: string } }[] }).rows;
    const a = rows.find((x) => x.resource === "a")!;
    expect(a.after).toEqual(["h2"]);
    // Before: the tie; after h1 fails, h2 is the only node left, whatever ran where.
    expect(a.uncertain?.before).toContain("h1 and h2 tie on its score");
    expect(a.uncertain?.after).toBeUndefined();
    expect(rows.find((x) => x.resource === "b")!.uncertain).toBeUndefined();
    const text = hacc(["simulate", SITE, "--engine", "hacc", "--fail", "h1"]).stdout;
    expect(text).toContain("  why: before the failure it may run elsewhere: h1 and h2 tie on its score;");
  });
});
