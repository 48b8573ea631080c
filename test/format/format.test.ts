import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { EMITTERS } from "../../src/emit/index.js";
import { formatSource } from "../../src/format/index.js";
import { haLexer } from "../../src/syntax/tokens.js";
import { analyzeText, CONTRACT, expectGolden, ROOT } from "../helpers.js";

const CASES = join(ROOT, "test/format/cases");
const GOLDEN = join(ROOT, "test/format/golden");

async function fmt(text: string, file = "in.ha"): Promise<string> {
  const r = await formatSource({ file, text });
  if (r.value === undefined) throw new Error(`does not parse: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return r.value;
}

/** The AST without positions and comments: what the file means. */
function meaning(text: string): unknown {
  const r = parse({ file: "f.ha", text });
  expect(r.diagnostics).toEqual([]);
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k !== "span" && k !== "comments")
          .map(([k, x]) => [k, strip(x)]),
      );
    }
    return v;
  };
  return strip(r.value);
}

function comments(text: string): string[] {
  return parse({ file: "f.ha", text }).value.comments.map((c) => c.text.trimEnd());
}

/** The three checks every formatted file passes. */
async function expectSound(text: string): Promise<string> {
  const once = await fmt(text);
  expect(await fmt(once), "a second format changes nothing").toBe(once);
  expect(meaning(once), "the AST (no positions, no comments) is unchanged").toEqual(meaning(text));
  expect(comments(once), "every comment survives, in order").toEqual(comments(text));
  expect(once.endsWith("\n") || once === "").toBe(true);
  expect(once).not.toMatch(/[ \t]+\n/);
  return once;
}

const cases = readdirSync(CASES)
  .filter((n) => n.endsWith(".ha"))
  .sort();

describe("hacc fmt: cases", () => {
  it.each(cases)("%s: golden, idempotent, same AST, same comments", async (name) => {
    const text = readFileSync(join(CASES, name), "utf8");
    expectGolden(join(GOLDEN, name), await expectSound(text));
  });
});

const projectFiles: [string, string][] = [
  ["examples/storage-cluster.ha", join(ROOT, "examples/storage-cluster.ha")],
  ["contract.ha", CONTRACT],
  ...readdirSync(join(ROOT, "stdlib"))
    .filter((n) => n.endsWith(".ha"))
    .sort()
    .map((n): [string, string] => [`stdlib/${n}`, join(ROOT, "stdlib", n)]),
];

describe("hacc fmt: the project's own .ha files", () => {
  it.each(projectFiles)("%s: idempotent, same AST, same comments", async (name, path) => {
    const once = await expectSound(readFileSync(path, "utf8"));
    if (name === "examples/storage-cluster.ha" || name === "contract.ha") expectGolden(join(GOLDEN, "project", basename(path)), once);
  });
});

/** Every .ha file under test/ that parses (the error goldens of HA1xxx do not): fixtures, sites, cases. */
function testSites(dir = join(ROOT, "test"), rel = "test"): [string, string][] {
  const out: [string, string][] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) out.push(...testSites(join(dir, e.name), `${rel}/${e.name}`));
    else if (e.name.endsWith(".ha")) {
      const text = readFileSync(join(dir, e.name), "utf8");
      if (parse({ file: e.name, text }).diagnostics.length === 0) out.push([`${rel}/${e.name}`, text]);
    }
  }
  return out;
}

describe("hacc fmt: every fixture and site of the tests formats to text that parses to the same AST", () => {
  const sites = testSites();
  it("finds the sites", () => expect(sites.length).toBeGreaterThan(100));
  it.each(sites)("%s", async (_name, text) => {
    await expectSound(text);
  });
});

/**
 * The same tokens and comments with other spaces and tabs between them (a
 * seeded generator: the same text each run); line breaks are kept, so every
 * comment stays on its own line or after its token.
 */
function respace(text: string, seed: number): string {
  let x = seed;
  const rnd = (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const blank = (min: number) => Array.from({ length: min + rnd(3) }, () => (rnd(4) === 0 ? "\t" : " ")).join("");
  const lexed = haLexer().tokenize(text);
  const all = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  let out = "";
  let at = 0;
  for (const t of all) {
    const gap = text.slice(at, t.startOffset);
    out += gap.includes("\n") ? gap.split("\n").map((_, i, a) => (i === 0 ? "" : "\n") + (i < a.length - 1 ? "" : blank(0))).join("") : blank(gap === "" ? 0 : 1);
    out += t.image;
    at = (t.endOffset ?? t.startOffset) + 1;
  }
  return out + text.slice(at);
}

describe("hacc fmt: the layout depends on the tokens, the comments and the line breaks only", () => {
  it.each(projectFiles)("%s with its spaces shuffled formats the same", async (_name, path) => {
    const text = readFileSync(path, "utf8");
    const want = await fmt(text);
    for (const seed of [1, 2, 3]) {
      const shuffled = respace(text, seed);
      expect(shuffled).not.toBe(text);
      expect(await fmt(shuffled)).toBe(want);
    }
  });
});

describe("hacc fmt: layout rules", () => {
  it("keeps at most one blank line where the author left any, and none at the edges", async () => {
    const out = await fmt("\n\n\nguest a on b;\n\n\n\nguest c on d;\nguest e on f;\n\n\n");
    expect(out).toBe("guest a on b;\n\nguest c on d;\nguest e on f;\n");
  });

  it("drops the blank lines after `{` and before `}`", async () => {
    expect(await fmt("guest a on b {\n\n\n  op start timeout 1s;\n\n\n}\n")).toBe("guest a on b {\n  op start timeout 1s;\n}\n");
  });

  it("keeps what the author wrote where the language allows a choice, but drops the `;` after a `}`", async () => {
    const src = "guest a on b prefer 5, c 3 { op start timeout=1s; op stop timeout 2s; };";
    expect(await fmt(src)).toBe("guest a on b prefer 5, c 3 {\n  op start timeout = 1s;\n  op stop timeout 2s;\n}\n");
  });

  it("keeps an alert's `;` after a `}`: the grammar wants it there", async () => {
    const src = 'alert a1 "/bin/true" to "x" { k2 = v2; };\nalert a2 "/bin/true" { k = v; };\nalert a3 "/bin/true";\n';
    const out = await expectSound(src);
    expect(out).toBe('alert a1 "/bin/true" to "x" {\n  k2 = v2;\n};\nalert a2 "/bin/true" {\n  k = v;\n};\nalert a3 "/bin/true";\n');
  });

  it("breaks a line longer than 80 columns after its commas, one indent deeper", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `node-${i + 1}`);
    const out = await fmt(`cluster c { nodes ${names.join(", ")}; }`);
    expect(out).toBe(`cluster c {\n  nodes ${names.join(",\n    ")};\n}\n`);
    for (const l of out.split("\n")) expect(l.length).toBeLessThanOrEqual(80);
  });

  it("reads CRLF and tabs and writes LF and spaces", async () => {
    const text = readFileSync(join(CASES, "messy.ha"), "utf8");
    expect(await fmt(text.replace(/\n/g, "\r\n").replace(/ {2}/g, "\t"))).toBe(await fmt(text));
  });

  it("lines up the comments of consecutive one-line items, one space after the longest", async () => {
    const src = [
      "agent ocf:x:y {",
      "param a required; # one",
      "param bbbbbb;   # two",
      "param c; # three, after a blank line: a new run",
      "",
      "param d;  # four",
      "param e;",
      "param ffff; # five, after a line without a comment: a new run",
      "# an own-line comment",
      "param g; # six, alone",
      "}",
    ].join("\n");
    expect(await fmt(src)).toBe(
      [
        "agent ocf:x:y {",
        "  param a required; # one",
        "  param bbbbbb;     # two",
        "  param c;          # three, after a blank line: a new run",
        "",
        "  param d; # four",
        "  param e;",
        "  param ffff; # five, after a line without a comment: a new run",
        "  # an own-line comment",
        "  param g; # six, alone",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("does not line up a comment with a line that breaks", async () => {
    const long = `defaults ${Array.from({ length: 8 }, (_, i) => `key-number-${i} = ${i}`).join(", ")};`;
    const out = await fmt(`cluster c {\nnodes a; # short\n${long} # long\n}\n`);
    expect(out.split("\n").slice(0, 3)).toEqual(["cluster c {", "  nodes a; # short", "  defaults key-number-0 = 0,"]);
    expect(out).toContain("    key-number-7 = 7; # long\n");
  });

  it("keeps a comment after a token inside a line after that token", async () => {
    expect(await fmt("order a # why\n then b;")).toBe("order a # why\n  then b;\n");
    expect(await fmt("order a then b; # why\n")).toBe("order a then b; # why\n");
  });

  it("keeps the escapes of a string as written", async () => {
    expect(await fmt('resource r ocf:heartbeat:Dummy { state = "a \\"b\\" \\\\ c"; }')).toBe(
      'resource r ocf:heartbeat:Dummy {\n  state = "a \\"b\\" \\\\ c";\n}\n',
    );
  });

  it("writes an empty tag `tag e = ;`, as the docs do, which reads back the same and the checker refuses (HA2113)", async () => {
    const out = await fmt("tag e =;\ntag f=;\n");
    expect(out).toBe("tag e = ;\ntag f = ;\n");
    expect(await fmt(out)).toBe(out);
    expect(analyzeText("cluster c {\n  nodes n1;\n}\n" + out).diagnostics.map((d) => d.code)).toEqual(["HA2113", "HA2113"]);
  });

  it("refuses a file with syntax errors, with hacc's diagnostics", async () => {
    const r = await formatSource({ file: "bad.ha", text: "guest a on b\nguest c on d;\n" });
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.column}`)).toEqual(["HA1003@1:13"]);
  });
});

describe("hacc fmt: meaning", () => {
  it("a messy site and its formatted version compile to the same CIB", async () => {
    const messy = readFileSync(join(CASES, "messy-site.ha"), "utf8");
    const cib = (text: string) => {
      const r = analyzeText(text, "site.ha");
      expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      return EMITTERS["cib"]!(r.value.cib!, { full: true, sourceName: "site.ha" }).value;
    };
    const formatted = await fmt(messy);
    expect(formatted).not.toBe(messy);
    const before = cib(messy);
    expect(before).toContain("<primitive");
    expect(cib(formatted)).toBe(before);
  });
});
