/** Validators for the values Pacemaker takes. Pure, no diagnostics: callers report. */

import { distance } from "../util/distance.js";

/** Edit distance for "did you mean" hints; it lives in src/util, where the parser's hints reach it too. */
export { distance };

/** Pacemaker's score range: larger magnitudes are clamped to INFINITY. */
export const SCORE_LIMIT = 1_000_000;

/** A score: an integer or `INFINITY` with an optional sign. */
export function isScore(s: string): boolean {
  return /^[-+]?(?:INFINITY|[0-9]+)$/.test(s);
}

/** The numeric value of a valid score, INFINITY as +/-Infinity. */
export function scoreValue(s: string): number {
  if (/INFINITY$/.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  return Number(s);
}

/**
 * A duration as Pacemaker parses it: a number with an optional unit, or
 * ISO 8601 as Pacemaker's iso8601 reads it: `P`, then numbers each followed
 * by Y, M, W, D, H or S, with a `T` before the time part (`PT10S`,
 * `PT1M30S`, `P1DT2H`); Pacemaker also takes hours and seconds before the
 * `T` (`P10S` is 10 seconds, `P30M` 30 months). At least one number.
 */
export function isDuration(s: string): boolean {
  return /^[0-9]+(?:ms|msec|us|usec|s|sec|m|min|h|hr)?$/.test(s) || isoSeconds(s) !== null;
}

/** Seconds in an ISO 8601 duration (undefined when it counts years or months), null when it is not one. */
function isoSeconds(s: string): number | undefined | null {
  const m = /^P((?:[0-9]+[YMWDHS])*)(?:T((?:[0-9]+[YMWDHS])*))?$/.exec(s);
  if (!m || !/[0-9]/.test(s)) return null;
  let secs: number | undefined = 0;
  const add = (part: string | undefined, time: boolean): void => {
    for (const [, n, u] of (part ?? "").matchAll(/([0-9]+)([YMWDHS])/g)) {
      const per: Record<string, number | undefined> = { Y: undefined, M: time ? 60 : undefined, W: 604800, D: 86400, H: 3600, S: 1 };
      const f = per[u!];
      secs = f === undefined || secs === undefined ? undefined : secs + Number(n) * f;
    }
  };
  add(m[1], false);
  add(m[2], true);
  return secs;
}

/** Seconds in a valid duration (for comparisons), undefined for ISO forms that count years or months. */
export function durationSeconds(s: string): number | undefined {
  const iso = isoSeconds(s);
  if (iso !== null) return iso;
  const m = /^([0-9]+)(ms|msec|us|usec|s|sec|m|min|h|hr)?$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case "ms":
    case "msec":
      return n / 1000;
    case "us":
    case "usec":
      return n / 1e6;
    case "m":
    case "min":
      return n * 60;
    case "h":
    case "hr":
      return n * 3600;
    default:
      return n;
  }
}

/**
 * A boolean as Pacemaker reads one (crm_is_true): `true`, `on`, `yes`, `y`
 * and `1` in any case are true; anything else is false.
 */
export function isTrue(s: string): boolean {
  return ["true", "on", "yes", "y", "1"].includes(s.toLowerCase());
}

/** A value Pacemaker reads as a boolean: true as isTrue says, or `false`, `off`, `no`, `n`, `0`. */
export function isBoolean(s: string): boolean {
  return isTrue(s) || ["false", "off", "no", "n", "0"].includes(s.toLowerCase());
}

/**
 * A host PCI address `DDDD:BB:SS.F` (domain, bus, slot, function in hex; slot
 * at most 1f, function 0-7). Returns the normalised lower-case form or undefined.
 */
