import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/compile.js";
import { CATALOGUE, type Code } from "../../src/diagnostics/catalogue.js";
import { decodeSource } from "../../src/diagnostics/decode.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderAll } from "../../src/diagnostics/render.js";
import { EMITTERS } from "../../src/emit/index.js";
import { importCib } from "../../src/import/import.js";
import { keptRuntimeDiagnostic } from "../../src/import/runtime.js";
import { setAsideDiagnostic } from "../../src/import/set-aside.js";
import { notCibDiagnostic, xmlErrorDiagnostic } from "../../src/import/xml-error.js";
import { readOtherDomains } from "../../src/cli/libvirt.js";
import { checkDomains, readDomainXml, type DomainFile } from "../../src/libvirt/index.js";
import { expectGolden, ROOT, stdlib } from "../helpers.js";

const DIR = join(ROOT, "test", "golden", "errors");
const codes = Object.keys(CATALOGUE) as Code[];

/**
 * Runs an error example the way the CLI does. A first line `# target: NAME`
 * compiles for that target, so emitter diagnostics (5xxx) have examples too;
 * a line `# pcs-version: V` picks the pcs dialect; a line `# full` writes a
 * whole CIB (`--full`); a line `# libvirt: DIR`
 * compares the guests with their domain XML in DIR (beside the example), as
 * `hacc check --libvirt DIR` does; a line `# import: FILE` imports that CIB
 * (beside the example), as `hacc import FILE` does.
 */
function runExample(code: Code): { text: string; rendered: string; diagnostics: Diagnostic[] } {
  const file = `${code}.ha`;
  // Read as the CLI reads a site: bytes, decoded as UTF-8 (HA1006 when they are not).
  const decoded = decodeSource(file, readFileSync(join(DIR, file)));
  const text = decoded.value.text;
  const target = /^# target: (\S+)/.exec(text)?.[1];
  const pcsVersion = /^# pcs-version: (\S+)/m.exec(text)?.[1];
  const full = /^# full$/m.test(text);
  const lib = stdlib();
  const imported = /^# import: (\S+)/m.exec(text)?.[1];
  // An import example's .ha only names the CIB: it is no site to check.
  const r = decoded.diagnostics.length > 0 || imported !== undefined ? { diagnostics: decoded.diagnostics, value: { cib: undefined } } : analyze(lib, [{ file, text }]);
  let ds = [...r.diagnostics];
  const libvirt = /^# libvirt: (\S+)/m.exec(text)?.[1];
  if (libvirt !== undefined && "site" in r.value && r.value.site) {
    // The directory's other domains as `hacc check --libvirt` reads them, named relative to the examples.
    const others = readOtherDomains(join(DIR, libvirt), r.value.site.guests);
    const strangers = others.strangers.map((d) => ({ ...d, file: relative(DIR, d.file) }));
    const copies = new Map([...others.copies].map(([g, fs]) => [g, fs.map((f) => ({ ...f, file: relative(DIR, f.file) }))]));
    ds = sortDiagnostics([...ds, ...checkDomains(r.value.site.guests, domainsIn(libvirt, r.value.site.guests), strangers, copies)]);
  }
  if (target && !hasErrors(ds) && r.value.cib) {
    ds = sortDiagnostics([...ds, ...EMITTERS[target]!(r.value.cib, { sourceName: file, origins: r.value.origins, full, ...(pcsVersion !== undefined ? { pcsVersion } : {}) }).diagnostics]);
  }
  const extra: { file: string; text: string }[] = [];
  if (imported !== undefined) {
    const xml = readFileSync(join(DIR, imported), "utf8");
    const r = importCib(xml);
    if ("xml" in r && r.xml) ds = sortDiagnostics([...ds, xmlErrorDiagnostic(imported, xml, r.xml)]);
    if ("root" in r && r.root !== undefined) ds = sortDiagnostics([...ds, notCibDiagnostic(imported, xml, r.root)]);
    if ("setAside" in r) ds = sortDiagnostics([...ds, ...r.setAside.map((x) => setAsideDiagnostic(imported, xml, x)), ...r.runtime.map((x) => keptRuntimeDiagnostic(imported, xml, x))]);
    extra.push({ file: imported, text: xml });
  }
  const sources = new Map([...lib, { file, text }, ...extra].map((s) => [s.file, s]));
  return { text, rendered: renderAll(ds, sources), diagnostics: ds };
}

/** The guests' domain files in `dir` (under test/golden/errors), named as the example's comment names them. */
function domainsIn(dir: string, guests: readonly { name: string }[]): Map<string, DomainFile> {
  const out = new Map<string, DomainFile>();
  for (const g of guests) {
    const file = `${dir}/${g.name}.xml`;
    if (!existsSync(join(DIR, file))) {
      out.set(g.name, { file, missing: true });
      continue;
    }
    const r = readDomainXml(readFileSync(join(DIR, file), "utf8"));
    out.set(g.name, "error" in r ? { file, error: r.error } : { file, value: r.value });
  }
  return out;
}

describe("every diagnostic code has a failing example", () => {
  for (const code of codes) {
    it(`${code} ${CATALOGUE[code].title}`, () => {
      const { rendered, diagnostics } = runExample(code);
      expect(diagnostics.map((d) => d.code)).toContain(code);
      for (const d of diagnostics.filter((x) => x.code === code)) expect(d.severity).toBe(CATALOGUE[code].severity);
      expectGolden(join(DIR, `${code}.txt`), rendered);
    });
  }
});

describe("docs/diagnostics.md", () => {
  it("documents every code with its example and what hacc prints", () => {
    const parts = [
      "# Diagnostics",
      "",
      "Every problem hacc finds has a stable code. Codes are grouped by stage: 1xxx",
      "syntax, 2xxx names, 3xxx agents and values, 4xxx cluster rules, 5xxx target",
      "limits. Errors make `hacc check` and `hacc compile` exit 1 and write nothing;",
      "warnings and notes (what hacc did instead, such as falling back to a worst case) are printed and the run succeeds. `hacc check --json` prints the same",
      "diagnostics as JSON.",
      "",
      "This page is generated from `src/diagnostics/catalogue.ts` and the examples in",
      "`test/golden/errors/` (a test fails when it is stale; `UPDATE_GOLDEN=1 npm test`",
      "rewrites it).",
      "",
      "| code | severity | meaning |",
      "|---|---|---|",
      ...codes.map((c) => `| [${c}](#${c.toLowerCase()}) | ${CATALOGUE[c].severity} | ${CATALOGUE[c].title} |`),
      "",
    ];
    for (const code of codes) {
      const { text, rendered } = runExample(code);
      parts.push(`## ${code}`, "", `**${CATALOGUE[code].severity}: ${CATALOGUE[code].title}**`, "", "```", text.trimEnd(), "```", "", "```text", rendered.trimEnd(), "```", "");
    }
    expectGolden(join(ROOT, "docs", "diagnostics.md"), parts.join("\n"));
  });
});
