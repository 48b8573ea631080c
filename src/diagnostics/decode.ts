import { diag, type Diagnostic, type Result } from "./diagnostic.js";
import { SourceLines, type Source } from "./span.js";

const strict = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder("utf-8");

/**
 * The offset of the first byte that is not part of well-formed UTF-8 (an
 * overlong form, a surrogate, a code point past U+10FFFF, a stray or missing
 * continuation byte), or -1 when there is none.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return -1;
}

/**
 * Decodes a file's bytes as UTF-8. A byte-order mark at the start is dropped
 * (so positions count from the first character after it). Bytes that are
 * not UTF-8 are an error (HA1006) at the first of them, never silently
 * turned into U+FFFD; the returned text then shows them as U+FFFD, for the
 * diagnostic's source line only.
 */
export function decodeSource(file: string, bytes: Uint8Array): Result<Source> {
  try {
    return { value: { file, text: strict.decode(bytes) }, diagnostics: [] };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const text = lossy.decode(bytes);
    // The decoder drops a leading BOM from the prefix too, so the offset matches `text`.
    const at = bad < 0 ? 0 : lossy.decode(bytes.subarray(0, bad)).length;
    const byte = bad < 0 ? "" : ` 0x${bytes[bad]!.toString(16).padStart(2, "0")}`;
    const d: Diagnostic = diag("HA1006", new SourceLines(file, text).span(at, at + 1), `byte${byte} is not UTF-8`, {
      hint: "hacc reads .ha files as UTF-8; convert the file (e.g. `iconv -f latin1 -t utf-8`) or remove the byte",
    });
    return { value: { file, text }, diagnostics: [d] };
  }
}
