import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hacc, havePacemaker, ROOT } from "../helpers.js";
import { canonicalConfiguration } from "../import/normalise.js";
import { run, scratch } from "../pacemaker-tools.js";

/**
 * The seed's cluster as its admins typed it (../shared/seed/README.md, "The
 * commands hacc's output replaces"), in pcs 0.11's forms (`cluster node
 * add-guest` for the guest node, as pcs 0.10+ refuses `meta remote-node=` on
 * `resource create`), run with `pcs -f` on a CIB file; its guests' domains
 * as `virsh dumpxml` prints them. Adopting it with `hacc import --libvirt`
 * must give the language's own forms (`guest` with its `ib` lines), keep
 * every id pcs chose, compile back to the same configuration, and plan no
 * change against the cluster it came from. About ten pcs calls (0.9 s each).
 */
const tools = havePacemaker(["cibadmin", "pcs", "crm_verify"]);

const COMMANDS = (g: string, home: string, other: string): string[][] => [
  ["resource", "create", `vm-${g}`, "VirtualDomain", "hypervisor=qemu:///system", `config=/root/${g}.xml`, "--disabled"],
  ["cluster", "node", "add-guest", g, `vm-${g}`],
  ["constraint", "location", `vm-${g}`, "prefers", `${home}=500`, `${other}=100`],
  ["resource", "enable", `vm-${g}`],
  ["resource", "create", `lwfsd-${g}`, "ocf:heartbeat:lwfsd", `vhost=${g}`],
  ["constraint", "location", `lwfsd-${g}`, "prefers", `${g}=500`],
  ["constraint", "order", "start", `vm-${g}`, "then", "start", `lwfsd-${g}`],
  ["resource", "update", `vm-${g}`, "op", "start", "timeout=900"],
];

/** The seed's CIB as pcs builds it, and a directory of its guests' domains (two VFs each). */
function seedCluster(): { dir: string; cib: string; domains: string } {
  const dir = scratch("seed-pcs");
  const cib = join(dir, "cib.xml");
  writeFileSync(cib, run("cibadmin", ["--empty"]).out);
  expect(run("cibadmin", ["--replace", "-o", "nodes", "-X", '<nodes><node id="1" uname="nio005"/><node id="2" uname="nio006"/></nodes>'], { CIB_file: cib }).code).toBe(0);
  const pcs = (args: string[]): void => {
    const r = run("pcs", ["-f", cib, ...args]);
    expect(r.code, `pcs ${args.join(" ")}: ${r.out}`).toBe(0);
  };
  pcs(["property", "set", "start-failure-is-fatal=false", "stonith-enabled=false", "symmetric-cluster=false", "no-quorum-policy=stop"]);
  pcs(["resource", "defaults", "update", "migration-threshold=5", "failure-timeout=10s"]);
  for (const args of [...COMMANDS("vnio005", "nio005", "nio006"), ...COMMANDS("vnio006", "nio006", "nio005")]) pcs(args);
  const domains = join(dir, "domains");
  mkdirSync(domains);
  const vnio006 = readFileSync(join(ROOT, "test", "fixtures", "libvirt", "vnio006.xml"), "utf8");
  writeFileSync(join(domains, "vnio006.xml"), vnio006);
  writeFileSync(join(domains, "vnio005.xml"), vnio006.replace("<name>vnio006</name>", "<name>vnio005</name>").replace("function='0x2'", "function='0x0'").replace("function='0x3'", "function='0x1'"));
  return { dir, cib, domains };
}

describe.skipIf(!tools)("the seed's cluster typed with pcs, adopted with hacc import --libvirt", () => {
  it("imports as guests with their VFs and pcs's ids, compiles back to the same configuration, agrees with the domains, and plans no change", () => {
    const { dir, cib, domains } = seedCluster();
    expect(run("crm_verify", ["--xml-file", cib]).code).toBe(0);
    const site = join(dir, "site.ha");
    const imp = hacc(["import", cib, "--libvirt", domains, "-o", site]);
    expect(imp.stderr).toBe("");
    expect(imp.code).toBe(0);
    const text = readFileSync(site, "utf8");
    // The guests are guests, placed as pcs named their locations, with the VFs their domains pass through.
    expect(text).toContain("guest vnio005 on nio005 500 named location-vm-vnio005-nio005-500,\n    nio006 100 named location-vm-vnio005-nio006-100 {\n");
    expect(text).toContain("guest vnio006 on nio006 500 named location-vm-vnio006-nio006-500,\n    nio005 100 named location-vm-vnio006-nio005-100 {\n");
    expect(text).toContain('  config "/root/vnio005.xml";\n  hypervisor qemu:///system;\n  ib 0000:82:01.0 at 00:05.0;\n  ib 0000:82:01.1 at 00:06.0;\n');
    expect(text).toContain('  config "/root/vnio006.xml";\n  hypervisor qemu:///system;\n  ib 0000:82:01.2 at 00:05.0;\n  ib 0000:82:01.3 at 00:06.0;\n');
    // `lwfsd on GUEST after vm` would be INFINITY on the guest; the seed's is 500, so it stays a resource, as typed.
    expect(text).toContain("} on vnio005 500 named location-lwfsd-vnio005-vnio005-500;\n");
    expect(text).toContain("order vm-vnio006 then lwfsd-vnio006 named order-vm-vnio006-lwfsd-vnio006-mandatory;\n");
    expect(hacc(["fmt", "--check", site]).code).toBe(0);

    // The checker reads the domains as the site says them, and the site says the cluster.
    expect(hacc(["check", site, "--libvirt", domains]).code).toBe(0);
    const back = hacc(["compile", site, "--target", "cib", "--full"]);
    expect(back.code, back.stderr).toBe(0);
    expect(canonicalConfiguration(back.stdout, { dropOwnerTag: true })).toBe(canonicalConfiguration(readFileSync(cib, "utf8"), { dropOwnerTag: true }));
    const plan = hacc(["plan", site, "--live", cib]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("no changes to objects");

    // What hand-typed pcs never catches, now caught: vnio006 given a VF vnio005 already has (they share a host when one fails).
    writeFileSync(site, text.replace("ib 0000:82:01.2 at 00:05.0;", "ib 0000:82:01.0 at 00:05.0;"));
    const clash = hacc(["check", site]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain("error[HA4001]");
  });
});
