/**
 * Dates as Pacemaker reads them in a rule's `date_expression` (ISO 8601,
 * crm_time_new in lib/common/iso8601.c): a calendar date `YYYY-MM-DD`, an
 * ordinal date `YYYY-DDD` or a week date `YYYY-Www-D`, optionally followed by
 * a time `hh:mm[:ss]` after `T` or a space, and a zone `Z` or `±hh[:mm]`.
 */
const DATE = /^(\d{4})-(?:(\d{2})-(\d{2})|(\d{3})|W(\d{2})-([1-7]))(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?: ?(?:Z|[+-](\d{2})(?::?(\d{2}))?))?)?$/;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why `s` is not a date Pacemaker reads, or undefined when it is one. */
export function dateProblem(s: string): string | undefined {
  const m = DATE.exec(s);
  if (!m) return "not an ISO 8601 date (`2025-06-30`, `2025-181`, `2025-W26-1`, with an optional time `12:00:00` and zone `Z` or `+02:00`)";
  const n = (i: number) => (m[i] === undefined ? undefined : Number(m[i]));
  const year = n(1)!;
  const month = n(2);
  const day = n(3);
  if (month !== undefined && (month < 1 || month > 12)) return `month ${m[2]} is not 01 to 12`;
  if (month !== undefined && day !== undefined) {
    const last = month === 2 && isLeap(year) ? 29 : DAYS[month - 1]!;
    if (day < 1 || day > last) return `day ${m[3]} is not in month ${m[2]} of ${m[1]}`;
  }
  const yday = n(4);
  if (yday !== undefined && (yday < 1 || yday > (isLeap(year) ? 366 : 365))) return `day ${m[4]} is not in ${m[1]}`;
  const week = n(5);
  if (week !== undefined && (week < 1 || week > 53)) return `week ${m[5]} is not 01 to 53`;
  const [h, min, sec, zh, zm] = [n(7), n(8), n(9), n(10), n(11)];
  if (h !== undefined && h > 23) return `hour ${m[7]} is not 00 to 23`;
  if (min !== undefined && min > 59) return `minute ${m[8]} is not 00 to 59`;
  if (sec !== undefined && sec > 59) return `second ${m[9]} is not 00 to 59`;
  if (zh !== undefined && zh > 23) return `zone hour ${m[10]} is not 00 to 23`;
  if (zm !== undefined && zm > 59) return `zone minute ${m[11]} is not 00 to 59`;
  return undefined;
}

/**
 * The fields of a `<date_spec>` in the order Pacemaker 2.1.5 tests them
 * (lib/pengine/rules.c, `pe_cron_range_satisfied`), each with the values the
 * part of the time it tests can take (`undefined`: any year). `moon` is the
 * phase of the moon, 0-7 (deprecated, still read).
 */
export const DATE_SPEC_FIELDS: Readonly<Record<string, readonly [number, number] | undefined>> = {
  years: undefined,
  months: [1, 12],
  monthdays: [1, 31],
  hours: [0, 23],
  minutes: [0, 59],
  seconds: [0, 59],
  yeardays: [1, 366],
  weekyears: undefined,
  weeks: [1, 53],
  weekdays: [1, 7],
  moon: [0, 7],
};

/**
 * A date spec range as Pacemaker 2.1.5 reads one (`pcmk__parse_ll_range`):
 * `N`, `N-M`, `-M` (up to M) or `N-` (from N), as its low and high ends
 * (undefined where open), or undefined when it reads none. Pacemaker takes a
 * range it cannot read as no condition at all, so hacc refuses it.
 */
export function parseRange(s: string): { low?: number; high?: number } | undefined {
  const m = /^(\d+)?(-)?(\d+)?$/.exec(s);
  if (!m || (m[1] === undefined && m[3] === undefined)) return undefined;
  if (m[2] === undefined) return { low: Number(m[1]), high: Number(m[1]) };
  return { ...(m[1] !== undefined ? { low: Number(m[1]) } : {}), ...(m[3] !== undefined ? { high: Number(m[3]) } : {}) };
}

/** Why `range` is not one `field` of a date spec can match, or undefined when it is one. */
export function rangeProblem(field: string, range: string): string | undefined {
  const r = parseRange(range);
  if (r === undefined) return "not a range (`9`, `9-16`, `-16`, `9-`)";
  if (r.low !== undefined && r.high !== undefined && r.low > r.high) return `its start ${r.low} is after its end ${r.high}, so it never matches`;
  const bounds = DATE_SPEC_FIELDS[field];
  if (bounds === undefined) return undefined;
  const outside = (v: number | undefined): boolean => v !== undefined && (v < bounds[0] || v > bounds[1]);
  const out = [r.low, r.high].find(outside);
  if (out === undefined) return undefined;
  // Wholly outside (a value, or both ends past the same side): Pacemaker never matches it; partly: the author meant another range.
  const never = (r.low ?? bounds[0]) > bounds[1] || (r.high ?? bounds[1]) < bounds[0];
  return `${out} is no value of \`${field}\`, which runs ${bounds[0]}-${bounds[1]}${never ? ", so it never matches" : ""}`;
}

/** Date spec fields in Pacemaker's order (an unknown one last, as given), so a spec reads and compares the same however written. */
export function specOrder<F extends { readonly name: string }>(fields: readonly F[]): F[] {
  const names = Object.keys(DATE_SPEC_FIELDS);
  const rank = (n: string): number => (names.includes(n) ? names.indexOf(n) : names.length);
  return fields.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f.name) - rank(b.f.name) || a.i - b.i).map((x) => x.f);
}
