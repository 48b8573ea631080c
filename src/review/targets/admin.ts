import type { Alert, FencingLevel } from "../../ir/types.js";
import { targetText } from "../compare-admin.js";
import type { Plan } from "../plan.js";
import { xpathLiteral } from "../../util/xml.js";

/** The live fencing levels and alerts a plan removes or changes (a changed one is written again whole): XPath and words. */
export function adminDeletions(plan: Plan): { xpath: string; what: string }[] {
  return (plan.changes.admin ?? []).flatMap((a) => {
    if (a.op !== "remove" && a.op !== "change") return [];
    if (a.kind === "acl-role" || a.kind === "acl-user" || a.kind === "acl-group") return [];
    return a.kind === "fencing-level"
      ? [{ xpath: `/cib/configuration/fencing-topology/fencing-level[@id=${xpathLiteral(a.old!.id)}]`, what: `fencing level ${a.old!.index} of ${targetText(a.old!)}` }]
      : [{ xpath: `/cib/configuration/alerts/alert[@id=${xpathLiteral(a.old!.id)}]`, what: `alert ${a.old!.id}` }];
  });
}

/** The fencing levels and alerts a plan adds, or writes again changed, as the site declares them. */
export function adminAdditions(plan: Plan): { levels: FencingLevel[]; alerts: Alert[] } {
  const levels: FencingLevel[] = [];
  const alerts: Alert[] = [];
  for (const a of plan.changes.admin ?? []) {
    if (a.op !== "add" && a.op !== "change") continue;
    if (a.kind === "acl-role" || a.kind === "acl-user" || a.kind === "acl-group") continue;
    if (a.kind === "fencing-level") levels.push(a.new!);
    else alerts.push(a.new!);
  }
  return { levels, alerts };
}
