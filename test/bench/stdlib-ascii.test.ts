import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// One non-ASCII character in a file makes V8 store the whole file at two bytes
// per character, and with it every name taken from it and every output built
// from those names: for the 10,000-guest site, 10 to 14 % more CPU in lower, emit
// and write, and twice the memory for the output. The stdlib is read on every compile,
// so it stays ASCII.
describe("the stdlib", () => {
  const dir = join(import.meta.dirname, "..", "..", "stdlib");
  it.each(readdirSync(dir).filter((f) => f.endsWith(".ha")))("%s is ASCII", (f) => {
    const text = readFileSync(join(dir, f), "utf8");
    const at = [...text].findIndex((ch) => ch.charCodeAt(0) > 0x7f);
    expect(at === -1 ? "ASCII" : `non-ASCII at offset ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 5))}`).toBe("ASCII");
  });
});
