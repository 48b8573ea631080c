/**
 * The benchmark: `npm run bench` (builds, then runs this with tsx).
 *
 * For N = 100, 1,000 and 10,000 guests (bench/site.ts) and every target the
 * build has, it measures the wall time of the whole `hacc compile` process
 * (spawn to exit, median of several runs), the peak RSS of that process
 * (GNU time), and the time of each stage inside a fresh process
 * (bench/stages.ts). Where Pacemaker's tools are installed it also times the
 * route from source to a loaded CIB file at 100 guests for each target. It
 * writes the tables to docs/performance.md.
 *
 * Options: --runs R (samples per figure, default 7), --sizes 100,1000,...,
 * --routes N (guests for the Pacemaker routes, default 100; 0 skips them),
 * --route-targets cib,crmsh,pcs (which routes; pcs -f takes about 0.9 s a command),
 * --out FILE (default docs/performance.md; - prints to stdout).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateSite } from "./site.js";
import type { StageSample } from "./stages.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The build under test: a private copy of bin/, dist/ and stdlib/ (see `copyApp`), so a rebuild of the checkout mid-run changes nothing. */
let APP = ROOT;
let BIN = join(ROOT, "bin", "hacc.js");
/** The commit the copy was built from, read when it is copied. */
let VERSION = "unknown";
const STAGES = join(ROOT, "bench", "stages.ts");
const TIME = "/usr/bin/time";

interface Options {
  runs: number;
  sizes: number[];
  routes: number;
  routeTargets: string[];
  out: string;
}

