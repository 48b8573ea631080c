import fc from "fast-check";

/**
 * The fuzz and property tests' settings: a fixed seed and a run count small
 * enough for CI (`npm test`), both overridable; `npm run fuzz` runs many more
 * (HACC_FUZZ_RUNS) and prints the count it ran.
 */
export const SEED = Number(process.env["HACC_FUZZ_SEED"] ?? 14);
export const RUNS = Number(process.env["HACC_FUZZ_RUNS"] ?? 60);

/** Options for `fc.assert`: fixed seed, RUNS runs, the failing case shrunk and printed. */
export function params(runs = RUNS): fc.Parameters<unknown> {
  // HACC_FUZZ_NO_SHRINK=1 reports the first failing case as found (shrinking a slow property can take long).
  return { seed: SEED, numRuns: runs, endOnFailure: process.env["HACC_FUZZ_NO_SHRINK"] === "1" };
}

/** Counts the cases each property ran, for `npm run fuzz`'s summary. */
export const counted = new Map<string, number>();
export function count(name: string, n = 1): void {
  const total = (counted.get(name) ?? 0) + n;
  counted.set(name, total);
  if (process.env["HACC_FUZZ_REPORT"] && total % 500 === 0) process.stderr.write(`fuzz: ${name}: ${total} cases so far\n`);
}

/** Replaced by the path of a file that must never come to exist. */
export const MARK = "@MARK@";

/** Strings that have broken shells, comments and XPath before. */
const NASTY = [
  "\n",
  "\r",
  "'",
  '"',
  "`",
  "\\",
  "$(touch @MARK@)",
  "`touch @MARK@`",
  "; touch @MARK@ #",
  "\ntouch @MARK@\n",
  "$HOME",
  "#",
  "\u0085",
  "\u2028",
  "\u001b[2J",
  "'\"'",
  "]",
  "&amp;",
  "<x/>",
];

/**
 * Random text: any of the 256 byte values as characters, any code point,
 * and runs of the strings above, mixed.
 */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.uint8Array({ maxLength: 24 }).map((a) => String.fromCharCode(...a)),
  fc.string({ unit: "binary", maxLength: 16 }),
  fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 4 })), { maxLength: 6 }).map((x) => x.join("")),
);

/** `text` with every MARK replaced by `path`. */
export function marked(text: string, path: string): string {
  return text.split(MARK).join(path);
}
