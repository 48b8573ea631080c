import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format } from "prettier";
import { describe, expect, it } from "vitest";
import plugin from "../../src/format/index.js";
import { hacc, ROOT } from "../helpers.js";

const MESSY = "guest   a on b prefer 5,c 3{op start timeout 1s;}   # keep me\nguest c on d;\n";

describe("the Prettier plugin", () => {
  it("is picked by Prettier for a .ha file and prints what hacc fmt prints", async () => {
    const viaHacc = hacc(["fmt", "-"], { input: MESSY }).stdout;
    expect(viaHacc).toContain("{\n  op start timeout 1s;\n} # keep me\n");
    expect(await format(MESSY, { filepath: "site.ha", plugins: [plugin] })).toBe(viaHacc);
  });

  it("works from Prettier's own command line with --plugin (the built plugin)", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-prettier-"));
    try {
      const file = join(dir, "site.ha");
      writeFileSync(file, MESSY);
      const prettier = join(ROOT, "node_modules/prettier/bin/prettier.cjs");
      const r = spawnSync(process.execPath, [prettier, "--plugin", join(ROOT, "dist/format/index.js"), file], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(hacc(["fmt", "-"], { input: MESSY }).stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a bad string with hacc's code and position", async () => {
    const bad = (text: string) => format(text, { filepath: "bad.ha", plugins: [plugin] });
    await expect(bad('resource r ocf:heartbeat:Dummy { state = "a\\q"; }\n')).rejects.toMatchObject({
      message: expect.stringMatching(/^HA1004: /),
      loc: { start: { line: 1, column: 44 } },
    });
    await expect(bad('resource r ocf:heartbeat:Dummy { state = "a; }\n')).rejects.toMatchObject({
      message: expect.stringMatching(/^HA1002: /),
    });
    expect(await bad('resource r ocf:heartbeat:Dummy { state = "a\\\\q\\""; }\n')).toBe(
      'resource r ocf:heartbeat:Dummy {\n  state = "a\\\\q\\"";\n}\n',
    );
  });

  it("reports a syntax error with hacc's code and position", async () => {
    await expect(format("guest a on b\nguest c on d;\n", { filepath: "bad.ha", plugins: [plugin] })).rejects.toMatchObject({
      message: expect.stringMatching(/^HA1003: /),
      loc: { start: { line: 1, column: 13 } },
    });
  });
});
