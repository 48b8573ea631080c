import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crmshCannotCarry, crmshRereads, emitCrmsh } from "../../src/emit/crmsh/crmsh.js";
import type { Cib } from "../../src/ir/types.js";
import { shellQuote } from "../../src/util/shell.js";
import { analyzeText, CONTRACT, expectGolden, hacc, havePacemaker, HEADER, ROOT } from "../helpers.js";

const GOLDEN = join(ROOT, "test", "golden", "crmsh");
const SITES: Record<string, string> = {
  "storage-cluster": join(ROOT, "examples", "storage-cluster.ha"),
  contract: CONTRACT,
  features: join(ROOT, "test", "golden", "pcs", "features.ha"),
};

function cibOf(text: string, file = "site.ha"): Cib {
  const r = analyzeText(text, file);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

/** A one-resource site whose Dummy parameter `fake` holds `value` (set at the IR level). */
function withValue(value: string): Cib {
  const cib = cibOf(HEADER + 'resource d ocf:pacemaker:Dummy { fake = "x"; } on n1;\n');
  const d = cib.resources[0]!;
  if (d.kind !== "primitive" || !d.instance) throw new Error("expected a primitive with parameters");
  return { ...cib, resources: [{ ...d, instance: { ...d.instance, pairs: [{ ...d.instance.pairs[0]!, value }] } }] };
}

describe("crmsh target: goldens", () => {
  for (const [name, path] of Object.entries(SITES)) {
    it(name, () => {
      const r = emitCrmsh(cibOf(readFileSync(path, "utf8"), path), { sourceName: path });
      // features declares primitive `probe` after group `front`, which crmsh's load moves ahead (HA5080).
      expect(r.diagnostics.map((d) => d.code)).toEqual(name === "features" ? ["HA5080"] : []);
      // The example's crmsh output is its committed file; the others live in test/golden/crmsh.
      expectGolden(name === "storage-cluster" ? join(ROOT, "examples", "storage-cluster.crm") : join(GOLDEN, `${name}.crm`), r.value);
    });
  }

  it("keeps the example's committed crmsh file up to date", () => {
    const r = hacc(["compile", "examples/storage-cluster.ha", "--target", "crmsh"]);
    expect(r.code, r.stderr).toBe(0);
    expectGolden(join(ROOT, "examples", "storage-cluster.crm"), r.stdout);
  });

  it("keeps hacc's ids: sets, operations, constraints and rules", () => {
    const text = emitCrmsh(cibOf(readFileSync(SITES["features"]!, "utf8")), {}).value;
    expect(text).toContain("property cib-bootstrap-options: \\\n");
    expect(text).toContain("rsc_defaults rsc-options: \\\n");
    expect(text).toContain("op_defaults op-options: \\\n");
    expect(text).toContain("op monitor interval=11s timeout=20s role=Promoted id=db-monitor-interval-11s-Promoted");
    expect(text).toContain("location location-lwfsd-g1-only-g1 lwfsd-g1 rule $id=location-lwfsd-g1-only-g1-rule -INFINITY: #uname ne g1\n");
    expect(text).toContain("order order-promote-db-clone-start-front Mandatory: db-clone:promote front:start\n");
    expect(text).toContain("colocation colocation-front-db-clone 100: front db-clone\n");
    // No comment lines: crmsh would store them in the CIB.
    expect(text.split("\n").filter((l) => l.trimStart().startsWith("#"))).toEqual([]);
  });
});

describe("crmsh target: values crmsh cannot carry are HA5001", () => {
  it("models crmsh's second reading of a value", () => {
    // Checked against crmsh 4.4 by hand: these load...
    for (const v of ["plain", 'a"b', "a'b", "a\\b", "a\\\\b", 'a\\\\"b', 'x\\y"z', "$(id) `id` ;&|<x>&amp;", "", "\\\\", "'\"", "#x"]) {
      expect(crmshRereads(v), v).toBe(true);
    }
    // ...and these fail with "No closing quotation".
    for (const v of ["a\\", '"\\', 'a\\"b', 'a\\\\\\"b', "a'\\", '\\"']) expect(crmshRereads(v), v).toBe(false);
  });

  it("reports the value and where it is, and writes no corrupted value", () => {
    for (const [value, what] of [
      ["ends\\", "ends in a backslash"],
      ["line\nbreak", "control character"],
      ["grüezi", "outside ASCII"],
    ] as const) {
      const r = emitCrmsh(withValue(value), { sourceName: "site.ha" });
      expect(r.diagnostics.map((d) => d.code), value).toEqual(["HA5001"]);
      expect(r.diagnostics[0]!.message).toContain("resource `d`, attribute `fake`");
      expect(r.diagnostics[0]!.message).toContain(what);
      expect(crmshCannotCarry(value)).toBeDefined();
    }
    expect(emitCrmsh(withValue("fine \"quoted\" 'value'"), {}).diagnostics).toEqual([]);
  });

  it("refuses require-any, which crmsh's plain order cannot carry, naming the order", () => {
    const r = hacc(["compile", "-", "--target", "crmsh"], {
      input: HEADER + "resource p ocf:pacemaker:Dummy;\nclone pc of p on n1, n2;\nresource w ocf:pacemaker:Dummy on n1;\norder pc then w require-any;\n",
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error[HA5001]: order `order-pc-w` sets require-all, which crmsh's order cannot carry");
  });

  it("fails the CLI with exit 1 and no output", () => {
    const r = hacc(["compile", "-", "--target", "crmsh"], { input: HEADER + 'resource d ocf:pacemaker:Dummy { fake = "C:\\\\temp\\\\"; } on n1;\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("error[HA5001]: resource `d`, attribute `fake` ends in a backslash");
  });
});

const tools = havePacemaker(["cibadmin", "crm"]);

function emptyCib(): string {
  const dir = mkdtempSync(join(tmpdir(), "hacc-crmsh-"));
  const cib = join(dir, "cib.xml");
  writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
  return cib;
}

/** The value of every nvpair `fake` in a CIB file, entities decoded. */
function fakeValues(cib: string): string[] {
  const xml = readFileSync(cib, "utf8");
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return [...xml.matchAll(/<nvpair [^>]*name="fake" value="([^"]*)"/g)].map((m) =>
    m[1]!.replace(/&(amp|lt|gt|quot|apos);|&#(\d+);/g, (_w, n: string | undefined, d: string | undefined) => (n ? named[n]! : String.fromCodePoint(Number(d)))),
  );
}

describe.skipIf(!tools)("crmsh itself: values round-trip, and the refused ones really fail", () => {
  it("a value with quotes, $(...), backticks, ;, backslashes and <&> reaches the CIB byte for byte, and nothing runs", () => {
    const cib = emptyCib();
    const mark = join(cib, "..", "executed");
    const value = `it's "q" $(touch ${mark}) \`touch ${mark}\` ; touch ${mark} & a\\b \\\\ <x>&amp; | # *`;
    const r = emitCrmsh({ ...withValue(value), properties: { id: "cib-bootstrap-options", pairs: [{ id: "p", name: "stonith-enabled", value: "false" }] } }, {});
    expect(r.diagnostics).toEqual([]);
    const file = join(cib, "..", "site.crm");
    writeFileSync(file, r.value);
    const load = spawnSync("crm", ["configure", "load", "update", file], { encoding: "utf8", env: { ...process.env, CIB_file: cib } });
    expect(load.status, load.stderr).toBe(0);
    expect(fakeValues(cib)).toEqual([value]);
    expect(spawnSync("test", ["-e", mark]).status).not.toBe(0);
  });

  it("a trailing backslash, which hacc refuses, makes crm configure load fail", () => {
    const cib = emptyCib();
    const file = join(cib, "..", "bad.crm");
    writeFileSync(file, `property cib-bootstrap-options: stonith-enabled=false\nprimitive d ocf:pacemaker:Dummy params fake=${shellQuote("ends\\")} op monitor interval=10s id=d-m\n`);
    const load = spawnSync("crm", ["configure", "load", "update", file], { encoding: "utf8", env: { ...process.env, CIB_file: cib } });
    expect(`${load.stdout}${load.stderr}`).toContain("No closing quotation");
    expect(fakeValues(cib)).toEqual([]);
  });

  it("on an id that exists, load update replaces the object whole and exits 0, as docs/targets.md says", () => {
    const cib = emptyCib();
    const env = { ...process.env, CIB_file: cib };
    // An operator's ban and a parameter only the live primitive has.
    execFileSync("crm_attribute", ["--type", "crm_config", "--name", "stonith-enabled", "--update", "false"], { env });
    execFileSync("cibadmin", ["--create", "-o", "resources", "-X", '<primitive id="d" class="ocf" provider="pacemaker" type="Dummy"><instance_attributes id="d-ia"><nvpair id="d-ia-s" name="state" value="/op/keep"/></instance_attributes></primitive>'], { env });
    execFileSync("cibadmin", ["--create", "-o", "constraints", "-X", '<rsc_location id="location-d-n1" rsc="d" node="n1" score="-INFINITY"/>'], { env });
    const r = emitCrmsh(cibOf(HEADER + "resource d ocf:pacemaker:Dummy on n1 prefer 100;\n"), {});
    expect(r.diagnostics).toEqual([]);
    const file = join(cib, "..", "site.crm");
    writeFileSync(file, r.value);
    const load = spawnSync("crm", ["configure", "load", "update", file], { encoding: "utf8", env });
    expect(load.status, load.stderr).toBe(0);
    const xml = readFileSync(cib, "utf8");
    expect(xml).not.toContain('name="state"');
    expect(xml).toMatch(/<rsc_location id="location-d-n1" rsc="d" (score="100" node="n1"|node="n1" score="100")\/>/);
    expect(xml).toContain('<obj_ref id="location-d-n1"/>');
  });
});

describe("crmsh target: ACL user ids crmsh refuses are HA5060", () => {
  const site = (user: string) => `${HEADER}property enable-acl = true;\nacl role r2 { read xpath "/cib"; }\nacl user ${user} roles r2;\n`.replace("}\nproperty enable-acl = true;", "  property enable-acl = true;\n}");
  it("`alice@EXAMPLE.COM` compiles for the cib target but not for crmsh, with a hint to use cib or pcs", () => {
    const cib = cibOf(site("alice@EXAMPLE.COM"));
    const r = emitCrmsh(cib, {});
    expect(r.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ["HA5060", "crmsh cannot write ACL user `alice@EXAMPLE.COM`: crmsh takes an id only with a letter or `_` first, then letters, digits, `_`, `.` and `-`", "use the cib or pcs target for this site (Pacemaker takes the name as it is)"],
    ]);
    expect(emitCrmsh(cibOf(site("alice.x_y-z")), {}).diagnostics).toEqual([]);
  });

  it.skipIf(!tools)("crmsh itself refuses the id hacc refuses, and loads the one it writes", () => {
    for (const [id, loads] of [["alice@EXAMPLE.COM", false], ["'alice@EXAMPLE.COM'", false], ["alice.x_y-z", true]] as const) {
      const cib = emptyCib();
      const file = join(cib, "..", "acl.crm");
      writeFileSync(file, `role r2 read xpath:/cib\nacl_target ${id} r2\n`);
      spawnSync("crm", ["configure", "load", "update", file], { encoding: "utf8", env: { ...process.env, CIB_file: cib } });
      expect(readFileSync(cib, "utf8").includes("<acl_target"), id).toBe(loads);
    }
  });
});

describe("crmsh target: a date range with one end is refused, as crmsh refuses it", () => {
  const site = `cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  defaults when date in_range to 2030-01-01 { resource-stickiness = 1; }\n}\nresource p ocf:pacemaker:Dummy;\nlocation l1 for p { rule 10 when date in_range to 2030-01-01; }\n`;
  it("HA5071 in a defaults set, HA5001 in a location; with both ends the crmsh text is written", () => {
    const r = emitCrmsh(cibOf(site), {});
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["HA5071", "resource defaults set `rsc-options-1` has the test `date in_range to 2030-01-01`, which crmsh cannot write"],
      ["HA5001", "location `l1` has the test `date in_range to 2030-01-01`, which crmsh cannot write"],
    ]);
    const both = emitCrmsh(cibOf(site.replaceAll("in_range to", "in_range 2020-01-01 to")), {});
    expect(both.diagnostics).toEqual([]);
    expect(both.value).toContain("date in start=2020-01-01 end=2030-01-01");
  });

  it("a date spec with a field crmsh lacks (minutes, seconds, yeardays) is HA5001 or HA5071; the others are written", () => {
    const spec = site.replaceAll("date in_range to 2030-01-01", "date spec hours 9-16 minutes 0-29");
    const r = emitCrmsh(cibOf(spec), {});
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["HA5071", "resource defaults set `rsc-options-1` has the test `date spec minutes 0-29`, which crmsh cannot write"],
      ["HA5001", "location `l1` has the test `date spec minutes 0-29`, which crmsh cannot write"],
    ]);
    const ok = emitCrmsh(cibOf(spec.replaceAll(" minutes 0-29", " weekyears 2026")), {});
    expect(ok.diagnostics).toEqual([]);
    expect(ok.value).toContain("rule $id=l1-rule 10: date spec hours=9-16 weekyears=2026");
  });

  it.skipIf(!tools)("crmsh itself refuses a date spec's minutes and takes its hours", () => {
    for (const [rule, loads] of [["date spec hours=9-16 minutes=0-29", false], ["date spec hours=9-16 weekyears=2026", true]] as const) {
      const cib = emptyCib();
      const file = join(cib, "..", "l.crm");
      writeFileSync(file, `property stonith-enabled=false\nprimitive p ocf:pacemaker:Dummy\nlocation l1 p rule 10: ${rule}\n`);
      spawnSync("crm", ["configure", "load", "update", file], { encoding: "utf8", env: { ...process.env, CIB_file: cib } });
      expect(readFileSync(cib, "utf8").includes("<rsc_location"), rule).toBe(loads);
    }
  });

  it("a group of tests in parentheses is HA5001: crmsh's rule syntax has none", () => {
    const r = emitCrmsh(cibOf(site.replace("date in_range to 2030-01-01;", '"#uname" eq n1 and (date gt 2020-01-01 or defined rack);').replace(/  defaults[^\n]*\n/, "")), {});
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([["HA5001", "location `l1` has a group of tests in parentheses, which crmsh cannot write"]]);
  });

  it.skipIf(!tools)("crmsh itself refuses a group in parentheses in a location rule", () => {
    for (const [rule, loads] of [["#uname eq n1 and ( date gt 2020-01-01 or defined rack )", false], ["#uname eq n1 and date gt 2020-01-01", true]] as const) {
      const cib = emptyCib();
      const file = join(cib, "..", "l.crm");
      writeFileSync(file, `property stonith-enabled=false\nprimitive p ocf:pacemaker:Dummy\nlocation l1 p rule 10: ${rule}\n`);
      spawnSync("crm", ["configure", "load", "update", file], { encoding: "utf8", env: { ...process.env, CIB_file: cib } });
      expect(readFileSync(cib, "utf8").includes("<rsc_location"), rule).toBe(loads);
    }
  });

  it.skipIf(!tools)("crmsh itself refuses `date in end=...` alone and loads start and end", () => {
    for (const [expr, loads] of [["date in end=2030-01-01", false], ["date in start=2020-01-01 end=2030-01-01", true]] as const) {
      const cib = emptyCib();
      const file = join(cib, "..", "d.crm");
      writeFileSync(file, `rsc_defaults d1: rule $id=r1 inf: ${expr} resource-stickiness=1\n`);
      spawnSync("crm", ["configure", "load", "update", file], { encoding: "utf8", env: { ...process.env, CIB_file: cib } });
      expect(readFileSync(cib, "utf8").includes("<date_expression"), expr).toBe(loads);
    }
  });
});

