/**
 * Two builds of hacc side by side, in one run: `npm run bench:compare -- --before DIR`
 * (builds this checkout, then runs this with tsx).
 *
 * DIR is another checkout with its own `npm run build` done (bin/, dist/,
 * stdlib/). For each size (bench/site.ts) and each of R rounds, it runs the
 * before build, then this one (interleaved, so load on the machine falls on
 * both alike): `hacc compile SITE --target cib -o FILE` under GNU time (CPU =
 * user + system, peak RSS), and bench/stages.ts on that build (CPU of each
 * stage, in a fresh process). It prints a Markdown table of medians with
 * after/before ratios, and whether the two builds wrote the same CIB.
 *
 * Options: --before DIR (required), --between DIR (a third build, shown between
 * the two), --after DIR (default this checkout; a copy, with its commit in a
 * COMMIT file, keeps a rebuild during the run out of it), --sizes 1000,10000,
 * --runs R (default 5).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSite } from "./site.js";
import type { StageSample } from "./stages.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const STAGES = join(ROOT, "bench", "stages.ts");
const TIME = "/usr/bin/time";

interface Options {
  before: string;
  between?: string;
  after: string;
  sizes: number[];
  runs: number;
}

function options(argv: string[]): Options {
  const o: Options = { before: "", after: ROOT, sizes: [1000, 10000], runs: 5 };
  for (let i = 0; i < argv.length; i += 2) {
    const v = argv[i + 1] ?? "";
    if (argv[i] === "--before") o.before = resolve(v);
    else if (argv[i] === "--after") o.after = resolve(v);
    else if (argv[i] === "--between") o.between = resolve(v);
    else if (argv[i] === "--sizes") o.sizes = v.split(",").map(Number);
    else if (argv[i] === "--runs") o.runs = Number(v);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!o.before || !existsSync(join(o.before, "dist", "cli", "main.js"))) throw new Error("--before DIR: a checkout with dist/ built");
  if (!(o.runs >= 1) || o.sizes.some((n) => !(n >= 1))) throw new Error("--runs and --sizes take positive numbers");
  if (!existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed for CPU time and peak RSS`);
  return o;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The commit a build was made from: git's, or a COMMIT file beside a copied build's dist/. */
function git(dir: string): string {
  if (existsSync(join(dir, "COMMIT"))) return readFileSync(join(dir, "COMMIT"), "utf8").trim();
  const r = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: dir, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "unknown";
}

/** One `hacc compile` of a build: CPU ms and peak RSS MB (GNU time). */
function compile(app: string, site: string, out: string): { cpu: number; rss: number } {
  const args = ["-f", "HACC_BENCH %U %S %M", process.execPath, join(app, "bin", "hacc.js"), "compile", site, "--target", "cib", "-o", out];
  const r = spawnSync(TIME, args, { encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`${app}: hacc compile exited ${r.status}: ${r.stderr}`);
  const m = /HACC_BENCH ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`no GNU time figures in: ${r.stderr}`);
  return { cpu: (Number(m[1]) + Number(m[2])) * 1000, rss: Number(m[3]) / 1024 };
}

function stages(app: string, site: string): StageSample {
  const r = spawnSync(process.execPath, ["--import", "tsx", STAGES, site, "cib"], { cwd: ROOT, encoding: "utf8", env: { ...process.env, HACC_BENCH_APP: app } });
  if (r.status !== 0) throw new Error(`stages ${app} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as StageSample;
}

interface Samples {
  cpu: number[];
  rss: number[];
  parseCpu: number[];
  stagesCpu: number[];
  stagesRss: number[];
}

const empty = (): Samples => ({ cpu: [], rss: [], parseCpu: [], stagesCpu: [], stagesRss: [] });

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const builds: [string, string][] = [["before", o.before], ...(o.between ? [["between", o.between] as [string, string]] : []), ["after", o.after]];
  const names = builds.map(([name]) => name);
  const dir = mkdtempSync(join(tmpdir(), "hacc-compare-"));
  const load0 = loadavg()[0]!;
  const rows: string[] = [];
  const outputs: string[] = [];
  try {
    for (const n of o.sizes) {
      const site = join(dir, `site-${n}.ha`);
      writeFileSync(site, generateSite({ guests: n }).text);
      const got: Record<string, Samples> = Object.fromEntries(names.map((name) => [name, empty()]));
      // A warm-up run of each build (page cache), not counted.
      for (const [name, app] of builds) compile(app, site, join(dir, `${name}.xml`));
      const sizes = names.map((name) => `${name} ${statSync(join(dir, `${name}.xml`)).size.toLocaleString("en-US")} B`);
      const last = readFileSync(join(dir, `${names[names.length - 2]!}.xml`));
      const same = last.equals(readFileSync(join(dir, "after.xml")));
      outputs.push(`${n.toLocaleString("en-US")} guests: CIBs of ${sizes.join(", ")}; ${names[names.length - 2]} and after ${same ? "byte-identical" : "differ"}`);
      for (let r = 0; r < o.runs; r++) {
        for (const [name, app] of builds) {
          const c = compile(app, site, join(dir, `${name}.xml`));
          const s = stages(app, site);
          const g = got[name]!;
          g.cpu.push(c.cpu);
          g.rss.push(c.rss);
          g.parseCpu.push(s.cpu.parse);
          g.stagesCpu.push(s.cpu.parse + s.cpu.check + s.cpu.lower + s.cpu.emit);
          g.stagesRss.push(s.peakRss);
        }
        process.stderr.write(`  ${n} guests: round ${r + 1} of ${o.runs}\n`);
      }
      const line = (what: string, pick: (s: Samples) => number[], unit: "s" | "MB") => {
        const m = names.map((name) => median(pick(got[name]!)));
        const f = (x: number) => (unit === "s" ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} MB`);
        const a = m[m.length - 1]!;
        const ratios = m.slice(0, -1).map((x) => (a / x).toFixed(2));
        rows.push(`| ${n.toLocaleString("en-US")} | ${what} | ${m.map(f).join(" | ")} | ${ratios.join(" | ")} |`);
      };
      line("`hacc compile --target cib -o`: CPU", (s) => s.cpu, "s");
      line("`hacc compile --target cib -o`: peak RSS", (s) => s.rss, "MB");
      line("parse stage: CPU", (s) => s.parseCpu, "s");
      line("four stages: CPU", (s) => s.stagesCpu, "s");
      line("stages process: peak RSS", (s) => s.stagesRss, "MB");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const L: string[] = [];
  L.push(`${builds.map(([name, app]) => `${name}: ${git(app)}`).join("; ")}. ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, load average (1 min) ${load0.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after.`);
  L.push(`Medians of ${o.runs} interleaved rounds (${names.join(", ")}, ${names[0]}, ...) after one warm-up run each. Output: ${outputs.join("; ")}.`);
  L.push("");
  L.push(`| guests | measure | ${names.join(" | ")} | ${names.slice(0, -1).map((x) => `after / ${x}`).join(" | ")} |`);
  L.push(`|---:|---|${names.map(() => "---:").join("|")}|${names.slice(0, -1).map(() => "---:").join("|")}|`);
  L.push(...rows);
  process.stdout.write(L.join("\n") + "\n");
}

await main();
