/**
 * One compile, in process, timed stage by stage: `tsx bench/stages.ts SITE TARGET`.
 * It loads the built pipeline from dist/ (what the CLI runs; $HACC_BENCH_APP/dist when set) and prints one
 * JSON line: milliseconds per stage, heap after each stage, and the
 * process's peak RSS. The runner spawns it afresh for every sample, so each
 * sample is a cold run, as a `hacc compile` is.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The build to measure: HACC_BENCH_APP (the runner's private copy) or this checkout. */
const APP = process.env["HACC_BENCH_APP"] ?? ROOT;
const dist = (p: string) => pathToFileURL(join(APP, "dist", p)).href;

export interface StageSample {
  readonly load: number;
  readonly read: number;
  readonly parse: number;
  readonly check: number;
  readonly lower: number;
  readonly emit: number;
  readonly total: number;
  readonly bytes: number;
  readonly diagnostics: number;
  /** Of them, errors (the bench sites keep the seed's own warnings). */
  readonly errors: number;
  /** CPU time (user + system, every thread of the process: GC helpers too) of each stage, milliseconds. */
  readonly cpu: Readonly<Record<"parse" | "check" | "lower" | "emit", number>>;
  /** Heap in use after each stage, MB. */
  readonly heap: Readonly<Record<"parse" | "check" | "lower" | "emit", number>>;
  /** Peak resident set of this process, MB. */
  readonly peakRss: number;
}

async function main(): Promise<void> {
  const [site, target = "cib"] = process.argv.slice(2);
  if (site === undefined) throw new Error("usage: tsx bench/stages.ts SITE [TARGET]");
  const t0 = performance.now();
  const { parse } = (await import(dist("ast/parse.js"))) as typeof import("../src/ast/parse.js");
  // check/index.js since issue 12; check/check.js in builds before it (bench/compare.ts measures those too).
  const checkModule = existsSync(join(APP, "dist", "check", "index.js")) ? "check/index.js" : "check/check.js";
  const { check } = (await import(dist(checkModule))) as typeof import("../src/check/index.js");
  const { lower } = (await import(dist("ir/lower.js"))) as typeof import("../src/ir/lower.js");
  const { EMITTERS } = (await import(dist("emit/index.js"))) as typeof import("../src/emit/index.js");
  const { readStdlib } = (await import(dist("cli/io.js"))) as typeof import("../src/cli/io.js");
  const emitter = EMITTERS[target];
  if (emitter === undefined) throw new Error(`no target ${target}`);
  const mb = () => process.memoryUsage().heapUsed / 2 ** 20;
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const t1 = performance.now();
  const sources = [...readStdlib(), { file: site, text: readFileSync(site, "utf8") }];
  const t2 = performance.now();
  const c2 = cpuMs();
  const parsed = sources.map((s) => parse(s));
  const t3 = performance.now();
  const c3 = cpuMs();
  const hParse = mb();
  const checked = check(parsed.map((p) => p.value));
  const t4 = performance.now();
  const c4 = cpuMs();
  const hCheck = mb();
  if (checked.value === undefined) throw new Error("no site model");
  const cib = lower(checked.value);
  const t5 = performance.now();
  const c5 = cpuMs();
  const hLower = mb();
  const out = emitter(cib, { sourceName: site });
  const t6 = performance.now();
  const c6 = cpuMs();
  const hEmit = mb();
  const all = [...parsed.flatMap((p) => p.diagnostics), ...checked.diagnostics, ...out.diagnostics];
  const diagnostics = all.length;
  const errors = all.filter((d) => d.severity === "error").length;
  const sample: StageSample = {
    load: t1 - t0,
    read: t2 - t1,
    parse: t3 - t2,
    check: t4 - t3,
    lower: t5 - t4,
    emit: t6 - t5,
    total: t6 - t0,
    bytes: Buffer.byteLength(out.value),
    diagnostics,
    errors,
    cpu: { parse: c3 - c2, check: c4 - c3, lower: c5 - c4, emit: c6 - c5 },
    heap: { parse: hParse, check: hCheck, lower: hLower, emit: hEmit },
    peakRss: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(sample) + "\n");
}

await main();
