import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIALECTS, PCS_VERSIONS } from "../../src/emit/pcs/dialects.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import type { Cib } from "../../src/ir/types.js";
import { shellQuote } from "../../src/util/shell.js";
import { analyzeText, CONTRACT, expectGolden, hacc, HEADER, ROOT } from "../helpers.js";

const GOLDEN = join(ROOT, "test", "golden", "pcs");
const SITES: Record<string, string> = {
  "storage-cluster": join(ROOT, "examples", "storage-cluster.ha"),
  contract: CONTRACT,
  features: join(GOLDEN, "features.ha"),
};

/** The example's script in the default dialect is its committed output; the rest live in test/golden/pcs. */
function goldenPath(name: string, version: string): string {
  return name === "storage-cluster" && version === "0.11" ? join(ROOT, "examples", "storage-cluster.pcs.sh") : join(GOLDEN, `${name}-${version}.sh`);
}

function cibOf(text: string, file = "site.ha"): Cib {
  const r = analyzeText(text, file);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.value.cib!;
}

function script(name: string, version: string): string {
  const path = SITES[name]!;
  const r = emitPcs(cibOf(readFileSync(path, "utf8"), path), { pcsVersion: version, sourceName: path });
  expect(r.diagnostics).toEqual([]);
  return r.value;
}

/** The pcs calls of a script, continuation lines joined, with the comment lines just above each. */
function calls(text: string): { comments: string[]; call: string }[] {
  const out: { comments: string[]; call: string }[] = [];
  let comments: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith("#")) comments.push(line);
    else if (line.startsWith("pcs_f ") || line.startsWith("cib_f ")) {
      let call = line;
      while (call.endsWith("\\")) call = call.slice(0, -1) + lines[++i]!.trim();
      out.push({ comments, call });
      comments = [];
    } else comments = [];
  }
  return out;
}

describe("pcs target: goldens for every dialect", () => {
  for (const name of Object.keys(SITES)) {
    for (const version of PCS_VERSIONS) {
      it(`${name}, pcs ${version}`, () => {
        const text = script(name, version);
        expectGolden(goldenPath(name, version), text);
        const syntax = spawnSync("bash", ["-n"], { input: text, encoding: "utf8" });
        expect(syntax.status, syntax.stderr).toBe(0);
      });
    }
  }

  it("keeps the example's committed pcs script up to date (the default dialect, 0.11)", () => {
    const r = hacc(["compile", "examples/storage-cluster.ha", "--target", "pcs"]);
    expect(r.code, r.stderr).toBe(0);
    expectGolden(join(ROOT, "examples", "storage-cluster.pcs.sh"), r.stdout);
    expect(r.stdout).toBe(script("storage-cluster", "0.11"));
  });
});

