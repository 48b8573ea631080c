import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { useColor } from "../../src/cli/kit.js";
import { hacc } from "../helpers.js";

// Review output for pull requests (issue 16, part 4): every attribute of what
// is added, colour on a terminal only, exit codes as Terraform's.

const EXAMPLE = "examples/storage-cluster.ha";
const EDITED = "test/review/sites/storage-edited.ha";
const LIVE = "test/review/sites/storage-live.xml";
const ESC = "\x1b[";

describe("an added resource shows what it is made with", () => {
  it("in text: its params and ops under it", () => {
    const r = hacc(["diff", EXAMPLE, EDITED]);
    expect(r.stdout).toContain(
      [
        "  + primitive ip-mgmt (ocf:heartbeat:IPaddr2)",
        "      + param ip = 10.0.0.5",
        "      + param cidr_netmask = 24",
        "      + op start 0s (timeout 20s)",
      ].join("\n"),
    );
  });

  it("in JSON: no `params: []` for an added resource with params", () => {
    const j = JSON.parse(hacc(["diff", "--json", EXAMPLE, EDITED]).stdout);
    const added = j.resources.find((x: { id: string }) => x.id === "ip-mgmt");
    expect(added.op).toBe("add");
    expect(added.params).toEqual([
      { name: "ip", to: "10.0.0.5" },
      { name: "cidr_netmask", to: "24" },
    ]);
    expect(added.ops.map((o: { op: string; name: string }) => `${o.op} ${o.name}`)).toEqual(["add start", "add stop", "add monitor"]);
    // Each added op with the attributes the text shows (`+ op start 0s (timeout 20s)`), not `attrs: []`.
    expect(added.ops[0].attrs).toEqual([{ name: "timeout", to: "20s" }]);
  });

  it("a plan against an empty CIB lists each guest's params and meta attributes", () => {
    const r = hacc(["plan", EXAMPLE, "--live", "-"], { input: "<configuration><crm_config/></configuration>" });
    expect(r.stdout).toMatch(/\+ primitive vm-vnio005 \(ocf:heartbeat:VirtualDomain, guest node vnio005\)\n\s+\+ param config = \/root\/vnio005\.xml\n/);
    expect(r.stdout).toMatch(/\+ meta remote-node = vnio005/);
  });
});

describe("colour", () => {
  const saved = process.env["NO_COLOR"];
  afterEach(() => {
    if (saved === undefined) delete process.env["NO_COLOR"];
    else process.env["NO_COLOR"] = saved;
  });

  it("auto: on a terminal unless NO_COLOR is set; never for a pipe or a file", () => {
    delete process.env["NO_COLOR"];
    expect(useColor("auto", { isTTY: true })).toBe(true);
    expect(useColor("auto", { isTTY: false })).toBe(false);
    expect(useColor("auto", undefined)).toBe(false);
    process.env["NO_COLOR"] = "1";
    expect(useColor("auto", { isTTY: true })).toBe(false);
    expect(useColor("always", { isTTY: false })).toBe(true);
    expect(useColor("always", undefined)).toBe(false);
    expect(useColor("never", { isTTY: true })).toBe(false);
  });

  it("a pipe gets plain text; --color always colours it, and without the escapes it is the same text", () => {
    const plain = hacc(["diff", EXAMPLE, EDITED], { env: { NO_COLOR: "" } });
    expect(plain.stdout).not.toContain(ESC);
    const coloured = hacc(["diff", EXAMPLE, EDITED, "--color", "always"]);
    expect(coloured.stdout).toContain(`${ESC}32m  + primitive ip-mgmt`);
    expect(coloured.stdout).toContain(`${ESC}31m  - primitive lwfsd-vnio006`);
    expect(coloured.stdout).toContain(`${ESC}33m  ~ no-quorum-policy: stop -> freeze${ESC}0m`);
    expect(coloured.stdout.replace(/\x1b\[\d+m/g, "")).toBe(plain.stdout);
  });

  it("never in a file, even with --color always", () => {
    const out = join(mkdtempSync(join(tmpdir(), "hacc-colour-")), "plan.txt");
    const r = hacc(["plan", EDITED, "--live", LIVE, "--color", "always", "-o", out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(hacc(["plan", EDITED, "--live", LIVE]).stdout);
    expect(readFileSync(out, "utf8")).not.toContain(ESC);
  });

  it("refuses a --color it does not know (exit 2)", () => {
    expect(hacc(["diff", EXAMPLE, EDITED, "--color", "sometimes"]).code).toBe(2);
  });
});

describe("--detailed-exitcode", () => {
  it("diff: 0 without changes, 2 with changes, 1 on errors (a usage error too)", () => {
    expect(hacc(["diff", "--detailed-exitcode", EXAMPLE, EXAMPLE]).code).toBe(0);
    expect(hacc(["diff", "--detailed-exitcode", EXAMPLE, EDITED]).code).toBe(2);
    expect(hacc(["diff", "--detailed-exitcode", EXAMPLE, "test/golden/errors/HA1003.ha"]).code).toBe(1);
    expect(hacc(["diff", "--detailed-exitcode", EXAMPLE, "no-such-file.ha"]).code).toBe(1);
    expect(hacc(["diff", "--detailed-exitcode", EXAMPLE]).code).toBe(1);
  });

  it("plan: 0 without changes, 2 with changes", () => {
    expect(hacc(["plan", EXAMPLE, "--live", LIVE, "--detailed-exitcode"]).code).toBe(0);
    expect(hacc(["plan", EDITED, "--live", LIVE, "--detailed-exitcode"]).code).toBe(2);
  });
});

describe("hacc check --strict", () => {
  it("fails on warnings (exit 1); without it warnings pass (exit 0)", () => {
    const r = hacc(["check", EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning\[/m);
    const s = hacc(["check", "--strict", EXAMPLE]);
    expect(s.code).toBe(1);
    // The same report, and a last line saying why it fails.
    const warnings = (r.stderr.match(/^warning\[/gm) ?? []).length;
    expect(s.stderr).toBe(`${r.stderr}hacc: ${warnings} warnings and --strict: failing\n`);
    const json = hacc(["check", "--strict", "--json", EXAMPLE]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toHaveLength(warnings);
    expect(json.stderr).toBe(`hacc: ${warnings} warnings and --strict: failing\n`);
  });

  it("passes a site without warnings", () => {
    const site = join(mkdtempSync(join(tmpdir(), "hacc-strict-")), "clean.ha");
    writeFileSync(site, "cluster c {\n  nodes n1, n2;\n  property symmetric-cluster = false;\n}\nguest g on n1 prefer 500, n2 100;\nlwfsd on g after vm;\n");
    expect(hacc(["check", "--strict", site])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
