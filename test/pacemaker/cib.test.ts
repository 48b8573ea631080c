import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTRACT, hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * Pacemaker's own tools judge the CIB target. Locally they skip when the tools
 * are absent; in CI (HACC_REQUIRE_PACEMAKER=1) a missing tool fails the run.
 */
const tools = havePacemaker(["crm_verify", "cibadmin", "crm_simulate"]);
const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");
const SITES = { example: EXAMPLE, contract: CONTRACT };

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "hacc-pcmk-"));
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout + r.stderr };
}

function compile(site: string, out: string, extra: string[] = []): void {
  const r = hacc(["compile", site, "--target", "cib", "-o", out, ...extra]);
  expect(r.code, r.stderr).toBe(0);
}

/** A section of a CIB as trimmed lines (both sides print two-space indented XML). */
function section(xml: string, tag: string): string[] {
  const m = new RegExp(`<${tag}>[\\s\\S]*?</${tag}>|<${tag}/>`).exec(xml);
  return (m?.[0] ?? "").split("\n").map((l) => l.trim()).filter((l) => l !== "");
}

/** Where `crm_simulate` leaves each resource ("Started nio005", "Stopped"). */
function placement(out: string): Record<string, string> {
  const tail = out.slice(out.lastIndexOf("Full List of Resources"));
  const res: Record<string, string> = {};
  for (const m of tail.matchAll(/^\s*\* (\S+)\s+\([^)]*\):\s+(.+)$/gm)) res[m[1]!] = m[2]!.trim();
  return res;
}

describe.skipIf(!tools)("Pacemaker accepts the CIB target", () => {
  for (const [name, site] of Object.entries(SITES)) {
    it(`crm_verify accepts --full for the ${name}`, () => {
      const d = tmp();
      compile(site, join(d, "full.xml"), ["--full"]);
      const r = run("crm_verify", ["--xml-file", join(d, "full.xml"), "-V"]);
      expect(r.out).not.toMatch(/error|warning/i);
      expect(r.code, r.out).toBe(0);
    });

    it(`cibadmin --modify applies the ${name}'s fragment and keeps the cluster's nodes`, () => {
      const d = tmp();
      const cib = join(d, "cib.xml");
      writeFileSync(cib, execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }));
      const env = { CIB_file: cib };
      for (const [id, uname] of [["1", "nio005"], ["2", "nio006"]]) {
        expect(run("cibadmin", ["--create", "-o", "nodes", "-X", `<node id="${id}" uname="${uname}"/>`], env).code).toBe(0);
      }
      compile(site, join(d, "frag.xml"));
      const applied = run("cibadmin", ["--modify", "--xml-file", join(d, "frag.xml")], env);
      expect(applied.code, applied.out).toBe(0);
      const after = readFileSync(cib, "utf8");
      const frag = readFileSync(join(d, "frag.xml"), "utf8");
      // The cluster's own entries stay as they were; the fragment adds only guest and remote nodes' entries (id = name).
      const remote = section(frag, "nodes").slice(1, -1);
      expect(section(after, "nodes")).toEqual(['<nodes>', '<node id="1" uname="nio005"/>', '<node id="2" uname="nio006"/>', ...remote, "</nodes>"]);
      for (const tag of ["crm_config", "resources", "constraints", "rsc_defaults"]) {
        expect(section(after, tag), tag).toEqual(section(frag, tag));
      }
      const v = run("crm_verify", ["--xml-file", cib, "-V"]);
      expect(v.code, v.out).toBe(0);
    });
  }

  it("crm_simulate starts vm-vnio006 on nio006 and moves it to nio005 when nio006 goes down", () => {
    const d = tmp();
    compile(EXAMPLE, join(d, "full.xml"), ["--full"]);
    const up = run("crm_simulate", ["-x", join(d, "full.xml"), "-S", "-q", "true", "-u", "nio005", "-u", "nio006", "-O", join(d, "after.xml")]);
    expect(up.code, up.out).toBe(0);
    const p1 = placement(up.out);
    expect(p1["vm-vnio006"]).toBe("Started nio006");
    expect(p1["vm-vnio005"]).toBe("Started nio005");
    expect(p1["ost0"]).toBe("Started nio005");
    expect(p1["ost1"]).toBe("Started nio006");
    const down = run("crm_simulate", ["-x", join(d, "after.xml"), "-S", "-q", "true", "-d", "nio006"]);
    expect(down.code, down.out).toBe(0);
    const p2 = placement(down.out);
    expect(p2["vm-vnio006"]).toBe("Started nio005");
    expect(p2["vm-vnio005"]).toBe("Started nio005");
    expect(p2["ost1"]).toBe("Started nio005");
  });
});

