/**
 * PCI addresses as libvirt writes them (`<address domain='0x0000'
 * bus='0x82' slot='0x01' function='0x2'/>`) and as an `ib` line writes them
 * (`0000:82:01.2 at 00:05.0`). hacc's normal form is the one the checker
 * uses (check/values.ts parseHostPci): `dddd:bb:ss.f`, lower-case hex.
 */

/** The largest value of each field, as libvirt checks them (virPCIDeviceAddressIsValid). */
const LIMITS = { domain: 0xffff, bus: 0xff, slot: 0x1f, function: 0x7 } as const;
type Field = keyof typeof LIMITS;
const FIELDS: readonly Field[] = ["domain", "bus", "slot", "function"];

/**
 * A number as libvirt reads an address attribute (strtoul with base 0):
 * `0x` hexadecimal, a leading `0` octal, else decimal. Undefined when it is not one.
 */
function libvirtNumber(s: string): number | undefined {
  const t = s.trim();
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return Number.parseInt(t.slice(2), 16);
  if (/^0[0-7]*$/.test(t)) return Number.parseInt(t, 8);
  if (/^[1-9][0-9]*$/.test(t)) return Number.parseInt(t, 10);
  return undefined;
}

/**
 * The PCI address of an `<address>` element's attributes, in hacc's normal
 * form, or why it is not one. A missing attribute is 0, as libvirt reads it.
 */
export function pciFromAttrs(attrs: Readonly<Record<string, string>>): { pci: string } | { reason: string } {
  const v: Record<Field, number> = { domain: 0, bus: 0, slot: 0, function: 0 };
  for (const f of FIELDS) {
    const raw = attrs[f];
    if (raw === undefined) continue;
    const n = libvirtNumber(raw);
    if (n === undefined) return { reason: `${f}='${raw}' is not a number` };
    if (n > LIMITS[f]) return { reason: `${f}='${raw}' is above ${hex(LIMITS[f], 0)}` };
    v[f] = n;
  }
  return { pci: `${pad(v.domain, 4)}:${pad(v.bus, 2)}:${pad(v.slot, 2)}.${v.function.toString(16)}` };
}

/** The attributes libvirt writes for an address in normal form, in its order (domain, bus, slot, function). */
export function attrsOfPci(pci: string): string {
  const [domain, bus, rest] = pci.split(":") as [string, string, string];
  const [slot, fn] = rest.split(".") as [string, string];
  return `domain='0x${domain}' bus='0x${bus}' slot='0x${slot}' function='0x${fn}'`;
}

/** A guest slot as an `ib` line writes it: `bb:ss.f`, with the domain only when it is not 0000. */
export function slotText(pci: string): string {
  return pci.startsWith("0000:") ? pci.slice(5) : pci;
}

function pad(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

function hex(n: number, width: number): string {
  return "0x" + pad(n, width);
}
