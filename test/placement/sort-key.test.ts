import { describe, expect, it } from "vitest";
import { glibSort, numericCaseCompare } from "../../src/placement/sort-key.js";

describe("the orders Pacemaker sorts in", () => {
  it("compares names as pcmk__numeric_strcasecmp does: numbers as numbers, letters without case", () => {
    const names = ["h10", "H2", "h1", "g2", "h007", "h7", "node-b", "Node-a"];
    expect(names.slice().sort(numericCaseCompare)).toEqual(["g2", "h1", "H2", "h7", "h007", "h10", "Node-a", "node-b"]);
    expect(numericCaseCompare("h", "h1")).toBe(-1);
    expect(numericCaseCompare("ABC", "abc")).toBe(0);
  });

  it("sorts as g_list_sort does when the comparison is not consistent", () => {
    // a before b, b before c, c before a: each start order gives its own result, GLib's merge steps decide it.
    const beats = new Set(["a<b", "b<c", "c<a"]);
    const cmp = (x: string, y: string) => (x === y ? 0 : beats.has(`${x}<${y}`) ? -1 : 1);
    // [a] + [b, c] → [b, c] sorted is [b, c]; merge: a vs b → a; then b, c.
    expect(glibSort(["a", "b", "c"], cmp)).toEqual(["a", "b", "c"]);
    // [b] + [c, a] → [c, a]; merge: b vs c → b; then c, a.
    expect(glibSort(["b", "c", "a"], cmp)).toEqual(["b", "c", "a"]);
    // [a, b] + [c, d]: d after everything.
    const cmp4 = (x: string, y: string) => (x === y ? 0 : x === "d" ? 1 : y === "d" ? -1 : cmp(x, y));
    expect(glibSort(["a", "b", "c", "d"], cmp4)).toEqual(["c", "a", "b", "d"]);
  });

  it("keeps equal items in their order (stable)", () => {
    const items = [3, 1, 2, 1, 3, 2].map((k, i) => ({ k, i }));
    expect(glibSort(items, (x, y) => x.k - y.k).map((x) => x.i)).toEqual([1, 3, 2, 5, 0, 4]);
  });
});
