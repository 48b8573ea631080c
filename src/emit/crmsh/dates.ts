import type { Rule } from "../../ir/types.js";

/** The date spec fields crmsh 4.4 reads (crmsh/constants.py `date_spec_names`, where `yeardays` is spelled `yearsdays`). */
const CRMSH_DATE_SPEC = new Set(["hours", "monthdays", "weekdays", "months", "weeks", "years", "weekyears", "moon"]);

const HALF_RANGE_HINT = "crmsh 4.4's `date in` takes a start and an end; give both, or use the cib or pcs target for this site";
const SPEC_HINT =
  "crmsh 4.4's `date spec` takes hours, monthdays, weekdays, months, weeks, years, weekyears and moon (`crm configure load`: \"Unknown arguments: minutes=...\"); use the cib or pcs target for this site";

/**
 * A date test of the rule that crmsh 4.4 cannot write, as the language says it, with the way out:
 * a `date in_range` with one end only (`date in_range to 2030-01-01`: crmsh's `date in` wants two of
 * start, end and a duration, "Expected at least 2 name-value pairs"; `lt`/`gt` are no rewrite, as
 * Pacemaker's in_range includes its ends and they do not), or a date spec with a field crmsh lacks.
 */
export function unwritableDate(r: Rule): { test: string; hint: string } | undefined {
  for (const e of r.expressions) {
    if (e.kind !== "date") continue;
    const field = e.spec?.fields.find((f) => !CRMSH_DATE_SPEC.has(f.name));
    if (field !== undefined) return { test: `date spec ${field.name} ${field.range}`, hint: SPEC_HINT };
    if (e.operation === "in_range" && (e.start === undefined) !== (e.end === undefined)) {
      return { test: e.start !== undefined ? `date in_range ${e.start}` : `date in_range to ${e.end}`, hint: HALF_RANGE_HINT };
    }
  }
  return undefined;
}
