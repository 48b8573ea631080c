/**
 * The N-1 check's time on a large generated site (bench/site.ts: 1,000 guests
 * on 500 I/O servers in pairs, 3,000 primitives). Run: npx tsx test/failover/bench.ts [GUESTS]
 */
import { performance } from "node:perf_hooks";
import { generateSite } from "../../bench/site.js";
import { checkFailover } from "../../src/check/failover.js";
import { failoverReport } from "../../src/placement/index.js";
import { analyze } from "../../src/compile.js";
import { stdlib } from "../helpers.js";

const guests = Number(process.argv[2] ?? 1000);
const shape = generateSite({ guests });
const r = analyze(stdlib(), [{ file: "big.ha", text: shape.text }], { n1: false });
const site = r.value.site!;
const times: number[] = [];
let found = 0;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  found = checkFailover(site).length;
  times.push(performance.now() - t0);
}
const report = failoverReport(site);
const moves = report.scenarios.reduce((n, s) => n + s.moves.length, 0);
times.sort((a, b) => a - b);
process.stdout.write(
  `${shape.guests} guests, ${shape.hosts} hosts, ${shape.primitives} primitives: ` +
    `N-1 check (${report.scenarios.length} single-host failures, ${moves} predicted moves, ${found} diagnostics) ` +
    `median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)})\n`,
);
