import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hacc } from "../helpers.js";

const MESSY = "guest   a on b prefer 5,c 3{op start timeout 1s;}   # keep me\n\n\n\nguest c on d;\n";
const TIDY = "guest a on b prefer 5, c 3 {\n  op start timeout 1s;\n} # keep me\n\nguest c on d;\n";
const BROKEN = "cluster c {\n  nodes n1;\n}\nguest a on n1\nguest b on n1;\n";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hacc-fmt-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function put(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("hacc fmt", () => {
  it("rewrites each file in place and prints nothing", () => {
    const a = put("a.ha", MESSY);
    const b = put("b.ha", MESSY.replace("guest c", "guest e"));
    const r = hacc(["fmt", a, b]);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(a, "utf8")).toBe(TIDY);
    expect(readFileSync(b, "utf8")).toBe(TIDY.replace("guest c", "guest e"));
  });

  it("leaves a file that is already formatted alone (same inode, same mtime)", () => {
    const a = put("a.ha", TIDY);
    const before = statSync(a);
    expect(hacc(["fmt", a]).code).toBe(0);
    const after = statSync(a);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it("--check names the files that would change, exits 1 and writes nothing", () => {
    const a = put("a.ha", MESSY);
    const b = put("b.ha", TIDY);
    const r = hacc(["fmt", "--check", a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${a}\n`);
    expect(r.stderr).toBe("hacc: 1 file not formatted; `hacc fmt FILE...` rewrites it\n");
    expect(readFileSync(a, "utf8")).toBe(MESSY);
  });

  it("--check exits 0 when every file is formatted", () => {
    expect(hacc(["fmt", "--check", put("b.ha", TIDY)])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("- formats standard input to standard output", () => {
    expect(hacc(["fmt", "-"], { input: MESSY })).toEqual({ code: 0, stdout: TIDY, stderr: "" });
  });

  it("leaves a file with syntax errors untouched, reports them as `hacc check` does and exits 1", () => {
    const bad = put("bad.ha", BROKEN);
    const good = put("good.ha", MESSY);
    const r = hacc(["fmt", bad, good]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    // The syntax errors, each rendered as `hacc check` renders it (check may add warnings of its own).
    const blocks = r.stderr.split("\n\n");
    expect(blocks.pop()).toBe("1 error\n");
    const check = hacc(["check", bad]).stderr;
    for (const b of blocks) expect(check).toContain(b);
    expect(r.stderr).toMatch(/^error\[HA1003\]: .*\n  --> .*bad\.ha:4:14\n/);
    expect(readFileSync(bad, "utf8")).toBe(BROKEN);
    expect(readFileSync(good, "utf8")).toBe(TIDY);
  });

  it("--check reports exactly what `hacc check` reports for a file it cannot parse", () => {
    for (const [name, text] of [
      ["gust.ha", "cluster c {\n  nodes n1;\n}\ngust vnio008b on n1 prefer 500 {\n  ib 0000:82:01.0 at 00:05.0;\n}\nlwfsd on vnio008b after vm;\n"],
      ["quote.ha", 'cluster c {\n  nodes n1;\n}\nresource ip ocf:heartbeat:IPaddr2 { ip = "10.0.0.1; } on n1;\n'],
    ] as const) {
      const bad = put(name, text);
      const fmt = hacc(["fmt", "--check", bad]);
      const check = hacc(["check", bad]);
      expect(check.code).toBe(1);
      expect(check.stderr).toMatch(/^error\[HA100[23]\][^]*\n1 error\n$/);
      expect(fmt).toEqual({ code: 1, stdout: "", stderr: check.stderr });
    }
  });

  it("exits 2 when a file cannot be read, after formatting the others", () => {
    const good = put("good.ha", MESSY);
    const r = hacc(["fmt", join(dir, "missing.ha"), good]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`hacc: cannot read ${join(dir, "missing.ha")}: no such file or directory\n`);
    expect(readFileSync(good, "utf8")).toBe(TIDY);
  });

  it("exits 2 without a file", () => {
    const r = hacc(["fmt"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument");
  });
});
