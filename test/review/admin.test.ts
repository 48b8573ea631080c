import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLiveCib } from "../../src/review/live.js";
import { hacc, havePacemaker, ROOT } from "../helpers.js";

/**
 * Fencing levels and alerts through `hacc diff` and `hacc plan`: a level is
 * found by its target and index, an alert by its id; each plan target's
 * script, run on a copy of the live CIB, brings it to what the site declares
 * (read back and planned again: nothing left to do).
 */
const FIXTURE = join(ROOT, "test", "fixtures", "fencing.ha");
const tools = havePacemaker(["cibadmin", "crm_verify", "pcs", "crm"]);

/** The fixture edited: level 2 of n1 gains a device, the pattern's level goes, a level 3 comes, the snmp alert's timeout changes. */
function edited(): string {
  const src = readFileSync(FIXTURE, "utf8");
  const out = src
    .replace("fencing-level 2 for n1 with pdu;", "fencing-level 2 for n1 with pdu, ipmi-n2;\nfencing-level 3 for n1 with ipmi-n2;")
    .replace(/fencing-level 1 for nodes "n\[0-9\]\+" with pdu;\n/, "")
    .replace("meta timeout = 10s;", "meta timeout = 20s;");
  expect(out).not.toBe(src);
  return out;
}

describe("fencing levels and alerts in review", () => {
  it("diff shows levels by target and index, and an alert's changed attribute", () => {
    const d = mkdtempSync(join(tmpdir(), "hacc-admin-"));
    const next = join(d, "new.ha");
    writeFileSync(next, edited());
    const r = hacc(["diff", FIXTURE, next]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("1 to add, 2 to change, 1 to remove");
    expect(r.stdout).toContain("  ~ fencing-level 2 for n1 with pdu, ipmi-n2 (was pdu)");
    expect(r.stdout).toContain("  + fencing-level 3 for n1 with ipmi-n2");
    expect(r.stdout).toContain('  - fencing-level 1 for nodes "n[0-9]+" with pdu');
    expect(r.stdout).toContain("  ~ alert snmp /usr/share/pacemaker/alerts/alert_snmp.sh: meta timeout 10s -> 20s");
  });

  describe.skipIf(!tools)("with Pacemaker's tools", () => {
    for (const target of ["cib", "pcs", "crmsh"]) {
      it(`the ${target} plan brings the live CIB to the site; an undeclared level stays unless --prune`, { timeout: 180_000 }, () => {
        const d = mkdtempSync(join(tmpdir(), "hacc-admin-"));
        const live = join(d, "live.xml");
        expect(hacc(["compile", FIXTURE, "--target", "cib", "--full", "-o", live]).code).toBe(0);
        const next = join(d, "new.ha");
        writeFileSync(next, edited());
        // Without --prune the pattern's level is kept.
        const kept = hacc(["plan", next, "--live", live, "--target", target]);
        expect(kept.stdout).toContain('  = fencing-level 1 for nodes "n[0-9]+" with pdu  (kept');
        const script = join(d, "plan.sh");
        expect(hacc(["plan", next, "--live", live, "--target", target, "--prune", "-o", script]).code).toBe(0);
        const copy = join(d, "copy.xml");
        copyFileSync(live, copy);
        const r = spawnSync("bash", [script, copy], { encoding: "utf8" });
        expect(r.status, r.stdout + r.stderr).toBe(0);
        const after = readLiveCib(readFileSync(copy, "utf8"));
        if ("error" in after) throw new Error(JSON.stringify(after.error));
        expect(after.value.cib.fencingLevels?.map((f) => `${f.index} ${JSON.stringify(f.target)} ${f.devices.join(",")}`).sort()).toEqual(
          [
            '1 {"kind":"node","node":"n1"} ipmi-n1',
            '2 {"kind":"node","node":"n1"} pdu,ipmi-n2',
            '3 {"kind":"node","node":"n1"} ipmi-n2',
            '1 {"kind":"node","node":"n2"} ipmi-n2,pdu',
            '1 {"kind":"attribute","name":"rack","value":"r1"} ipmi-n1,ipmi-n2',
            '2 {"kind":"attribute","name":"rack","value":"r1"} pdu',
          ].sort(),
        );
        expect(after.value.cib.alerts?.find((a) => a.id === "snmp")?.meta?.pairs.map((p) => [p.name, p.value])).toEqual([["timeout", "20s"]]);
        const again = hacc(["plan", next, "--live", copy, "--target", target, "--prune"]);
        expect(again.stdout).toContain("no changes: the live configuration already is what the site declares");
      });
    }
  });
});
