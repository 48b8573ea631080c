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