describe.skipIf(!havePacemaker(["cibadmin", "crm", "crm_simulate"]))("crmsh itself puts primitives before groups, as docs/targets.md says", () => {
  it("and groups before clones, keeping each kind's order: the order HA5080 predicts", () => {
    const site =
      "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\n" +
      "resource a ocf:pacemaker:Dummy;\nresource c ocf:pacemaker:Dummy;\nresource d ocf:pacemaker:Dummy;\nclone cl of a;\ngroup g c;\nclone cl2 of d;\nresource p ocf:pacemaker:Dummy;\n";
    const cib = emptyCib();
    const file = join(cib, "..", "site.crm");
    const out = emitCrmsh(cibOf(site), {});
    expect(out.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("writes primitive `p` before clone `cl`")]);
    writeFileSync(file, out.value);
    spawnSync("crm", ["configure", "load", "update", file], { encoding: "utf8", env: { ...process.env, CIB_file: cib } });
    const top = /<resources>([\s\S]*)<\/resources>/.exec(readFileSync(cib, "utf8"))![1]!;
    // Top-level ids only: a member's or clone child's element is nested inside its parent's.
    const ids: string[] = [];
    let depth = 0;
    for (const m of top.matchAll(/<(\/?)(primitive|group|clone|bundle)\b[^>]*?(\/?)>/g)) {
      if (m[1]) depth--;
      else {
        if (depth === 0) ids.push(/id="([^"]*)"/.exec(m[0])![1]!);
        if (!m[3]) depth++;
      }
    }
    expect(ids).toEqual(["p", "g", "cl", "cl2"]);
  });

  it("the docs' site: the cib target keeps `b, g, p`, crmsh's load writes `b, p, g`, and crm_simulate places them differently", () => {
    const site = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nresource a ocf:pacemaker:Dummy;\nresource b ocf:pacemaker:Dummy;\ngroup g a;\nresource p ocf:pacemaker:Dummy;\n";
    const cib = emptyCib();
    const env = { ...process.env, CIB_file: cib };
    execFileSync("cibadmin", ["--modify", "-o", "configuration", "-X", '<configuration><nodes><node id="1" uname="n1"/><node id="2" uname="n2"/></nodes></configuration>'], { env });
    const file = join(cib, "..", "site.crm");
    writeFileSync(file, emitCrmsh(cibOf(site), {}).value);
    spawnSync("crm", ["configure", "load", "update", file], { encoding: "utf8", env });
    const order = (xml: string) => [...xml.matchAll(/<(primitive|group) id="([^"]*)"/g)].map((m) => m[2]).filter((id) => id !== "a");
    const loaded = readFileSync(cib, "utf8");
    expect(order(loaded)).toEqual(["b", "p", "g"]);
    expect(emitCrmsh(cibOf(site), {}).diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([
      "HA5080: crmsh's `load update` writes primitive `p` before group `g`, which the site declares first: Pacemaker breaks placement ties by that order, so resources may run elsewhere than with the cib or pcs target",
    ]);
    const full = join(cib, "..", "full.xml");
    const src = join(cib, "..", "site.ha");
    writeFileSync(src, site);
    const c = hacc(["compile", src, "--target", "cib", "--full", "-o", full]);
    expect(c.code, c.stderr).toBe(0);
    expect(order(readFileSync(full, "utf8"))).toEqual(["b", "g", "p"]);
    const starts = (x: string) =>
      [...spawnSync("crm_simulate", ["-x", x, "-S", "-q", "true", "-u", "n1", "-u", "n2"], { encoding: "utf8" }).stdout.matchAll(/\* Start\s+(\S+)\s+\(\s*(\S+)\s*\)/g)].map((m) => `${m[1]}@${m[2]}`).sort();
    expect(starts(full)).toEqual(["a@n2", "b@n1", "p@n1"]);
    expect(starts(cib)).toEqual(["a@n1", "b@n1", "p@n2"]);
  });
});

describe("a group member crmsh would read as a keyword", () => {
  // `crm configure load update` of `group g x params` (or `meta`) leaves `params` out of the group, silently
  // (checked on a CIB file); `op`, `utilization`, `description` as members load as members.
  it("is HA5040 at the member for `params` and `meta`, not for other names", () => {
    const site = (member: string) => `cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n}\nresource x ocf:pacemaker:Dummy;\nresource "${member}" ocf:pacemaker:Dummy;\ngroup g x, "${member}";\n`;
    const codes = (member: string) => {
      const r = analyzeText(site(member));
      return emitCrmsh(r.value.cib!, { sourceName: "site.ha", origins: r.value.origins }).diagnostics.map((d) => `${d.code} ${d.message}`);
    };
    expect(codes("params")).toEqual(["HA5040 group `g` holds `params`, which crmsh reads as its keyword there, not as a member"]);
    expect(codes("meta")).toEqual(["HA5040 group `g` holds `meta`, which crmsh reads as its keyword there, not as a member"]);
    for (const m of ["op", "utilization", "description"]) expect(codes(m)).toEqual([]);
  });
});