/**
 * `--full` is a CIB as `cibadmin --empty` starts one: the same `<cib>`
 * attributes, so Pacemaker's tools treat it as current. Without
 * `crm_feature_set` crm_simulate ignored fail counts and pcs could not patch
 * the file.
 */
describe.skipIf(!tools)("--full is a CIB as cibadmin --empty writes it", () => {
  const THRESHOLD = "cluster c {\n  nodes n1, n2;\n  property stonith-enabled = false;\n  property symmetric-cluster = false;\n  defaults migration-threshold = 1;\n}\nguest g1 on n1 prefer 500, n2 100;\n";

  function full(text: string): string {
    const d = tmp();
    writeFileSync(join(d, "site.ha"), text);
    compile(join(d, "site.ha"), join(d, "full.xml"), ["--full"]);
    return d;
  }

  it("has cibadmin --empty's <cib> attributes, in its order", () => {
    const empty = execFileSync("cibadmin", ["--empty"], { encoding: "utf8" }).split("\n")[0];
    const d = full(THRESHOLD);
    expect(readFileSync(join(d, "full.xml"), "utf8").split("\n")[0]).toBe(empty);
  });

  it("crm_simulate honours fail counts: one monitor failure with migration-threshold=1 moves the guest", () => {
    const d = full(THRESHOLD);
    const up = run("crm_simulate", ["-x", join(d, "full.xml"), "-S", "-q", "true", "-u", "n1", "-u", "n2", "-O", join(d, "up.xml")]);
    expect(up.code, up.out).toBe(0);
    expect(placement(up.out)["vm-g1"]).toBe("Started n1");
    const failed = run("crm_simulate", ["-x", join(d, "up.xml"), "-S", "-q", "true", "-i", "vm-g1_monitor_10000@n1=1"]);
    expect(failed.code, failed.out).toBe(0);
    expect(failed.out).toMatch(/Recover\s+vm-g1\s+\(\s*n1 -> n2\s*\)/);
    expect(placement(failed.out)["vm-g1"]).toBe("Started n2");
  });

  it.skipIf(!havePacemaker(["pcs"]))("pcs -f can patch it: cluster node remove-guest", () => {
    const d = full(THRESHOLD);
    const cib = join(d, "full.xml");
    expect(readFileSync(cib, "utf8")).toContain('name="remote-node" value="g1"');
    const r = run("pcs", ["-f", cib, "cluster", "node", "remove-guest", "g1"]);
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(cib, "utf8")).not.toContain("remote-node");
  });

  // HA5090 is said exactly when crm_verify refuses the whole CIB for having no fencing device:
  // unset stonith-enabled without a device warns; a device, or fencing turned off, does not.
  it("--full warns (HA5090) where crm_verify refuses a CIB with fencing on by default and no device, and only there", () => {
    const d = tmp();
    const head = "cluster c {\n  nodes n1, n2;\n";
    const cases: Record<string, string> = {
      unset: `${head}}\nresource a ocf:pacemaker:Dummy;\n`,
      off: `${head}  property stonith-enabled = false;\n}\nresource a ocf:pacemaker:Dummy;\n`,
      device: `${head}}\nresource fence-n1 stonith:fence_dummy;\nresource a ocf:pacemaker:Dummy;\n`,
    };
    const seen: Record<string, { warned: boolean; refused: boolean }> = {};
    for (const [name, text] of Object.entries(cases)) {
      writeFileSync(join(d, `${name}.ha`), text);
      const r = hacc(["compile", join(d, `${name}.ha`), "--target", "cib", "--full", "-o", join(d, `${name}.xml`)]);
      expect(r.code, r.stderr).toBe(0);
      const v = run("crm_verify", ["--xml-file", join(d, `${name}.xml`), "-V"]);
      seen[name] = { warned: r.stderr.includes("warning[HA5090]"), refused: v.code !== 0 && /no STONITH resources/.test(v.out) };
    }
    expect(seen).toEqual({ unset: { warned: true, refused: true }, off: { warned: false, refused: false }, device: { warned: false, refused: false } });
  });
});