describe("pcs target: the script's promises", () => {
  const text = script("storage-cluster", "0.11");

  it("stops at the first failing command", () => {
    const code = text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
    expect(code[0]).toBe("set -euo pipefail");
    expect(text).toContain('pcs -f "$cib" "$@" || die');
  });

  it("changes only a copy, verifies it and pushes once, against the original", () => {
    const code = text.split("\n").filter((l) => !l.trimStart().startsWith("#"));
    expect(code.filter((l) => l.includes("pcs cluster cib-push"))).toHaveLength(1);
    expect(text).toContain('pcs cluster cib-push "$cib" diff-against="$work/original.xml"');
    expect(text).toContain('verify_copy || die "crm_verify rejects the result; nothing was pushed, the cluster is unchanged"');
    // Every configuration command goes through pcs_f (pcs -f on the copy).
    const configure = text.slice(text.indexOf("configure() {"), text.indexOf("\n}\n", text.indexOf("configure() {")));
    expect(configure.split("\n").filter((l) => /^\s+pcs /.test(l))).toEqual([]);
  });

  it("uses --force only for site-provided agents, each time with a comment saying why", () => {
    const forced = calls(text).filter((c) => c.call.includes("--force"));
    expect(forced.map((c) => c.call.split(" ")[3])).toEqual(["lwfsd-vnio005", "lwfsd-vnio006", "ost0", "ost1"]);
    for (const f of forced) {
      expect(f.call).toMatch(/ ocf:(heartbeat:lwfsd|lustre:Lustre) /);
      expect(f.comments.join(" ")).toMatch(/--force: ocf:\S+ is site-provided/);
    }
    expect(text.split("\n").filter((l) => l.includes("--force") && !l.startsWith("  #")).length).toBe(4);
  });

  it("writes no password: pcs asks for it at run time", () => {
    expect(text).toContain("  pcs host auth nio005 nio006 -u hacluster\n");
    expect(text).not.toMatch(/passw(or)?d\s*=|--password|\bpcs\b[^\n]*\s-p\s|authkey\s*=/i);
  });

  it("keeps the live-only steps in phases that run only when asked for", () => {
    expect(text).toMatch(/--bootstrap\) bootstrap; return ;;/);
    expect(text).toMatch(/--guest-setup\) guest_setup; return ;;/);
    const main = text.slice(text.indexOf("main() {"));
    expect(main.match(/\bbootstrap\b/g)).toHaveLength(2);
    expect(main.match(/\bguest_setup\b/g)).toHaveLength(1);
    expect(text).toContain("for g in vnio005 vnio006; do");
  });

  it("keeps hacc's ids for constraints, attribute sets and operations", () => {
    for (const id of ["location-vm-vnio005-nio005", "order-ost0-lwfsd-vnio005", "colocation-vm-vnio006-vm-vnio005", "vm-vnio005-start-interval-0s", "rsc-options"]) {
      expect(text).toContain(id);
    }
    expect(text).toContain("pcs_f -- constraint colocation add vm-vnio006 with vm-vnio005 -50 id=colocation-vm-vnio006-vm-vnio005");
  });
});

