import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

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

  it("reads target-role as Pacemaker does, without case and with `default`: such a spelling is the default, and a plan does not undo `pcs resource disable`", { timeout: 120_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-runtime-"));
    const cib = nodes(d, ["n1"]);
    tool(cib, "pcs", ["-f", cib, "property", "set", "stonith-enabled=false"]);
    for (const [r, v] of [["r1", "started"], ["r2", "default"], ["r3", "#default"], ["r4", "stopped"]] as const) {
      tool(cib, "pcs", ["-f", cib, "resource", "create", r, "ocf:heartbeat:Dummy", "op", "monitor", "interval=10s"]);
      tool(cib, "crm_resource", ["--resource", r, "--meta", "--set-parameter", "target-role", "--parameter-value", v]);
    }
    // The judge: crm_simulate starts the first three (get_target_role: "started" and "default" without case; "#default" is no value) and not r4.
    const sim = spawnSync("crm_simulate", ["-x", cib, "-S", "-u", "n1"], { encoding: "utf8" }).stdout;
    for (const r of ["r1", "r2", "r3"]) expect(sim).toMatch(new RegExp(`Start\\s+${r}\\s`));
    expect(sim).not.toMatch(/Start\s+r4\s/);
    const x = importSite(cib);
    for (const [r, v] of [["r1", "started"], ["r2", "default"]]) expect(x.text).toContain(`# meta of ${r}: target-role = ${v} is Pacemaker's default`);
    expect(x.text).toContain(`# meta of r3: target-role = "#default" is Pacemaker's default`);
    expect(x.stderr.match(/HA1009/g)).toHaveLength(1);
    expect(x.stderr).toContain("resource r4 meta target-role = stopped");
    // An operator stops r1: the plan keeps it stopped.
    const l = later(cib);
    tool(l, "pcs", ["-f", l, "resource", "disable", "r1"]);
    const p = hacc(["plan", x.site, "--live", l]);
    expect(p.stdout).toContain("no changes to objects");
    expect(p.stdout).not.toMatch(/target-role: Stopped ->/);
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

describe.skipIf(!havePacemaker(["cibadmin", "pcs", "crm_attribute"]))("import then plan: node attributes the site never declared", () => {
  it("keeps an agent's attribute on a node whose attributes the site declares, and removes it only with --prune", { timeout: 120_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-nodeattr-"));
    const cib = nodes(d, ["n1", "n2"]);
    tool(cib, "pcs", ["-f", cib, "node", "attribute", "n1", "rack=r1"]);
    tool(cib, "pcs", ["-f", cib, "resource", "create", "r1", "ocf:heartbeat:Dummy", "op", "monitor", "interval=10s"]);
    const x = importSite(cib);
    expect(x.text).toContain("attributes n1 rack = r1;");
    // What ocf:heartbeat:pgsql writes on each node, after the import.
    const l = later(cib);
    tool(l, "crm_attribute", ["-N", "n1", "-l", "forever", "-n", "pgsql-data-status", "-v", "LATEST"]);
    tool(l, "crm_attribute", ["-N", "n2", "-l", "forever", "-n", "pgsql-data-status", "-v", "STREAMING|SYNC"]);
    const p = hacc(["plan", x.site, "--live", l]);
    expect(p.stdout).toContain("no changes to objects");
    expect(p.stdout).toContain("= node n1 pgsql-data-status=LATEST  (kept, not declared by the site; --prune removes it)");
    expect(p.stdout).toContain("1 live object is kept exactly as it is (=)");
    for (const t of ["cib", "pcs", "crmsh"]) {
      const script = hacc(["plan", x.site, "--live", l, "--target", t]).stdout;
      expect(script.split("\n").filter((line) => !line.trimStart().startsWith("#")).join("\n")).not.toContain("pgsql-data-status");
    }
    // A declared attribute still changes, one at a time, and nothing else on the node is rewritten.
    writeFileSync(x.site, x.text.replace("rack = r1", "rack = r2"));
    const edited = hacc(["plan", x.site, "--live", l]);
    expect(edited.stdout).toContain("~ node n1 attribute rack: r1 -> r2");
    expect(edited.stdout).not.toMatch(/- node n1 attribute pgsql-data-status/);
    // --prune removes what the site does not declare on a node whose attributes it declares.
    const pruned = hacc(["plan", x.site, "--live", l, "--prune"]);
    expect(pruned.stdout).toContain("- node n1 attribute pgsql-data-status");
    expect(pruned.stdout).not.toContain("node n2");
  });
});

const CORPUS = resolve(ROOT, "../shared/corpus/pacemaker-cts");

describe.skipIf(!existsSync(CORPUS))("import then plan: a name set twice in a set", () => {
  // The corpus files with an nvpair name set twice in one set: import writes the first value, with a comment.
  const FILES = ["bug-lf-1920", "bug-n-387749", "failcount", "group14", "inc12", "probe-2", "promoted-12", "stonith-1", "stonith-2"];
  it.each(FILES)("%s: the plan reads the live resource as import does and changes nothing", (f) => {
    const d = mkdtempSync(join(tmpdir(), "hacc-twice-"));
    const cib = join(d, "live.xml");
    copyFileSync(join(CORPUS, `${f}.xml`), cib);
    const x = importSite(cib);
    expect(x.text).toMatch(/set again .*not imported\)/);
    const p = hacc(["plan", x.site, "--live", cib]);
    expect(p.code, p.stderr).toBe(0);
    expect(p.stderr).not.toContain("refused");
    expect(p.stdout).toContain("no changes to objects");
    expect(p.stdout).not.toContain("REFUSED");
  });

  it("refuses to change such a resource, naming the pair Pacemaker ignores", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-twice-"));
    const cib = join(d, "live.xml");
    copyFileSync(join(ROOT, "test", "fixtures", "review", "set-twice.xml"), cib);
    const x = importSite(cib);
    expect(x.text).toContain('state = "/run/a";');
    expect(hacc(["plan", x.site, "--live", cib]).stdout).toContain("no changes to objects");
    writeFileSync(x.site, x.text.replace('state = "/run/a";', 'state = "/run/c";'));
    const p = hacc(["plan", x.site, "--live", cib]);
    expect(p.stdout).toContain("REFUSED");
    expect(p.stderr).toContain("the site changes `r1`, whose live `state` is set twice in /cib/configuration/resources/primitive[@id='r1']/instance_attributes[@id='r1-ia'], where Pacemaker reads the first; remove the pair Pacemaker ignores by hand first (`state` = `/run/b`)");
  });
});

