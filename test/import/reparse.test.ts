import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { emitCibFull } from "../../src/emit/cib/cib.js";
import { formatSource } from "../../src/format/index.js";
import { importCib } from "../../src/import/import.js";
import { analyzeText, CONTRACT, HEADER, ROOT } from "../helpers.js";

/** Every .ha file under test/ (fixtures, review sites, cases) and the example and contract sites that compile without an error. */
function sites(dir = join(ROOT, "test"), rel = "test"): [string, string][] {
  const out: [string, string][] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) out.push(...sites(join(dir, e.name), `${rel}/${e.name}`));
    else if (e.name.endsWith(".ha")) out.push([`${rel}/${e.name}`, readFileSync(join(dir, e.name), "utf8")]);
  }
  return out;
}

const compiled = [
  ...sites(),
  ["examples/storage-cluster.ha", readFileSync(join(ROOT, "examples/storage-cluster.ha"), "utf8")] as [string, string],
  ["contract.ha", readFileSync(CONTRACT, "utf8")] as [string, string],
  // Alerts whose `;` follows a `}`: the last recipient's braces, the alert's own.
  ["alerts", `${HEADER}alert a1 "/bin/true" to "x" { k2 = v2; };\nalert a2 "/bin/true" { k = v; };\nalert a3 "/bin/true";\n`] as [string, string],
].flatMap(([name, text]): [string, string][] => {
  const a = analyzeText(text, name);
  if (a.diagnostics.some((d) => d.severity === "error") || a.value.cib === undefined) return [];
  return [[name, emitCibFull(a.value.cib)]];
});

describe("hacc import: what it writes parses", () => {
  it("finds the sites", () => expect(compiled.length).toBeGreaterThan(40));
  it.each(compiled)("%s compiled, imported and laid out as `hacc import` does, parses", async (_name, xml) => {
    const r = importCib(xml);
    if ("error" in r || r.text === undefined) return; // refused, with reasons (test/import/import.test.ts)
    expect(parse({ file: "raw.ha", text: r.text }).diagnostics).toEqual([]);
    const formatted = await formatSource({ file: "site.ha", text: r.text });
    expect(formatted.value).toBeDefined();
    expect(parse({ file: "site.ha", text: formatted.value! }).diagnostics).toEqual([]);
  });
});