describe("pcs target: dialects come from one table", () => {
  it("pcs 0.9 writes the seed's forms", () => {
    const text = script("storage-cluster", "0.9");
    const all = calls(text).map((c) => c.call);
    expect(all).toContain("pcs_f resource defaults migration-threshold=5 failure-timeout=10s");
    expect(all.find((c) => c.startsWith("pcs_f resource create vm-vnio006 "))).toContain(" meta remote-node=vnio006 ");
    expect(all.find((c) => c.startsWith("pcs_f resource create vm-vnio006 "))).toContain(" config=/root/vnio006.xml hypervisor=qemu:///system ");
    expect(all).toContain("pcs_f constraint order start vm-vnio006 then start lwfsd-vnio006 kind=Mandatory id=order-vm-vnio006-lwfsd-vnio006");
    expect(all.some((c) => c.includes("add-guest"))).toBe(false);
    expect(text).toContain("  pcs cluster auth nio005 nio006 -u hacluster\n");
    expect(text).toContain("  pcs cluster setup --name clustre nio005 nio006\n");
  });

  it("pcs 0.9 uses only what every release from 0.9.123 to 0.9.169 has (docs/targets.md)", () => {
    const storage = script("storage-cluster", "0.9");
    const features = script("features", "0.9");
    const all = [...calls(storage), ...calls(features)];
    // 0.9.158+ refuse `meta remote-node=` without --force; 0.9.123 has no add-guest.
    const guests = all.filter((c) => / meta (.* )?remote-node=/.test(c.call));
    expect(guests.length).toBeGreaterThan(0);
    for (const g of guests) {
      expect(g.call).toMatch(/ --force$/);
      expect(g.comments.join(" ")).toContain("0.9.158");
    }
    // `pcs resource utilization` came in 0.9.148: crm_resource sets it instead.
    expect(all.some((c) => c.call.includes("resource utilization"))).toBe(false);
    expect(all.map((c) => c.call)).toContain("cib_f crm_resource --resource vm-vnio006 --utilization --set-parameter memory --parameter-value 65536");
    // `constraint-id=` on a rule came in 0.9.132: cibadmin writes the constraint with hacc's ids.
    expect(features).not.toContain("constraint-id=");
    expect(all.some((c) => c.call.startsWith("cib_f cibadmin --create -o constraints -X '<rsc_location id=\"location-lwfsd-g1-only-g1\""))).toBe(true);
    // `cib-push diff-against=` came in 0.9.156: older releases get crm_diff and cibadmin --patch.
    expect(storage).toContain('pcs cluster cib-push "$cib" diff-against="$work/original.xml"');
    expect(storage).toContain('cibadmin --patch --xml-file "$work/patch.xml"');
    for (const v of ["0.10", "0.11"]) expect(script("storage-cluster", v)).not.toMatch(/cib_f|crm_diff/);
  });

  it("pcs 0.10 and 0.11 add guests with add-guest, never with meta remote-node", () => {
    for (const v of ["0.10", "0.11"]) {
      const text = script("storage-cluster", v);
      expect(text).toContain("pcs_f cluster node add-guest vnio006 vm-vnio006\n");
      expect(text).not.toContain("remote-node=");
      expect(text).toContain("  pcs host auth nio005 nio006 -u hacluster\n");
    }
  });

  it("differs between 0.10 and 0.11 only where the table says so", () => {
    const ten = calls(script("features", "0.10")).map((c) => c.call);
    const eleven = calls(script("features", "0.11")).map((c) => c.call);
    expect(ten).toContain("pcs_f resource clone ping ping-clone interleave=true");
    expect(eleven).toContain("pcs_f resource clone ping ping-clone meta interleave=true");
    expect(ten.find((c) => c.includes(" db "))).toContain("role=Master");
    expect(eleven.find((c) => c.includes(" db "))).toContain("role=Promoted");
    expect(Object.keys(DIALECTS)).toEqual([...PCS_VERSIONS]);
  });

  it("pcs 0.9 cannot choose a clone's id: HA5002, not a silently renamed clone", () => {
    const cib = cibOf(HEADER + "resource p ocf:pacemaker:Dummy;\nclone pings of p on n1;\n");
    const r = emitPcs(cib, { pcsVersion: "0.9", sourceName: "site.ha" });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA5002"]);
    expect(r.diagnostics[0]!.message).toContain("`pings`");
    expect(emitPcs(cib, { pcsVersion: "0.11", sourceName: "site.ha" }).diagnostics).toEqual([]);
    const named = cibOf(HEADER + "resource p ocf:pacemaker:Dummy;\nclone p-clone of p on n1;\n");
    expect(emitPcs(named, { pcsVersion: "0.9", sourceName: "site.ha" }).value).toContain("pcs_f resource clone p\n");
  });

  it("an unknown --pcs-version is a usage error (exit 2) and writes nothing", () => {
    const r = hacc(["compile", "examples/storage-cluster.ha", "--target", "pcs", "--pcs-version", "0.12"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("argument '0.12' is invalid. Allowed choices are 0.9, 0.10, 0.11.");
  });
});

describe("pcs target: values", () => {
  it("shellQuote gives bash back every string byte for byte", () => {
    const values = ["plain", "", "a b", "it's", '"q"', "$(touch /tmp/x)", "`id`", "a;b&&c|d", "back\\slash\\", "<x>&amp;", "line1\nline2", "tab\there", "'", "''", "-x", "#c", "ü中", "~", "*", "!x"];
    const q = values.map(shellQuote).join(" ");
    const r = spawnSync("bash", ["-c", `for v in ${q}; do printf '%s\\0' "$v"; done`], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout.split("\0").slice(0, -1)).toEqual(values);
    expect(shellQuote("qemu:///system")).toBe("qemu:///system");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it("an empty value is HA5001: for pcs, `name=` removes the attribute", () => {
    const cib = cibOf(HEADER + 'resource d ocf:pacemaker:Dummy { fake = ""; } on n1;\n');
    const r = emitPcs(cib, { sourceName: "site.ha" });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([["HA5001", "resource `d`, attribute `fake` is empty, and pcs cannot set an empty value"]]);
    expect(r.diagnostics[0]!.span).toMatchObject({ file: "site.ha", line: 1, column: 1 });
  });

  it("a control character is HA5001: Pacemaker 2.1 cannot store it", () => {
    const cib = cibOf(HEADER + 'resource d ocf:pacemaker:Dummy { fake = "x"; } on n1;\n');
    const d = cib.resources[0]!;
    if (d.kind !== "primitive" || !d.instance) throw new Error("expected a primitive with parameters");
    const bad: Cib = { ...cib, resources: [{ ...d, instance: { ...d.instance, pairs: [{ ...d.instance.pairs[0]!, value: "one\ntwo" }] } }] };
    expect(emitPcs(bad, { sourceName: "site.ha" }).diagnostics.map((x) => x.code)).toEqual(["HA5001"]);
  });
});