describe.skipIf(!havePacemaker(["cibadmin", "pcs", "crm_resource", "crm_attribute", "crm"]))("a score change beside an operator's ban on the same node", () => {
  it("is planned on every target, and each script, applied with the real tools, keeps the ban byte-identical", { timeout: 300_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-ban-"));
    const cib = nodes(d, ["n1", "n2"]);
    tool(cib, "crm_attribute", ["--type", "crm_config", "--name", "stonith-enabled", "--update", "false"]);
    tool(cib, "pcs", ["-f", cib, "resource", "create", "r1", "ocf:heartbeat:Dummy", "op", "monitor", "interval=10s"]);
    tool(cib, "pcs", ["-f", cib, "constraint", "location", "r1", "prefers", "n2=100"]);
    tool(cib, "crm_resource", ["--ban", "--resource", "r1", "--node", "n2"]);
    const ban = /<rsc_location id="cli-ban-r1-on-n2"[^>]*>/.exec(readFileSync(cib, "utf8"))?.[0];
    expect(ban).toBeDefined();
    const x = importSite(cib);
    expect(x.text).toContain("} on n2 100 named location-r1-n2-100;");
    writeFileSync(x.site, x.text.replace("on n2 100 named", "on n2 150 named"));
    for (const t of ["cib", "crmsh", "pcs"]) {
      const script = join(d, `plan.${t}`);
      const p = hacc(["plan", x.site, "--live", cib, "--target", t, "-o", script]);
      expect(p.code, `${t}: ${p.stderr}`).toBe(0);
      const copy = join(d, `applied-${t}.xml`);
      copyFileSync(cib, copy);
      const applied = spawnSync("bash", [script, copy], { encoding: "utf8" });
      expect(applied.status, `${t}: ${applied.stderr}`).toBe(0);
      const after = readFileSync(copy, "utf8");
      expect(after).toContain(ban!);
      expect(after).toMatch(/<rsc_location id="location-r1-n2-100" rsc="r1" (node="n2" score="150"|score="150" node="n2")\/>/);
      expect(hacc(["plan", x.site, "--live", copy]).stdout, t).toContain("no changes: the live configuration already is what the site declares");
    }
    // pcs's `constraint location add` would take the ban with it: the pcs plan adds the location with cibadmin.
    expect(readFileSync(join(d, "plan.pcs"), "utf8")).toContain("cibadmin --create -o constraints -X '<rsc_location id=\"location-r1-n2-100\" rsc=\"r1\" node=\"n2\" score=\"150\"/>'");
  });
});
