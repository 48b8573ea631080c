import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/compile.js";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { importCib } from "../../src/import/import.js";
import { ROOT, stdlib } from "../helpers.js";
import { canonicalConfiguration } from "./normalise.js";

/**
 * Issue 15, part 4: Pacemaker's own 854 scheduler inputs, each imported,
 * compiled back (`--target cib --full`, in process: the same functions the
 * CLI calls) and compared with the original `<configuration>` through the
 * normaliser (test/import/normalise.ts, which ignores only what carries no
 * meaning). A file is exact, refused (the importer names what it cannot say,
 * or the imported site breaks one of hacc's rules), or differing: compiled
 * back to something else without a word, which must never happen.
 */
const CORPUS = resolve(ROOT, "../shared/corpus/pacemaker-cts");

/** The exact count this branch reaches; a change that lowers it fails. Raise it when the language grows. */
const EXACT_FLOOR = 772;

/** A refusal's reason with its names taken out: the construct it stands for. */
export function construct(reason: string): string {
  return reason
    .replace(/^(?:member `[^`]*`: )*attribute `([^`]*)`/, "attribute $1")
    .replace(/`[^`]*`/g, "X").replace(/"[^"]*"/g, "X").replace(/^(member X: )+/, "");
}

describe.skipIf(!existsSync(CORPUS))("the Pacemaker corpus round trip", () => {
  it("imports every file exactly or refuses it with reasons, never differing, never crashing", () => {
    const lib = stdlib();
    const files = readdirSync(CORPUS)
      .filter((f) => f.endsWith(".xml"))
      .sort();
    expect(files.length).toBe(854);
    let exact = 0;
    const refused = new Map<string, Set<string>>();
    const differing: string[] = [];
    for (const f of files) {
      const xml = readFileSync(join(CORPUS, f), "utf8");
      const r = importCib(xml);
      if ("error" in r) {
        refused.set(f, new Set([`unreadable: ${r.error}`]));
        continue;
      }
      if (r.text === undefined) {
        expect(r.refusals.length, f).toBeGreaterThan(0);
        for (const x of r.refusals) expect(x.path, f).toMatch(/^\/cib\/configuration(\/|$)/);
        refused.set(f, new Set(r.refusals.map((x) => construct(x.reason))));
        continue;
      }
      // The same bytes from the same CIB.
      expect((importCib(xml) as { text: string }).text, f).toBe(r.text);
      const a = analyze(lib, [{ file: `${f}.ha`, text: r.text }]);
      const errors = a.diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0 || a.value.cib === undefined) {
        refused.set(f, new Set(errors.map((d) => `the imported site breaks ${d.code}`)));
        continue;
      }
      const back = emitCibFull(a.value.cib);
      if (canonicalConfiguration(xml, { dropOwnerTag: false, setAside: new Set(r.setAside.map((x) => x.id)) }) === canonicalConfiguration(back, { dropOwnerTag: true })) exact++;
      else differing.push(f);
    }
    // What each missing construct would unlock: files refused for that reason alone, and files it appears in.
    const alone = new Map<string, number>();
    const anywhere = new Map<string, number>();
    for (const reasons of refused.values()) {
      for (const k of reasons) anywhere.set(k, (anywhere.get(k) ?? 0) + 1);
      if (reasons.size === 1) for (const k of reasons) alone.set(k, (alone.get(k) ?? 0) + 1);
    }
    const ranked = [...anywhere].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    console.log(
      [
        `corpus: ${exact} exact, ${refused.size} refused, ${differing.length} differing of ${files.length}`,
        "files | alone | reason",
        ...ranked.map(([k, n]) => `${n} | ${alone.get(k) ?? 0} | ${k}`),
      ].join("\n"),
    );
    expect(differing).toEqual([]);
    expect(exact + refused.size).toBe(files.length);
    expect(exact).toBeGreaterThanOrEqual(EXACT_FLOOR);
  }, 600_000);
});
