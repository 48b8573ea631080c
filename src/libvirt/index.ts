/**
 * The libvirt side of a site: guests' InfiniBand VFs as libvirt domain XML
 * says them (`<hostdev mode='subsystem' type='pci'>`). Read (domain.ts),
 * written for `virsh attach-device` (hostdev.ts), compared with a site
 * (check.ts), and turned into `ib` lines for an importer (here). Pure: the
 * CLI reads and writes the files (src/cli/libvirt.ts).
 */
import { ibLine, readDomainXml, type IbLine } from "./domain.js";

export { checkDomains, type DomainFile, type StrangerDomain } from "./check.js";
export { ibLine, readDomainXml, type DomainDevices, type DomainReadError, type IbLine, type PassedVf } from "./domain.js";
export { deviceFileName, hostdevFiles, hostdevXml, isDeviceFileName, type DeviceFile, type GuestIb } from "./hostdev.js";

/** One guest as its domain XML says it, for `hacc import --libvirt DIR`. */
export interface LibvirtGuest {
  /** The domain's `<name>`: the guest's name. */
  readonly guest: string;
  /** The file it came from. */
  readonly file: string;
  /** Its `ib` lines, in the order of its `<hostdev>`s. */
  readonly ib: readonly IbLine[];
}

/** Something in a domain file that no `ib` line can carry, or that stops the file being read; never dropped silently. */
export interface LibvirtProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  /** `error`: the file (or that VF) gives no `ib` lines; `warning`: a device outside the `ib` lines, which stays libvirt's business. */
  readonly severity: "error" | "warning";
}

/**
 * The `ib` lines of each guest from its domain XML (`virsh dumpxml`
 * output, one file per domain, in the order given): the guest is the
 * domain's `<name>`. A file that cannot be read, is not a domain, has no
 * name or repeats another file's name gives no guest and an error; a VF
 * without a guest-side PCI address (no `ib` line can say it) is an error;
 * other passed-through devices are warnings.
 */
export function guestsFromDomains(files: readonly { readonly file: string; readonly text: string }[]): { guests: LibvirtGuest[]; problems: LibvirtProblem[] } {
  const guests: LibvirtGuest[] = [];
  const problems: LibvirtProblem[] = [];
  const seen = new Map<string, string>();
  for (const { file, text } of files) {
    const r = readDomainXml(text);
    if ("error" in r) {
      const { message, line, column } = r.error;
      problems.push({ file, ...(line !== undefined ? { line, column: column ?? 1 } : {}), message, severity: "error" });
      continue;
    }
    const dom = r.value;
    if (dom.root !== "domain" || dom.name === undefined) {
      problems.push({ file, message: dom.root !== "domain" ? `a single <${dom.root}> device, not a domain (virsh dumpxml output)` : "a <domain> without a <name>", severity: "error" });
      continue;
    }
    const first = seen.get(dom.name);
    if (first !== undefined) {
      problems.push({ file, message: `domain \`${dom.name}\` is also defined by ${first}`, severity: "error" });
      continue;
    }
    seen.set(dom.name, file);
    const ib: IbLine[] = [];
    for (const vf of dom.vfs) {
      const line = ibLine(vf);
      if (line) ib.push(line);
      else problems.push({ file, message: `host VF \`${vf.host}\` has no guest-side PCI address, which an \`ib\` line needs`, severity: "error" });
    }
    for (const other of dom.others) problems.push({ file, message: `${other} is passed through to \`${dom.name}\`; hacc does not carry it`, severity: "warning" });
    guests.push({ guest: dom.name, file, ib });
  }
  return { guests, problems };
}
