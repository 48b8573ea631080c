import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type { Cib, RuledSet } from "../../ir/types.js";
import { shellQuote } from "../../util/shell.js";
import { ruledSetXml } from "../cib/cib.js";
import { merge } from "./admin.js";
import type { Dialect } from "./dialects.js";
import { expressionWords } from "./locations.js";

/**
 * One `pcs resource [op] defaults set create` of the script (`tool` absent or "pcs"), a cibadmin merge of a
 * property set (`tool` "cib"), or the diagnostic when the dialect cannot say it.
 */
export type DefaultSetStep = { readonly tool?: "pcs" | "cib"; readonly comments: readonly string[]; readonly words: readonly string[] } | { readonly diagnostic: Diagnostic };

/** Whether crmsh 4.4 writes a defaults set: neither a score nor a resource or op test (HA5071). */
function crmshWrites(s: RuledSet): boolean {
  return s.score === undefined && !(s.rule?.expressions ?? []).some((e) => e.kind === "rsc" || e.kind === "op");
}

/**
 * The defaults sets with a rule or a score: `pcs resource defaults set create
 * id=ID [score=N] meta KEY=VALUE ... [rule EXPR]` (and `resource op defaults`),
 * pcs 0.10.7 and later. pcs names the rule `ID-rule` and its tests itself
 * (`ID-rule-rsc-ocf-pacemaker-Dummy`, `ID-rule-op-monitor`, `ID-rule-expr`).
 * pcs 0.9 has no `set create`: HA5070.
 */
export function defaultSetSteps(cib: Cib, d: Dialect, at: (id: string) => Span): DefaultSetStep[] {
  const out: DefaultSetStep[] = [];
  const one = (s: RuledSet, head: readonly string[], title: string): void => {
    if (d.defaultsMetaKeyword === undefined) {
      out.push({ diagnostic: diag("HA5070", at(s.id), `${title} set \`${s.id}\` has a rule or a score, which pcs 0.9 cannot write`, { hint: `pcs 0.10.7 and later write it (\`--pcs-version 0.10\`); or use the CIB ${crmshWrites(s) ? "or crmsh target" : "target (crmsh cannot write its score or resource and op tests either)"}` }) });
      return;
    }
    const rule: string[] = [];
    for (const [i, e] of (s.rule?.expressions ?? []).entries()) {
      // The checker reads no group in a defaults rule (the grammar's `when` there takes tests only).
      const w = e.kind === "rule" ? "a rule inside a defaults rule" : expressionWords(e);
      if (typeof w === "string") {
        out.push({ diagnostic: diag("HA5070", at(s.id), `${title} set \`${s.id}\`: ${w}`, { hint: "use the CIB target" }) });
        return;
      }
      if (i > 0) rule.push(s.rule!.booleanOp ?? "and");
      rule.push(...w);
    }
    const words = [...head, shellQuote(`id=${s.id}`), ...(s.score !== undefined ? [shellQuote(`score=${s.score}`)] : []), "meta", ...s.pairs.map((p) => `${p.name}=${shellQuote(p.value)}`), ...(rule.length > 0 ? ["rule", ...rule] : [])];
    out.push({ comments: [`${title} set ${s.id}${s.rule ? ", chosen by a rule" : ""}${s.score !== undefined ? `, score ${s.score}` : ""}`], words });
  };
  for (const s of cib.rscDefaultSets ?? []) one(s, ["resource", "defaults", "set", "create"], "Resource defaults");
  for (const s of cib.opDefaultSets ?? []) one(s, ["resource", "op", "defaults", "set", "create"], "Operation defaults");
  // `pcs property set` writes cib-bootstrap-options alone (no id, score or rule, pcs 0.9 to 0.11): cibadmin merges the set.
  const why = "as pcs property writes no set with a rule or a score";
  for (const s of cib.propertySets ?? []) out.push(merge([`Cluster property set ${s.id}${s.rule ? ", chosen by a rule" : ""}${s.score !== undefined ? `, score ${s.score}` : ""}: cibadmin, ${why}`], "crm_config", ruledSetXml(s, "cluster_property_set")));
  return out;
}