export function parseHostPci(s: string): string | undefined {
  const m = /^([0-9a-fA-F]{4}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\.([0-7])$/.exec(s);
  if (!m || parseInt(m[3]!, 16) > 0x1f) return undefined;
  return `${m[1]}:${m[2]}:${m[3]}.${m[4]}`.toLowerCase();
}

/** A guest-side PCI slot `BB:SS.F` (or with a domain, `DDDD:BB:SS.F`). Returns `DDDD:BB:SS.F`. */
export function parseGuestSlot(s: string): string | undefined {
  return parseHostPci(s) ?? parseHostPci("0000:" + s);
}

/** An id Pacemaker accepts (util/xml.ts: the crmsh target asks it too). */
export { isXmlId } from "../util/xml.js";

/**
 * An attribute (nvpair) name: letters, digits, `_`, `.` and `-`, not
 * starting with `.` or `-`. Unlike an id it may start with a digit
 * (Pacemaker takes `1` as a parameter name; the nvpair's id starts with its set's id).
 */
export function isAttrName(s: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(s);
}

/**
 * A node attribute's name: an attribute name that may also hold `:`, as the
 * ones Pacemaker's agents set for clone instances (`master-rsc:0`).
 */
export function isNodeAttrName(s: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.:-]*$/.test(s);
}

/**
 * A node attribute's name as a part of its nvpair's id: `:` cannot stand in
 * an XML id, so it becomes `.`, as Pacemaker's own tools write it
 * (`crm_attribute` sanitizes ids the same way).
 */
export function nvpairIdPart(key: string): string {
  return key.replace(/:/g, ".");
}

/** A node name: what a host name may hold. */
export function isNodeName(s: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(s);
}

export interface AgentSpec {
  readonly standard: string;
  readonly provider?: string;
  readonly type: string;
}

const STANDARDS_WITHOUT_PROVIDER = ["lsb", "service", "systemd", "stonith", "upstart", "nagios"];

/** Splits `ocf:heartbeat:Dummy` / `systemd:httpd`; undefined when malformed. */
export function parseAgent(s: string): AgentSpec | undefined {
  const parts = s.split(":");
  const ok = (p: string | undefined) => p !== undefined && /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/.test(p);
  if (parts[0] === "ocf") {
    if (parts.length !== 3 || !ok(parts[1]) || !ok(parts[2])) return undefined;
    return { standard: "ocf", provider: parts[1]!, type: parts[2]! };
  }
  // Outside OCF a type may hold `/` and `@`: `stonith:external/ipmi` (cluster-glue's plugins), `systemd:getty@tty1` (a unit instance).
  if (parts.length === 2 && STANDARDS_WITHOUT_PROVIDER.includes(parts[0]!) && /^[A-Za-z0-9_][A-Za-z0-9_.+\/@-]*$/.test(parts[1]!)) {
    return { standard: parts[0]!, type: parts[1]! };
  }
  // An LSB script may be named by its absolute path (`lsb:/usr/share/pacemaker/tests/cts/LSBDummy`): Pacemaker runs
  // a type that starts with `/` as it is, any other from /etc/init.d. `service:` resolves to LSB the same way.
  if (parts.length === 2 && (parts[0] === "lsb" || parts[0] === "service") && /^(\/[A-Za-z0-9_.+@-]+)+$/.test(parts[1]!)) {
    return { standard: parts[0]!, type: parts[1]! };
  }
  return undefined;
}


/** How many candidates one run may compare words with, in all: see `closest`. */
export const SUGGESTION_BUDGET = 1_000_000;

/** What is left of a run's suggestion budget. */
export interface SuggestionBudget {
  comparisons: number;
}

/**
 * The closest candidate within a small distance, for a hint. Each unknown
 * name is compared with every declared one, so a site with thousands of
 * misspelt references would take minutes; with a `budget`, the comparisons
 * of a whole run are bounded, and once it is spent the answer is undefined
 * (the diagnostic is still reported, without a suggestion).
 */
export function closest(word: string, candidates: Iterable<string>, budget?: SuggestionBudget): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    if (budget !== undefined && budget.comparisons-- <= 0) return undefined;
    const d = distance(word, c, bestD);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      if (d < bestD) bestD = d;
      best = c;
    }
  }
  return best;
}
