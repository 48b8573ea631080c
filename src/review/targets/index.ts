import type { Result } from "../../diagnostics/diagnostic.js";
import { renderPlan, type Plan } from "../plan.js";
import { planSteps } from "../steps.js";
import { writeCibScript } from "./cib.js";

/**
 * A plan writer prints a plan in one target's form: a script whose comments
 * carry the readable plan. Add a target here (pcs, crmsh) and `hacc plan
 * --target` offers it.
 */
export type PlanWriter = (plan: Plan, names: { readonly site: string; readonly live: string }) => Result<string>;

export const PLAN_TARGETS: Readonly<Record<string, PlanWriter>> = {
  cib: (plan, names) => writeCibScript(planSteps(plan), renderPlan(plan, names), plan.live.version),
};
