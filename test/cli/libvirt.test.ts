import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLibvirtDir } from "../../src/cli/libvirt.js";
import { hacc, ROOT, stripSeedWarnings } from "../helpers.js";

/** The seed's cluster: guests vnio005 and vnio006, two VFs each. */
const SITE = join(ROOT, "examples", "storage-cluster.ha");
const FIXTURE = readFileSync(join(ROOT, "test", "fixtures", "libvirt", "vnio006.xml"), "utf8");
/** The ib lines of the example, as written there. */
const SEED_IB = {
  vnio005: [
    { host: "0000:82:01.0", slot: "00:05.0" },
    { host: "0000:82:01.1", slot: "00:06.0" },
  ],
  vnio006: [
    { host: "0000:82:01.2", slot: "00:05.0" },
    { host: "0000:82:01.3", slot: "00:06.0" },
  ],
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hacc-libvirt-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every file under `d`, relative, sorted. */
function files(d: string): string[] {
  return readdirSync(d, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(d, f)).isFile())
    .sort();
}

/**
 * A domain as `virsh attach-device GUEST FILE --config` leaves it: the
 * hand-written dumpxml fixture with its hostdevs taken out, renamed, and
 * each device file's <hostdev> appended to <devices>.
 */
function attach(guest: string, deviceTexts: readonly string[]): string {
  const bare = FIXTURE.replace(/ *<hostdev[\s\S]*?<\/hostdev>\n/g, "").replace("<name>vnio006</name>", `<name>${guest}</name>`);
  const devices = deviceTexts.map((t) => t.replace(/<!--[\s\S]*?-->\n/, "").replace(/^/gm, "    ").replace(/ +$/, ""));
  return bare.replace("  </devices>", `${devices.join("")}  </devices>`);
}