function options(argv: string[]): Options {
  const o: Options = { runs: 7, sizes: [100, 1000, 10000], routes: 100, routeTargets: ["cib", "crmsh", "pcs"], out: join(ROOT, "docs", "performance.md") };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case "--runs":
        o.runs = Number(v);
        i++;
        break;
      case "--sizes":
        o.sizes = (v ?? "").split(",").map(Number);
        i++;
        break;
      case "--routes":
        o.routes = Number(v);
        i++;
        break;
      case "--route-targets":
        o.routeTargets = (v ?? "").split(",");
        i++;
        break;
      case "--out":
        o.out = v === "-" ? "-" : resolve(v ?? "");
        i++;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (!(o.runs >= 1) || o.sizes.some((n) => !(n >= 1))) throw new Error("--runs and --sizes take positive numbers");
  return o;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function log(s: string): void {
  process.stderr.write(s + "\n");
}

/** One run of the CLI: wall milliseconds; CPU milliseconds (user + system) and peak RSS in MB when GNU time is here. */
interface Run {
  readonly wall: number;
  readonly cpu?: number;
  readonly rss?: number;
}

const haveTime = existsSync(TIME);
/** A run that takes longer than this is stopped and reported as such. */
const TIMEOUT_MS = 300_000;

class TimedOut extends Error {}

/** Runs `node ENTRY ARGS` once with stdout to a file, under GNU time when it is installed. */
function runCli(entry: string, args: readonly string[], outFile: string): Run {
  const fd = openSync(outFile, "w");
  try {
    const argv = [entry, ...args];
    const [cmd, cmdArgs] = haveTime ? [TIME, ["-f", "HACC_BENCH %U %S %M", process.execPath, ...argv]] : [process.execPath, argv];
    const t0 = performance.now();
    const r = spawnSync(cmd, cmdArgs, { stdio: ["ignore", fd, "pipe"], encoding: "utf8", timeout: TIMEOUT_MS, maxBuffer: 64 * 2 ** 20 });
    const wall = performance.now() - t0;
    if (r.signal === "SIGTERM" || (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT") throw new TimedOut(`hacc ${args.join(" ")} took over ${TIMEOUT_MS / 1000} s`);
    if (r.status !== 0) throw new Error(`hacc ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    const m = /HACC_BENCH ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
    return m ? { wall, cpu: (Number(m[1]) + Number(m[2])) * 1000, rss: Number(m[3]) / 1024 } : { wall };
  } finally {
    closeSync(fd);
  }
}

/** Median of several runs after one warm-up run (file-system cache, page cache). */
function sample(entry: string, args: readonly string[], outFile: string, runs: number): { wall: number; min: number; max: number; cpu?: number; rss?: number } {
  runCli(entry, args, outFile);
  const rs = Array.from({ length: runs }, () => runCli(entry, args, outFile));
  const walls = rs.map((r) => r.wall);
  const cpus = rs.flatMap((r) => (r.cpu === undefined ? [] : [r.cpu]));
  const rsses = rs.flatMap((r) => (r.rss === undefined ? [] : [r.rss]));
  return {
    wall: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    ...(cpus.length ? { cpu: median(cpus) } : {}),
    ...(rsses.length ? { rss: median(rsses) } : {}),
  };
}

/** Runs `node bin/hacc.js ARGS` once (for the Pacemaker routes); milliseconds. */
function timeCli(args: readonly string[], outFile: string): number {
  return runCli(BIN, args, outFile).wall;
}

function stageSample(site: string, target: string): StageSample {
  const r = spawnSync(process.execPath, ["--import", "tsx", STAGES, site, target], { cwd: ROOT, encoding: "utf8", env: { ...process.env, HACC_BENCH_APP: APP } });
  if (r.status !== 0) throw new Error(`stages ${site} ${target} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as StageSample;
}

function has(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
}

const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const mb = (x: number | undefined) => (x === undefined ? "n/a" : `${x.toFixed(0)} MB`);
const int = (x: number) => x.toLocaleString("en-US");

/** The route from source to a loaded CIB file, for one target, timed once (the tools are slow). */
function route(target: string, site: string, dir: string, guests: number): Route {
  const cib = join(dir, `route-${target}.xml`);
  const emptyCib = execFileSync("cibadmin", ["--empty"], { encoding: "utf8" });
  writeFileSync(cib, emptyCib);
  const out = join(dir, `route-${target}.out`);
  const env = { ...process.env, CIB_file: cib };
  const t0 = performance.now();
  timeCli(["compile", site, "--target", target, "-o", out], join(dir, "route.stdout"));
  let how: string;
  let r;
  if (target === "cib") {
    how = "`hacc compile --target cib -o out.xml` + `CIB_file=cib.xml cibadmin --modify --xml-file out.xml`";
    r = spawnSync("cibadmin", ["--modify", "--xml-file", out], { env, encoding: "utf8" });
  } else if (target === "crmsh") {
    how = "`hacc compile --target crmsh -o out.crm` + `CIB_file=cib.xml crm configure load update out.crm`";
    r = spawnSync("crm", ["configure", "load", "update", out], { env, encoding: "utf8" });
  } else if (target === "pcs") {
    how = "`hacc compile --target pcs -o out.sh` + `bash out.sh cib.xml` (pcs -f per command)";
    r = spawnSync("bash", [out, cib], { env, encoding: "utf8" });
  } else return { target, how: "", ms: undefined, note: "no route known for this target" };
  const t = performance.now() - t0;
  const loaded = (readFileSync(cib, "utf8").match(/<primitive /g) ?? []).length;
  const expected = 3 * guests;
  if (r.status !== 0) return { target, how, ms: undefined, note: `failed (exit ${r.status}): ${(r.stderr ?? "").trim().split("\n").slice(-1)[0] ?? ""}` };
  const note = loaded === expected ? `CIB holds all ${expected} primitives` : `CIB holds ${loaded} of ${expected} primitives`;
  return { target, how, ms: t, note };
}

function gitDescribe(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "bench"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    return dirty ? `${head} (with uncommitted changes in src/ or bench/)` : head;
  } catch {
    return "unknown";
  }
}
interface CliFigure {
  readonly n: number;
  readonly target: string;
  /** "shipped" for the shipped build (dist/, one module per file), "bundle" for one esbuild file. */
  readonly build: "shipped" | "bundle";
  readonly wall?: number;
  readonly min?: number;
  readonly max?: number;
  readonly cpu?: number;
  readonly rss?: number;
  readonly outBytes?: number;
  readonly note?: string;
}

interface StageFigure {
  readonly n: number;
  readonly target: string;
  readonly parse: number;
  readonly check: number;
  readonly lower: number;
  readonly emit: number;
  readonly sum: number;
  readonly heap: number;
}

interface SiteFigure {
  readonly n: number;
  readonly hosts: number;
  readonly lines: number;
  readonly bytes: number;
  readonly primitives: number;
  readonly constraints: number;
}

interface Route {
  readonly target: string;
  readonly how: string;
  readonly ms: number | undefined;
  readonly note: string;
}

interface Startup {
  readonly what: string;
  readonly build: "shipped" | "bundle";
  readonly wall: number;
  readonly cpu?: number;
  readonly rss?: number;
}

/** Copies the built CLI (bin/, dist/, stdlib/, package.json) to `to`, with a link to node_modules, and measures that copy. */
function copyApp(to: string): void {
  VERSION = gitDescribe();
  for (const p of ["bin", "dist", "stdlib", "package.json"]) cpSync(join(ROOT, p), join(to, p), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(to, "node_modules"));
  APP = to;
  BIN = join(to, "bin", "hacc.js");
}

/**
 * The shipped build bundled into one file with esbuild (when node_modules has
 * it), to show what module loading costs: dist/cli/main.js and its lazily
 * imported chunks in a temporary directory beside a link to stdlib/.
 */
/** True when `npm run build` bundles the CLI itself, as it does since the esbuild step. */
const SHIPPED_IS_BUNDLED = existsSync(join(ROOT, "scripts", "bundle.mjs"));

function bundle(dir: string): string | undefined {
  const esbuild = join(ROOT, "node_modules", ".bin", "esbuild");
  if (!existsSync(esbuild)) return undefined;
  const out = join(dir, "bundle");
  const r = spawnSync(
    esbuild,
    [
      join(APP, "dist", "cli", "main.js"),
      "--bundle",
      "--splitting",
      "--platform=node",
      "--format=esm",
      "--target=node20",
      `--outdir=${join(out, "dist", "cli")}`,
      "--log-level=error",
      // commander is CommonJS: give its require() something to call.
      "--banner:js=import { createRequire as __hacc_cr } from 'node:module'; const require = __hacc_cr(import.meta.url);",
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) {
    log(`  (no bundle: esbuild failed: ${r.stderr.trim()})`);
    return undefined;
  }
  symlinkSync(join(APP, "stdlib"), join(out, "stdlib"));
  return join(out, "dist", "cli", "main.js");
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first (npm run bench does)");
  const dir = mkdtempSync(join(tmpdir(), "hacc-bench-"));
  copyApp(join(dir, "app"));
  const { EMITTERS } = (await import(pathToFileURL(join(APP, "dist", "emit", "index.js")).href)) as typeof import("../src/emit/index.js");
  const targets = Object.keys(EMITTERS);
  const stdout = join(dir, "stdout");
  const loadBefore = loadavg()[0]!;
  try {
    log(`hacc bench: targets ${targets.join(", ")}; sizes ${o.sizes.join(", ")}; ${o.runs} runs each; in ${dir}`);
    const bundled = bundle(dir);
    // The shipped CLI is already bundled (scripts/bundle.mjs); `bundled` stays for a build without it.
    const builds: ["shipped" | "bundle", string][] = [["shipped", BIN], ...(bundled && !SHIPPED_IS_BUNDLED ? [["bundle", bundled] as ["bundle", string]] : [])];

    const example = join(ROOT, "examples", "storage-cluster.ha");
    const startup: Startup[] = [];
    for (const [build, entry] of builds) {
      for (const [what, args] of [
        ["`hacc --version`", ["--version"]],
        ["`hacc --help`", ["--help"]],
        ["`hacc compile examples/storage-cluster.ha`", ["compile", example]],
      ] as const) {
        const s = sample(entry, args, stdout, o.runs);
        startup.push({ what, build, wall: s.wall, ...(s.cpu !== undefined ? { cpu: s.cpu } : {}), ...(s.rss !== undefined ? { rss: s.rss } : {}) });
        log(`  start-up ${build} ${what}: ${ms(s.wall)}`);
      }
    }

    const sites: SiteFigure[] = [];
    const cli: CliFigure[] = [];
    const stages: StageFigure[] = [];
    for (const n of o.sizes) {
      const site = generateSite({ guests: n });
      const file = join(dir, `site-${n}.ha`);
      writeFileSync(file, site.text);
      sites.push({
        n,
        hosts: site.hosts,
        lines: site.text.split("\n").length - 1,
        bytes: Buffer.byteLength(site.text),
        primitives: site.primitives,
        constraints: site.constraints,
      });
      for (const target of targets) {
        for (const [build, entry] of builds) {
          if (build === "bundle" && target !== "cib") continue; // module loading does not depend on the target
          const args = ["compile", file, "--target", target];
          try {
            const s = sample(entry, args, stdout, o.runs);
            cli.push({ n, target, build, ...s, outBytes: statSync(stdout).size });
            log(`  ${int(n)} guests, ${target}, ${build}: ${ms(s.wall)} wall, ${mb(s.rss)} peak`);
          } catch (e) {
            if (!(e instanceof TimedOut)) throw e;
            cli.push({ n, target, build, note: `over ${TIMEOUT_MS / 1000} s: stopped` });
            log(`  ${int(n)} guests, ${target}, ${build}: ${e.message}`);
          }
        }
        if (cli[cli.length - 1]?.note !== undefined) continue;
        const samples = Array.from({ length: o.runs }, () => stageSample(file, target));
        const bad = samples.find((s) => s.errors !== 0);
        if (bad) throw new Error(`the ${n}-guest site gave ${bad.errors} errors`);
        const pick = (f: (s: StageSample) => number) => median(samples.map(f));
        stages.push({
          n,
          target,
          parse: pick((s) => s.parse),
          check: pick((s) => s.check),
          lower: pick((s) => s.lower),
          emit: pick((s) => s.emit),
          sum: pick((s) => s.parse + s.check + s.lower + s.emit),
          heap: pick((s) => s.heap.emit),
        });
      }
    }

    const routes: Route[] = [];
    if (o.routes > 0) {
      const tools: Record<string, string[]> = { cib: ["cibadmin"], crmsh: ["cibadmin", "crm"], pcs: ["cibadmin", "pcs"] };
      const file = join(dir, `site-route-${o.routes}.ha`);
      writeFileSync(file, generateSite({ guests: o.routes }).text);
      for (const target of o.routeTargets) {
        if (!targets.includes(target)) {
          routes.push({ target, how: "", ms: undefined, note: "this build has no such target" });
          continue;
        }
        const missing = (tools[target] ?? []).filter((t) => !has(t));
        if (missing.length > 0) {
          routes.push({ target, how: "", ms: undefined, note: `not measured: ${missing.join(", ")} not installed` });
          continue;
        }
        log(`  route ${target} at ${o.routes} guests (once; the Pacemaker tools are slow)...`);
        const r = route(target, file, dir, o.routes);
        routes.push(r);
        log(`    ${r.ms === undefined ? r.note : ms(r.ms)}`);
      }
    }

    const doc = render(o, targets, startup, sites, cli, stages, routes, [loadBefore, loadavg()[0]!]);
    if (o.out === "-") process.stdout.write(doc);
    else {
      writeFileSync(o.out, keepNotes(o.out, doc));
      log(`wrote ${o.out}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The hand-written part of the page, below this line, survives a rerun. */
const NOTES = "<!-- notes: written by hand, kept by npm run bench -->";

function keepNotes(path: string, doc: string): string {
  const old = existsSync(path) ? readFileSync(path, "utf8") : "";
  const at = old.indexOf(NOTES);
  return doc + "\n" + (at >= 0 ? old.slice(at) : NOTES + "\n");
}

function render(
  o: Options,
  targets: readonly string[],
  startup: readonly Startup[],
  sites: readonly SiteFigure[],
  cli: readonly CliFigure[],
  stages: readonly StageFigure[],
  routes: readonly Route[],
  load: readonly [number, number],
): string {
  const cpu = cpus();
  const L: string[] = [];
  const version = startup.find((s) => s.build === "shipped")!.wall;
  const cpuMs = (x: number | undefined) => (x === undefined ? "n/a" : ms(x));
  L.push("# Performance");
  L.push("");
  L.push("How long `hacc compile` takes and how much memory it needs as a site grows.");
  L.push("Everything between this line and the notes at the end is written by `npm run bench`");
  L.push("(bench/run.ts); rerun it to refresh the figures.");
  L.push("");
  L.push("## Machine and method");
  L.push("");
  L.push(`- Run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, hacc ${VERSION}.`);
  L.push(`- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${type()} ${release()}; Node ${process.version}.`);
  L.push(`- Load average (1 min) ${load[0].toFixed(1)} before the run, ${load[1].toFixed(1)} after: other work on the machine stretches wall times; CPU time (user + system) is steadier.`);
  L.push("- Sites (bench/site.ts), in the seed's shape: I/O servers in failover pairs, 4 guests per pair");
  L.push("  (2 preferring each host), 2 InfiniBand VFs per guest within `vf-limit 8`, an lwfsd in every");
  L.push("  guest, a Lustre target per guest (`shared; mmp 60s;`), an optional order from each target to");
  L.push("  its lwfsd, and a -50 colocation between neighbouring guests. Every site compiles without an error (with the seed's own warnings).");
  L.push(`- Wall: the whole process, \`node bin/hacc.js compile SITE --target T > file\`, spawn to exit, median of ${o.runs} runs`);
  L.push(`  after a warm-up run (min – max beside it). CPU and peak RSS: GNU time's \`%U + %S\` and \`%M\` of the same runs.`);
  L.push("- Build: what `npm run build` ships: tsc, then the CLI bundled by esbuild (scripts/bundle.mjs) so");
  L.push("  start-up does not load chevrotain's ~600 lodash-es modules one by one; lazy commands are split off.");
  L.push(`- Stages: inside a fresh process per sample (bench/stages.ts, the built dist/ code), median of ${o.runs};`);
  L.push("  parse = lex + parse + AST of the stdlib and the site; check = names, rules (N-1 included), the site model;");
  L.push("  lower = the IR; emit = the target text. Heap = V8 heap in use after emit (garbage included).");
  L.push("");
  L.push("## The sites");
  L.push("");
  L.push("| guests | hosts | lines | bytes | primitives | constraints |");
  L.push("|---:|---:|---:|---:|---:|---:|");
  for (const s of sites) L.push(`| ${int(s.n)} | ${int(s.hosts)} | ${int(s.lines)} | ${int(s.bytes)} | ${int(s.primitives)} | ${int(s.constraints)} |`);
  L.push("");
  L.push("## Start-up");
  L.push("");
  L.push("| command | build | wall (median) | CPU | peak RSS |");
  L.push("|---|---|---:|---:|---:|");
  for (const s of startup) L.push(`| ${s.what} | ${s.build} | ${ms(s.wall)} | ${cpuMs(s.cpu)} | ${mb(s.rss)} |`);
  L.push("");
  L.push("## End to end: `hacc compile`");
  L.push("");
  const goal = (n: number): { ms: number; mb?: number } | undefined => (n === 10000 ? { ms: 1000, mb: 250 } : n === 1000 ? { ms: 250 } : undefined);
  L.push("| guests | target | build | wall (median) | min – max | CPU | peak RSS | output | goal (issue #6) |");
  L.push("|---:|---|---|---:|---:|---:|---:|---:|---|");
  for (const c of cli) {
    const g = goal(c.n);
    const ok = c.wall !== undefined && g !== undefined && c.wall < g.ms && (g.mb === undefined || (c.rss ?? Infinity) < g.mb);
    const met = g === undefined ? "" : `< ${ms(g.ms)}${g.mb ? `, < ${g.mb} MB` : ""}: ${ok ? "met" : "**missed**"}`;
    if (c.wall === undefined) {
      L.push(`| ${int(c.n)} | ${c.target} | ${c.build} | ${c.note ?? ""} | | | | | ${met} |`);
      continue;
    }
    L.push(
      `| ${int(c.n)} | ${c.target} | ${c.build} | ${ms(c.wall)} | ${ms(c.min!)} – ${ms(c.max!)} | ${cpuMs(c.cpu)} | ${mb(c.rss)} | ${int(c.outBytes ?? 0)} B | ${met} |`,
    );
  }
  L.push("");
  L.push("## Inside the process, by stage");
  L.push("");
  L.push("| guests | target | parse | check | lower | emit | all four | heap after emit |");
  L.push("|---:|---|---:|---:|---:|---:|---:|---:|");
  for (const s of stages) L.push(`| ${int(s.n)} | ${s.target} | ${ms(s.parse)} | ${ms(s.check)} | ${ms(s.lower)} | ${ms(s.emit)} | ${ms(s.sum)} | ${mb(s.heap)} |`);
  L.push("");
  L.push("## How cost grows with N");
  L.push("");
  L.push(`Start-up (\`hacc --version\`, ${ms(version)} with the shipped build) is paid once; the rest should grow with the guests.`);
  L.push("");
  L.push("| target | from | to | guests × | wall beyond start-up × | CPU × | stages × |");
  L.push("|---|---:|---:|---:|---:|---:|---:|");
  for (const t of targets) {
    const rows = cli.filter((c) => c.target === t && c.build === "shipped" && c.wall !== undefined);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      const sa = stages.find((s) => s.target === t && s.n === a.n);
      const sb = stages.find((s) => s.target === t && s.n === b.n);
      const beyondA = a.wall! - version;
      const beyond = beyondA >= 100 ? ((b.wall! - version) / beyondA).toFixed(1) : "n/a";
      const cpuX = a.cpu && b.cpu ? (b.cpu / a.cpu).toFixed(1) : "n/a";
      const st = sa && sb ? (sb.sum / sa.sum).toFixed(1) : "n/a";
      L.push(`| ${t} | ${int(a.n)} | ${int(b.n)} | ${(b.n / a.n).toFixed(0)} | ${beyond} | ${cpuX} | ${st} |`);
    }
  }
  L.push("");
  L.push("At 100 guests the work is small beside start-up and JIT warm-up, so the first ratio says little;");
  L.push("the step from 1,000 to 10,000 shows the growth. The test suite checks linearity without timing:");
  L.push("test/bench/scaling.test.ts counts the work each stage does at N and 4N (bench/work.ts).");
  L.push("");
  if (routes.length > 0) {
    L.push(`## From source to a loaded CIB file, ${int(o.routes)} guests`);
    L.push("");
    L.push("Each route starts from the `.ha` file and ends with the configuration in a CIB file made by");
    L.push("`cibadmin --empty` (offline, `CIB_file=`); timed once each, as the Pacemaker tools are slow.");
    L.push("");
    L.push("| target | route | time | result |");
    L.push("|---|---|---:|---|");
    for (const r of routes) L.push(`| ${r.target} | ${r.how || "—"} | ${r.ms === undefined ? "—" : ms(r.ms)} | ${r.note} |`);
    L.push("");
  }
  return L.join("\n");
}

await main();
