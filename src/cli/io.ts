import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Source } from "../diagnostics/span.js";

/** A failure the user must fix outside the input: exit 2. */
export class UsageError extends Error {}

/** Reads a site file, or stdin for `-`. */
export function readSource(path: string): Source {
  try {
    if (path === "-") return { file: "<stdin>", text: readFileSync(0, "utf8") };
    return { file: path, text: readFileSync(path, "utf8") };
  } catch (e) {
    throw new UsageError(`cannot read ${path === "-" ? "standard input" : path}: ${reason(e)}`);
  }
}

/** The stdlib shipped with hacc, in file-name order. */
export function readStdlib(): Source[] {
  const dir = resolve(dirname(fileURLToPath(import.meta.url)), "../../stdlib");
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

/**
 * Starts writing a file whole or not at all: a temporary file beside the
 * target, flushed, then renamed over it on `commit`. On any failure, or on
 * `abort`, the temporary file is removed and the old file is untouched.
 * Failures are UsageErrors (exit 2).
 */
export function openAtomic(path: string): AtomicFile {
  const tmp = join(dirname(path), `.${basename(path)}.hacc-${process.pid}.tmp`);
  const fail = (e: unknown): never => {
    rmSync(tmp, { force: true });
    throw new UsageError(`cannot write ${path}: ${reason(e)}`);
  };
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "w", 0o644);
  } catch (e) {
    fail(e);
  }
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  // Sized by the first text, up to one slice: a small file needs no 3 MB buffer.
  let buf: Buffer | undefined;
  return {
    write(text) {
      try {
        const need = 3 * (Math.min(SLICE, text.length) + 1); // UTF-8 takes at most 3 bytes per UTF-16 unit
        if (buf === undefined || buf.length < need) buf = Buffer.allocUnsafe(need);
        writeText(fd!, text, buf);
      } catch (e) {
        close();
        fail(e);
      }
    },
    commit() {
      try {
        fsyncSync(fd!);
        close();
        renameSync(tmp, path);
      } catch (e) {
        close();
        fail(e);
      }
    },
    abort() {
      close();
      rmSync(tmp, { force: true });
    },
  };
}

/** Writes a file whole or not at all (see `openAtomic`). */
export function writeAtomic(path: string, text: string): void {
  const f = openAtomic(path);
  f.write(text);
  f.commit();
}

/**
 * UTF-16 code units encoded per write. Encoding the whole output at once
 * would need one buffer as large as the output (35 MB for 10,000 guests),
 * which V8 counts as external memory and answers with a full garbage
 * collection of the compiler's heap; a few megabytes, reused, do not.
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

export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === "ENOENT") return "no such file or directory";
  if (err?.code === "EACCES" || err?.code === "EPERM") return "permission denied";
  if (err?.code === "EISDIR") return "is a directory";
  if (err?.code === "ENOTDIR") return "a parent is not a directory";
  return err?.message ?? String(e);
}
