import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeText, hacc } from "../helpers.js";

/** Parentheses nested deeper than the parser recurses: one diagnostic, never a crash (the CIB reader stops at 64 too). */
describe("nesting depth", () => {
  const site = (n: number) => `cluster c {\n  nodes n1;\n}\nresource d ocf:heartbeat:Dummy;\nlocation l for d {\n  rule 1 when ${"(".repeat(n)}a eq 1${")".repeat(n)};\n}\n`;

  it("64 levels read; 65 are HA1003 at the 65th `(`, for check, compile and fmt alike, exit 1", () => {
    expect(analyzeText(site(64)).diagnostics.filter((d) => d.code.startsWith("HA1"))).toEqual([]);
    const ds = analyzeText(site(65)).diagnostics;
    expect(ds.map((d) => [d.code, d.message, d.span.line, d.span.column])).toEqual([["HA1003", "parentheses nested more than 64 deep", 6, 15 + 64]]);
    const dir = mkdtempSync(join(tmpdir(), "hacc-deep-"));
    const file = join(dir, "deep.ha");
    writeFileSync(file, site(3000));
    for (const args of [["check", file], ["compile", file, "--target", "cib"], ["fmt", "--check", file]]) {
      const r = hacc(args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toContain("error[HA1003]: parentheses nested more than 64 deep");
      expect(r.stderr).not.toContain("internal error");
    }
    // Parentheses in strings and comments do not count.
    expect(analyzeText(site(2).replace("cluster c {", `# ${"(".repeat(100)}\ncluster c {`).replace("resource d ocf:heartbeat:Dummy;", `resource d ocf:heartbeat:Dummy { description "${"(".repeat(100)}"; }`)).diagnostics.filter((d) => d.code === "HA1003")).toEqual([]);
  });
});
