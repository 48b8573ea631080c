import type { GuestVfs } from "../check/model.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DomainDevices, DomainReadError } from "./domain.js";
import { deviceFileName } from "./hostdev.js";
import { slotText } from "./pci.js";

/**
 * A guest's domain XML as `hacc check --libvirt DIR` found it: `file` is
 * the name for messages (`DIR/GUEST.xml`), then the document read, why it
 * could not be read, or that there is none.
 */
export type DomainFile = { readonly file: string } & ({ readonly missing: true } | { readonly error: DomainReadError } | { readonly value: DomainDevices });

/**
 * HA4030-HA4037: where each guest's libvirt domain XML disagrees with its
 * `ib` lines: a VF the XML passes through that the site does not declare, a
 * declared VF the XML lacks, a VF at another guest slot, a missing or
 * unreadable domain file, a domain named otherwise than the guest,
 * passed-through devices hacc does not check, and VFs libvirt does not
 * detach from the host itself (`managed='no'`). `domains` maps a guest's name
 * to its file; a guest absent from it is not checked. HA4038: a host VF that
 * another domain of the directory (`strangers`, no guest of the site) passes
 * through too.
 */
export function checkDomains(guests: readonly GuestVfs[], domains: ReadonlyMap<string, DomainFile>, strangers: readonly StrangerDomain[] = [], copies: ReadonlyMap<string, readonly DomainFile[]> = new Map()): Diagnostic[] {
  const out: Diagnostic[] = [...sharedWithStrangers(guests, strangers)];
  for (const g of guests) {
    // DIR/GUEST.xml, then every other file of DIR that defines the guest's domain (one per host it is defined on, say).
    for (const d of [domains.get(g.name), ...(copies.get(g.name) ?? [])]) if (d !== undefined) checkOne(g, d, out);
  }
  return out;
}

/** One domain file of guest `g` against its `ib` lines. */
function checkOne(g: GuestVfs, d: DomainFile, out: Diagnostic[]): void {
  const file = "`" + d.file + "`";
  if ("missing" in d) {
    out.push(
      diag("HA4033", g.span, `guest \`${g.name}\` has no domain XML: ${file} does not exist`, {
        hint: `on a host that defines the guest: \`virsh dumpxml --inactive ${g.name} > ${d.file}\``,
      }),
    );
    return;
  }
  if ("error" in d) {
    const at = d.error.line !== undefined ? `:${d.error.line}:${d.error.column ?? 1}` : "";
    const what = d.error.line === undefined ? "cannot be read" : d.error.refused ? "is refused" : "is not well-formed XML";
    out.push(
      diag("HA4035", g.span, `the domain XML of guest \`${g.name}\`, ${"`" + d.file + at + "`"}, ${what}: ${d.error.message}`, {
        hint: `dump it again as libvirt has it: \`virsh dumpxml --inactive ${g.name} > ${d.file}\``,
      }),
    );
    return;
  }
  const dom = d.value;
  if (dom.root !== "domain") {
    out.push(
      diag("HA4035", g.span, `the domain XML of guest \`${g.name}\`, ${file}, is a single <${dom.root}> device, not a domain`, {
        hint: `write the whole domain there: \`virsh dumpxml --inactive ${g.name} > ${d.file}\``,
      }),
    );
    return;
  }
  if (dom.name !== g.name) {
    const named = dom.name === undefined ? "has no <name>" : `defines domain \`${dom.name}\``;
    out.push(
      diag("HA4034", g.span, `${file} ${named}, not guest \`${g.name}\``, {
        hint: "VirtualDomain manages the domain its config names in <name>: name the domain after the guest node, or dump the right domain",
      }),
    );
  }
  const inXml = new Map<string, (typeof dom.vfs)[number]>();
  for (const vf of dom.vfs) if (!inXml.has(vf.host)) inXml.set(vf.host, vf);
  const inSite = new Set<string>();
  for (const ib of g.ib) {
    inSite.add(ib.host);
    const vf = inXml.get(ib.host);
    if (vf === undefined) {
      out.push(
        diag("HA4031", ib.span, `${file} does not pass host VF \`${ib.hostText}\` through to guest \`${g.name}\``, {
          hint: `\`hacc compile --target libvirt -o DIR\` writes its <hostdev> to DIR/${g.name}/${deviceFileName(ib.host)}, for \`virsh attach-device ${g.name} FILE --config\``,
        }),
      );
      continue;
    }
    if (vf.slot !== ib.slot) {
      const there = vf.slot === undefined ? "at no fixed slot (libvirt picks one)" : `at slot \`${slotText(vf.slot)}\``;
      out.push(
        diag("HA4032", ib.span, `${file} passes host VF \`${ib.hostText}\` to guest \`${g.name}\` ${there}, not at \`${ib.slotText}\``, {
          hint: "the guest finds its VFs at their slots: change the `ib` line or the domain's <address type='pci'> so they agree",
        }),
      );
    }
    if (!vf.managed) out.push(unmanaged(file, g.name, ib.hostText, ib.span));
  }
  for (const vf of dom.vfs) {
    if (inSite.has(vf.host)) continue;
    inSite.add(vf.host);
    if (!vf.managed) out.push(unmanaged(file, g.name, vf.host, g.span));
    const at = vf.slot === undefined ? "" : ` at \`${slotText(vf.slot)}\``;
    const line = vf.slot === undefined ? "an `ib` line for it" : `\`ib ${vf.host} at ${slotText(vf.slot)};\``;
    out.push(
      diag("HA4030", g.span, `${file} passes host VF \`${vf.host}\` through to guest \`${g.name}\`${at}, which the site does not declare`, {
        hint: `add ${line} to the guest, so the VF checks see it, or detach it from the domain`,
      }),
    );
  }
  for (const other of dom.others) {
    out.push(
      diag("HA4036", g.span, `${file} passes ${other} through to guest \`${g.name}\`, which hacc does not check`, {
        hint: "only PCI hostdevs (`ib` lines) are compared with the site; make sure every host the guest may run on has this device",
      }),
    );
  }
}

