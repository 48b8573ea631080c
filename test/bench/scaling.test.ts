import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { countWork } from "../../bench/work.js";
import { parse } from "../../src/ast/parse.js";
import type { FileAst } from "../../src/ast/types.js";
import { check } from "../../src/check/index.js";
import type { SiteModel } from "../../src/check/model.js";
import { EMITTERS } from "../../src/emit/index.js";
import { lower } from "../../src/ir/lower.js";
import type { Cib } from "../../src/ir/types.js";
import { stdlib, withoutSeedWarnings } from "../helpers.js";

// Cost must grow linearly with the guests (n log n at worst): 4x the guests may
// cost at most 4.6x the work. A check comparing all pairs of guests costs 16x;
// the VF clash check did, before it indexed claims by host (7x here), and the
// N-1 check did when every host failure copied the node list.
// Work is counted, not timed (bench/work.ts), so this holds on any machine.
const N = 200;
const LIMIT = 4.6;

interface Stages {
  parse: number;
  check: number;
  lower: number;
  emit: Record<string, number>;
}

type Shape = "pair" | "chain" | "spare" | "ring";

function measure(guests: number, shape: Shape = "pair"): Stages {
  const site = generateSite({ guests, shape });
  const sources = [...stdlib(), { file: "bench.ha", text: site.text }];
  const parsed = countWork(() => sources.map((s) => parse(s)));
  for (const p of parsed.result) expect(p.diagnostics).toEqual([]);
  const files: FileAst[] = parsed.result.map((p) => p.value);
  const checked = countWork(() => check(files));
  expect(withoutSeedWarnings(checked.result.diagnostics)).toEqual([]);
  const model = checked.result.value as SiteModel;
  const lowered = countWork(() => lower(model));
  const cib: Cib = lowered.result;
  const emit: Record<string, number> = {};
  for (const [target, emitter] of Object.entries(EMITTERS)) {
    const out = countWork(() => emitter(cib, { sourceName: "bench.ha" }));
    expect(out.result.diagnostics).toEqual([]);
    emit[target] = out.work;
  }
  return { parse: parsed.work, check: checked.work, lower: lowered.work, emit };
}

describe("cost grows linearly with the guests (work counted, not timed)", () => {
  const small = measure(N);
  const large = measure(4 * N);
  const ratio = (a: number, b: number) => b / a;

  it("counts work that grows with the site at all", () => {
    // The measure must see each stage's loops, or the ratios below would prove nothing.
    expect(large.parse).toBeGreaterThan(3 * small.parse);
    expect(large.check).toBeGreaterThan(3 * small.check);
    expect(large.lower).toBeGreaterThan(3 * small.lower);
    for (const t of Object.keys(small.emit)) expect(large.emit[t]!).toBeGreaterThan(3 * small.emit[t]!);
  });

  it("parse", () => {
    expect(ratio(small.parse, large.parse)).toBeLessThanOrEqual(LIMIT);
  });

  it("check (names, values, slots, cycles, the N-1 check)", () => {
    expect(ratio(small.check, large.check)).toBeLessThanOrEqual(LIMIT);
  });

  it("lower", () => {
    expect(ratio(small.lower, large.lower)).toBeLessThanOrEqual(LIMIT);
  });

  it.each(Object.keys(EMITTERS))("emit %s", (target) => {
    expect(ratio(small.emit[target]!, large.emit[target]!)).toBeLessThanOrEqual(LIMIT);
  });
});

// The N-1 check and the failure model walk the failover graph: its shape must not
// change how the cost grows (a chain or ring is one connected part; a shared spare
// receives every host's guests).
describe.each(["chain", "spare", "ring"] as const)("cost grows linearly on a %s-shaped site", (shape) => {
  const small = measure(N, shape);
  const large = measure(4 * N, shape);
  it("check (names, values, slots, cycles, the N-1 check)", () => {
    expect(large.check).toBeGreaterThan(3 * small.check);
    expect(large.check / small.check).toBeLessThanOrEqual(LIMIT);
  });
  it("lower and emit", () => {
    expect(large.lower / small.lower).toBeLessThanOrEqual(LIMIT);
    for (const t of Object.keys(small.emit)) expect(large.emit[t]! / small.emit[t]!, t).toBeLessThanOrEqual(LIMIT);
  });
});

describe("the work counter", () => {
  it("sees a quadratic loop as quadratic and a linear one as linear", () => {
    const pairs = (n: number) =>
      countWork(() => {
        const xs = Array.from({ length: n }, (_, i) => i);
        let same = 0;
        for (const a of xs) same += xs.filter((b) => b === a).length;
        return same;
      });
    const lookups = (n: number) =>
      countWork(() => {
        const m = new Map(Array.from({ length: n }, (_, i) => [i, i] as const));
        let hits = 0;
        for (let i = 0; i < n; i++) if (m.has(i)) hits++;
        return hits;
      });
    expect(pairs(100).result).toBe(100);
    expect(pairs(400).work / pairs(100).work).toBeGreaterThan(12);
    expect(lookups(100).result).toBe(100);
    expect(lookups(400).work / lookups(100).work).toBeLessThan(4.2);
  });

  it("puts the prototypes back", () => {
    const before = [Array.prototype.map, Map.prototype.get, Set.prototype.has, Object.getPrototypeOf([][Symbol.iterator]()).next];
    countWork(() => [1, 2, 3].map((x) => x + 1));
    const after = [Array.prototype.map, Map.prototype.get, Set.prototype.has, Object.getPrototypeOf([][Symbol.iterator]()).next];
    expect(after).toEqual(before);
  });
});

describe("a site with many misspelt names (work counted, not timed)", () => {
  // Each unknown name is compared with the declared ones for a "did you mean"
  // hint. That is unknown names x declared names: 2,000 typos in a
  // 10,000-guest site took 156 s before the comparisons of a run had a budget
  // and the candidates were walked instead of copied per unknown name. With a
  // small budget both sizes here are past it, so the work must grow linearly.
  const budget = 2000;
  function typos(guests: number) {
    const site = generateSite({ guests }).text;
    // One misspelt order per guest: its Lustre target and its lwfsd, each with a letter too many.
    const targets = [...site.matchAll(/^resource (\S+) /gm)].map((m) => m[1]!);
    expect(targets).toHaveLength(guests);
    const refs = targets.map((t) => `order ${t}x then ${t.replace(/^ost-/, "lwfsd-")}y;\n`).join("");
    const files = [...stdlib(), { file: "typos.ha", text: site + refs }].map((s) => parse(s).value);
    return countWork(() => check(files, { n1: false, suggestionBudget: budget }));
  }
  const small = typos(N);
  const large = typos(4 * N);

  it("reports every unknown name, and hints only while the budget lasts", () => {
    const unknown = (r: typeof small) => r.result.diagnostics.filter((d) => d.code === "HA2002");
    expect(unknown(small)).toHaveLength(2 * N);
    expect(unknown(large)).toHaveLength(8 * N);
    // At N guests the budget covers a few full searches; at 4N, not even one.
    const hinted = unknown(small).filter((d) => d.hint?.startsWith("did you mean"));
    expect(hinted.length).toBeGreaterThan(0);
    expect(hinted.length).toBeLessThan(2 * N);
    expect(hinted[0]!.hint).toBe(`did you mean \`${hinted[0]!.message.match(/`(.*)x`/)?.[1]}\`?`);
  });

  it("costs work linear in the site", () => {
    expect(large.work / small.work).toBeLessThanOrEqual(LIMIT);
  });
});
