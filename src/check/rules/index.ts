import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SiteModel } from "../model.js";
import { acls } from "./acls.js";
import { cloneRefs } from "./clone-refs.js";
import { cycles } from "./cycles.js";
import { failures } from "./failures.js";
import { fencing } from "./fencing.js";
import { guests } from "./guests.js";
import { locationRoles } from "./location-roles.js";
import { n1 } from "./n1.js";
import { operatorLocations } from "./operator-locations.js";
import { parents } from "./parents.js";
import { patterns } from "./patterns.js";
import { roles } from "./roles.js";
import { runnable } from "./runnable.js";
import { slots } from "./slots.js";
import { storage } from "./storage.js";
import { templates } from "./templates.js";

/** What a rule may read besides the site model. */
export interface RuleOptions {
  /** The N-1 check; on unless `false`. */
  readonly n1?: boolean;
  /** No error has been reported before this rule: by the parser, the passes, or an earlier rule. */
  readonly clean: boolean;
}

/**
 * A rule about the whole site: a pure function of the site model (see
 * model.ts for what it carries) to the problems it finds.
 */
export type Rule = (site: SiteModel, options: RuleOptions) => readonly Diagnostic[];

/**
 * The site's rules, run in this order after elaboration. Add a check here
 * and nowhere else (a check of one statement's own text, such as an unknown
 * name or a bad value, belongs to the pass that reads that statement).
 */
export const RULES: Readonly<Record<string, Rule>> = {
  /** HA2012: a resource has one parent. */
  parents,
  /** HA2011, HA2090: constraints name the clone or bundle, not what it holds. */
  "clone-refs": cloneRefs,
  /** HA4004, HA4005: order cycles. */
  cycles,
  /** HA4001-HA4003: InfiniBand VFs and guest slots, and the VF limit per host. */
  slots,
  /** HA4006: every resource can run somewhere: an opt-in cluster allows it, bans and capacity leave a node. */
  runnable,
  /** HA4007, HA4008, HA4010: shared storage has MMP and two hosts. */
  storage,
  /** HA4020, HA4024: fencing on needs a device; fencing off with shared storage. */
  fencing,
  /** HA4021: failures that expire before they reach migration-threshold. */
  failures,
  /** HA4022, HA4023, HA4025: guests connect in time, do not take host resources, do not migrate with VFs. */
  guests,
  /** HA4060, HA3060: promoted and unpromoted roles name promotable clones; require-any names a clone. */
  roles,
  /** HA4070: a Promoted or Unpromoted location of a resource that is not a promotable clone. */
  "location-roles": locationRoles,
  /** HA4071, HA4101: a location's pattern matches a resource; a rule's `param`/`meta` value is one its resources set. */
  patterns,
  /** HA4120, HA2122: ACLs that Pacemaker applies, naming ids the site has. */
  acls,
  /** HA4110: a template some resource is made from. */
  templates,
  /** HA4150: a location with the id of an operator's ban or move (`cli-ban-...`). */
  "operator-locations": operatorLocations,
  /** HA4011-HA4013: the N-1 check (last: it runs only when nothing before it found an error). */
  n1,
};
