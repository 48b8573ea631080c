import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * Constraints with ids of their own (`named`): two colocations of one pair
 * with different roles, two orders of the same actions, two tickets of one
 * ticket and resource. pcs takes the second of each for a duplicate unless
 * forced; each target must build the same constraints, by id, and crm_verify
 * accept them; so must a plan that adds the second beside the live first.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "pcs", "crm"]);

const SITE = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = false;
}
resource ip ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; } on n1 10;
resource db ocf:pacemaker:Stateful { exact-ops; op monitor interval 10s; op monitor interval 11s role Promoted; }
promotable ms of db on n1 10;
colocate ip with promoted ms 101 named ip-primary;
colocate ip with unpromoted ms 1000 named ip-secondary;
colocate db-b with ip 50;
colocate db-b with ip -20 named db-b-apart;
resource db-b ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; } on n2 10;
order ip then ms optional named o1;
order ip then ms optional named o2;
ticket T for ip loss-policy stop named t1;
ticket T for ip loss-policy freeze named t2;
`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function cib(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  expect(run("cibadmin", ["--replace", "-o", "nodes", "-X", '<nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>'], { CIB_file: path }).code).toBe(0);
  return path;
}

/** Each order, colocation and ticket as a line of its attributes, sorted; `first-action`/`then-action` as Pacemaker defaults them. */
function constraints(xml: string): string[] {
  return [...xml.matchAll(/<(rsc_order|rsc_colocation|rsc_ticket) ([^>]*?)\/>/g)]
    .map((m) => {
      const attrs = Object.fromEntries([...m[2]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
      if (m[1] === "rsc_order") {
        attrs["first-action"] ??= "start";
        attrs["then-action"] ??= attrs["first-action"];
      }
      return `${m[1]} ${Object.keys(attrs).sort().map((k) => `${k}=${attrs[k]}`).join(" ")}`;
    })
    .sort();
}

describe.skipIf(!tools)("constraints named by the site", () => {
  it("pcs (forced where it sees a duplicate) and crmsh build the CIB target's orders, colocations and tickets, ids included; crm_verify accepts each", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-named-"));
    writeFileSync(join(dir, "site.ha"), SITE);
    const compile = (target: string, out: string) => {
      const r = hacc(["compile", join(dir, "site.ha"), "--target", target, "-o", join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
    };
    compile("cib", "fragment.xml");
    const viaCib = cib(dir, "cib.xml");
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: viaCib }).code).toBe(0);
    const expected = constraints(readFileSync(viaCib, "utf8"));
    expect(expected.map((l) => /\bid=(\S+)/.exec(l)![1]).sort()).toEqual(["colocation-db-b-ip", "db-b-apart", "ip-primary", "ip-secondary", "o1", "o2", "t1", "t2"]);

    compile("pcs", "apply.sh");
    const viaPcs = cib(dir, "pcs.xml");
    const pcs = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(pcs.code, pcs.out).toBe(0);
    expect(constraints(readFileSync(viaPcs, "utf8")), "pcs").toEqual(expected);

    compile("crmsh", "site.crm");
    const viaCrm = cib(dir, "crmsh.xml");
    const crm = run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
    expect(crm.code, crm.out).toBe(0);
    expect(constraints(readFileSync(viaCrm, "utf8")), "crmsh").toEqual(expected);

    for (const f of [viaCib, viaPcs, viaCrm]) {
      const v = run("crm_verify", ["--xml-file", f]);
      expect(v.code, `${f}: ${v.out}`).toBe(0);
    }
  });

  it("a plan that adds the second of two tickets (or orders) pcs takes for duplicates, beside the live first, applies on every target and converges", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-named-plan-"));
    const first = SITE.replace("ticket T for ip loss-policy freeze named t2;\n", "").replace("order ip then ms optional named o2;\n", "");
    writeFileSync(join(dir, "first.ha"), first);
    writeFileSync(join(dir, "site.ha"), SITE);
    const r = hacc(["compile", join(dir, "first.ha"), "--target", "cib", "--full", "-o", join(dir, "live.xml")]);
    expect(r.code, r.stderr).toBe(0);
    const live = join(dir, "live.xml");
    expect(run("cibadmin", ["--replace", "-o", "nodes", "-X", '<nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes>'], { CIB_file: live }).code).toBe(0);
    // What the CIB target makes of the whole site, the second ticket and order included.
    expect(hacc(["compile", join(dir, "site.ha"), "--target", "cib", "-o", join(dir, "fragment.xml")]).code).toBe(0);
    const whole = cib(dir, "whole.xml");
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: whole }).code).toBe(0);
    const want = constraints(readFileSync(whole, "utf8"));
    for (const target of ["pcs", "crmsh", "cib"]) {
      const script = join(dir, `plan.${target}`);
      const p = hacc(["plan", join(dir, "site.ha"), "--live", live, "--target", target, "-o", script]);
      expect(p.code, p.stderr).toBe(0);
      const copy = join(dir, `after.${target}.xml`);
      writeFileSync(copy, readFileSync(live, "utf8"));
      const a = run("bash", [script, copy]);
      expect(a.code, `${target}: ${a.out}`).toBe(0);
      expect(constraints(readFileSync(copy, "utf8")), target).toEqual(want);
      expect(run("crm_verify", ["--xml-file", copy]).code, target).toBe(0);
      const again = hacc(["plan", join(dir, "site.ha"), "--live", copy]);
      expect(again.stdout, target).toContain("no changes");
    }
  });
});
