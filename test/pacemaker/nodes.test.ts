import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * Node attributes and utilization in the three targets, judged on a CIB
 * whose cluster nodes have the cluster layer's ids (`1`, `2`, as corosync
 * gives them), not their names: pcs and crmsh must find each node by name
 * and set what `--full` writes, and leave an operator's attribute alone
 * where the tool promises to.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "pcs", "crm"]);

const SITE = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = false;
  attributes n1 rack = 1, standby = on;
  utilization n1 memory = 4096;
  attributes n2 maintenance = off;
  attributes g1 rack = 2;
}
guest g1 on n1 prefer 200, n2 100;
`;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** A CIB with nodes n1 and n2 under corosync's ids; `extra` merged into its nodes. */
function clusterCib(dir: string, name: string, extra = ""): string {
  const path = join(dir, name);
  writeFileSync(path, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  const nodes = `<nodes><node id="1" uname="n1">${extra}</node><node id="2" uname="n2"/></nodes>`;
  expect(run("cibadmin", ["--replace", "-o", "nodes", "-X", nodes], { CIB_file: path }).code).toBe(0);
  return path;
}

/** Each node as `uname[type]: set name=value ...`, ids left out (the tools choose them), sorted. */
function nodeLines(xml: string): string[] {
  const section = /<nodes>([\s\S]*?)<\/nodes>/.exec(xml)?.[1] ?? "";
  const out: string[] = [];
  for (const m of section.matchAll(/<node ([^>]*?)\/?>([\s\S]*?)(?=<node |$)/g)) {
    const uname = /uname="([^"]*)"/.exec(m[1]!)?.[1];
    const type = /type="([^"]*)"/.exec(m[1]!)?.[1] ?? "member";
    for (const s of m[2]!.matchAll(/<(instance_attributes|utilization) [^>]*>([\s\S]*?)<\/\1>/g)) {
      for (const p of s[2]!.matchAll(/<nvpair ([^>]*)\/>/g)) {
        const name = /name="([^"]*)"/.exec(p[1]!)![1];
        const value = /value="([^"]*)"/.exec(p[1]!)![1];
        out.push(`${uname}[${type}] ${s[1]} ${name}=${value}`);
      }
    }
  }
  return out.sort();
}

describe.skipIf(!tools)("node attributes: pcs and crmsh set what --full writes, on nodes with the cluster layer's ids", () => {
  it("pcs node attribute/utilization (keeping an operator's attribute), crm node ... attributes and cibadmin for the guest agree with --full; crm_verify accepts each", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-nodes-"));
    writeFileSync(join(dir, "site.ha"), SITE);
    const compile = (target: string, out: string, extra: string[] = []) => {
      const r = hacc(["compile", join(dir, "site.ha"), "--target", target, ...extra, "-o", join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
    };
    compile("cib", "full.xml", ["--full"]);
    const expected = nodeLines(readFileSync(join(dir, "full.xml"), "utf8"));
    expect(expected).toEqual([
      "g1[remote] instance_attributes rack=2",
      "n1[member] instance_attributes rack=1",
      "n1[member] instance_attributes standby=on",
      "n1[member] utilization memory=4096",
      "n2[member] instance_attributes maintenance=off",
    ]);

    // An operator's attribute that the site does not declare: pcs sets the named ones and keeps it.
    compile("pcs", "apply.sh");
    const operator = '<instance_attributes id="nodes-1"><nvpair id="nodes-1-site" name="site" value="east"/></instance_attributes>';
    const viaPcs = clusterCib(dir, "pcs.xml", operator);
    const pcs = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(pcs.code, pcs.out).toBe(0);
    const pcsXml = readFileSync(viaPcs, "utf8");
    expect(nodeLines(pcsXml), "pcs").toEqual([...expected, "n1[member] instance_attributes site=east"].sort());
    expect(pcsXml).toContain('<node id="1" uname="n1">');

    compile("crmsh", "site.crm");
    const viaCrm = clusterCib(dir, "crmsh.xml");
    const crm = run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
    expect(crm.code, crm.out).toBe(0);
    expect(nodeLines(readFileSync(viaCrm, "utf8")), "crmsh").toEqual(expected);

    // The fragment carries the guest's entry only: merged by id, it leaves n1 and n2 (ids 1 and 2) alone.
    compile("cib", "fragment.xml");
    const viaCib = clusterCib(dir, "cib.xml");
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: viaCib }).code).toBe(0);
    const cibXml = readFileSync(viaCib, "utf8");
    expect(nodeLines(cibXml)).toEqual(["g1[remote] instance_attributes rack=2"]);
    expect(cibXml.match(/<node /g)).toHaveLength(3);

    // pcs 0.9 (EL6's 0.9.123 may lack `pcs node attribute`): its crm_attribute and cibadmin steps set the same.
    compile("pcs", "apply-09.sh", ["--pcs-version", "0.9"]);
    const steps = readFileSync(join(dir, "apply-09.sh"), "utf8").split("\n").filter((l) => /^\s*cib_f (crm_attribute --node|cibadmin --modify --allow-create -o nodes)/.test(l));
    expect(steps.length).toBe(5);
    const via09 = clusterCib(dir, "pcs09.xml");
    const script = ["set -euo pipefail", `cib=${JSON.stringify(via09)}`, 'cib_f() { CIB_file="$cib" "$@"; }', ...steps].join("\n");
    const ran = spawnSync("bash", ["-c", script], { encoding: "utf8" });
    expect(ran.status, ran.stderr).toBe(0);
    expect(nodeLines(readFileSync(via09, "utf8")), "pcs 0.9").toEqual(expected);

    for (const cib of [join(dir, "full.xml"), viaPcs, viaCrm, viaCib]) {
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, `${cib}: ${v.out}`).toBe(0);
    }
  });

});

describe.skipIf(!tools)("remote nodes and attribute names with `:` in the targets", () => {
  const REMOTE = `cluster lab {
  nodes n1, n2;
  property stonith-enabled = false;
  attributes remote1 rack = 2;
}
resource remote1 ocf:pacemaker:remote { server = 10.0.0.5; exact-ops; op monitor interval 30s; } on n1;
resource lxc1 ocf:heartbeat:Dummy { meta remote-node = lxc1-node; exact-ops; op monitor interval 30s; } on n2;
resource d ocf:heartbeat:Dummy { exact-ops; op monitor interval 10s; } on remote1 100, lxc1-node 50, n1 -INFINITY;
`;
  /** The locations, and each primitive's class:type and meta, as lines. */
  const lines = (xml: string): string[] => [
    ...[...xml.matchAll(/<rsc_location ([^>]*?)\/>/g)].map((m) => ["id", "rsc", "node", "score"].map((k) => new RegExp(`${k}="([^"]*)"`).exec(m[1]!)?.[1]).join(" ")),
    ...[...xml.matchAll(/<primitive id="([^"]*)" class="([^"]*)"[^>]*type="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}:${m[3]}`),
    ...[...xml.matchAll(/<nvpair [^>]*name="(remote-node|server)" value="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`),
    ...nodeLines(xml),
  ].sort();

  it("locations on a remote node and on a guest node made by `remote-node`: pcs (--force for the connection, add-guest) and crmsh build what the CIB target does", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-remote-"));
    writeFileSync(join(dir, "site.ha"), REMOTE);
    const compile = (target: string, out: string) => {
      const r = hacc(["compile", join(dir, "site.ha"), "--target", target, "-o", join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
    };
    compile("cib", "fragment.xml");
    const viaCib = clusterCib(dir, "cib.xml");
    expect(run("cibadmin", ["--modify", "--xml-file", join(dir, "fragment.xml")], { CIB_file: viaCib }).code).toBe(0);
    const expected = lines(readFileSync(viaCib, "utf8"));
    expect(expected).toContain("location-d-remote1 d remote1 100");
    expect(expected).toContain("location-d-lxc1-node d lxc1-node 50");
    expect(expected).toContain("remote1[remote] instance_attributes rack=2");

    compile("pcs", "apply.sh");
    const viaPcs = clusterCib(dir, "pcs.xml");
    const pcs = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(pcs.code, pcs.out).toBe(0);
    expect(lines(readFileSync(viaPcs, "utf8")), "pcs").toEqual(expected);

    compile("crmsh", "site.crm");
    const viaCrm = clusterCib(dir, "crmsh.xml");
    const crm = run("crm", ["configure", "load", "update", join(dir, "site.crm")], { CIB_file: viaCrm });
    expect(crm.code, crm.out).toBe(0);
    expect(lines(readFileSync(viaCrm, "utf8")), "crmsh").toEqual(expected);

    for (const cib of [viaCib, viaPcs, viaCrm]) {
      const v = run("crm_verify", ["--xml-file", cib]);
      expect(v.code, `${cib}: ${v.out}`).toBe(0);
    }
  });

  it("a node attribute named with `:`: pcs sets it as the CIB target writes it, crm_verify accepts it; crmsh is refused (HA5040)", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-colon-"));
    writeFileSync(join(dir, "site.ha"), SITE.replace("attributes n2 maintenance = off;", "attributes n2 master-db:0 = 10;"));
    const full = hacc(["compile", join(dir, "site.ha"), "--target", "cib", "--full", "-o", join(dir, "full.xml")]);
    expect(full.code, full.stderr).toBe(0);
    const fullXml = readFileSync(join(dir, "full.xml"), "utf8");
    expect(fullXml).toContain('<nvpair id="nodes-n2-master-db.0" name="master-db:0" value="10"/>');
    expect(run("crm_verify", ["--xml-file", join(dir, "full.xml")]).code).toBe(0);
    expect(hacc(["compile", join(dir, "site.ha"), "--target", "pcs", "-o", join(dir, "apply.sh")]).code).toBe(0);
    const viaPcs = clusterCib(dir, "pcs.xml");
    const pcs = run("bash", [join(dir, "apply.sh"), viaPcs]);
    expect(pcs.code, pcs.out).toBe(0);
    const pcsXml = readFileSync(viaPcs, "utf8");
    expect(nodeLines(pcsXml)).toContain("n2[member] instance_attributes master-db:0=10");
    expect(pcsXml).toContain('id="nodes-2-master-db.0"');
    expect(run("crm_verify", ["--xml-file", viaPcs]).code).toBe(0);
    const crm = hacc(["compile", join(dir, "site.ha"), "--target", "crmsh"]);
    expect(crm.code).toBe(1);
    expect(crm.stderr).toContain("error[HA5040]");
  });
});
