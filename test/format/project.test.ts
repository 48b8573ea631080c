import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatSource } from "../../src/format/index.js";
import { ROOT } from "../helpers.js";

const FILES = [
  ...readdirSync(join(ROOT, "examples")).filter((n) => n.endsWith(".ha")).map((n) => `examples/${n}`),
  ...readdirSync(join(ROOT, "stdlib")).filter((n) => n.endsWith(".ha")).map((n) => `stdlib/${n}`),
];

describe("the project's own .ha files are formatted as `hacc fmt` prints them", () => {
  it.each(FILES)("%s", async (p) => {
    const text = readFileSync(join(ROOT, p), "utf8");
    const r = await formatSource({ file: p, text });
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toBe(text);
  });
});
