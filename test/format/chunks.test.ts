import { describe, expect, it } from "vitest";
import { generateSite } from "../../bench/site.js";
import { parse } from "../../src/ast/parse.js";
import { sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { cutPieces } from "../../src/format/chunks.js";
import { formatSource } from "../../src/format/index.js";

/**
 * `hacc fmt` formats a large file in pieces cut between top-level statements;
 * the pieces joined must be the bytes of the whole file formatted at once,
 * whatever comments, blank lines and line ends the author left.
 */

/** A seeded generator: the same text each run. */
function rng(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor(x / 65536) % n;
  };
}

/**
 * A generated site with comments (own-line ones before statements and items,
 * trailing ones after them, runs of trailing comments on consecutive lines),
 * blank lines (one or several, or none) and uneven spaces.
 */
function decorate(text: string, seed: number): string {
  const rnd = rng(seed);
  const out: string[] = [];
  text.split("\n").forEach((l, i) => {
    if (l === "") {
      out.push(...Array.from({ length: rnd(3) }, () => ""));
      return;
    }
    const r = rnd(12);
    if (r === 0) out.push("# own-line comment " + i);
    if (r === 1) out.push("", "", "   # after blank lines " + i);
    if (r === 2) out.push("");
    const indent = l.match(/^ */)![0];
    const body = l.slice(indent.length).replace(/ /g, () => (rnd(5) === 0 ? " \t " : " "));
    const trailing = rnd(3) === 0 ? " ".repeat(1 + rnd(4)) + "# trailing " + i : "";
    out.push((rnd(4) === 0 ? "\t" : indent) + body + trailing);
  });
  return out.join("\n");
}

async function format(text: string, pieceSize: number): Promise<string> {
  const r = await formatSource({ file: "site.ha", text }, pieceSize);
  if (r.value === undefined) throw new Error(`does not parse: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  expect(r.diagnostics).toEqual([]);
  return r.value;
}

const site = generateSite({ guests: 24 }).text;
const variants: [string, string][] = [
  ["the generated site", site],
  ["with comments and blank lines (seed 1)", decorate(site, 1)],
  ["with comments and blank lines (seed 2)", decorate(site, 2)],
  ["with comments and blank lines, CRLF", decorate(site, 3).replace(/\n/g, "\r\n")],
  ["with a string with escapes", decorate(site, 4).replace('config "/root/{guest}.xml";', 'config "/root/\\"{guest}\\".xml";')],
  ["with no final newline", decorate(site, 5).trimEnd()],
];

describe("hacc fmt: a large file formatted in pieces", () => {
  it.each(variants)("%s: the pieces join to the whole file's layout", async (_name, text) => {
    const whole = await format(text, Infinity);
    expect(whole).not.toBe("");
    for (const size of [1, 300, 2000]) {
      // The cuts happen: many pieces, some after a blank line, some not.
      const cut = cutPieces(text, size)!;
      expect(cut.pieces.length, `pieces of ${size}`).toBeGreaterThan(size === 1 ? 40 : size === 300 ? 15 : 3);
      if (size === 1 && text !== site) {
        expect(cut.pieces.some((p) => p.blankBefore)).toBe(true);
        expect(cut.pieces.some((p) => !p.blankBefore)).toBe(true);
      }
      expect(await format(text, size), `pieces of ${size}`).toBe(whole);
    }
  });

  it("never cuts inside a run of trailing comments that line up", async () => {
    const text = "order a then b; # one\norder c then d; # two\n\norder aaaaa then bbbbbbb; # three\norder c then d;\norder e then f; # four\n";
    const whole = await format(text, Infinity);
    expect(whole).toBe(
      "order a then b; # one\norder c then d; # two\n\norder aaaaa then bbbbbbb; # three\norder c then d;\norder e then f; # four\n",
    );
    expect(cutPieces(text, 1)!.pieces.map((p) => text.slice(p.start, p.end))).toEqual([
      "order a then b; # one\norder c then d; # two\n",
      // No cut after `# three`: whether `order c then d;` joins its run is the printer's business.
      "\norder aaaaa then bbbbbbb; # three\norder c then d;\n",
      "order e then f; # four\n",
    ]);
    const aligned = "order a then b; # one\norder ccc then ddd; # two\n";
    expect(cutPieces(aligned, 1)!.pieces).toHaveLength(1);
    expect(await format(aligned, 1)).toBe("order a then b;     # one\norder ccc then ddd; # two\n");
  });

  it("keeps a statement's items, and a comment after the `}`, with the statement", async () => {
    const text = "guest g on a {\n  op start timeout 1s;\n} # g\n# before h\nguest h on b { op stop timeout 2s; };\nlwfsd on h after vm;\n";
    expect(cutPieces(text, 1)!.pieces.map((p) => text.slice(p.start, p.end))).toEqual([
      "guest g on a {\n  op start timeout 1s;\n} # g\n",
      "# before h\nguest h on b { op stop timeout 2s; };\nlwfsd on h after vm;\n",
    ]);
    expect(await format(text, 1)).toBe(await format(text, Infinity));
  });

  it("reports a syntax error in a large file as `hacc check` does, and formats nothing", async () => {
    const text = decorate(site, 6).replace(/order (\S+) then/, "order $1 thne");
    const r = await formatSource({ file: "site.ha", text }, 300);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toEqual(sortDiagnostics(parse({ file: "site.ha", text }).diagnostics));
    expect(r.diagnostics.map((d) => d.code)).toContain("HA1003");
  });

  it("refuses a string with a control character, as `hacc check` does", async () => {
    const text = site.replace('config "/root/{guest}.xml";', 'config "/root/\t{guest}.xml";');
    const r = await formatSource({ file: "site.ha", text }, 300);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["HA3015"]);
  });
});
