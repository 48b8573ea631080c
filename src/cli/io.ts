import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeSource } from "../diagnostics/decode.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Source } from "../diagnostics/span.js";
import { shownName } from "../util/name.js";

/** A failure the user must fix outside the input: exit 2. */
export class UsageError extends Error {}

/** An input that cannot be read as a site at all (not UTF-8): its diagnostics, exit 1. */
export class InputError extends Error {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    readonly sources: ReadonlyMap<string, Source>,
  ) {
    super("the input is not UTF-8");
  }
}

/** The files this run has read, by device and inode: `-o` may name none of them. */
const inputs: { path: string; dev: number; ino: number }[] = [];

/**
 * Reads an input file's bytes (`-` is stdin) and remembers it as an input.
 * Failures are UsageErrors (exit 2).
 */
export function readInput(path: string): Buffer {
  try {
    if (path === "-") return readFileSync(0);
    const bytes = readFileSync(path);
    const st = statSync(path);
    inputs.push({ path, dev: st.dev, ino: st.ino });
    return bytes;
  } catch (e) {
    throw new UsageError(`cannot read ${path === "-" ? "standard input" : shownName(path)}: ${reason(e)}`);
  }
}

/**
 * Reads a site file, or stdin for `-`, as UTF-8 (a byte-order mark is
 * dropped). Bytes that are not UTF-8 throw an InputError with an HA1006
 * diagnostic at the first of them.
 */
export function readSource(path: string): Source {
  const r = decodeSource(path === "-" ? "<stdin>" : path, readInput(path));
  if (r.diagnostics.length > 0) throw new InputError(r.diagnostics, new Map([[r.value.file, r.value]]));
  return r.value;
}

/** The folder of the stdlib shipped with hacc. */
export function stdlibDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../stdlib");
}

/** The stdlib shipped with hacc, in file-name order. */
export function readStdlib(): Source[] {
  const dir = stdlibDir();
  const names = readdirSync(dir).filter((n) => n.endsWith(".ha")).sort();
  return names.map((n) => ({ file: `<stdlib>/${n}`, text: readFileSync(join(dir, n), "utf8") }));
}

/** A file being written whole or not at all: see `openAtomic`. */
export interface AtomicFile {
  /** Appends text (as UTF-8). */
  write(text: string): void;
  /** Flushes the text to disk and puts the file in place, over any old one. */
  commit(): void;
  /** Throws the text away; the old file, if any, is untouched. */
  abort(): void;
}

/** Temporary files not yet renamed or removed: removed on exit and on SIGINT, SIGTERM, SIGHUP. */
const pending = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const t of pending) rmSync(t, { force: true });
  pending.clear();
  // Die of the signal itself, as a process without a handler would: the caller sees it.
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

function track(tmp: string): void {
  if (pending.size === 0) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on("exit", removePending);
  }
  pending.add(tmp);
}

function untrack(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0) {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener("exit", removePending);
  }
}

function removePending(): void {
  for (const t of pending) rmSync(t, { force: true });
}

/** Refuses an output that is one of this run's inputs (the same file, by any name). */
function refuseInput(path: string, st: Stats | undefined): void {
  if (st === undefined) return;
  const same = inputs.find((i) => i.dev === st.dev && i.ino === st.ino);
  if (same) throw new UsageError(`-o ${shownName(path)} would overwrite the input ${shownName(same.path)}; write the output to another file`);
}

/** Where a chain of symlinks ends, when its last link points at nothing yet; the path itself when it is no link. */
function linkTarget(path: string): string {
  let p = path;
  for (let hops = 0; ; hops++) {
    let link: string;
    try {
      if (!lstatSync(p).isSymbolicLink()) return p;
      link = readlinkSync(p);
    } catch {
      return p;
    }
    if (hops >= 40) throw new UsageError(`cannot write ${shownName(path)}: too many levels of symbolic links`);
    p = resolve(dirname(p), link);
  }
}

/**
 * Starts writing a file whole or not at all, as a careful tool does (as the
 * npm package write-file-atomic does, but streamed: compile writes its output
 * as it is made, which write-file-atomic cannot take):
 *
 * - a symlink is written through: the file it points to is replaced, the link
 *   stays; a link that points at nothing is refused;
 * - the text goes to a temporary file beside that file, with a random name,
 *   created exclusively (O_EXCL, so nothing planted there is followed), with the
 *   old file's mode and, where the process may set it, its owner;
 * - `commit` flushes it (fsync), renames it over the file and flushes the directory;
 * - on any failure, on `abort`, on exit and on SIGINT/SIGTERM/SIGHUP the
 *   temporary file is removed and the old file is untouched.
 *
 * A file with other hard links gets a new inode under this name only (as with
 * any atomic replacement). A device or FIFO (`/dev/stdout`, `/dev/null`) is
 * written directly. An output that is one of the run's inputs is refused,
 * unless `inPlace` (`hacc fmt` rewriting the file it read).
 * Failures are UsageErrors (exit 2).
 */
