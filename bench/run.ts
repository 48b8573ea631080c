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
 * --out FILE (default docs/performance.md; - prints to stdout).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, release, tmpdir, totalmem, type } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateSite } from "./site.js";
import type { StageSample } from "./stages.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin", "hacc.js");
const STAGES = join(ROOT, "bench", "stages.ts");
const TIME = "/usr/bin/time";

interface Options {
  runs: number;
  sizes: number[];
  routes: number;
  out: string;
}

function options(argv: string[]): Options {
  const o: Options = { runs: 7, sizes: [100, 1000, 10000], routes: 100, out: join(ROOT, "docs", "performance.md") };
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

/** Runs `node bin/hacc.js ARGS` once with stdout to a file; milliseconds, or throws with its stderr. */
function timeCli(args: readonly string[], outFile: string): number {
  const fd = openSync(outFile, "w");
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`hacc ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    return ms;
  } finally {
    closeSync(fd);
  }
}

const haveTime = existsSync(TIME);

/** Peak RSS in MB of one `node bin/hacc.js ARGS` process, by GNU time; undefined without it. */
function peakRss(args: readonly string[], outFile: string): number | undefined {
  if (!haveTime) return undefined;
  const fd = openSync(outFile, "w");
  try {
    const r = spawnSync(TIME, ["-f", "HACC_MAXRSS_KB=%M", process.execPath, BIN, ...args], { stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
    const m = /HACC_MAXRSS_KB=(\d+)/.exec(r.stderr);
    if (r.status !== 0 || !m) throw new Error(`time hacc ${args.join(" ")} failed: ${r.stderr}`);
    return Number(m[1]) / 1024;
  } finally {
    closeSync(fd);
  }
}

function stageSample(site: string, target: string): StageSample {
  const r = spawnSync(process.execPath, ["--import", "tsx", STAGES, site, target], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`stages ${site} ${target} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as StageSample;
}

function has(tool: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" }).status === 0;
}

interface CliFigure {
  n: number;
  target: string;
  wall: number;
  min: number;
  max: number;
  rss: number | undefined;
  outBytes: number;
}

interface StageFigure {
  n: number;
  target: string;
  parse: number;
  check: number;
  lower: number;
  emit: number;
  sum: number;
  heap: number;
}

interface SiteFigure {
  n: number;
  hosts: number;
  lines: number;
  bytes: number;
  primitives: number;
  constraints: number;
}

interface Route {
  target: string;
  how: string;
  ms: number | undefined;
  note: string;
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

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first (npm run bench does)");
  const { EMITTERS } = (await import(pathToFileURL(join(ROOT, "dist", "emit", "index.js")).href)) as typeof import("../src/emit/index.js");
  const targets = Object.keys(EMITTERS);
  const dir = mkdtempSync(join(tmpdir(), "hacc-bench-"));
  const stdout = join(dir, "stdout");
  try {
    log(`hacc bench: targets ${targets.join(", ")}; sizes ${o.sizes.join(", ")}; ${o.runs} runs each; in ${dir}`);

    // Start-up.
    const example = join(ROOT, "examples", "storage-cluster.ha");
    const startup: { what: string; wall: number; rss: number | undefined }[] = [];
    for (const [what, args] of [
      ["`hacc --version`", ["--version"]],
      ["`hacc --help`", ["--help"]],
      ["`hacc compile examples/storage-cluster.ha` (2 guests)", ["compile", example]],
    ] as const) {
      timeCli(args, stdout); // warm the file-system cache
      const walls = Array.from({ length: o.runs }, () => timeCli(args, stdout));
      startup.push({ what, wall: median(walls), rss: peakRss(args, stdout) });
      log(`  start-up ${what}: ${ms(median(walls))}`);
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
        const args = ["compile", file, "--target", target];
        timeCli(args, stdout);
        const outBytes = statSync(stdout).size;
        const walls = Array.from({ length: o.runs }, () => timeCli(args, stdout));
        const rsses = Array.from({ length: Math.min(o.runs, 3) }, () => peakRss(args, stdout)).filter((x): x is number => x !== undefined);
        cli.push({ n, target, wall: median(walls), min: Math.min(...walls), max: Math.max(...walls), rss: rsses.length ? median(rsses) : undefined, outBytes });
        const samples = Array.from({ length: o.runs }, () => stageSample(file, target));
        const bad = samples.find((s) => s.diagnostics !== 0);
        if (bad) throw new Error(`the ${n}-guest site gave ${bad.diagnostics} diagnostics`);
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
        log(`  ${int(n)} guests, ${target}: ${ms(median(walls))} wall, ${mb(cli[cli.length - 1]!.rss)} peak`);
      }
    }

    const routes: Route[] = [];
    if (o.routes > 0) {
      const tools: Record<string, string[]> = { cib: ["cibadmin"], crmsh: ["cibadmin", "crm"], pcs: ["cibadmin", "pcs"] };
      const file = join(dir, `site-route-${o.routes}.ha`);
      writeFileSync(file, generateSite({ guests: o.routes }).text);
      for (const target of ["cib", "crmsh", "pcs"]) {
        if (!targets.includes(target)) {
          routes.push({ target, how: "", ms: undefined, note: "this build has no such target yet" });
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

    const doc = render(o, targets, startup, sites, cli, stages, routes);
    if (o.out === "-") process.stdout.write(doc);
    else {
      writeFileSync(o.out, doc);
      log(`wrote ${o.out}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(
  o: Options,
  targets: readonly string[],
  startup: readonly { what: string; wall: number; rss: number | undefined }[],
  sites: readonly SiteFigure[],
  cli: readonly CliFigure[],
  stages: readonly StageFigure[],
  routes: readonly Route[],
): string {
  const cpu = cpus();
  const L: string[] = [];
  const version = startup[0]!.wall;
  L.push("# Performance");
  L.push("");
  L.push("How long `hacc compile` takes and how much memory it needs as a site grows,");
  L.push("measured by `npm run bench` (bench/run.ts). Regenerate this page with");
  L.push("`npm run bench`; every figure below comes from that run.");
  L.push("");
  L.push("## Machine and method");
  L.push("");
  L.push(`- Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; hacc ${gitDescribe()}.`);
  L.push(`- Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? "unknown CPU"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${type()} ${release()}; Node ${process.version}.`);
  L.push(`- Sites: bench/site.ts, in the seed's shape: I/O servers in failover pairs, 4 guests per pair`);
  L.push("  (2 preferring each host), 2 InfiniBand VFs per guest within `vf-limit 8`, an lwfsd in every");
  L.push("  guest, a Lustre target per guest (`shared; mmp 60s;`), an optional order from each target to");
  L.push("  its lwfsd, and a -50 colocation between neighbouring guests. Every site compiles without a diagnostic.");
  L.push(`- Wall: the whole process, \`node bin/hacc.js compile SITE --target T > file\`, spawn to exit;`);
  L.push(`  median of ${o.runs} runs after one warm-up run (min and max beside it).`);
  L.push(`- Peak RSS: the same process's maximum resident set (GNU time \`%M\`), median of ${Math.min(o.runs, 3)} runs.`);
  L.push(`- Stages: inside a fresh process per sample (bench/stages.ts, the built dist/ code), median of ${o.runs};`);
  L.push("  parse = lex + parse + AST of the stdlib and the site; check = names, rules, the site model;");
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
  L.push("| command | wall (median) | peak RSS |");
  L.push("|---|---:|---:|");
  for (const s of startup) L.push(`| ${s.what} | ${ms(s.wall)} | ${mb(s.rss)} |`);
  L.push("");
  L.push("## End to end: `hacc compile`");
  L.push("");
  const goal = (n: number): { ms: number; mb: number } | undefined =>
    n === 10000 ? { ms: 1000, mb: 250 } : n === 1000 ? { ms: 250, mb: 250 } : undefined;
  L.push("| guests | target | wall (median) | min – max | peak RSS | output | target (issue #6) |");
  L.push("|---:|---|---:|---:|---:|---:|---|");
  for (const c of cli) {
    const g = goal(c.n);
    const met = g === undefined ? "" : `< ${ms(g.ms)}${c.n === 10000 ? `, < ${g.mb} MB` : ""}: ${c.wall < g.ms && (c.n !== 10000 || (c.rss ?? 0) < g.mb) ? "met" : "**missed**"}`;
    L.push(`| ${int(c.n)} | ${c.target} | ${ms(c.wall)} | ${ms(c.min)} – ${ms(c.max)} | ${mb(c.rss)} | ${int(c.outBytes)} B | ${met} |`);
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
  L.push(`Start-up (\`hacc --version\`, ${ms(version)}) is paid once; the rest should grow with the guests.`);
  L.push("");
  L.push("| target | from | to | guests × | wall beyond start-up × | stages × |");
  L.push("|---|---:|---:|---:|---:|---:|");
  for (const t of targets) {
    const rows = cli.filter((c) => c.target === t);
    const st = stages.filter((s) => s.target === t);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      const sa = st[i - 1]!;
      const sb = st[i]!;
      const beyond = (b.wall - version) / Math.max(1, a.wall - version);
      L.push(`| ${t} | ${int(a.n)} | ${int(b.n)} | ${(b.n / a.n).toFixed(0)} | ${beyond.toFixed(1)} | ${(sb.sum / sa.sum).toFixed(1)} |`);
    }
  }
  L.push("");
  L.push("At 100 guests the work is too small beside start-up and JIT warm-up for its ratio to mean much;");
  L.push("the step from 1,000 to 10,000 is the one that shows the growth. The test suite checks linearity");
  L.push("without timing (test/bench/scaling.test.ts counts the work the pipeline does at N and 4N).");
  L.push("");
  if (routes.length > 0) {
    L.push(`## From source to a loaded CIB file, ${int(o.routes)} guests`);
    L.push("");
    L.push("Each route starts from the `.ha` file and ends with the configuration in a CIB file made by");
    L.push("`cibadmin --empty` (offline, `CIB_file=`); timed once, as the Pacemaker tools are slow.");
    L.push("");
    L.push("| target | route | time | result |");
    L.push("|---|---|---:|---|");
    for (const r of routes) L.push(`| ${r.target} | ${r.how || "—"} | ${r.ms === undefined ? "—" : ms(r.ms)} | ${r.note} |`);
    L.push("");
  }
  return L.join("\n");
}

await main();
