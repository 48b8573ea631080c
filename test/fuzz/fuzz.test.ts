import { readFileSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/compile.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderAll } from "../../src/diagnostics/render.js";
import type { Source } from "../../src/diagnostics/span.js";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { EMITTERS } from "../../src/emit/index.js";
import { PCS_VERSIONS } from "../../src/emit/pcs/dialects.js";
import { formatSource } from "../../src/format/index.js";
import type { Cib } from "../../src/ir/types.js";
import { compareCibs } from "../../src/review/compare.js";
import { readLiveCib } from "../../src/review/live.js";
import { planAgainstLive, renderPlan } from "../../src/review/plan.js";
import { changesToJson, renderChanges } from "../../src/review/render.js";
import { PLAN_TARGETS } from "../../src/review/targets/index.js";
import { hacc, repositoryHaFiles, ROOT, stdlib } from "../helpers.js";
import { count, counted, params, RUNS } from "./common.js";

/**
 * Part 6 of issue 14: generated and mutated inputs through the parser, the
 * checker, every emitter, fmt, diff and the live-CIB reader (and the plan
 * targets behind it). None may throw (the CLI's "internal error", exit 3);
 * the CLI, run on some of them, exits 0, 1 or 2 as documented, with no
 * stack trace. `npm run fuzz` runs the same properties many more times.
 */
const lib = stdlib();
const libMap = new Map(lib.map((s) => [s.file, s]));

/** The repository's own sites, small enough to mutate quickly. */
const seeds: Source[] = repositoryHaFiles()
  .filter((p) => statSync(p).size < 16_000)
  .map((p) => ({ file: p.slice(ROOT.length + 1), text: readFileSync(p, "utf8") }));
const liveSeed = readFileSync(join(ROOT, "test", "review", "sites", "storage-live.xml"), "utf8");

/** Pieces of the language and of XML that mutations splice in. */
const TOKENS = [
  "{", "}", ";", ",", "=", '"', "\\", "#", "\n", "\r", "\t", "\u00a0", "\ufeff", "\u0000", "\u2028", "é", "😀",
  "cluster c {", "nodes n1, n2;", "resource r ocf:heartbeat:Dummy on n1;", "guest g on n1 prefer 100, n2 50;",
  "order a then b;", "colocate a with b -50;", "group g a, b;", "clone c of r;", "promotable p of r;",
  "lwfsd on g after vm;", "ib 0000:82:01.0 at 00:05.0;", "shared; mmp 60s;", "prefer", "after", "-INFINITY", "99999999999999999999",
  "<", ">", "</x>", "<x>", "&amp;", "&#0;", "&#x10FFFF;", "<![CDATA[", "<!-- ", "<?x?>", '"/>', "id=\"dup\"",
];

type Mutation = (s: string) => string;
const at = (s: string, f: number) => Math.floor(f * (s.length + 1));
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b]): Mutation => (s) => {
    const [i, j] = [at(s, a), at(s, b)].sort((x, y) => x - y);
    return s.slice(0, i) + s.slice(j!);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...TOKENS)).map(([a, t]): Mutation => (s) => s.slice(0, at(s, a)) + t + s.slice(at(s, a))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([a, b, c]): Mutation => (s) => {
    const [i, j] = [at(s, a), at(s, b)].sort((x, y) => x - y);
    const k = at(s, c);
    return s.slice(0, k) + s.slice(i, j) + s.slice(k);
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ unit: "binary", minLength: 1, maxLength: 3 })).map(([a, t]): Mutation => (s) => {
    const i = at(s, a);
    return s.slice(0, i) + t + s.slice(i + t.length);
  }),
);

const mutated = (base: fc.Arbitrary<string>) => fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 5 })).map(([s, ms]) => ms.reduce((t, m) => m(t), s));

