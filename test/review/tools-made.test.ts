import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { canonicalConfiguration } from "../import/normalise.js";

/**
 * A cluster configured with pcs or crmsh from hacc's own pcs or crmsh
 * output carries what those tools choose (nvpair ids, pcs's remote-addr,
 * attribute order): the plan of the same site against it must be empty.
 */
const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");

function emptyCib(dir: string): string {
  const cib = join(dir, "cib.xml");
  writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  for (const [id, uname] of [["1", "nio005"], ["2", "nio006"]]) {
    const r = spawnSync("cibadmin", ["--create", "-o", "nodes", "-X", `<node id="${id}" uname="${uname}"/>`], { env: { ...process.env, CIB_file: cib } });
    expect(r.status).toBe(0);
  }
  return cib;
}

describe.skipIf(!havePacemaker(["cibadmin", "crm"]))("a CIB configured with crmsh", () => {
  it("is what the site declares: the plan is empty", { timeout: 120_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-crm-made-"));
    const cib = emptyCib(d);
    const crm = join(d, "site.crm");
    expect(hacc(["compile", EXAMPLE, "--target", "crmsh", "-o", crm]).code).toBe(0);
    spawnSync("crm", ["configure", "load", "update", crm], { env: { ...process.env, CIB_file: cib } });
    const r = hacc(["plan", EXAMPLE, "--live", cib, "--exit-code"]);
    expect(r.stdout).toContain("no changes: the live configuration already is what the site declares");
    expect(r.code).toBe(0);
  });
});

describe.skipIf(!havePacemaker(["cibadmin", "pcs"]))("a CIB configured with pcs", () => {
  it("is what the site declares: the plan is empty", { timeout: 300_000 }, () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-pcs-made-"));
    const cib = emptyCib(d);
    const script = join(d, "site.sh");
    expect(hacc(["compile", EXAMPLE, "--target", "pcs", "-o", script]).code).toBe(0);
    const applied = spawnSync("bash", [script, cib], { encoding: "utf8" });
    expect(applied.status, applied.stderr).toBe(0);
    const r = hacc(["plan", EXAMPLE, "--live", cib, "--exit-code"]);
    expect(r.stdout).toContain("no changes: the live configuration already is what the site declares");
    expect(r.code).toBe(0);
  });
});

/**
 * "Meet clusters where they are": a cluster an administrator built with pcs
 * or crmsh, with the ids those tools choose (pcs's `location-d-n1-50`, a
 * crmsh user's `pref-d`, a rule named `$id=...`) and an operator's bans and
 * moves (`crm_resource --ban`, `pcs resource ban`, `crm resource move`, run
 * on the CIB file), is imported with the CLI; the plan of that site against
 * the same CIB changes no object, its script (applied to a copy) leaves
 * every constraint as it was, bans included, and a second plan is empty.
 */
function threeNodes(dir: string): string {
  const cib = join(dir, "cib.xml");
  writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  for (const n of ["1", "2", "3"]) {
    const r = spawnSync("cibadmin", ["--create", "-o", "nodes", "-X", `<node id="${n}" uname="n${n}"/>`], { env: { ...process.env, CIB_file: cib } });
    expect(r.status).toBe(0);
  }
  return cib;
}

/** The constraints of a CIB file, each as its id and its XML with ids and whitespace as written, sorted. */
function constraintsOf(cib: string): string[] {
  const xml = readFileSync(cib, "utf8");
  const section = /<constraints>([\s\S]*?)<\/constraints>/.exec(xml)?.[1] ?? "";
  return (section.match(/<rsc_\w+ [^>]*?(?:\/>|>[\s\S]*?<\/rsc_\w+>)/g) ?? []).map((c) => c.replace(/\s+/g, " ")).sort();
}