/** HA4037: a VF with `managed='no'`, which a failover host must have detached by hand. */
function unmanaged(file: string, guest: string, host: string, span: GuestVfs["span"]): Diagnostic {
  return diag("HA4037", span, `${file} passes host VF \`${host}\` to guest \`${guest}\` with managed='no': libvirt does not detach it from the host's driver`, {
    hint: `the guest then starts only on hosts where the VF was detached by hand (\`virsh nodedev-detach\`); set managed='yes', as hacc's <hostdev> files do`,
  });
}

/** A domain XML of the `--libvirt` directory that is no guest of the site, with the host VFs it passes through. */
export interface StrangerDomain {
  readonly file: string;
  readonly name: string;
  readonly vfs: readonly string[];
}

/**
 * HA4038: a guest's `ib` line names a host VF that a domain the site does not
 * declare passes through too. hacc cannot know where that domain runs, so
 * this is a warning: on a host where both run, one VF is given to two
 * machines and the second to start fails (libvirt: the device is in use).
 */
function sharedWithStrangers(guests: readonly GuestVfs[], strangers: readonly StrangerDomain[]): Diagnostic[] {
  if (strangers.length === 0) return [];
  const byVf = new Map<string, StrangerDomain[]>();
  for (const d of strangers) for (const vf of new Set(d.vfs)) byVf.set(vf, [...(byVf.get(vf) ?? []), d]);
  const out: Diagnostic[] = [];
  for (const g of guests) {
    for (const ib of g.ib) {
      const also = byVf.get(ib.host);
      if (also === undefined) continue;
      const who = also.map((d) => `domain \`${d.name}\` (\`${d.file}\`)`).join(", ");
      out.push(
        diag("HA4038", ib.span, `host VF \`${ib.hostText}\` of guest \`${g.name}\` is also passed through by ${who}, which is no guest of the site`, {
          hint: "hacc cannot tell where that domain runs: on a host where both run, the second to start fails. If Pacemaker runs it, declare it as a guest with its `ib` lines (`hacc import --libvirt` does); if not, give one of them another VF",
        }),
      );
    }
  }
  return out;
}
