import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { checkFailover } from "../failover.js";
import type { SiteModel } from "../model.js";
import type { RuleOptions } from "./index.js";

/**
 * HA4011-HA4013, the N-1 check: every single host failure, where each guest
 * goes and whether it fits (see failover.ts). Its predictions mean something
 * only for a site without errors, and it can be turned off (`--no-n1`).
 */
export function n1(site: SiteModel, options: RuleOptions): readonly Diagnostic[] {
  return options.n1 !== false && options.clean ? checkFailover(site) : [];
}
