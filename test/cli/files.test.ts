import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, linkSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, hacc, ROOT, stripSeedWarnings } from "../helpers.js";

/** Part 4 of issue 14: hacc writes files as a careful tool does. */
const EXAMPLE = join(ROOT, "examples", "storage-cluster.ha");
const CIB = readFileSync(join(ROOT, "examples", "storage-cluster.cib.xml"), "utf8");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hacc-files-"));
});
const fresh = () => mkdtempSync(join(dir, "d-"));
const site = (d: string) => {
  const p = join(d, "site.ha");
  writeFileSync(p, readFileSync(EXAMPLE));
  return p;
};

describe("-o never overwrites an input", () => {
  it("refuses the site itself, by its name, a symlink or a hard link, with exit 2, and leaves it alone", () => {
    const d = fresh();
    const s = site(d);
    symlinkSync(s, join(d, "alias.ha"));
    linkSync(s, join(d, "hard.ha"));
    const before = readFileSync(s, "utf8");
    for (const out of [s, join(d, "alias.ha"), join(d, "hard.ha"), join(d, ".", "site.ha")]) {
      const r = hacc(["compile", s, "-o", out]);
      expect(r.code, out).toBe(2);
      expect(stripSeedWarnings(r.stderr)).toMatch(/^hacc: -o .* would overwrite the input .*site\.ha; write the output to another file\n$/);
    }
    expect(hacc(["compile", join(d, "alias.ha"), "-o", s]).code).toBe(2);
    expect(readFileSync(s, "utf8")).toBe(before);
    expect(readdirSync(d).sort()).toEqual(["alias.ha", "hard.ha", "site.ha"]);
  });

  it("refuses a library (-L) and the live CIB of a plan", () => {
    const d = fresh();
    const s = site(d);
    const libFile = join(d, "lib.ha");
    writeFileSync(libFile, "# no declarations\n");
    expect(hacc(["compile", s, "-L", libFile, "-o", libFile]).code).toBe(2);
    expect(readFileSync(libFile, "utf8")).toBe("# no declarations\n");
    const live = join(d, "live.xml");
    writeFileSync(live, readFileSync(join(ROOT, "test", "review", "sites", "storage-live.xml")));
    const r = hacc(["plan", s, "--live", live, "--target", "cib", "-o", live]);
    expect(r.code).toBe(2);
    expect(readFileSync(live, "utf8")).toBe(readFileSync(join(ROOT, "test", "review", "sites", "storage-live.xml"), "utf8"));
  });

  it("-o - is standard output, and no file named - appears", () => {
    const d = fresh();
    const s = site(d);
    const r = hacc(["compile", s, "-o", "-"], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(CIB);
    const p = hacc(["plan", s, "--live", join(ROOT, "test", "review", "sites", "storage-live.xml"), "-o", "-"], { cwd: d });
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/^hacc plan: /);
    expect(existsSync(join(d, "-"))).toBe(false);
  });
});

describe("replacing a file keeps what it was", () => {
  it("keeps the mode of the file it replaces (0600 stays 0600, 0640 stays 0640)", () => {
    const d = fresh();
    const s = site(d);
    for (const mode of [0o600, 0o640]) {
      const out = join(d, `out-${mode.toString(8)}.xml`);
      writeFileSync(out, "old\n");
      chmodSync(out, mode);
      expect(hacc(["compile", s, "-o", out]).code).toBe(0);
      expect(readFileSync(out, "utf8")).toBe(CIB);
      expect(statSync(out).mode & 0o777).toBe(mode);
    }
  });

  it("writes through a symlink: the link stays, the file it points to gets the text and keeps its mode", () => {
    const d = fresh();
    const s = site(d);
    const real = join(d, "real.xml");
    writeFileSync(real, "old\n");
    chmodSync(real, 0o600);
    const link = join(d, "link.xml");
    symlinkSync("real.xml", link);
    const r = hacc(["compile", s, "-o", link]);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("real.xml");
    expect(readFileSync(real, "utf8")).toBe(CIB);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(d).sort()).toEqual(["link.xml", "real.xml", "site.ha"]);
  });

  it("refuses a symlink that points at nothing (exit 2), and leaves the link as it is", () => {
    const d = fresh();
    const s = site(d);
    const link = join(d, "dangling.xml");
    symlinkSync("missing/real.xml", link);
    const r = hacc(["compile", s, "-o", link]);
    expect(r.code).toBe(2);
    expect(stripSeedWarnings(r.stderr)).toBe(`hacc: cannot write ${link}: it is a symlink to ${join(d, "missing", "real.xml")}, which does not exist; create that file first, or remove the link\n`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("missing/real.xml");
    expect(readdirSync(d).sort()).toEqual(["dangling.xml", "site.ha"]);
  });

  it("fmt rewrites in place through a symlink and keeps the mode", () => {
    const d = fresh();
    const real = join(d, "real.ha");
    writeFileSync(real, "cluster   c {\n nodes n1;\n}\n");
    chmodSync(real, 0o640);
    symlinkSync("real.ha", join(d, "link.ha"));
    const r = hacc(["fmt", join(d, "link.ha")]);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(d, "link.ha")).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe("cluster c {\n  nodes n1;\n}\n");
    expect(statSync(real).mode & 0o777).toBe(0o640);
  });

  it("the temporary file has a random name, so two runs never share one, and none is left behind", async () => {
    const d = fresh();
    const s = site(d);
    const out = join(d, "out.xml");
    // Many writers at once to the same file: each its own temporary file, the result one whole output.
    const runs = Array.from({ length: 4 }, () => new Promise<number | null>((done) => spawn(process.execPath, [BIN, "compile", s, "-o", out]).on("close", done)));
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0]);
    expect(readFileSync(out, "utf8")).toBe(CIB);
    expect(readdirSync(d).sort()).toEqual(["out.xml", "site.ha"]);
  });
});