describe("hacc compile --target libvirt -o DIR", () => {
  it("writes one <hostdev> per ib line of the seed's guests, each well-formed, and reading them back gives the same ib lines", () => {
    const out = join(dir, "new", "devices");
    const r = hacc(["compile", SITE, "--target", "libvirt", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(stripSeedWarnings(r.stderr)).toBe("");
    expect(files(out)).toEqual(["vnio005/vf-0000-82-01.0.xml", "vnio005/vf-0000-82-01.1.xml", "vnio006/vf-0000-82-01.2.xml", "vnio006/vf-0000-82-01.3.xml"]);
    for (const f of files(out)) execFileSync("xmllint", ["--noout", join(out, f)]);
    // Each guest's devices, attached to its domain as virsh would, and read back as an importer does.
    const domains = join(dir, "attached");
    mkdirSync(domains);
    for (const guest of ["vnio005", "vnio006"]) {
      const texts = files(join(out, guest)).map((f) => readFileSync(join(out, guest, f), "utf8"));
      writeFileSync(join(domains, `${guest}.xml`), attach(guest, texts));
      execFileSync("xmllint", ["--noout", join(domains, `${guest}.xml`)]);
    }
    const back = readLibvirtDir(domains);
    expect(back.problems).toEqual([]);
    expect(Object.fromEntries(back.guests.map((g) => [g.guest, g.ib]))).toEqual(SEED_IB);
    // And the check finds nothing to say about them.
    const c = hacc(["check", SITE, "--libvirt", domains]);
    expect(c.code).toBe(0);
    expect(stripSeedWarnings(c.stderr)).toBe("");
  });

  it("is deterministic, leaves other files alone, and removes a device file whose ib line is gone", () => {
    const out = join(dir, "again");
    expect(hacc(["compile", SITE, "--target", "libvirt", "-o", out]).code).toBe(0);
    const first = files(out).map((f) => readFileSync(join(out, f), "utf8"));
    writeFileSync(join(out, "vnio006", "vf-0000-82-01.7.xml"), "<hostdev/>\n");
    writeFileSync(join(out, "vnio006", "notes.txt"), "mine\n");
    expect(hacc(["compile", SITE, "--target", "libvirt", "-o", out]).code).toBe(0);
    expect(files(out)).toEqual(["vnio005/vf-0000-82-01.0.xml", "vnio005/vf-0000-82-01.1.xml", "vnio006/notes.txt", "vnio006/vf-0000-82-01.2.xml", "vnio006/vf-0000-82-01.3.xml"]);
    expect(files(out).filter((f) => f.endsWith(".xml")).map((f) => readFileSync(join(out, f), "utf8"))).toEqual(first);
  });

  it("refuses to run without -o DIR, or with -o -: exit 2, nothing written", () => {
    for (const args of [[], ["-o", "-"]]) {
      const r = hacc(["compile", SITE, "--target", "libvirt", ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe("hacc: --target libvirt writes a directory of files: name it with -o DIR\n");
    }
  });

  it("a file in the way of DIR is exit 2; a site with errors writes nothing, exit 1", () => {
    const blocker = join(dir, "blocker");
    writeFileSync(blocker, "x");
    const r = hacc(["compile", SITE, "--target", "libvirt", "-o", blocker]);
    expect(r.code).toBe(2);
    expect(stripSeedWarnings(r.stderr)).toBe(`hacc: cannot create directory ${blocker}: a file of that name is in the way\n`);
    const bad = join(dir, "bad.ha");
    writeFileSync(bad, "cluster c { nodes n1, n2; }\nguest g on n1 prefer 500, n2 100 { ib 0000:82:01.0 at 00:05.0; ib 0000:82:01.0 at 00:06.0; }\n");
    const out = join(dir, "never");
    const e = hacc(["compile", bad, "--target", "libvirt", "-o", out]);
    expect(e.code).toBe(1);
    expect(e.stderr).toContain("error[HA4001]");
    expect(() => statSync(out)).toThrow();
  });
});

describe("hacc check --libvirt DIR", () => {
  it("compares each guest with DIR/GUEST.xml: the hand-written dumpxml of vnio006 agrees, vnio005's is missing", () => {
    const d = join(dir, "dumps");
    mkdirSync(d);
    writeFileSync(join(d, "vnio006.xml"), FIXTURE);
    const r = hacc(["check", "examples/storage-cluster.ha", "--libvirt", d]);
    expect(r.code).toBe(1);
    // The count line also counts the seed's own warnings.
    expect(stripSeedWarnings(r.stderr).replace(/^1 error, \d+ warnings$/m, "1 error")).toBe(
      [
        `error[HA4033]: guest \`vnio005\` has no domain XML: \`${d}/vnio005.xml\` does not exist`,
        "  --> examples/storage-cluster.ha:31:7",
        "   |",
        "31 | guest vnio005 on nio005 prefer 500, nio006 100 {",
        "   |       ^^^^^^^",
        `  = hint: on a host that defines the guest: \`virsh dumpxml --inactive vnio005 > ${d}/vnio005.xml\``,
        "",
        "1 error",
        "",
      ].join("\n"),
    );
  });

  it("a domain of DIR that is no guest and passes through a guest's host VF is HA4038 at that ib line; other files are not the site's business", () => {
    const d = join(dir, "strangers");
    mkdirSync(d);
    writeFileSync(join(d, "vnio006.xml"), FIXTURE);
    writeFileSync(join(d, "vnio005.xml"), FIXTURE.replace("<name>vnio006</name>", "<name>vnio005</name>").replace("function='0x2'", "function='0x0'").replace("function='0x3'", "function='0x1'"));
    // A test VM someone gave vnio006's second VF, one with a VF no guest uses, a network, a file that is no XML.
    writeFileSync(join(d, "test-vm.xml"), FIXTURE.replace("<name>vnio006</name>", "<name>test-vm</name>").replace("function='0x2'", "function='0x7'"));
    writeFileSync(join(d, "other.xml"), FIXTURE.replace("<name>vnio006</name>", "<name>other</name>").replaceAll("bus='0x82'", "bus='0x83'"));
    writeFileSync(join(d, "default-net.xml"), "<network><name>default</name></network>\n");
    writeFileSync(join(d, "notes.xml"), "not xml <\n");
    const r = hacc(["check", SITE, "--libvirt", d]);
    expect(r.code).toBe(0);
    const warnings = stripSeedWarnings(r.stderr);
    expect(warnings.match(/warning\[HA4038\]/g)).toHaveLength(1);
    expect(warnings).toContain(`warning[HA4038]: host VF \`0000:82:01.3\` of guest \`vnio006\` is also passed through by domain \`test-vm\` (\`${join(d, "test-vm.xml")}\`), which is no guest of the site`);
    expect(warnings).toContain("40 |   ib 0000:82:01.3 at 00:06.0;");
    expect(warnings).not.toMatch(/HA403[0-7]/);
  });

  it("another file of DIR that defines a guest's domain (the guest as another host defines it) is compared with its ib lines too", () => {
    const d = join(dir, "copies");
    mkdirSync(d);
    writeFileSync(join(d, "vnio006.xml"), FIXTURE);
    const vnio005 = FIXTURE.replace("<name>vnio006</name>", "<name>vnio005</name>").replace("slot='0x01' function='0x2'", "slot='0x01' function='0x0'").replace("slot='0x01' function='0x3'", "slot='0x01' function='0x1'");
    writeFileSync(join(d, "vnio005.xml"), vnio005);
    // Agrees: nothing. With vnio006's first VF instead of its own: the copy is named in each finding.
    writeFileSync(join(d, "vnio005-on-nio006.xml"), vnio005);
    expect(hacc(["check", SITE, "--libvirt", d]).code).toBe(0);
    writeFileSync(join(d, "vnio005-on-nio006.xml"), vnio005.replace("slot='0x01' function='0x0'", "slot='0x01' function='0x2'"));
    const r = hacc(["check", SITE, "--libvirt", d, "--json"]);
    expect(r.code).toBe(1);
    const found = (JSON.parse(r.stdout) as { code: string; message: string }[]).filter((x) => x.code.startsWith("HA403"));
    expect(found.map((x) => x.code)).toEqual(["HA4030", "HA4031"]);
    for (const x of found) expect(x.message).toContain(`\`${join(d, "vnio005-on-nio006.xml")}\``);
  });

  it("--json carries the libvirt findings too; a missing DIR is exit 2", () => {
    const d = join(dir, "json");
    mkdirSync(d);
    writeFileSync(join(d, "vnio005.xml"), attach("vnio005", []));
    writeFileSync(join(d, "vnio006.xml"), FIXTURE.replace("<name>vnio006</name>", "<name>kvmtem</name>"));
    const r = hacc(["check", "examples/storage-cluster.ha", "--libvirt", d, "--json"]);
    expect(r.code).toBe(1);
    const codes = (JSON.parse(r.stdout) as { code: string }[]).map((x) => x.code).filter((c) => c.startsWith("HA403"));
    expect(codes).toEqual(["HA4031", "HA4031", "HA4034"]);
    const m = hacc(["check", SITE, "--libvirt", join(dir, "nowhere")]);
    expect(m.code).toBe(2);
    expect(m.stderr).toBe(`hacc: --libvirt ${join(dir, "nowhere")}: no such file or directory\n`);
  });

  it("a domain file that exists but cannot be read (here a directory) is exit 2, not a finding", () => {
    const d = join(dir, "odd");
    mkdirSync(join(d, "vnio005.xml"), { recursive: true });
    writeFileSync(join(d, "vnio006.xml"), FIXTURE);
    const r = hacc(["check", SITE, "--libvirt", d]);
    expect(r.code).toBe(2);
    expect(stripSeedWarnings(r.stderr)).toBe(`hacc: cannot read ${join(d, "vnio005.xml")}: is a directory\n`);
  });
});

describe("hacc import CIB --libvirt DIR", () => {
  /** The seed's CIB (`--full`) and its guests' domains, each with the devices `--target libvirt` writes attached. */
  function seed(name: string): { cib: string; domains: string; devices: string } {
    const d = join(dir, name);
    mkdirSync(d);
    const cib = join(d, "seed.xml");
    expect(hacc(["compile", SITE, "--target", "cib", "--full", "-o", cib]).code).toBe(0);
    const devices = join(d, "devices");
    expect(hacc(["compile", SITE, "--target", "libvirt", "-o", devices]).code).toBe(0);
    const domains = join(d, "domains");
    mkdirSync(domains);
    for (const guest of ["vnio005", "vnio006"]) {
      const texts = files(join(devices, guest)).map((f) => readFileSync(join(devices, guest, f), "utf8"));
      writeFileSync(join(domains, `${guest}.xml`), attach(guest, texts));
    }
    return { cib, domains, devices };
  }

  it("fills each guest's ib lines from its domain: the libvirt target and the CIB come back as they were", () => {
    const { cib, domains, devices } = seed("imp");
    const back = join(dir, "imp", "back.ha");
    const r = hacc(["import", cib, "--libvirt", domains, "-o", back]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const text = readFileSync(back, "utf8");
    for (const [guest, lines] of Object.entries(SEED_IB)) {
      const block = text.slice(text.indexOf(`guest ${guest} `), text.indexOf("}", text.indexOf(`guest ${guest} `)));
      expect(block.split("\n").filter((l) => l.trim().startsWith("ib ")).map((l) => l.trim())).toEqual(lines.map((l) => `ib ${l.host} at ${l.slot};`));
    }
    // The imported site writes the same device files, agrees with the domains, and compiles to the same CIB.
    const again = join(dir, "imp", "devices-again");
    expect(hacc(["compile", back, "--target", "libvirt", "-o", again]).code).toBe(0);
    expect(files(again)).toEqual(files(devices));
    // Byte for byte but for the comment naming the source file.
    const body = (f: string) => readFileSync(f, "utf8").replace(/^<!-- hacc from [^ ]+: /, "<!-- ");
    for (const f of files(devices)) expect(body(join(again, f))).toBe(body(join(devices, f)));
    expect(hacc(["check", back, "--libvirt", domains]).code).toBe(0);
    const cib2 = join(dir, "imp", "back.xml");
    expect(hacc(["compile", back, "--target", "cib", "--full", "-o", cib2]).code).toBe(0);
    expect(readFileSync(cib2, "utf8")).toBe(readFileSync(cib, "utf8"));
  });

  it("says what the domains and the CIB do not share, as warnings, and still writes the site", () => {
    const { cib, domains } = seed("partial");
    rmSync(join(domains, "vnio005.xml"));
    writeFileSync(join(domains, "kvmtem.xml"), FIXTURE.replace("<name>vnio006</name>", "<name>kvmtem</name>"));
    const back = join(dir, "partial", "back.ha");
    const r = hacc(["import", cib, "--libvirt", domains, "-o", back]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        `warning: ${domains}/kvmtem.xml: domain \`kvmtem\` is not a guest of ${cib}: its 2 VFs are not imported`,
        `warning: ${domains}: guest \`vnio005\` has no domain XML here (a *.xml whose <name> is vnio005): its ib lines are not imported`,
        "",
      ].join("\n"),
    );
    const text = readFileSync(back, "utf8");
    expect(text.match(/^ +ib /gm)?.length).toBe(2);
  });

  it("a VF libvirt gives no guest slot is an error: exit 1, nothing written, an existing file left alone", () => {
    const { cib, domains } = seed("noslot");
    const f = join(domains, "vnio006.xml");
    // The second hostdev's guest-side address taken out: libvirt picks the slot, which no ib line can say.
    const text = readFileSync(f, "utf8");
    const second = text.indexOf("<hostdev", text.indexOf("<hostdev") + 1);
    const addr = text.indexOf("<address type='pci'", text.indexOf("</source>", second));
    writeFileSync(f, text.slice(0, addr) + text.slice(text.indexOf("/>", addr) + 2));
    const back = join(dir, "noslot", "back.ha");
    writeFileSync(back, "# mine\n");
    const r = hacc(["import", cib, "--libvirt", domains, "-o", back]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        `error: ${f}: host VF \`0000:82:01.3\` has no guest-side PCI address, which an \`ib\` line needs`,
        `hacc: 1 error in the domain XML of ${domains}; nothing written`,
        "",
      ].join("\n"),
    );
    expect(readFileSync(back, "utf8")).toBe("# mine\n");
    const m = hacc(["import", cib, "--libvirt", join(dir, "nowhere")]);
    expect(m.code).toBe(2);
  });
});