export function openAtomic(path: string, opts: { readonly inPlace?: boolean } = {}): AtomicFile {
  let target = path;
  try {
    target = realpathSync(path);
  } catch {
    // No file yet: written at the name given. A link that points at nothing is refused: replacing it would
    // drop the link, and making the file it names would follow a link someone may have planted.
    const end = linkTarget(path);
    if (end !== path) throw new UsageError(`cannot write ${shownName(path)}: it is a symlink to ${shownName(end)}, which does not exist; create that file first, or remove the link`);
  }
  let st: Stats | undefined;
  try {
    st = statSync(target);
  } catch {
    st = undefined;
  }
  if (opts.inPlace !== true) refuseInput(path, st);
  if (st?.isDirectory()) throw new UsageError(`cannot write ${shownName(path)}: is a directory`);
  if (st !== undefined && !st.isFile()) return openDirect(path, target);
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.hacc.tmp`);
  const fail = (e: unknown): never => {
    close();
    rmSync(tmp, { force: true });
    untrack(tmp);
    throw new UsageError(`cannot write ${shownName(path)}: ${reason(e)}`);
  };
  let fd: number | undefined;
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
    track(tmp);
    if (st !== undefined) {
      fchmodSync(fd, st.mode & 0o7777);
      if (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()) {
        try {
          fchownSync(fd, st.uid, st.gid);
        } catch {
          // Only root may give a file away: a user's file keeps that user.
        }
      }
    }
  } catch (e) {
    fail(e);
  }
  // Sized by the first text, up to one slice: a small file needs no 3 MB buffer.
  let buf: Buffer | undefined;
  return {
    write(text) {
      try {
        const need = 3 * (Math.min(SLICE, text.length) + 1); // UTF-8 takes at most 3 bytes per UTF-16 unit
        if (buf === undefined || buf.length < need) buf = Buffer.allocUnsafe(need);
        writeText(fd!, text, buf);
      } catch (e) {
        fail(e);
      }
    },
    commit() {
      try {
        fsyncSync(fd!);
        close();
        renameSync(tmp, target);
        untrack(tmp);
      } catch (e) {
        fail(e);
      }
      syncDir(dirname(target));
    },
    abort() {
      close();
      rmSync(tmp, { force: true });
      untrack(tmp);
    },
  };
}

/** Flushes a directory's entries (the rename) to disk, where the system allows it. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is done.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes straight into a device or FIFO, which cannot be replaced. */
function openDirect(path: string, target: string): AtomicFile {
  const held: string[] = [];
  return {
    write(text) {
      held.push(text);
    },
    commit() {
      let fd: number | undefined;
      try {
        fd = openSync(target, "w");
        const buf = Buffer.allocUnsafe(3 * (SLICE + 1));
        for (const t of held) writeText(fd, t, buf);
      } catch (e) {
        throw new UsageError(`cannot write ${shownName(path)}: ${reason(e)}`);
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    },
    abort() {
      held.length = 0;
    },
  };
}

/** Writes a file whole or not at all (see `openAtomic`); `-` is standard output. */
export function writeAtomic(path: string, text: string, opts: { readonly inPlace?: boolean } = {}): void {
  if (path === "-") {
    process.stdout.write(text);
    return;
  }
  const f = openAtomic(path, opts);
  f.write(text);
  f.commit();
}

/**
 * UTF-16 code units encoded per write, through one reused buffer rather than
 * the whole output at once (docs/performance.md, "Design choices made for speed").
 */
const SLICE = 1 << 20;

/** Writes `text` as UTF-8 through `buf`, all of it: `writeSync` may write less than it was given. */
function writeText(fd: number, text: string, buf: Buffer): void {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + SLICE, text.length);
    // Never split a surrogate pair: each half alone would be written as U+FFFD.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    const bytes = buf.write(text.slice(start, end));
    for (let done = 0; done < bytes; ) done += writeSync(fd, buf, done, bytes - done);
    start = end;
  }
}

/**
 * Makes `dir` and any missing parents, one level at a time, never with
 * `mkdirSync(..., { recursive: true })`: Node 20's recursive mkdir loops
 * for ever where mkdir says ENOENT of a parent that exists (`/proc/foo`).
 * Throws the failing mkdir's error (a caller words it with `reason`).
 */
export function makeDir(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    try {
      // A file where a directory is meant: EEXIST for `dir` itself (as mkdir says), ENOTDIR for a parent.
      if (!statSync(at).isDirectory()) throw Object.assign(new Error(`${at} is not a directory`), { code: missing.length === 0 ? "EEXIST" : "ENOTDIR" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      // Made meanwhile by another process: a directory there is what was asked.
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
}

export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return "no such file or directory";
  if (err?.code === "EACCES" || err?.code === "EPERM") return "permission denied";
  if (err?.code === "EISDIR") return "is a directory";
  if (err?.code === "ENOTDIR") return "a parent is not a directory";
  if (err?.code === "ENOSPC") return "no space left on device";
  if (err?.code === "EROFS") return "read-only file system";
  if (err?.code === "EDQUOT") return "disk quota exceeded";
  return err?.message ?? String(e);
}