describe("the temporary file goes when the process is interrupted", () => {
  it("SIGTERM while the output is being written removes the temporary file, and the old output stays", async () => {
    const d = fresh();
    const out = join(d, "out.xml");
    writeFileSync(out, "old\n");
    // The CLI's own writer, held open: the moment an interrupt can come while a temporary file exists.
    const child = spawn(process.execPath, [
      "--input-type=module",
      "-e",
      `const io = await import(${JSON.stringify(join(ROOT, "dist", "cli", "io.js"))}); const f = io.openAtomic(${JSON.stringify(out)}); f.write("partial"); console.log("open"); setTimeout(() => {}, 60000);`,
    ]);
    await new Promise<void>((ready) => child.stdout.on("data", () => ready()));
    expect(readdirSync(d).filter((n) => n.endsWith(".hacc.tmp"))).toHaveLength(1);
    const signal = await new Promise<NodeJS.Signals | null>((done) => {
      child.on("exit", (_code, sig) => done(sig));
      child.kill("SIGTERM");
    });
    expect(signal).toBe("SIGTERM");
    expect(readdirSync(d)).toEqual(["out.xml"]);
    expect(readFileSync(out, "utf8")).toBe("old\n");
  });
});

describe("write failures and closed pipes", () => {
  it("a full device (-o /dev/full, or stdout on /dev/full) is one line and exit 2", () => {
    const r = hacc(["compile", EXAMPLE, "-o", "/dev/full"]);
    expect(r.code).toBe(2);
    expect(stripSeedWarnings(r.stderr)).toBe("hacc: cannot write /dev/full: no space left on device\n");
    const s = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" compile "${EXAMPLE}" > /dev/full`], { encoding: "utf8" });
    expect(s.status).toBe(2);
    expect(stripSeedWarnings(s.stderr)).toBe("hacc: cannot write standard output: no space left on device\n");
  });

  it("a closed pipe (| head -1) ends hacc quietly with exit 0, for compile and for a long check --json", () => {
    const long = join(dir, "long.ha");
    writeFileSync(long, "cluster c { nodes n1; }\n" + "resource r x:y:z on n9 prefer lots;\n".repeat(3000));
    for (const cmd of [`compile "${EXAMPLE}" --target pcs`, `check "${long}" --json`]) {
      const s = spawnSync("bash", ["-c", `"${process.execPath}" "${BIN}" ${cmd} | head -1 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { encoding: "utf8" });
      expect(stripSeedWarnings(s.stderr), cmd).toBe("");
      // check --json has found errors: exit 1, as without the pipe; compile found none: 0.
      expect(s.stdout, cmd).toBe(cmd.startsWith("check") ? "rc=1\n" : "rc=0\n");
    }
  });
});

describe("a file name with control characters", () => {
  it("is printed JSON-quoted in a diagnostic, a read error and a write error, never raw", () => {
    const d = fresh();
    const bad = join(d, "bad\nname\u001b[31m.ha");
    writeFileSync(bad, "cluster c {\n  nodes n1;\n}\nresource a ocf:pacemaker:Dummy on n7;\n");
    const quoted = JSON.stringify(bad);
    const r = hacc(["check", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`  --> ${quoted}:4:35\n`);
    expect(r.stderr).not.toContain("\u001b");
    const missing = join(d, "no\rsuch.ha");
    const m = hacc(["check", missing]);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe(`hacc: cannot read ${JSON.stringify(missing)}: no such file or directory\n`);
    const out = join(d, "dir\u0007", "out.xml");
    const w = hacc(["compile", site(d), "-o", out]);
    expect(w.code).toBe(2);
    expect(stripSeedWarnings(w.stderr)).toMatch(new RegExp(`^hacc: cannot write ${JSON.stringify(out).replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}: `));
  });
});
