import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CONTRACT, hacc, HEADER, ROOT, stripSeedWarnings } from "../helpers.js";

const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hacc-cli-"));
});

const BAD = HEADER + "guest g on n1 prefer 500, n9 100;\nresource r ocf:heartbeat:Dummy on n1 prefer lots;\n";

describe("hacc compile", () => {
  it("prints the example's CIB, identical to the committed one", () => {
    const r = hacc(["compile", EXAMPLE, "--target", "cib"]);
    expect(r.code).toBe(0);
    expect(stripSeedWarnings(r.stderr)).toBe("");
    expect(r.stdout).toBe(readFileSync(join(ROOT, "examples", "storage-cluster.cib.xml"), "utf8"));
  });

  it("compiles the contract with its one warning on stderr and exit 0", () => {
    const r = hacc(["compile", CONTRACT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<configuration>/);
    expect(r.stderr).toContain("warning[HA4007]");
    // HA4007, and the seed's own HA4021 and HA4022 (the contract keeps the seed's settings).
    expect(r.stderr).toMatch(/3 warnings\n$/);
  });

  it("reads stdin for -", () => {
    const r = hacc(["compile", "-", "--full"], { input: readFileSync(EXAMPLE, "utf8") });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<cib crm_feature_set="3\.16\.1" validate-with="pacemaker-3\.9" epoch="1" num_updates="0" admin_epoch="0">/);
  });

  it("reports all errors together with file:line:col, the line and a caret, exit 1, nothing on stdout", () => {
    const site = join(dir, "bad.ha");
    writeFileSync(site, BAD);
    const r = hacc(["compile", site]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`error[HA2001]: unknown node \`n9\`\n  --> ${site}:5:27\n  |\n5 | guest g on n1 prefer 500, n9 100;\n  |                           ^^\n  = hint: did you mean \`n1\`?`);
    expect(r.stderr).toContain("error[HA3001]: `lots` is not a score");
    expect(r.stderr).toMatch(/2 errors\n$/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("writes -o whole, and never touches it when the compile fails", () => {
    const out = join(dir, "out.xml");
    writeFileSync(out, "previous\n");
    const bad = join(dir, "bad2.ha");
    writeFileSync(bad, BAD);
    expect(hacc(["compile", bad, "-o", out]).code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous\n");
    const ok = hacc(["compile", EXAMPLE, "-o", out]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(ROOT, "examples", "storage-cluster.cib.xml"), "utf8"));
  });

  it("throws away what it had written to -o when the target refuses a value (the output is streamed)", () => {
    // pcs cannot set an empty value (HA5001), which the emitter finds while writing.
    const site = join(dir, "empty-value.ha");
    writeFileSync(site, HEADER + 'resource r ocf:heartbeat:Dummy { fake = ""; } on n1 prefer 100;\n');
    const out = join(dir, "out.sh");
    writeFileSync(out, "previous\n");
    const r = hacc(["compile", site, "--target", "pcs", "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[HA5001]");
    expect(readFileSync(out, "utf8")).toBe("previous\n");
    expect(readdirSync(dir).filter((f) => f.includes(".hacc-"))).toEqual([]);
    // The same site compiles to crmsh, which can carry an empty value.
    expect(hacc(["compile", site, "--target", "crmsh", "-o", out]).code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("params fake='' ");
  });

  it("exits 2 for an unknown target, a missing file or an unwritable output", () => {
    const t = hacc(["compile", EXAMPLE, "--target", "yaml"]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain("argument 'yaml' is invalid");
    const m = hacc(["compile", join(dir, "nope.ha")]);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe(`hacc: cannot read ${join(dir, "nope.ha")}: no such file or directory\n`);
    const ro = join(dir, "ro");
    const w = hacc(["compile", EXAMPLE, "-o", join(ro, "x", "out.xml")]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/^hacc: cannot write .*out\.xml: /);
    expect(existsSync(join(ro, "x"))).toBe(false);
  });

  it("exits 2 for usage errors", () => {
    expect(hacc(["compile"]).code).toBe(2);
    expect(hacc(["frobnicate"]).code).toBe(2);
  });

  it("says a usage error as hacc says its others (`hacc: ...`), not as an `error:` diagnostic", () => {
    const g = hacc(["graph", EXAMPLE]);
    expect(g.code).toBe(2);
    expect(stripSeedWarnings(g.stderr)).toBe("hacc: required option '-o, --output <file>' not specified\n(run `hacc help` or add --help for usage)\n");
    const u = hacc(["compile", EXAMPLE, "--bogus"]);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^hacc: unknown option '--bogus'\n/);
  });
});

describe("hacc check", () => {
  it("prints nothing but the seed's own warnings and exits 0 for the example", () => {
    const r = hacc(["check", EXAMPLE]);
    expect({ ...r, stderr: stripSeedWarnings(r.stderr) }).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--json prints diagnostics with 1-based positions", () => {
    const site = join(dir, "bad3.ha");
    writeFileSync(site, BAD);
    const r = hacc(["check", "--json", site]);
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(ds[0]).toEqual({
      code: "HA2001",
      severity: "error",
      message: "unknown node `n9`",
      file: site,
      line: 5,
      column: 27,
      endLine: 5,
      endColumn: 29,
      hint: "did you mean `n1`?",
    });
    expect(ds.map((d) => d["code"])).toEqual(["HA2001", "HA3001"]);
  });

  it("gives related locations in JSON", () => {
    const r = hacc(["check", "--json", "-"], { input: HEADER + "resource r ocf:heartbeat:Dummy on n1;\nresource r ocf:heartbeat:Dummy on n1;\n" });
    const ds = JSON.parse(r.stdout) as { related?: unknown[] }[];
    expect(ds[0]!.related).toEqual([{ file: "<stdin>", line: 5, column: 10, message: "first declared here" }]);
  });
});

describe("hacc --help", () => {
  it("works and lists the commands", () => {
    const r = hacc(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("compile");
    expect(r.stdout).toContain("check");
  });
});

