import type { Result } from "../../diagnostics/diagnostic.js";
import type { Origins } from "../../ir/types.js";
import { EMITTERS } from "../../emit/index.js";
import { renderPlan, type Plan } from "../plan.js";
import { planSteps } from "../steps.js";
import { writeCibScript } from "./cib.js";
import { writeCrmshScript } from "./crmsh.js";
import { writePcsScript } from "./pcs.js";

export interface PlanWriteOptions {
  readonly site: string;
  readonly live: string;
  /** pcs: the dialect (0.10 or 0.11). */
  readonly pcsVersion?: string;
  /** Where the site declares each object (`analyze`'s origins), for the diagnostics of what the target cannot say. */
  readonly origins?: Origins;
}

/**
 * A plan writer prints a plan in one target's form: a script whose comments
 * carry the readable plan. The pcs and crmsh writers create objects with
 * their target's emitter (EMITTERS), so they are offered once it is there.
 */
export type PlanWriter = (plan: Plan, opts: PlanWriteOptions) => Result<string>;

export const PLAN_TARGETS: Readonly<Record<string, PlanWriter>> = {
  cib: (plan, o) => writeCibScript(planSteps(plan), renderPlan(plan, o), plan.live.version),
  ...(EMITTERS["pcs"] ? { pcs: ((plan, o) => writePcsScript(plan, renderPlan(plan, o), o.pcsVersion ?? "0.11", o.site, o.origins)) satisfies PlanWriter } : {}),
  ...(EMITTERS["crmsh"] ? { crmsh: ((plan, o) => writeCrmshScript(plan, renderPlan(plan, o), o.origins)) satisfies PlanWriter } : {}),
};
