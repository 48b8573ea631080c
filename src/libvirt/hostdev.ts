import { attrsOfPci, slotText } from "./pci.js";

/** A guest and its VFs, normalised `dddd:bb:ss.f` (the site model's GuestVfs has this shape). */
export interface GuestIb {
  readonly name: string;
  readonly ib: readonly { readonly host: string; readonly slot: string }[];
}

/** One file of the libvirt target: its path under the output directory, and its bytes. */
export interface DeviceFile {
  /** `GUEST/vf-DDDD-BB-SS.F.xml`, `/`-separated. */
  readonly path: string;
  readonly guest: string;
  readonly text: string;
}

/** The name of a device file in its guest's directory: the host VF, with `-` for `:` (a colon means a remote host to scp and rsync). */
export function deviceFileName(host: string): string {
  return `vf-${host.replace(/:/g, "-")}.xml`;
}

/** Whether a file name is one `deviceFileName` makes (so a stale one may be removed). */
export function isDeviceFileName(name: string): boolean {
  return /^vf-[0-9a-f]{4}-[0-9a-f]{2}-[0-9a-f]{2}\.[0-7]\.xml$/.test(name);
}

/**
 * The `<hostdev>` device that passes host VF `host` through to the guest at
 * PCI slot `slot`, as `virsh attach-device GUEST FILE --config` takes it
 * (the seed's mellax01.xml, indented as `virsh dumpxml` indents it).
 */
export function hostdevXml(host: string, slot: string): string {
  return [
    "<hostdev mode='subsystem' type='pci' managed='yes'>",
    "  <source>",
    `    <address ${attrsOfPci(host)}/>`,
    "  </source>",
    `  <address type='pci' ${attrsOfPci(slot)}/>`,
    "</hostdev>",
    "",
  ].join("\n");
}

/**
 * The libvirt target: per guest, one `<hostdev>` file per `ib` line, in
 * `GUEST/`, for `virsh attach-device GUEST FILE --config` (which takes one
 * device per file). Guests without `ib` lines get no directory. Files come in
 * guest order, then `ib` line order; names derive from the host VF, so
 * reordering lines changes no file.
 */
export function hostdevFiles(guests: readonly GuestIb[], sourceName?: string): DeviceFile[] {
  const out: DeviceFile[] = [];
  for (const g of guests) {
    // A guest name is an XML id (HA3005): letters, digits, `_ . -`, never `.` or `..`.
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(g.name)) throw new Error(`guest name \`${g.name}\` cannot name a directory`);
    for (const ib of g.ib) {
      const file = deviceFileName(ib.host);
      const from = sourceName !== undefined ? ` from ${comment(sourceName)}` : "";
      // No command in the comment: its `--config` is a `--`, which XML comments may not hold.
      const header = `<!-- hacc${from}: guest ${g.name}, ib ${ib.host} at ${slotText(ib.slot)} -->\n`;
      out.push({ path: `${g.name}/${file}`, guest: g.name, text: header + hostdevXml(ib.host, ib.slot) });
    }
  }
  return out;
}

/** Text safe inside an XML comment (no `--`, no final `-`). */
function comment(s: string): string {
  return s.replace(/-(?=-)/g, "- ").replace(/-$/, "- ");
}