const name = fc.oneof(fc.constantFrom("n1", "n2", "n3", "r1", "r2", "g1", "vm-g1", "web", "db"), fc.stringMatching(/^[a-z][a-z0-9._-]{0,5}$/));
const score = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String), fc.constantFrom("INFINITY", "-INFINITY", "+INFINITY"));
const str = fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/[\\"]/g, "").replace(/[\r\n]/g, " ")}"`);
const agent = fc.constantFrom("ocf:heartbeat:Dummy", "ocf:pacemaker:Dummy", "ocf:heartbeat:IPaddr2", "ocf:lustre:Lustre", "stonith:fence_ipmilan", "systemd:httpd", "x:y");
const statement: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.array(name, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(name, fc.oneof(name, str)), { maxLength: 2 })).map(
    ([ns, ps]) => `cluster c {\n  nodes ${ns.join(", ")};\n${ps.map(([k, v]) => `  property ${k} = ${v};\n`).join("")}}`,
  ),
  fc.tuple(name, agent, fc.array(fc.tuple(name, fc.oneof(str, name)), { maxLength: 3 }), fc.array(fc.tuple(name, score), { maxLength: 2 })).map(
    ([r, a, ps, on]) => `resource ${r} ${a} {${ps.map(([k, v]) => ` ${k} = ${v};`).join("")} }${on.length > 0 ? ` on ${on.map(([n, s]) => `${n} ${s}`).join(", ")}` : ""};`,
  ),
  fc.tuple(name, name, fc.array(fc.tuple(name, score), { maxLength: 2 })).map(([g, h, more]) => `guest ${g} on ${h}${more.map(([n, s]) => `, ${n} ${s}`).join("")};`),
  fc.tuple(name, name, fc.boolean()).map(([a, b, o]) => `order ${a} then ${b}${o ? " optional" : ""};`),
  fc.tuple(name, name, score).map(([a, b, s]) => `colocate ${a} with ${b} ${s};`),
  fc.tuple(name, fc.array(name, { minLength: 1, maxLength: 3 })).map(([g, ms]) => `group ${g} ${ms.join(", ")};`),
  fc.tuple(fc.constantFrom("clone", "promotable"), name, name).map(([k, c, r]) => `${k} ${c} of ${r};`),
  fc.tuple(name).map(([g]) => `lwfsd on ${g} after vm;`),
);
const generated = fc.array(statement, { minLength: 1, maxLength: 8 }).map((ss) => ss.join("\n") + "\n");
const site: fc.Arbitrary<string> = fc.oneof(
  generated,
  mutated(fc.constantFrom(...seeds.map((s) => s.text))),
  mutated(generated),
);

/** Every stage a site goes through in hacc; throws only on a bug. */
async function throughEverything(text: string): Promise<void> {
  // HACC_FUZZ_CURRENT=FILE keeps the case being run there: a case that hangs can be found.
  if (process.env["HACC_FUZZ_CURRENT"]) writeFileSync(process.env["HACC_FUZZ_CURRENT"], text);
  const src: Source = { file: "fuzz.ha", text };
  const r = analyze(lib, [src]);
  const all = new Map([...libMap, [src.file, src]]);
  renderAll(sortDiagnostics(r.diagnostics), all);
  const formatted = await formatSource(src);
  if (formatted.value !== undefined) {
    // What fmt writes is a site with the same meaning: it checks the same way.
    const again = analyze(lib, [{ file: "fuzz.ha", text: formatted.value }]);
    expect(codes(again.diagnostics), "fmt changed what the checker says").toEqual(codes(r.diagnostics));
  }
  const cib = r.value.cib;
  if (hasErrors(r.diagnostics) || cib === undefined) return;
  count("sites that compile");
  for (const t of Object.keys(EMITTERS)) {
    if (t === "pcs") for (const pcsVersion of PCS_VERSIONS) EMITTERS[t]!(cib, { pcsVersion, sourceName: src.file });
    else EMITTERS[t]!(cib, { full: true, sourceName: src.file });
  }
  throughReview(cib, emitCibFull(cib));
}

function codes(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => d.code).sort();
}

/** diff against an empty site and itself, and a plan against a live CIB text, with every plan target. */
function throughReview(site: Cib, liveText: string): void {
  if (process.env["HACC_FUZZ_CURRENT"]) writeFileSync(`${process.env["HACC_FUZZ_CURRENT"]}.xml`, liveText);
  const empty: Cib = { clusterName: site.clusterName, nodes: [], properties: { id: "cib-bootstrap-options", pairs: [] }, resources: [], constraints: [] };
  renderChanges(compareCibs(empty, site));
  changesToJson(compareCibs(site, empty));
  expect(renderChanges(compareCibs(site, site))).toEqual([]);
  const live = readLiveCib(liveText);
  if ("error" in live) return;
  for (const keepUndeclared of [false, true]) {
    const plan = planAgainstLive(live.value, site, { keepUndeclared });
    renderPlan(plan, { site: "fuzz.ha", live: "live.xml" });
    if (plan.refusals.length > 0) continue;
    for (const t of Object.keys(PLAN_TARGETS)) PLAN_TARGETS[t]!(plan, { site: "fuzz.ha", live: "live.xml", pcsVersion: "0.11" });
  }
}

const storage = analyze(lib, [{ file: "examples/storage-cluster.ha", text: readFileSync(join(ROOT, "examples", "storage-cluster.ha"), "utf8") }]).value.cib!;

describe("fuzz: generated and mutated input never makes hacc throw", () => {
  it("sites: parser, checker, renderer, fmt (idempotent in meaning), every emitter, diff and plan", async () => {
    await fc.assert(
      fc.asyncProperty(site, async (text) => {
        await throughEverything(text);
        count("sites");
      }),
      params(),
    );
  }, 120_000);

  it("live CIBs: mutated `cibadmin --query` output through the reader, the plan and every plan target", () => {
    fc.assert(
      fc.property(mutated(fc.constant(liveSeed)), (text) => {
        throughReview(storage, text);
        count("live CIBs");
      }),
      params(RUNS * 2),
    );
  });
});

describe("fuzz: the CLI on mutated input exits as documented, without a stack trace", () => {
  it("check, compile, fmt --check and plan: exit 0, 1 or 2, never 3, no `at file.js:line`", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-fuzz-"));
    const inputs = fc.sample(fc.tuple(site, mutated(fc.constant(liveSeed))), { numRuns: Math.max(3, Math.round(RUNS / 50)), seed: 14 });
    for (const [i, [text, live]] of inputs.entries()) {
      const file = join(dir, `s${i}.ha`);
      const liveFile = join(dir, `l${i}.xml`);
      writeFileSync(file, text);
      writeFileSync(liveFile, live);
      for (const args of [["check", file], ["compile", file, "--target", "pcs"], ["fmt", "--check", file], ["plan", file, "--live", liveFile, "--target", "cib"]]) {
        const r = hacc(args);
        expect([0, 1, 2], `${args.join(" ")}: ${r.stderr}`).toContain(r.code);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at .*:\d+:\d+/);
        count("CLI runs");
      }
    }
  }, 300_000);
});

afterAll(() => {
  if (process.env["HACC_FUZZ_REPORT"]) for (const [k, n] of counted) process.stdout.write(`fuzz: ${k}: ${n} cases\n`);
});
