import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { emitPcs } from "../../src/emit/pcs/pcs.js";
import { analyzeText, havePacemaker, ROOT } from "../helpers.js";

/**
 * pcs 0.9 cannot run here, but the steps the 0.9 script hands to Pacemaker's
 * own tools (crm_resource for utilization, cibadmin for a rule constraint:
 * what pcs 0.9.123 lacks) can: on a CIB holding everything else, they must
 * write exactly what the CIB target writes.
 */
const tools = havePacemaker(["cibadmin", "crm_resource"]);

const SITES = { "storage-cluster": join(ROOT, "examples", "storage-cluster.ha"), features: join(ROOT, "test", "golden", "pcs", "features.ha") };
const UTILIZATION = /^ *<utilization id="(?!nodes-)[^"]*">\n(?: *<nvpair [^\n]*\n)* *<\/utilization>\n/gm;
/** Every constraint element: the 0.9 script creates some with cibadmin (every location, and a colocation or order pcs 0.9 cannot write with its roles). */
const LOCATION = /^ *<(rsc_(?:location|colocation|order|ticket)) [^\n]*?(?:\/>\n|[^/]>\n[\s\S]*?<\/\1>\n)/gm;

/** The utilization sets and the constraints the 0.9 script hands to cibadmin (`ids`), as trimmed lines. */
function handed(xml: string, ids: ReadonlySet<string>): string[] {
  const locations = [...xml.matchAll(LOCATION)].filter((m) => ids.has(/id="([^"]*)"/.exec(m[0])![1]!));
  return [...xml.matchAll(UTILIZATION), ...locations].flatMap((m) => m[0].split("\n").map((l) => l.trim()).filter((l) => l !== ""));
}

/** Role names as Pacemaker 2.1 reads them (Master is Promoted, Slave Unpromoted): the 0.9 script writes 1.1's names where the CIB target may write either. */
const newRoles = (l: string) => l.replace(/role="Master"/g, 'role="Promoted"').replace(/role="Slave"/g, 'role="Unpromoted"');

describe.skipIf(!tools)("pcs 0.9 script: the steps for what pcs 0.9.123 lacks", () => {
  for (const [name, path] of Object.entries(SITES)) {
    it(`write the CIB target's utilization and rule constraints (${name})`, () => {
      const r = analyzeText(readFileSync(path, "utf8"), path);
      const full = emitCibFull(r.value.cib!);
      const steps = emitPcs(r.value.cib!, { pcsVersion: "0.9", sourceName: path }).value.split("\n").filter((l) => l.trim().startsWith("cib_f "));
      expect(steps.length).toBeGreaterThan(0);
      const ids = new Set(steps.flatMap((l) => [.../<rsc_(?:location|colocation|order|ticket) id="([^"]*)"/.exec(l)?.slice(1) ?? []]));
      const want = handed(full, ids).map(newRoles);
      expect(want.length).toBeGreaterThan(0);
      const d = mkdtempSync(join(tmpdir(), "hacc-pcs09-"));
      const cib = join(d, "cib.xml");
      writeFileSync(cib, full.replace(UTILIZATION, "").replace(LOCATION, (m) => (ids.has(/id="([^"]*)"/.exec(m)![1]!) ? "" : m)));
      expect(handed(readFileSync(cib, "utf8"), ids)).toEqual([]);
      const script = ['set -euo pipefail', 'die() { echo "$*" >&2; exit 1; }', `cib=${JSON.stringify(cib)}`, 'cib_f() { CIB_file="$cib" "$@" || die "failed: $*"; }', ...steps].join("\n");
      const run = spawnSync("bash", ["-c", script], { encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
      const got = handed(readFileSync(cib, "utf8"), ids).map(newRoles);
      expect([...got].sort()).toEqual([...want].sort());
    });
  }
});
