import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { emitCibFragment } from "../../src/emit/cib/cib.js";
import type { Cib, Primitive } from "../../src/ir/types.js";
import { analyzeText, hacc, stripSeedWarnings, withoutSeedWarnings } from "../helpers.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function primitives(cib: Cib): Primitive[] {
  return cib.resources.flatMap((r) => (r.kind === "primitive" ? [r] : r.kind === "group" ? [...r.children] : []));
}

describe("bench site generator", () => {
  it("writes a site of N guests that compiles without a diagnostic", () => {
    const site = generateSite({ guests: 24 });
    expect(site.guests).toBe(24);
    expect(site.hosts).toBe(12);
    const r = analyzeText(site.text, "bench.ha");
    expect(withoutSeedWarnings(r.diagnostics)).toEqual([]);
    const cib = r.value.cib!;
    expect(cib.nodes).toHaveLength(12);
    const prims = primitives(cib);
    expect(prims).toHaveLength(site.primitives);
    expect(prims.filter((p) => p.guestNode !== undefined)).toHaveLength(24);
    expect(prims.filter((p) => p.type === "lwfsd")).toHaveLength(24);
    expect(prims.filter((p) => p.type === "Lustre")).toHaveLength(24);
    expect(cib.constraints).toHaveLength(site.constraints);
    expect(cib.constraints.filter((c) => c.kind === "order" && c.orderKind === "Optional")).toHaveLength(24);
    expect(cib.constraints.filter((c) => c.kind === "colocation")).toHaveLength(12);
  });

  it("writes valid sites for a partial last pair, without orders and with fewer guests per pair", () => {
    for (const opts of [{ guests: 7 }, { guests: 5, orders: false }, { guests: 12, guestsPerPair: 2 }]) {
      const site = generateSite(opts);
      const r = analyzeText(site.text, "bench.ha");
      expect(withoutSeedWarnings(r.diagnostics), JSON.stringify(opts)).toEqual([]);
      expect(primitives(r.value.cib!)).toHaveLength(site.primitives);
      expect(r.value.cib!.constraints).toHaveLength(site.constraints);
    }
  });

  it("writes chain, spare and ring sites that compile without a diagnostic, the ring closed", () => {
    for (const shape of ["chain", "spare", "ring"] as const) {
      for (const guests of [1, 5, 6, 9, 40]) {
        const site = generateSite({ guests, shape });
        const r = analyzeText(site.text, "bench.ha");
        expect(withoutSeedWarnings(r.diagnostics), `${shape} ${guests}`).toEqual([]);
        expect(primitives(r.value.cib!).filter((p) => p.guestNode !== undefined)).toHaveLength(guests);
        expect(r.value.cib!.constraints).toHaveLength(site.constraints);
      }
    }
    // 9 guests in a ring: 6 hosts (even, so the VF blocks alternate), each with a guest, each
    // host's guests preferring the next host second, the last host's the first.
    const ring = generateSite({ guests: 9, shape: "ring" });
    expect(ring.hosts).toBe(6);
    const seconds = new Map<string, string>();
    for (const m of ring.text.matchAll(/^guest \S+ on (\S+) prefer 500, (\S+) 100/gm)) seconds.set(m[1]!, m[2]!);
    expect([...seconds]).toEqual([
      ["nio001", "nio002"],
      ["nio002", "nio003"],
      ["nio003", "nio004"],
      ["nio004", "nio005"],
      ["nio005", "nio006"],
      ["nio006", "nio001"],
    ]);
  });

  it("respects the slot rules: one VF too many per pair is an HA4003 error", () => {
    // 5 guests of 2 VFs on one pair claim 10 VFs on each host of the pair: over the limit of 8.
    expect(() => generateSite({ guests: 10, guestsPerPair: 5 })).toThrow(RangeError);
    const site = generateSite({ guests: 8, guestsPerPair: 4, vfLimit: 8 });
    const tight = site.text.replace("vf-limit 8;", "vf-limit 7;");
    const codes = withoutSeedWarnings(analyzeText(tight, "bench.ha").diagnostics).map((d) => d.code);
    expect(codes).toEqual(["HA4003", "HA4003", "HA4003", "HA4003"]);
  });

  it("is deterministic", () => {
    expect(generateSite({ guests: 50 }).text).toBe(generateSite({ guests: 50 }).text);
  });

  it("compiles through the CLI to the same CIB the pipeline emits", () => {
    const site = generateSite({ guests: 16 });
    const dir = mkdtempSync(join(tmpdir(), "hacc-bench-"));
    try {
      const file = join(dir, "site.ha");
      writeFileSync(file, site.text);
      const r = hacc(["compile", file, "--target", "cib"]);
      expect(stripSeedWarnings(r.stderr)).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(emitCibFragment(analyzeText(site.text, file).value.cib!));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
