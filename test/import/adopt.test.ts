import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers.js";

/** Defects an admin found adopting clusters pcs and crmsh built (`hacc import`, `hacc check --libvirt`). */

function hacc(args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000, ...(input !== undefined ? { input } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cibWith(config: string, props = ""): string {
  return `<cib validate-with="pacemaker-3.9" epoch="3" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">${props}</cluster_property_set>
    </crm_config>
${config}
  </configuration>
  <status/>
</cib>
`;
}

function tmp(name: string, text: string): string {
  const d = mkdtempSync(join(tmpdir(), "hacc-adopt-"));
  const f = join(d, name);
  writeFileSync(f, text);
  return f;
}

describe("hacc import: the cluster's name", () => {
  it("names the cluster after `cluster-name` (kept as a comment too), as docs/import.md says", () => {
    const cib = tmp("live.xml", cibWith(`    <nodes><node id="1" uname="n1"/></nodes>
    <resources><primitive id="r1" class="ocf" provider="heartbeat" type="Dummy"/></resources>
    <constraints/>`, `<nvpair id="cib-bootstrap-options-cluster-name" name="cluster-name" value="prod"/>`));
    const r = hacc(["import", cib]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("# property cluster-name = prod is the cluster's own (not imported)\ncluster prod {\n");
  });
});

describe("directories that cannot be made", () => {
  it("compile --target libvirt -o /proc/foo exits 2 with the reason, and returns (Node's recursive mkdir loops there)", () => {
    const r = hacc(["compile", join(ROOT, "examples", "storage-cluster.ha"), "--target", "libvirt", "-o", "/proc/hacc-no-such-dir/x"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("hacc: cannot create directory /proc/hacc-no-such-dir/x: no such file or directory");
  });

  it("init /proc/foo exits 2 with the reason", () => {
    const r = hacc(["init", "/proc/hacc-no-such-dir"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("hacc: cannot make /proc/hacc-no-such-dir: no such file or directory");
  });
});

describe("hacc import of XML that is no CIB", () => {
  it("a libvirt domain is HA1009 at its root element, with a caret and a hint, exit 1, nothing written", () => {
    const dom = tmp("vm1.xml", '<?xml version="1.0"?>\n<domain type="kvm">\n  <name>vm1</name>\n</domain>\n');
    const out = join(dom, "..", "site.ha");
    const r = hacc(["import", dom, "-o", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[HA1009]: the root element is `<domain>`, not `<cib>` (or `<configuration>`): this is not a CIB");
    expect(r.stderr).toContain(`--> ${dom}:2:1`);
    expect(r.stderr).toContain("2 | <domain type=\"kvm\">\n  | ^^^^^^^");
    expect(r.stderr).toContain("hint: this is a libvirt domain");
    expect(existsSync(out)).toBe(false);
  });
});
