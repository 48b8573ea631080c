/**
 * The one place the fidelity harness reaches into hacc: compile a site text
 * to a whole CIB, and ask hacc's own scheduler model where everything runs.
 * When the prediction moves (src/check/failover.ts -> src/placement/), only
 * the import below changes.
 */

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { failoverReport } from "../../src/placement/index.js";
import { analyze } from "../../src/compile.js";
import { emitCibFull } from "../../src/emit/cib/cib.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function stdlib() {
  const dir = join(ROOT, "stdlib");
  return readdirSync(dir)
    .filter((n) => n.endsWith(".ha"))
    .sort()
    .map((n) => ({ file: `<stdlib>/${n}`, text: readFileSync(join(dir, n), "utf8") }));
}

/** Resource id -> the node it runs on, or "stopped". */
export type Where = Readonly<Record<string, string>>;

/** hacc's answer for one site: the whole CIB and the predicted placements. */
export interface Prediction {
  readonly cib: string;
  readonly nodes: readonly string[];
  /** guest name -> its VM's resource id. */
  readonly guests: ReadonlyMap<string, string>;
  /** The resources hacc predicts (guest VMs and plain primitives on cluster nodes). */
  readonly predicted: readonly string[];
  readonly allUp: Where;
  /** With nothing failed, where everything settles once running (stickiness, current nodes). */
  readonly settled: Where;
  /** Failed host -> the placement after that single failure, from the all-up state. */
  readonly after: ReadonlyMap<string, Where>;
}

/** Compiles `text` (with the stdlib) and predicts; throws with the diagnostics when the site has errors. */
export function predict(text: string): Prediction {
  const r = analyze(stdlib(), [{ file: "site.ha", text }]);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || !r.value.site || !r.value.cib) throw new Error("site has errors: " + errors.map((d) => `${d.code} ${d.message}`).join("; "));
  const site = r.value.site;
  // The last "failure" fails nothing: the placement from the all-up one, once it runs.
  const report = failoverReport(site, [...site.nodes.map((n) => [n]), []]);
  const settled = report.scenarios[report.scenarios.length - 1]!;
  const ids = report.plan.placeables.map((p) => p.id);
  const guests = new Map(report.plan.placeables.filter((p) => p.guest !== undefined).map((p) => [p.guest!, p.id]));
  const where = (p: ReadonlyMap<string, string | undefined>): Where => Object.fromEntries(ids.map((id) => [id, p.get(id) ?? "stopped"]));
  return {
    cib: emitCibFull(r.value.cib),
    nodes: site.nodes,
    guests,
    predicted: ids,
    allUp: where(report.allUp),
    settled: where(settled.after),
    after: new Map(report.scenarios.filter((s) => s !== settled).map((s) => [s.failed, where(s.after)])),
  };
}
