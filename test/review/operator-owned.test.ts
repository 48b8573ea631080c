import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker } from "../helpers.js";

/**
 * Import then plan must never undo an operator: what operators set at run
 * time (maintenance-mode, target-role, standby, ...) and what an agent
 * writes on a node after the import stay as they are. Each CIB is made with
 * the real tools (pcs -f, crm_attribute, crm_resource on a CIB file).
 */
function tool(cib: string, cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, CIB_file: cib } });
  expect(r.status, `${cmd} ${args.join(" ")}: ${r.stderr}`).toBe(0);
}

function nodes(dir: string, names: string[]): string {
  const cib = join(dir, "live.xml");
  writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  names.forEach((n, i) => tool(cib, "cibadmin", ["--create", "-o", "nodes", "-X", `<node id="${i + 1}" uname="${n}"/>`]));
  return cib;
}

function later(cib: string): string {
  const out = cib.replace(/live\.xml$/, "later.xml");
  copyFileSync(cib, out);
  return out;
}

function importSite(cib: string): { site: string; text: string; stderr: string } {
  const site = cib.replace(/\.xml$/, ".ha");
  const r = hacc(["import", cib, "-o", site]);
  expect(r.code, r.stderr).toBe(0);
  return { site, text: readFileSync(site, "utf8"), stderr: r.stderr };
}

describe.skipIf(!havePacemaker(["cibadmin", "pcs", "crm_attribute", "crm_resource"]))("import then plan: run-time settings", () => {
  it("leaves out run-time settings at Pacemaker's default, and a later plan keeps what operators then set", { timeout: 120_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-runtime-"));
    const cib = nodes(d, ["n1"]);
    // What past maintenance windows leave behind: every setting back at its default, but written.
    tool(cib, "pcs", ["-f", cib, "property", "set", "maintenance-mode=false"]);
    tool(cib, "pcs", ["-f", cib, "resource", "create", "r1", "ocf:heartbeat:Dummy", "op", "monitor", "interval=10s", "--disabled"]);
    tool(cib, "crm_resource", ["--resource", "r1", "--meta", "--set-parameter", "target-role", "--parameter-value", "Started"]);
    tool(cib, "crm_resource", ["--resource", "r1", "--meta", "--set-parameter", "is-managed", "--parameter-value", "true"]);
    // `crm node online` writes standby=off (pcs's unstandby deletes the attribute).
    tool(cib, "crm_attribute", ["--node", "n1", "--name", "standby", "--update", "off"]);
    expect(readFileSync(cib, "utf8")).toMatch(/name="standby" value="off"/);
    const x = importSite(cib);
    expect(x.text).toContain("# property maintenance-mode = false is Pacemaker's default for a run-time setting operators own (not imported)");
    expect(x.text).toContain("# meta of r1: target-role = Started is Pacemaker's default");
    expect(x.text).toContain("# meta of r1: is-managed = true is Pacemaker's default");
    expect(x.text).toContain("# node n1 standby = off is Pacemaker's default");
    expect(x.text).not.toMatch(/^\s*(property maintenance-mode|meta |attributes )/m);
    expect(x.stderr).not.toContain("HA1009");
    // The import plans no change against the CIB it came from.
    expect(hacc(["plan", x.site, "--live", cib]).stdout).toContain("no changes to objects");
    // An operator then starts a maintenance window, stops r1, puts n1 in standby: the plan undoes none of it.
    const l = later(cib);
    tool(l, "pcs", ["-f", l, "property", "set", "maintenance-mode=true"]);
    tool(l, "pcs", ["-f", l, "resource", "disable", "r1"]);
    tool(l, "pcs", ["-f", l, "resource", "unmanage", "r1"]);
    tool(l, "pcs", ["-f", l, "node", "standby", "n1"]);
    const p = hacc(["plan", x.site, "--live", l]);
    expect(p.stdout).toContain("no changes to objects");
    expect(p.stdout).toContain("= maintenance-mode = true  (kept, a run-time setting, changed only when the site declares it)");
    expect(p.stdout).not.toMatch(/^\s+[~-] /m);
    expect(p.stdout).not.toMatch(/^\s+\+ (meta|node|param)/m);
    for (const t of ["cib", "pcs", "crmsh"]) {
      const script = hacc(["plan", x.site, "--live", l, "--target", t]).stdout;
      // Its header repeats the plan's lines (`#   = maintenance-mode = true  (kept, ...)`); no command touches one.
      const commands = script.split("\n").filter((line) => !line.trimStart().startsWith("#"));
      expect(commands.join("\n")).not.toMatch(/maintenance-mode|target-role|is-managed|standby/);
    }
  });

  it("keeps a run-time setting at another value, with HA1009 at its place in the CIB", { timeout: 120_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-runtime-"));
    const cib = nodes(d, ["n1"]);
    tool(cib, "pcs", ["-f", cib, "property", "set", "maintenance-mode=true"]);
    tool(cib, "pcs", ["-f", cib, "resource", "create", "r1", "ocf:heartbeat:Dummy", "op", "monitor", "interval=10s", "--disabled"]);
    tool(cib, "pcs", ["-f", cib, "node", "standby", "n1"]);
    const x = importSite(cib);
    // The configuration round-trips: the site declares what the CIB holds.
    expect(x.text).toContain("property maintenance-mode = true;");
    expect(x.text).toContain("meta target-role = Stopped;");
    expect(x.text).toContain("attributes n1 standby = on;");
    expect(x.stderr).toContain("warning[HA1009]: property maintenance-mode = true (/cib/configuration/crm_config/cluster_property_set[@id='cib-bootstrap-options']/nvpair[@name='maintenance-mode']) is a run-time setting: the imported site declares it, and a plan will restore it after an operator changes it");
    expect(x.stderr).toContain("warning[HA1009]: resource r1 meta target-role = Stopped");
    expect(x.stderr).toContain("warning[HA1009]: node n1 attribute standby = on");
    expect(x.stderr).toContain("delete the line from the site if operators own it");
    expect(x.stderr).toMatch(/--> .*live\.xml:\d+:\d+/);
    expect(hacc(["plan", x.site, "--live", cib]).stdout).toContain("no changes to objects");
  });
});
