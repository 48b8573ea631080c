import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { analyze } from "../src/compile.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import type { Source } from "../src/diagnostics/span.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = join(ROOT, "bin", "hacc.js");
/**
 * The contract: the forms every version of hacc must keep accepting. The
 * project's copy is what tests read, so a clone of the repository alone runs
 * them; test/contract.test.ts keeps it identical to ../shared/contract when
 * that is present.
 */
export const CONTRACT = join(ROOT, "test", "fixtures", "contract.ha");
export const SHARED_CONTRACT = resolve(ROOT, "../shared/contract/contract.ha");

/** The stdlib as the CLI loads it. */
export function stdlib(): Source[] {
  const dir = join(ROOT, "stdlib");
  return readdirSync(dir)
    .filter((n) => n.endsWith(".ha"))
    .sort()
    .map((n) => ({ file: `<stdlib>/${n}`, text: readFileSync(join(dir, n), "utf8") }));
}

/** Every `.ha` file of the repository: the examples, the stdlib and the test sources. */
export function repositoryHaFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : name.endsWith(".ha") ? [path] : [];
    });
  return ["examples", "stdlib", "test"].flatMap((d) => walk(join(ROOT, d)));
}

export { seededRandom } from "./seeded.js";

/** Runs the pipeline on one site text (with the stdlib), as `hacc` would. */
export function analyzeText(text: string, file = "site.ha") {
  return analyze(stdlib(), [{ file, text }]);
}

/** A minimal opt-in cluster header for tests. */
export const HEADER = "cluster c {\n  nodes n1, n2, n3;\n  property symmetric-cluster = false;\n}\n";

/**
 * Marks spans inside test sources: `<|text|>` becomes `text`, and its range is
 * returned, so a test says exactly where a diagnostic must land.
 */
export function marked(src: string): { text: string; marks: { line: number; column: number; endColumn: number }[] } {
  const marks: { line: number; column: number; endColumn: number }[] = [];
  let text = "";
  let i = 0;
  let line = 1;
  let col = 1;
  let open: { line: number; column: number } | undefined;
  while (i < src.length) {
    if (src.startsWith("<|", i)) {
      open = { line, column: col };
      i += 2;
      continue;
    }
    if (src.startsWith("|>", i) && open) {
      marks.push({ line: open.line, column: open.column, endColumn: col });
      open = undefined;
      i += 2;
      continue;
    }
    const ch = src[i]!;
    text += ch;
    if (ch === "\n") {
      line++;
      col = 1;
    } else col++;
    i++;
  }
  return { text, marks };
}

/** The site's diagnostics (not the stdlib's) as `code@line:col-endCol`. */
export function codesAt(ds: readonly Diagnostic[]): string[] {
  return ds.filter((d) => !d.span.file.startsWith("<stdlib>")).map((d) => `${d.code}@${d.span.line}:${d.span.column}-${d.span.endColumn}`);
}

/** Expects exactly these codes at the marked spans, in source order. */
export function expectAt(src: string, codes: string[]): Diagnostic[] {
  const { text, marks } = marked(src);
  const r = analyzeText(text);
  const expected = marks.map((m, i) => `${codes[i]}@${m.line}:${m.column}-${m.endColumn}`);
  expect(codesAt(r.diagnostics)).toEqual(expected);
  return [...r.diagnostics];
}

/**
 * Compares text with a golden file. A missing golden is written and the test
 * still fails; `UPDATE_GOLDEN=1` rewrites goldens that differ.
 */
export function expectGolden(path: string, actual: string): void {
  const update = process.env["UPDATE_GOLDEN"] === "1";
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    throw new Error(`golden ${path} was missing; it has been written: review it and run the tests again`);
  }
  const expected = readFileSync(path, "utf8");
  if (expected !== actual && update) {
    writeFileSync(path, actual);
    return;
  }
  expect(actual, `golden ${path} (UPDATE_GOLDEN=1 rewrites it)`).toBe(expected);
}

/** Runs the built CLI. */
export function hacc(args: string[], opts: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input ?? "",
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", ...opts.env },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Whether Pacemaker's tools are here. In CI (`HACC_REQUIRE_PACEMAKER=1`) a
 * missing tool fails the run instead of skipping the tests.
 */
export function havePacemaker(tools: string[] = ["crm_verify", "cibadmin", "crm_simulate"]): boolean {
  const missing = tools.filter((t) => {
    try {
      execFileSync("sh", ["-c", `command -v ${t}`], { stdio: "ignore" });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0 && process.env["HACC_REQUIRE_PACEMAKER"] === "1") {
    throw new Error(`HACC_REQUIRE_PACEMAKER=1 but these tools are missing: ${missing.join(", ")}`);
  }
  return missing.length === 0;
}

/**
 * The warnings the seed's own settings draw, which the example and the bench
 * sites (transcriptions of the seed) keep on purpose: failure-timeout = 10s
 * against 10 s monitors (HA4021), guests that start in 900 s with the default
 * remote-connect-timeout (HA4022), shared targets with fencing off (HA4024).
 */
export const SEED_WARNINGS: ReadonlySet<string> = new Set(["HA4021", "HA4022", "HA4024"]);

/** The diagnostics other than the seed's own warnings. */
export function withoutSeedWarnings<D extends { code: string }>(ds: readonly D[]): D[] {
  return ds.filter((d) => !SEED_WARNINGS.has(d.code));
}

/**
 * A CLI's stderr without the seed's own warnings and the "N warnings" count
 * lines (a test that counts does not call this): each diagnostic runs from its
 * `warning[...]`/`error[...]` line to the blank line after it.
 */
export function stripSeedWarnings(stderr: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of stderr.split("\n")) {
    const head = /^(?:warning|error)\[(HA\d{4})\]/.exec(line);
    if (head) skipping = line.startsWith("warning") && SEED_WARNINGS.has(head[1]!);
    else if (line === "" && skipping) {
      skipping = false;
      continue;
    }
    if (skipping || /^\d+ warnings?$/.test(line)) continue;
    out.push(line);
  }
  return out.join("\n").replace(/^\n+/, "");
}
