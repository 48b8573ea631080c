import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { GuestVfs } from "../check/model.js";
import { decodeSource } from "../diagnostics/decode.js";
import type { TargetFile } from "../libvirt/target.js";
import { guestsFromDomains, isDeviceFileName, readDomainXml, type DomainFile, type LibvirtGuest, type LibvirtProblem, type StrangerDomain } from "../libvirt/index.js";
import { makeDir, readInput, reason, UsageError, writeAtomic } from "./io.js";

/**
 * The file side of the libvirt target and checks: src/libvirt/ is pure,
 * these read and write the directories.
 */

/** Creates `dir` (and its parents) if missing; a UsageError when it cannot be a directory. */
function ensureDir(dir: string): void {
  try {
    makeDir(dir);
  } catch (e) {
    throw new UsageError(`cannot create directory ${dir}: ${(e as NodeJS.ErrnoException).code === "EEXIST" ? "a file of that name is in the way" : reason(e)}`);
  }
  if (!statSync(dir).isDirectory()) throw new UsageError(`cannot write ${dir}: not a directory`);
}

/**
 * Writes a directory target's files under `dir` (created if missing), each
 * whole or not at all (writeAtomic). In the directory of every guest in
 * `guests`, a device file (`vf-*.xml`) this run did not write is removed: it
 * came from an `ib` line the site no longer has, and a loop over the
 * directory would attach it again. Other files are left alone.
 */
export function writeTargetDir(dir: string, files: readonly TargetFile[], guests: readonly string[]): void {
  ensureDir(dir);
  const written = new Set<string>();
  for (const f of files) {
    const path = join(dir, ...f.path.split("/"));
    ensureDir(join(path, ".."));
    writeAtomic(path, f.text);
    written.add(f.path);
  }
  for (const g of guests) {
    let names: string[];
    try {
      names = readdirSync(join(dir, g));
    } catch {
      continue;
    }
    for (const n of names.sort()) {
      if (!isDeviceFileName(n) || written.has(`${g}/${n}`)) continue;
      try {
        rmSync(join(dir, g, n));
      } catch (e) {
        throw new UsageError(`cannot remove the stale ${join(dir, g, n)}: ${reason(e)}`);
      }
    }
  }
}

/** Reads a text file as UTF-8: its text, or a read error's message. */
function readText(path: string): { text: string } | { message: string; line?: number; column?: number } {
  const decoded = decodeSource(path, readInput(path));
  const bad = decoded.diagnostics[0];
  if (bad !== undefined) return { message: bad.message, line: bad.span.line, column: bad.span.column };
  return { text: decoded.value.text };
}

/**
 * `hacc check --libvirt DIR`: each guest's domain XML, `DIR/GUEST.xml`
 * (what `virsh dumpxml GUEST > DIR/GUEST.xml` writes), read for checkDomains.
 * A missing file is a finding (HA4033); a file that exists but cannot be
 * read is an I/O error (exit 2).
 */
export function readGuestDomains(dir: string, guests: readonly GuestVfs[]): Map<string, DomainFile> {
  try {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--libvirt ${dir}: not a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--libvirt ${dir}: ${reason(e)}`);
  }
  const out = new Map<string, DomainFile>();
  for (const g of guests) {
    const file = join(dir, `${g.name}.xml`);
    let exists = true;
    try {
      statSync(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new UsageError(`cannot read ${file}: ${reason(e)}`);
      exists = false;
    }
    if (!exists) {
      out.set(g.name, { file, missing: true });
      continue;
    }
    const t = readText(file);
    if (!("text" in t)) {
      out.set(g.name, { file, error: t });
      continue;
    }
    const r = readDomainXml(t.text);
    out.set(g.name, "error" in r ? { file, error: r.error } : { file, value: r.value });
  }
  return out;
}

/**
 * `hacc check --libvirt DIR`: the other domains of DIR, each `*.xml` that is
 * no guest's own file: one whose `<domain>` is named after a guest is a
 * `copy` of it (the guest defined on another host, say), compared with its
 * `ib` lines as DIR/GUEST.xml is; any other with host VFs is a stranger (for
 * HA4038). A file that cannot be read or is no domain is not the site's
 * business and is skipped.
 */
export function readOtherDomains(dir: string, guests: readonly GuestVfs[]): { strangers: StrangerDomain[]; copies: Map<string, DomainFile[]> } {
  const names = new Set(guests.map((g) => g.name));
  const files = xmlFiles(dir).filter((n) => !names.has(n.slice(0, -".xml".length)));
  const strangers: StrangerDomain[] = [];
  const copies = new Map<string, DomainFile[]>();
  for (const n of files) {
    const file = join(dir, n);
    let t: ReturnType<typeof readText>;
    try {
      if (!statSync(file).isFile()) continue;
      t = readText(file);
    } catch {
      continue;
    }
    if (!("text" in t)) continue;
    const r = readDomainXml(t.text);
    if ("error" in r || r.value.root !== "domain") continue;
    const name = r.value.name;
    if (name !== undefined && names.has(name)) copies.set(name, [...(copies.get(name) ?? []), { file, value: r.value }]);
    else if (r.value.vfs.length > 0) strangers.push({ file, name: name ?? n.slice(0, -".xml".length), vfs: r.value.vfs.map((v) => v.host) });
  }
  return { strangers, copies };
}

/**
 * For `hacc import --libvirt DIR`: every `*.xml` in DIR (in name order) read
 * as a domain XML (`virsh dumpxml` output), and the `ib` lines of each guest
 * by its domain's `<name>` (see guestsFromDomains). Files that are not UTF-8
 * are problems too; an unreadable directory or file is a UsageError (exit 2).
 */
export function readLibvirtDir(dir: string): { guests: LibvirtGuest[]; problems: LibvirtProblem[] } {
  const names = xmlFiles(dir);
  const files: { file: string; text: string }[] = [];
  const problems: LibvirtProblem[] = [];
  for (const n of names) {
    const file = join(dir, n);
    const t = readText(file);
    if ("text" in t) files.push({ file, text: t.text });
    else problems.push({ file, ...(t.line !== undefined ? { line: t.line, column: t.column ?? 1 } : {}), message: t.message, severity: "error" });
  }
  const r = guestsFromDomains(files);
  // By file (a stable sort: a file's problems keep their order).
  const all = [...problems, ...r.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { guests: r.guests, problems: all };
}

/** The `*.xml` names in a `--libvirt` directory, sorted; an unreadable directory is a UsageError (exit 2). */
function xmlFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith(".xml")).sort();
  } catch (e) {
    throw new UsageError(`--libvirt ${dir}: ${reason(e)}`);
  }
}
