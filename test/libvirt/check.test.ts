import { describe, expect, it } from "vitest";
import { checkDomains, hostdevXml, readDomainXml, type DomainFile } from "../../src/libvirt/index.js";
import { analyzeText, codesAt, marked } from "../helpers.js";

const SITE = `cluster c {
  nodes n1, n2;
  property symmetric-cluster = false;
}
guest <|g|> on n1 prefer 500, n2 100 {
  <|ib 0000:82:01.0 at 00:05.0;|>
  <|ib 0000:82:01.1 at 00:06.0;|>
  ib 0000:82:01.2 at 00:07.0;
}
`;

/** A domain named `name` holding these hostdevs (raw XML). */
function domain(name: string, devices: string): DomainFile {
  const r = readDomainXml(`<domain type='kvm'><name>${name}</name><devices>${devices}</devices></domain>`);
  if ("error" in r) throw new Error(r.error.message);
  return { file: `dumps/${name}.xml`, value: r.value };
}

function run(files: Record<string, DomainFile>) {
  const { text, marks } = marked(SITE);
  const r = analyzeText(text);
  const ds = checkDomains(r.value.site!.guests, new Map(Object.entries(files)));
  return { ds, marks: marks.map((m) => `@${m.line}:${m.column}-${m.endColumn}`) };
}

describe("checkDomains: where a domain XML disagrees with the ib lines", () => {
  it("agrees with the devices hacc writes, in any order", () => {
    const devs = hostdevXml("0000:82:01.2", "0000:00:07.0") + hostdevXml("0000:82:01.0", "0000:00:05.0") + hostdevXml("0000:82:01.1", "0000:00:06.0");
    expect(run({ g: domain("g", devs) }).ds).toEqual([]);
  });

  it("points a slot difference and a missing VF at their ib lines, an extra VF and an unfixed slot at the guest", () => {
    const devs =
      hostdevXml("0000:82:01.0", "0000:00:09.0") +
      // No guest address: libvirt picks the slot.
      "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' bus='0x82' slot='0x01' function='0x2'/></source></hostdev>" +
      hostdevXml("0000:82:01.5", "0000:00:0a.0");
    const { ds, marks } = run({ g: domain("g", devs) });
    expect(codesAt(ds)).toEqual([`HA4032${marks[1]}`, `HA4031${marks[2]}`, "HA4032@8:3-30", `HA4030${marks[0]}`]);
    expect(ds.map((d) => d.message)).toEqual([
      "`dumps/g.xml` passes host VF `0000:82:01.0` to guest `g` at slot `00:09.0`, not at `00:05.0`",
      "`dumps/g.xml` does not pass host VF `0000:82:01.1` through to guest `g`",
      "`dumps/g.xml` passes host VF `0000:82:01.2` to guest `g` at no fixed slot (libvirt picks one), not at `00:07.0`",
      "`dumps/g.xml` passes host VF `0000:82:01.5` through to guest `g` at `00:0a.0`, which the site does not declare",
    ]);
    expect(ds[3]!.hint).toBe("add `ib 0000:82:01.5 at 00:0a.0;` to the guest, so the VF checks see it, or detach it from the domain");
  });

  it("a bare <hostdev> file where the domain should be, and a guest with no entry, are told apart", () => {
    const r = readDomainXml(hostdevXml("0000:82:01.0", "0000:00:05.0"));
    if ("error" in r) throw new Error(r.error.message);
    const { ds, marks } = run({ g: { file: "dumps/g.xml", value: r.value } });
    expect(codesAt(ds)).toEqual([`HA4035${marks[0]}`]);
    expect(ds[0]!.message).toBe("the domain XML of guest `g`, `dumps/g.xml`, is a single <hostdev> device, not a domain");
    expect(run({}).ds).toEqual([]);
  });
});
