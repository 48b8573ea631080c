import { parseXml, type El } from "../review/xml.js";
import { pciFromAttrs, slotText } from "./pci.js";

/**
 * A host PCI device passed through to the guest by a `<hostdev
 * mode='subsystem' type='pci'>`: exactly what an `ib HOSTVF at SLOT;` line says.
 */
export interface PassedVf {
  /** The host's device (`<source><address .../></source>`), `dddd:bb:ss.f`. */
  readonly host: string;
  /**
   * Where the guest sees it (`<address type='pci' .../>`), `dddd:bb:ss.f`;
   * absent when the device has no guest-side PCI address (libvirt then picks one).
   */
  readonly slot?: string;
  /** `managed='yes'`: libvirt detaches the VF from the host's driver itself. */
  readonly managed: boolean;
}

/** What a libvirt document passes through to its guest, as far as an `ib` line is concerned. */
export interface DomainDevices {
  /** `domain` for `virsh dumpxml` output, `hostdev` for one device (`virsh attach-device` input). */
  readonly root: "domain" | "hostdev";
  /** The domain's `<name>` (a `<domain>` only). */
  readonly name?: string;
  /** Its PCI hostdevs, in document order. */
  readonly vfs: readonly PassedVf[];
  /**
   * Other devices passed through from the host, which no `ib` line can say
   * (`<hostdev type='usb'>`, `scsi`, `mdev`, `<interface type='hostdev'>`, ...),
   * described for a message, in document order: reported, never dropped silently.
   */
  readonly others: readonly string[];
}

/** Why a libvirt document cannot be read; `line` and `column` where the XML itself is at fault. */
export interface DomainReadError {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  /** Well-formed XML that hacc refuses to read (a DOCTYPE, entities, deep nesting). */
  readonly refused?: boolean;
}

/**
 * Reads a libvirt domain XML (`virsh dumpxml GUEST`) or one `<hostdev>`
 * device file: the domain's name, its PCI hostdevs (host VF and guest
 * slot) and the other passed-through devices. The XML is parsed with the
 * same refusals as a live CIB (no DOCTYPE, no entities, no deep nesting).
 */
export function readDomainXml(text: string): { value: DomainDevices } | { error: DomainReadError } {
  const parsed = parseXml(text, "a libvirt domain");
  if ("error" in parsed) {
    const e = parsed.error;
    return { error: { message: e.message, line: e.line, column: e.column, ...(e.refused ? { refused: true } : {}) } };
  }
  const root = parsed.root;
  if (root.tag !== "domain" && root.tag !== "hostdev") {
    return { error: { message: `expected a <domain> (virsh dumpxml) or a <hostdev> device, found <${root.tag}>` } };
  }
  const devices = root.tag === "hostdev" ? [root] : root.children.filter((c) => c.tag === "devices").flatMap((d) => d.children);
  const vfs: PassedVf[] = [];
  const others: string[] = [];
  for (const dev of devices) {
    const r = device(dev);
    if (r === undefined) continue;
    if ("error" in r) return { error: { message: r.error } };
    if ("vf" in r) vfs.push(r.vf);
    else others.push(r.other);
  }
  if (root.tag === "hostdev") return { value: { root: "hostdev", vfs, others } };
  const nameEl = root.children.find((c) => c.tag === "name");
  const name = nameEl?.text?.trim();
  return { value: { root: "domain", ...(name ? { name } : {}), vfs, others } };
}

/** One element of `<devices>`: a PCI VF, another passed-through device, an error, or nothing of interest. */
function device(el: El): { vf: PassedVf } | { other: string } | { error: string } | undefined {
  if (el.tag === "interface" && el.attrs["type"] === "hostdev") {
    const src = sourceAddress(el);
    const at = src && "pci" in src ? ` (host device ${src.pci})` : "";
    return { other: `an <interface type='hostdev'>${at}` };
  }
  if (el.tag !== "hostdev") return undefined;
  const mode = el.attrs["mode"] ?? "subsystem";
  const type = el.attrs["type"];
  if (mode !== "subsystem" || type !== "pci") {
    return { other: `a <hostdev mode='${mode}'${type !== undefined ? ` type='${type}'` : ""}>` };
  }
  const src = sourceAddress(el);
  if (src === undefined) return { error: "a <hostdev type='pci'> without <source><address .../></source>" };
  if ("reason" in src) return { error: `a <hostdev type='pci'> whose source address is not a PCI address: ${src.reason}` };
  if (src.pci.startsWith("0000:00:00.")) return { error: `a <hostdev type='pci'> whose source address is empty (${src.pci})` };
  const managed = el.attrs["managed"] === "yes";
  const at = el.children.find((c) => c.tag === "address");
  if (at === undefined) return { vf: { host: src.pci, managed } };
  if (at.attrs["type"] !== "pci") {
    return { error: `the <hostdev> of ${src.pci} sits at a guest address of type '${at.attrs["type"] ?? ""}', not 'pci'` };
  }
  const slot = pciFromAttrs(at.attrs);
  if ("reason" in slot) return { error: `the <hostdev> of ${src.pci} has a guest address that is not a PCI address: ${slot.reason}` };
  // An all-zero address is libvirt's "empty" one: it picks the slot itself.
  if (slot.pci.startsWith("0000:00:00.")) return { vf: { host: src.pci, managed } };
  return { vf: { host: src.pci, slot: slot.pci, managed } };
}

/** The PCI address in a device's `<source>`, if it has one. */
function sourceAddress(el: El): { pci: string } | { reason: string } | undefined {
  const source = el.children.find((c) => c.tag === "source");
  const address = source?.children.find((c) => c.tag === "address");
  if (address === undefined) return undefined;
  if (address.attrs["type"] !== undefined && address.attrs["type"] !== "pci") return { reason: `type='${address.attrs["type"]}'` };
  return pciFromAttrs(address.attrs);
}

/** An `ib` line's two addresses as the language writes them. */
export interface IbLine {
  /** `dddd:bb:ss.f`, e.g. `0000:82:01.2`. */
  readonly host: string;
  /** `bb:ss.f` (with the domain when it is not 0000), e.g. `00:05.0`. */
  readonly slot: string;
}

/** The `ib` line of a passed-through VF, when it has a guest slot. */
export function ibLine(vf: PassedVf): IbLine | undefined {
  return vf.slot === undefined ? undefined : { host: vf.host, slot: slotText(vf.slot) };
}
