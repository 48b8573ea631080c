import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * `hacc plan` and tickets the live cluster does not hold: a ticket constraint
 * the plan adds stops its resource when the ticket is not granted. The live
 * cluster's ticket states are made by Pacemaker's own crm_ticket, and what
 * the plan says is checked against crm_simulate on the pushed configuration.
 */
const tools = havePacemaker(["cibadmin", "crm_simulate", "crm_ticket"]);

const OLD = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = false;
}
resource a ocf:pacemaker:Dummy on n1 100;
resource b ocf:pacemaker:Dummy on n1 100;
resource c ocf:pacemaker:Dummy on n2 100;
resource d ocf:pacemaker:Dummy on n2 100;
`;
const NEW = `${OLD}ticket site-a for a;
ticket site-b for b loss-policy stop;
ticket site-c for c;
ticket site-d for d;
`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  expect(r.status, `${cmd} ${args.join(" ")}\n${r.stdout}${r.stderr}`).toBe(0);
  return r.stdout;
}

/** OLD running on n1 and n2 (crm_simulate's status), site-b granted, site-c revoked, site-d granted and in standby by crm_ticket, site-a never mentioned. */
function live(dir: string): string {
  writeFileSync(join(dir, "old.ha"), OLD);
  const frag = join(dir, "old.xml");
  expect(hacc(["compile", join(dir, "old.ha"), "--target", "cib", "-o", frag]).code).toBe(0);
  const empty = join(dir, "empty.xml");
  writeFileSync(empty, run("cibadmin", ["--empty"]));
  run("cibadmin", ["--modify", "--xml-file", frag], { CIB_file: empty });
  for (const [id, n] of [["1", "n1"], ["2", "n2"]]) run("cibadmin", ["--create", "-o", "nodes", "-X", `<node id="${id}" uname="${n}"/>`], { CIB_file: empty });
  const out = join(dir, "live.xml");
  run("crm_simulate", ["-x", empty, "-S", "-q", "true", "-u", "n1", "-u", "n2", "-O", out]);
  run("crm_ticket", ["--ticket", "site-b", "--grant", "--force"], { CIB_file: out });
  run("crm_ticket", ["--ticket", "site-c", "--revoke", "--force"], { CIB_file: out });
  run("crm_ticket", ["--ticket", "site-d", "--grant", "--force"], { CIB_file: out });
  run("crm_ticket", ["--ticket", "site-d", "--standby"], { CIB_file: out });
  return out;
}

describe.skipIf(!tools)("hacc plan and tickets the live cluster does not hold", () => {
  it("names each added ticket constraint whose ticket is never granted or revoked, and crm_simulate stops just those resources", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-tickets-"));
    const liveCib = live(dir);
    const site = join(dir, "new.ha");
    writeFileSync(site, NEW);
    const r = hacc(["plan", site, "--live", liveCib]);
    expect(r.code).toBe(0);
    const at = r.stdout.indexOf("\ntickets:");
    expect(at).toBeGreaterThan(0);
    expect(r.stdout.slice(at + 1).split("\n").slice(0, 4)).toEqual([
      "tickets: the live cluster does not hold these; once the change is pushed, what depends on them stops or does not start until they are granted:",
      "  site-a (never granted): a, by ticket-site-a-a. Grant it first: crm_ticket --ticket site-a --grant (or let booth grant it)",
      "  site-c (not granted): c, by ticket-site-c-c. Grant it first: crm_ticket --ticket site-c --grant (or let booth grant it)",
      "  site-d (in standby): d, by ticket-site-d-d. Activate it first: crm_ticket --ticket site-d --activate",
    ]);
    const json = JSON.parse(hacc(["plan", site, "--live", liveCib, "--json"]).stdout) as { ungrantedTickets: { ticket: string; state: string; rsc: string }[] };
    expect(json.ungrantedTickets.map((t) => `${t.ticket} ${t.state}`)).toEqual(["site-a never granted", "site-c not granted", "site-d in standby"]);

    // What Pacemaker does once the site's constraints are in: a and c stop, b (its ticket granted) stays.
    const pushed = join(dir, "pushed.xml");
    copyFileSync(liveCib, pushed);
    const frag = join(dir, "new.xml");
    expect(hacc(["compile", site, "--target", "cib", "-o", frag]).code).toBe(0);
    run("cibadmin", ["--modify", "--xml-file", frag], { CIB_file: pushed });
    const sim = run("crm_simulate", ["-x", pushed, "-S"]);
    const summary = sim.slice(sim.indexOf("Transition Summary:"), sim.indexOf("Executing Cluster Transition"));
    const stopped = [...summary.matchAll(/\* Stop\s+(\S+)/g)].map((m) => m[1]).sort();
    expect(stopped).toEqual(json.ungrantedTickets.map((t) => t.rsc).sort());
    // The line each note gives is the fix: once site-d is activated, d stays.
    run("crm_ticket", ["--ticket", "site-d", "--activate"], { CIB_file: pushed });
    const again = run("crm_simulate", ["-x", pushed, "-S"]);
    const summary2 = again.slice(again.indexOf("Transition Summary:"), again.indexOf("Executing Cluster Transition"));
    expect([...summary2.matchAll(/\* Stop\s+(\S+)/g)].map((m) => m[1]).sort()).toEqual(["a", "c"]);
  });

  it("says nothing of tickets when the live CIB has no status, or when the ticket is held", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-tickets-"));
    const liveCib = live(dir);
    const text = readFileSync(liveCib, "utf8");
    const bare = join(dir, "bare.xml");
    writeFileSync(bare, text.replace(/<status>[\s\S]*<\/status>/, ""));
    const site = join(dir, "new.ha");
    writeFileSync(site, NEW);
    const r = hacc(["plan", site, "--live", bare]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("+ ticket site-a for a");
    expect(r.stdout).not.toContain("tickets:");
    const held = join(dir, "held.ha");
    writeFileSync(held, `${OLD}ticket site-b for b;\n`);
    const h = hacc(["plan", held, "--live", liveCib]);
    expect(h.stdout).toContain("+ ticket site-b for b");
    expect(h.stdout).not.toContain("tickets:");
  });
});
