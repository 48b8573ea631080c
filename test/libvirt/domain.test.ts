import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guestsFromDomains, hostdevFiles, hostdevXml, readDomainXml, type DomainDevices } from "../../src/libvirt/index.js";
import { ROOT } from "../helpers.js";

const FIXTURE = join(ROOT, "test", "fixtures", "libvirt", "vnio006.xml");

/** The document read, failing the test when it could not be. */
function read(text: string): DomainDevices {
  const r = readDomainXml(text);
  if ("error" in r) throw new Error(r.error.message);
  return r.value;
}

/** A domain around some devices, as virsh dumpxml prints one (trimmed). */
function domain(devices: string, name = "vnio006"): string {
  return `<domain type='kvm'>\n  <name>${name}</name>\n  <memory unit='KiB'>8388608</memory>\n  <devices>\n${devices}\n  </devices>\n</domain>\n`;
}

describe("reading a libvirt domain XML", () => {
  it("reads a whole virsh dumpxml domain: its name and its two PCI hostdevs, ignoring disks, interfaces and controllers", () => {
    const r = readDomainXml(readFileSync(FIXTURE, "utf8"));
    expect(r).toEqual({
      value: {
        root: "domain",
        name: "vnio006",
        vfs: [
          { host: "0000:82:01.2", slot: "0000:00:05.0", managed: true },
          { host: "0000:82:01.3", slot: "0000:00:06.0", managed: true },
        ],
        others: [],
      },
    });
    expect(guestsFromDomains([{ file: "vnio006.xml", text: readFileSync(FIXTURE, "utf8") }])).toEqual({
      guests: [{ guest: "vnio006", file: "vnio006.xml", ib: [{ host: "0000:82:01.2", slot: "00:05.0" }, { host: "0000:82:01.3", slot: "00:06.0" }] }],
      problems: [],
    });
  });

  it("reads the seed's mellax01.xml, a single <hostdev> device", () => {
    const seed = "<hostdev mode='subsystem' type='pci' managed='yes'>\n<source>\n<address domain='0x0000' bus='0x82' slot='0x01' function='0x0'/>\n</source>\n<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>\n</hostdev>\n";
    expect(readDomainXml(seed)).toEqual({ value: { root: "hostdev", vfs: [{ host: "0000:82:01.0", slot: "0000:00:05.0", managed: true }], others: [] } });
  });

  it("reads addresses as libvirt does: hex, decimal or octal, a missing field 0, upper-case hex normalised", () => {
    const r = readDomainXml(domain("<hostdev mode='subsystem' type='pci' managed='no'><source><address bus='130' slot='0x1' function='02'/></source><address type='pci' bus='0x00' slot='0X0A'/></hostdev>"));
    expect(r).toMatchObject({ value: { vfs: [{ host: "0000:82:01.2", slot: "0000:00:0a.0", managed: false }] } });
  });

  it("a hostdev without a guest-side address (or libvirt's empty one) has no slot, and gives no ib line but an error", () => {
    const text = domain(
      "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x82' slot='0x01' function='0x4'/></source></hostdev>\n" +
        "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x82' slot='0x01' function='0x5'/></source><address type='pci'/></hostdev>",
    );
    expect(readDomainXml(text)).toMatchObject({ value: { vfs: [{ host: "0000:82:01.4" }, { host: "0000:82:01.5" }] } });
    expect(read(text).vfs.every((v) => !("slot" in v))).toBe(true);
    const g = guestsFromDomains([{ file: "d/vnio006.xml", text }]);
    expect(g.guests).toEqual([{ guest: "vnio006", file: "d/vnio006.xml", ib: [] }]);
    expect(g.problems.map((p) => `${p.severity} ${p.message}`)).toEqual([
      "error host VF `0000:82:01.4` has no guest-side PCI address, which an `ib` line needs",
      "error host VF `0000:82:01.5` has no guest-side PCI address, which an `ib` line needs",
    ]);
  });

  it("reports other passed-through devices (usb, scsi, mdev, a hostdev interface) instead of ignoring them", () => {
    const text = domain(
      [
        "<hostdev mode='subsystem' type='usb' managed='yes'><source><vendor id='0x0781'/><product id='0x5567'/></source></hostdev>",
        "<hostdev mode='subsystem' type='scsi'><source protocol='iscsi' name='iqn.2014-08.com.example:iscsi-nopool/1'><host name='example.com' port='3260'/></source></hostdev>",
        "<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='c2177883-f1bb-47f0-914d-32a22e3a8804'/></source></hostdev>",
        "<interface type='hostdev' managed='yes'><source><address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/></source><mac address='52:54:00:6d:90:02'/></interface>",
      ].join("\n"),
    );
    expect(read(text).vfs).toEqual([]);
    expect(read(text).others).toEqual([
      "a <hostdev mode='subsystem' type='usb'>",
      "a <hostdev mode='subsystem' type='scsi'>",
      "a <hostdev mode='subsystem' type='mdev'>",
      "an <interface type='hostdev'> (host device 0000:03:10.1)",
    ]);
    const g = guestsFromDomains([{ file: "vnio006.xml", text }]);
    expect(g.problems.map((p) => p.severity)).toEqual(["warning", "warning", "warning", "warning"]);
  });

  it("refuses a DOCTYPE and entities with the live CIB reader's guard, and says where", () => {
    const r = readDomainXml(`<?xml version="1.0"?>\n<!DOCTYPE domain [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<domain><name>&x;</name></domain>\n`);
    expect(r).toEqual({ error: { message: "a <!DOCTYPE> declaration, which a libvirt domain never has; hacc reads no DTD and no entities", line: 2, column: 1, refused: true } });
  });

  it("says what is wrong with an address libvirt would refuse, and with a document that is no domain", () => {
    expect(readDomainXml(domain("<hostdev mode='subsystem' type='pci'><source><address bus='0x82' slot='0x20'/></source></hostdev>"))).toEqual({
      error: { message: "a <hostdev type='pci'> whose source address is not a PCI address: slot='0x20' is above 0x1f" },
    });
    expect(readDomainXml("<network><name>default</name></network>")).toEqual({ error: { message: "expected a <domain> (virsh dumpxml) or a <hostdev> device, found <network>" } });
    expect(readDomainXml("<domain><name>x</name>")).toMatchObject({ error: { line: 1 } });
  });

  it("an importer gets one guest per domain, by <name>, and an error for a repeated name or a bare device", () => {
    const a = domain("", "vnio005");
    const g = guestsFromDomains([
      { file: "a.xml", text: a },
      { file: "b.xml", text: a },
      { file: "c.xml", text: hostdevXml("0000:82:01.0", "0000:00:05.0") },
    ]);
    expect(g.guests).toEqual([{ guest: "vnio005", file: "a.xml", ib: [] }]);
    expect(g.problems).toEqual([
      { file: "b.xml", message: "domain `vnio005` is also defined by a.xml", severity: "error" },
      { file: "c.xml", message: "a single <hostdev> device, not a domain (virsh dumpxml output)", severity: "error" },
    ]);
  });
});

