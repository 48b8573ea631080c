import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * `hacc simulate --engine hacc|pacemaker`: hacc's own prediction and
 * Pacemaker's scheduler in the same table and JSON, guest nodes going down
 * with their VMs, and the two engines agreeing where hacc predicts everything.
 */
const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");
const SYMMETRIC = join(ROOT, "examples", "storage-cluster-symmetric.ha");
const fixture = (name: string) => join(ROOT, "test", "failover", "fixtures", `${name}.ha`);

interface Row {
  resource: string;
  guest?: string;
  before: string[];
  after: string[];
  hostBefore?: string;
  hostAfter?: string;
  change: string;
  why?: string;
  predicted?: boolean;
}
interface Json {
  engine: string;
  failed: string[];
  online: { before: string[]; after: string[] };
  rows: Row[];
  notes: string[];
}

function json(args: string[]): Json {
  const r = hacc(["simulate", ...args, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

const row = (j: Json, id: string) => j.rows.find((r) => r.resource === id);

describe("hacc simulate --engine hacc", () => {
  it("needs no Pacemaker tool", () => {
    const r = spawnSync(process.execPath, [BIN, "simulate", EXAMPLE, "--engine", "hacc", "--fail", "nio006"], { encoding: "utf8", env: { PATH: "/nonexistent", NO_COLOR: "1" } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      "after nio006 fails (hacc's prediction):",
      "resource       before               after                change",
      "vm-vnio005     nio005               nio005",
      "vm-vnio006     nio006               nio005               moved (nio006 failed)",
      "lwfsd-vnio005  vnio005 (on nio005)  vnio005 (on nio005)",
      "lwfsd-vnio006  vnio006 (on nio006)  vnio006 (on nio005)  restarted (its guest moved from nio006 to nio005)",
      "ost0           nio005               nio005",
      "ost1           nio006               nio005               moved (nio006 failed)",
      "",
      "2 moved, 1 restarted, 0 stopped; online afterwards: nio005, vnio005, vnio006",
      "",
    ]);
  });

  it("prints the same JSON shape, with the engine named", () => {
    const j = json([EXAMPLE, "--engine", "hacc", "--fail", "nio005"]);
    expect(j.engine).toBe("hacc");
    expect(j.failed).toEqual(["nio005"]);
    expect(j.online).toEqual({ before: ["nio005", "nio006", "vnio005", "vnio006"], after: ["nio006", "vnio005", "vnio006"] });
    expect(row(j, "lwfsd-vnio005")).toEqual({
      resource: "lwfsd-vnio005",
      guest: "vnio005",
      before: ["vnio005"],
      after: ["vnio005"],
      hostBefore: "nio005",
      hostAfter: "nio006",
      change: "restarted",
      why: "its guest moved from nio005 to nio006",
    });
    expect(row(j, "ost0")).toEqual({ resource: "ost0", before: ["nio005"], after: ["nio006"], change: "moved", why: "nio005 failed" });
    expect(j.rows.every((r) => r.predicted === undefined)).toBe(true);
    expect(j.notes).toEqual([]);
  });

  it("stops the service inside a guest whose VM stops, and takes the guest node offline", () => {
    const j = json([fixture("guest-stops"), "--engine", "hacc", "--fail", "n1"]);
    expect(row(j, "vm-vg")).toMatchObject({ before: ["n1"], after: [], change: "stopped" });
    expect(row(j, "lwfsd-vg")).toEqual({ resource: "lwfsd-vg", guest: "vg", before: ["vg"], after: [], hostBefore: "n1", change: "stopped", why: "its guest's VM vm-vg stopped" });
    expect(j.online).toEqual({ before: ["n1", "n2", "vg"], after: ["n2"] });
  });

  it("lists the hosts online first, then the guest nodes, each in Pacemaker's node order", () => {
    const j = json([fixture("node-names"), "--engine", "hacc", "--fail", "node10"]);
    expect(j.online).toEqual({ before: ["node2", "Node3", "node10", "alpha", "zed"], after: ["node2", "Node3", "alpha", "zed"] });
  });

  it("says what it does not predict, and guesses nothing for it", () => {
    const site = [
      "cluster c {",
      "  nodes n1, n2;",
      "  property stonith-enabled = false;",
      "  property symmetric-cluster = false;",
      "}",
      "resource ip ocf:heartbeat:Dummy {} on n1 prefer 100, n2 50;",
      "resource web ocf:heartbeat:Dummy {}",
      "resource db ocf:heartbeat:Dummy {}",
      "group g web, db on n1 prefer 100, n2 50;",
      "resource ping ocf:heartbeat:Dummy {}",
      "clone ping-clone of ping on n1, n2;",
      "",
    ].join("\n");
    const r = hacc(["simulate", "-", "--engine", "hacc", "--fail", "n1", "--json"], { input: site });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(row(j, "ip")).toEqual({ resource: "ip", before: ["n1"], after: ["n2"], change: "moved", why: "n1 failed" });
    for (const id of ["web", "db"]) expect(row(j, id)).toEqual({ resource: id, before: [], after: [], change: "unknown", why: "it is in group `g`, which hacc does not place", predicted: false });
    expect(row(j, "ping-clone")).toEqual({ resource: "ping-clone", before: [], after: [], change: "unknown", why: "hacc does not place clones", predicted: false });
    expect(j.notes.join("\n")).toContain("hacc does not predict web, db, ping-clone (each with its reason, `why`)");
    const t = hacc(["simulate", "-", "--engine", "hacc", "--fail", "n1"], { input: site });
    // The reason has a line of its own under the row, not the change column's place.
    expect(t.stdout).toContain("\nweb         not predicted  not predicted\n  why: it is in group `g`, which hacc does not place\n");
    expect(t.stdout.split("\n").find((l) => l.startsWith("resource"))).toBe("resource    before         after          change");
  });

  it("refuses an engine it does not have", () => {
    const r = hacc(["simulate", EXAMPLE, "--engine", "crm"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("hacc: --engine crm: not an engine (choose pacemaker or hacc)\n");
  });
});

const tools = havePacemaker(["crm_simulate"]);

describe.skipIf(!tools)("hacc simulate with guest nodes (Pacemaker's scheduler)", () => {
  it("restarts the service inside a guest whose VM moves", () => {
    const r = hacc(["simulate", fixture("guest-moves"), "--fail", "n1"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("lwfsd-vg  vg (on n1)  vg (on n2)  restarted (its guest moved from n1 to n2)");
    expect(r.stdout).toContain("1 moved, 1 restarted, 0 stopped; online afterwards: n2, vg");
  });

  it("stops the service inside a guest whose VM stops, and leaves the guest node out of online", () => {
    const j = json([fixture("guest-stops"), "--fail", "n1"]);
    expect(row(j, "lwfsd-vg")).toMatchObject({ before: ["vg"], after: [], change: "stopped" });
    expect(j.online.after).toEqual(["n2"]);
  });

  it("does not move resources into guests whose VMs stopped when both hosts of a symmetric site fail", () => {
    const r = hacc(["simulate", SYMMETRIC, "--fail", "nio005,nio006"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("ost0           nio005               stopped  stopped (its host failed and no remaining host can run it)");
    expect(r.stdout).toContain("ost1           nio006               stopped  stopped (its host failed and no remaining host can run it)");
    expect(r.stdout).toContain("0 moved, 6 stopped; online afterwards: none");
    expect(r.stdout).not.toContain("vnio005  moved");
  });

  it("shows a resource Pacemaker starts inside a guest as on the guest, on its host", () => {
    const j = json([fixture("into-guest"), "--fail", "n1"]);
    expect(row(j, "x")).toEqual({ resource: "x", guest: "vg", before: ["n1"], after: ["vg"], hostAfter: "n2", change: "moved", why: "n1 failed" });
    expect(j.online.after).toEqual(["n2", "vg"]);
  });
});

/**
 * Sites whose placement is unambiguous (opt-in, distinct scores, no
 * placement-strategy): both engines give the same rows for every single host
 * failure and all hosts up. Only `why` may differ: Pacemaker's reasons are
 * its own words.
 */
const AGREE: { site: string; hosts: string[] }[] = [
  { site: EXAMPLE, hosts: ["nio005", "nio006", "nio005,nio006"] },
  { site: fixture("guest-moves"), hosts: ["n1", "n2"] },
  { site: fixture("guest-stops"), hosts: ["n1", "n2"] },
  { site: fixture("three-hosts"), hosts: ["h1", "h2", "h3", "h1,h3"] },
  { site: fixture("node-names"), hosts: ["node10", "node2", "Node3"] },
];

describe.skipIf(!tools)("both engines agree where hacc predicts everything", () => {
  for (const { site, hosts } of AGREE) {
    it(site.slice(ROOT.length + 1), () => {
      for (const fail of ["", ...hosts]) {
        const args = [site, ...(fail === "" ? [] : ["--fail", fail])];
        const pm = json(args);
        const ours = json([...args, "--engine", "hacc"]);
        const strip = (j: Json) => ({ online: j.online, rows: j.rows.map(({ why: _why, ...r }) => r) });
        expect(ours.rows.every((r) => r.predicted === undefined), `hacc predicts every row of ${site}`).toBe(true);
        expect(strip(ours), `--fail ${fail}`).toEqual(strip(pm));
      }
    });
  }
});
