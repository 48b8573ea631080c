/**
 * The one place the fidelity harness reaches into hacc: compile a site text
 * to a whole CIB, and ask for the prediction `hacc simulate --engine hacc`
 * prints (src/simulate/hacc.ts `forecast`): the same path, not a copy.
 */

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyze } from "../../src/compile.js";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { lower } from "../../src/ir/lower.js";
import type { Simulation } from "../../src/simulate/crm.js";
import { forecast, TIED } from "../../src/simulate/hacc.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function stdlib() {
  const dir = join(ROOT, "stdlib");
  return readdirSync(dir)
    .filter((n) => n.endsWith(".ha"))
    .sort()
    .map((n) => ({ file: `<stdlib>/${n}`, text: readFileSync(join(dir, n), "utf8") }));
}

/** The place of a resource whose node hangs on Pacemaker's hash order in that run (reported as not predicted). */
export const UNDETERMINED = "undetermined";

/** The place of a resource whose node hacc reports as uncertain in that run (a resource it does not predict may change it): counted apart. */
export const UNCERTAIN = "uncertain";

/** Resource id -> the node it runs on, "stopped", UNDETERMINED or UNCERTAIN; only the resources hacc predicts. */
export type Where = Readonly<Record<string, string>>;

/** hacc's answer for one site: the whole CIB and the predicted placements. */
export interface Prediction {
  readonly cib: string;
  readonly nodes: readonly string[];
  /** VM resource id -> its guest node. */
  readonly vmOf: ReadonlyMap<string, string>;
  /** The resources hacc predicts (guest VMs, plain primitives on cluster nodes, services fixed inside a guest). */
  readonly predicted: readonly string[];
  /** The first run, from nothing running. */
  readonly allUp: Where;
  /** With nothing failed, where everything settles once running (stickiness, current nodes, guest nodes up). */
  readonly settled: Where;
  /** Failed host -> the placement after that single failure, from the settled state. */
  readonly after: ReadonlyMap<string, Where>;
}

/** Compiles `text` (with the stdlib) and predicts; throws with the diagnostics when the site has errors. */
export function predict(text: string): Prediction {
  const r = analyze(stdlib(), [{ file: "site.ha", text }], { n1: false });
  // A resource that can never run (HA4006) is an error to hacc, yet a CIB Pacemaker takes
  // (it leaves the resource stopped): such a site is compared too, lowered here.
  const errors = r.diagnostics.filter((d) => d.severity === "error" && d.code !== "HA4006");
  if (errors.length > 0 || !r.value.site) throw new Error("site has errors: " + errors.map((d) => `${d.code} ${d.message}`).join("; "));
  const site = r.value.site;
  const cib = r.value.cib ?? lower(site);
  const f = forecast(site, site.nodes.map((n) => [n]));
  // A row not predicted in one run only, because its node hangs on Pacemaker's hash order, is still one hacc predicts.
  const tied = (row: Simulation["rows"][number]) => row.predicted === false && row.why === TIED;
  const predicted = f.first.rows.filter((row) => row.predicted !== false || tied(row)).map((row) => row.resource);
  const where = (sim: Simulation, side: "before" | "after"): Where =>
    Object.fromEntries(
      sim.rows
        .filter((row) => row.predicted !== false || tied(row))
        .map((row) => [row.resource, tied(row) ? UNDETERMINED : row.uncertain?.[side] !== undefined ? UNCERTAIN : row[side].length === 1 ? row[side][0]! : "stopped"]),
    );
  const vmOf = new Map<string, string>();
  for (const res of site.resources) if (res.kind === "primitive" && res.guest) vmOf.set(res.id, res.guest.name);
  return {
    cib: emitCibFull(cib),
    nodes: site.nodes,
    vmOf,
    predicted,
    allUp: where(f.first, "before"),
    settled: f.runs[0] ? where(f.runs[0], "before") : where(f.first, "before"),
    after: new Map(site.nodes.map((n, i) => [n, where(f.runs[i]!, "after")])),
  };
}