describe("writing <hostdev> devices for virsh attach-device", () => {
  const guests = [
    { name: "vnio005", ib: [{ host: "0000:82:01.0", slot: "0000:00:05.0" }, { host: "0000:82:01.1", slot: "0000:00:06.0" }] },
    { name: "idle", ib: [] },
    { name: "vnio006", ib: [{ host: "0000:82:01.2", slot: "0000:00:05.0" }] },
  ];

  it("writes the seed's mellax01.xml shape, one device per ib line, named after the host VF, in each guest's directory", () => {
    const files = hostdevFiles(guests, "site.ha");
    expect(files.map((f) => f.path)).toEqual(["vnio005/vf-0000-82-01.0.xml", "vnio005/vf-0000-82-01.1.xml", "vnio006/vf-0000-82-01.2.xml"]);
    expect(files[2]!.text).toBe(
      [
        "<!-- hacc from site.ha: guest vnio006, ib 0000:82:01.2 at 00:05.0 -->",
        "<hostdev mode='subsystem' type='pci' managed='yes'>",
        "  <source>",
        "    <address domain='0x0000' bus='0x82' slot='0x01' function='0x2'/>",
        "  </source>",
        "  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>",
        "</hostdev>",
        "",
      ].join("\n"),
    );
  });

  it("every file is well-formed XML for xmllint, and reads back as the ib line it came from", () => {
    const dir = mkdtempSync(join(tmpdir(), "hacc-hostdev-"));
    try {
      // A source name with `--` must not break the comment.
      for (const f of hostdevFiles(guests, "a--b-.ha")) {
        const path = join(dir, f.path.replace("/", "_"));
        writeFileSync(path, f.text);
        execFileSync("xmllint", ["--noout", path]);
        const r = readDomainXml(f.text);
        const want = guests.find((g) => g.name === f.guest)!.ib.find((ib) => f.path.endsWith(`vf-${ib.host.replace(/:/g, "-")}.xml`))!;
        expect(r).toEqual({ value: { root: "hostdev", vfs: [{ ...want, managed: true }], others: [] } });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