function importThenPlan(cib: string, target: string): void {
  const d = dirname(cib);
  const site = join(d, "site.ha");
  const imp = hacc(["import", cib, "-o", site]);
  expect(imp.code, imp.stderr).toBe(0);
  // The operator's bans and moves are left out, each said.
  expect(imp.stderr).toContain("warning[HA1008]: `cli-ban-d-on-n2`");
  expect(readFileSync(site, "utf8")).not.toContain("cli-");
  const before = constraintsOf(cib);
  const config = canonicalConfiguration(readFileSync(cib, "utf8"), { dropOwnerTag: true });
  const script = join(d, "plan.sh");
  const plan = hacc(["plan", site, "--live", cib, "--target", target, "-o", script]);
  expect(plan.stderr).toBe("");
  expect(plan.code).toBe(0);
  const shown = hacc(["plan", site, "--live", cib]);
  expect(shown.stdout).toContain("no changes to objects; the ownership tag hacc-imported is written");
  expect(shown.stdout).not.toMatch(/^\s+[+~-] (location|order|colocate|resource|primitive)/m);
  const applied = spawnSync("bash", [script, cib], { encoding: "utf8" });
  expect(applied.status, applied.stderr).toBe(0);
  // The same constraints, ids, bans and all; the only new element is the site's ownership tag.
  expect(constraintsOf(cib)).toEqual(before);
  expect(canonicalConfiguration(readFileSync(cib, "utf8"), { dropOwnerTag: true })).toBe(config);
  const again = hacc(["plan", site, "--live", cib, "--exit-code"]);
  expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
  expect(again.code).toBe(0);
}

describe.skipIf(!havePacemaker(["cibadmin", "pcs", "crm_resource", "crm_verify"]))("a cluster built with pcs, then imported", () => {
  it("plans no change, and its plan script changes no constraint", { timeout: 300_000 }, () => {
    const cib = threeNodes(mkdtempSync(join(tmpdir(), "hacc-pcs-built-")));
    const pcs = (...args: string[]) => {
      const r = spawnSync("pcs", ["-f", cib, ...args], { encoding: "utf8" });
      expect(r.status, `pcs ${args.join(" ")}: ${r.stderr}`).toBe(0);
    };
    pcs("property", "set", "stonith-enabled=false");
    pcs("resource", "create", "d", "ocf:pacemaker:Dummy", "op", "monitor", "interval=10s");
    pcs("resource", "create", "e", "ocf:pacemaker:Dummy", "op", "monitor", "interval=10s");
    pcs("constraint", "location", "d", "prefers", "n1=50");
    pcs("constraint", "location", "e", "avoids", "n2");
    pcs("constraint", "location", "e", "rule", "score=100", "#uname", "eq", "n3");
    pcs("constraint", "order", "d", "then", "e");
    pcs("constraint", "colocation", "add", "e", "with", "d", "100");
    pcs("resource", "ban", "d", "n2");
    pcs("resource", "move-with-constraint", "e", "n3");
    const ban = spawnSync("crm_resource", ["--ban", "--resource", "e", "--node", "n1"], { env: { ...process.env, CIB_file: cib } });
    expect(ban.status).toBe(0);
    const xml = readFileSync(cib, "utf8");
    for (const id of ["location-d-n1-50", "location-e-n2--INFINITY", "location-e", "cli-ban-d-on-n2", "cli-prefer-e", "cli-ban-e-on-n1"]) expect(xml).toContain(`id="${id}"`);
    importThenPlan(cib, "pcs");
  });
});

describe.skipIf(!havePacemaker(["cibadmin", "crm", "crm_verify"]))("a cluster built with crmsh, then imported", () => {
  it("plans no change, and its plan script changes no constraint", { timeout: 300_000 }, () => {
    const cib = threeNodes(mkdtempSync(join(tmpdir(), "hacc-crm-built-")));
    const crm = join(dirname(cib), "in.crm");
    writeFileSync(crm, [
      "property stonith-enabled=false",
      "primitive d ocf:pacemaker:Dummy op monitor interval=10s",
      "primitive e ocf:pacemaker:Dummy op monitor interval=10s",
      "location pref-d d 50: n1",
      "location e-where e rule $id=e-where-r 100: #uname eq n3",
      "order d-then-e Mandatory: d e",
      "colocation e-with-d 100: e d",
      "",
    ].join("\n"));
    const env = { ...process.env, CIB_file: cib };
    spawnSync("crm", ["configure", "load", "update", crm], { env });
    expect(spawnSync("crm", ["resource", "ban", "d", "n2"], { env }).status).toBe(0);
    expect(spawnSync("crm", ["resource", "move", "e", "n1"], { env }).status).toBe(0);
    const xml = readFileSync(cib, "utf8");
    for (const id of ["pref-d", "e-where-r", "cli-ban-d-on-n2", "cli-prefer-e"]) expect(xml).toContain(`id="${id}"`);
    importThenPlan(cib, "crmsh");
  });
});
