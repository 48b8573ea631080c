/**
 * `npm run fidelity -- --sites 2000 --seed 1 [--jobs 2] [--verbose]`: the
 * differential test at scale. Generates the sites (seeds SEED..SEED+SITES-1),
 * holds hacc's prediction to crm_simulate's on each, and prints the counts
 * and every disagreement (site seed, scenario, resource, hacc's node,
 * Pacemaker's). Exit 1 when any site disagrees. `--show SEED` prints one
 * site's text; `--file SITE.ha` compares that site instead.
 */

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compareSite, pool, type SiteResult } from "./differential.js";
import { generateSite } from "./generate.js";

const { values } = parseArgs({
  options: {
    sites: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    jobs: { type: "string", default: "2" },
    verbose: { type: "boolean", default: false },
    show: { type: "string" },
    file: { type: "string" },
  },
});

if (values.file !== undefined) {
  const text = readFileSync(values.file, "utf8");
  const r = await compareSite(text, /^# predicted: (.*)$/m.exec(text)?.[1]!.split(",").map((x) => x.trim()) ?? []);
  for (const d of r.disagreements) process.stdout.write(`${d.scenario}: ${d.resource} hacc ${d.hacc}, pacemaker ${d.pacemaker}\n`);
  for (const sc of r.invalid) process.stdout.write(`${sc}: crm_simulate produced an invalid transition, not compared\n`);
  process.stdout.write(`${values.file}: ${r.scenarios} scenarios, ${r.compared} placements compared, ${r.disagreements.length} disagreements, ${r.undetermined} not predicted (hash-order ties), ${r.uncertain} uncertain, ${r.unpredicted} placements of resources hacc does not predict, ${r.invalid.length} invalid transitions\n`);
  process.exit(r.disagreements.length > 0 ? 1 : 0);
}

if (values.show !== undefined) {
  process.stdout.write(generateSite(Number(values.show)).text);
  process.exit(0);
}

const count = Number(values.sites);
const start = Number(values.seed);
const seeds = Array.from({ length: count }, (_, i) => start + i);
const t0 = Date.now();
let done = 0;
const results = await pool(seeds, Number(values.jobs), async (seed): Promise<[number, SiteResult]> => {
  const site = generateSite(seed);
  const r = await compareSite(site.text, site.mustPredict).catch(
    (e: Error): SiteResult => ({ scenarios: 0, compared: 0, unpredicted: 0, undetermined: 0, uncertain: 0, invalid: [], disagreements: [{ scenario: "error", resource: "-", hacc: "-", pacemaker: e.message.split("\n").slice(0, 3).join(" / ") }] }),
  );
  done++;
  if (process.stderr.isTTY && done % 10 === 0) process.stderr.write(`\r${done}/${count}`);
  return [seed, r];
});
if (process.stderr.isTTY) process.stderr.write("\r");

let scenarios = 0;
let compared = 0;
let unpredicted = 0;
let undetermined = 0;
let uncertain = 0;
const tiedSeeds: number[] = [];
const bad: [number, SiteResult][] = [];
const invalid: string[] = [];
const byFeature = new Map<string, number>();
for (const [seed, r] of results) {
  scenarios += r.scenarios;
  compared += r.compared;
  unpredicted += r.unpredicted;
  undetermined += r.undetermined;
  uncertain += r.uncertain;
  if (r.undetermined > 0) tiedSeeds.push(seed);
  for (const sc of r.invalid) invalid.push(`seed ${seed}, ${sc}`);
  if (r.disagreements.length === 0) continue;
  bad.push([seed, r]);
  for (const f of generateSite(seed).features) byFeature.set(f, (byFeature.get(f) ?? 0) + 1);
}
const lines = [
  `sites ${count} (seeds ${start}..${start + count - 1}), scenarios ${scenarios}, placements compared ${compared}, in-guest placements not predicted ${unpredicted}`,
  `disagreements: ${bad.reduce((n, [, r]) => n + r.disagreements.length, 0)} placements on ${bad.length} of ${count} sites (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  `placements hacc reports as not predicted (a tie Pacemaker breaks by hash order): ${undetermined}${tiedSeeds.length > 0 ? ` on seeds ${tiedSeeds.join(", ")}` : ""}`,
  `placements hacc reports as uncertain (a resource it does not predict may change them), not compared: ${uncertain}`,
  `scenarios not compared, crm_simulate produced an invalid transition: ${invalid.length}${invalid.length > 0 ? ` (${invalid.join("; ")})` : ""}`,
];
if (bad.length > 0) {
  lines.push("features of the disagreeing sites: " + [...byFeature].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(", "));
  for (const [seed, r] of bad) {
    lines.push(`seed ${seed} [${generateSite(seed).features.join(", ")}]`);
    for (const d of r.disagreements) lines.push(`  ${d.scenario}: ${d.resource} hacc ${d.hacc}, pacemaker ${d.pacemaker}`);
    if (values.verbose) lines.push(generateSite(seed).text.replace(/^/gm, "    "));
  }
}
process.stdout.write(lines.join("\n") + "\n");
process.exit(bad.length > 0 ? 1 : 0);
