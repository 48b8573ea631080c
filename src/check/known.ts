/** Names Pacemaker 2.1 knows, for typo warnings. */
import { ORDER_ACTIONS } from "../ast/slips.js";
import { isBoolean, isDuration } from "./values.js";

/** Cluster options (crm_config), Pacemaker 2.1 (`pacemaker-schedulerd metadata` and friends). */
export const CLUSTER_PROPERTIES: ReadonlySet<string> = new Set([
  "batch-limit", "cluster-delay", "cluster-infrastructure", "cluster-ipc-limit", "cluster-name",
  "cluster-recheck-interval", "concurrent-fencing", "dc-deadtime", "dc-version", "election-timeout",
  "enable-acl", "enable-startup-probes", "fence-reaction", "have-watchdog",
  "join-finalization-timeout", "join-integration-timeout", "load-threshold", "maintenance-mode",
  "migration-limit", "no-quorum-policy", "node-action-limit", "node-health-base", "node-health-green",
  "node-health-red", "node-health-strategy", "node-health-yellow",
  "pe-error-series-max", "pe-input-series-max", "pe-warn-series-max", "placement-strategy",
  "priority-fencing-delay", "remove-after-stop", "shutdown-escalation", "shutdown-lock",
  "shutdown-lock-limit", "start-failure-is-fatal", "startup-fencing", "stonith-action",
  "stonith-enabled", "stonith-max-attempts", "stonith-timeout", "stonith-watchdog-timeout",
  "stop-all-resources", "stop-orphan-actions", "stop-orphan-resources", "symmetric-cluster",
  "transition-delay",
]);

/**
 * Pacemaker 3's names for cluster options, each with the Pacemaker 2.1 name
 * it replaces. A site keeps the name it writes (hacc never renames one):
 * Pacemaker 3 honours the new name, Pacemaker 2.1.5 knows only the old one and
 * ignores the new (so `fencing-enabled = false` leaves 2.1.5 fencing).
 */
export const PACEMAKER3_PROPERTIES: ReadonlyMap<string, string> = new Map([
  ["fencing-enabled", "stonith-enabled"],
  ["fencing-action", "stonith-action"],
  ["fencing-timeout", "stonith-timeout"],
  ["fencing-watchdog-timeout", "stonith-watchdog-timeout"],
  ["stop-removed-resources", "stop-orphan-resources"],
  ["cancel-removed-actions", "stop-orphan-actions"],
]);

/**
 * Meta attributes Pacemaker 2.1 reads on a resource (Pacemaker Explained,
 * "Resource Meta-Attributes", the clone and promotable clone options, guest
 * node and bundle options; `restart-type` is deprecated but still read). A
 * resource may carry one of a clone's (Pacemaker reads a clone's options on
 * it or its child), so one list serves every kind. Others are warned of
 * (HA3150): a site may set its own, which Pacemaker keeps and ignores.
 */
export const RESOURCE_META: ReadonlySet<string> = new Set([
  "priority", "critical", "target-role", "is-managed", "maintenance", "resource-stickiness", "requires",
  "migration-threshold", "failure-timeout", "multiple-active", "allow-migrate", "allow-unhealthy-nodes",
  "container-attribute-target", "remote-node", "remote-port", "remote-addr", "remote-connect-timeout",
  "remote-allow-migrate", "restart-type", "globally-unique", "clone-max", "clone-node-max", "clone-min",
  "notify", "ordered", "interleave", "promotable", "promoted-max", "promoted-node-max", "master-max",
  "master-node-max",
]);

/** Meta attributes Pacemaker 2.1 reads on an alert or a recipient (Pacemaker Explained, "Alert Meta-Attributes"). */
export const ALERT_META: ReadonlySet<string> = new Set(["timeout", "timestamp-format"]);

/**
 * Names Pacemaker 2.1 reads in op defaults (`<op_defaults>`): an op's own
 * attributes (Pacemaker Explained, "Operation Defaults" and "Operation
 * Properties") and `OCF_CHECK_LEVEL`. Others are warned of (HA3150).
 */
export const OP_DEFAULTS_META: ReadonlySet<string> = new Set([
  "interval", "timeout", "start-delay", "interval-origin", "on-fail", "role", "enabled",
  "record-pending", "requires", "OCF_CHECK_LEVEL",
]);

/** Attributes an `<op>` element carries; anything else is an error. */
export const OP_ATTRIBUTES: ReadonlySet<string> = new Set([
  "interval", "timeout", "start-delay", "interval-origin", "on-fail", "role", "enabled",
  "record-pending", "requires", "description",
]);

/** Op attributes whose value is a duration. */
export const OP_DURATIONS: ReadonlySet<string> = new Set(["interval", "timeout", "start-delay"]);

/** Order actions (the front end knows them too: src/ast/slips.ts). */
export const ACTIONS: ReadonlySet<string> = ORDER_ACTIONS;

/** Properties Pacemaker and the cluster tools set themselves; a site must not. */
export const MANAGED_PROPERTIES: ReadonlySet<string> = new Set(["dc-version", "cluster-infrastructure", "have-watchdog", "cluster-name"]);

/** A boolean, as values.ts reads one (crm_is_true and its false forms). */
const BOOLEAN = { test: isBoolean };
/** A duration, as values.ts reads one (Pacemaker's units and ISO 8601). */
const DURATION = { test: isDuration };
const INTEGER = /^-?[0-9]+$/;

/** What each typed cluster property accepts (Pacemaker 2.1), as a pattern and how to say it. */
export const PROPERTY_VALUES: ReadonlyMap<string, { readonly pattern: { test(s: string): boolean }; readonly expected: string }> = new Map<string, { readonly pattern: { test(s: string): boolean }; readonly expected: string }>([
  ...[
    "stonith-enabled", "symmetric-cluster", "maintenance-mode", "start-failure-is-fatal", "enable-startup-probes",
    "stop-orphan-resources", "stop-orphan-actions", "stop-all-resources", "remove-after-stop", "startup-fencing",
    "concurrent-fencing", "enable-acl", "shutdown-lock",
  ].map((k) => [k, { pattern: BOOLEAN, expected: "a boolean (`true` or `false`)" }] as const),
  ...[
    "cluster-recheck-interval", "dc-deadtime", "stonith-timeout", "election-timeout", "shutdown-escalation",
    "transition-delay", "cluster-delay", "shutdown-lock-limit", "priority-fencing-delay", "join-integration-timeout",
    "join-finalization-timeout", "stonith-watchdog-timeout",
  ].map((k) => [k, { pattern: DURATION, expected: "a duration such as `15min`" }] as const),
  ...["batch-limit", "migration-limit", "pe-error-series-max", "pe-warn-series-max", "pe-input-series-max", "node-action-limit", "stonith-max-attempts", "cluster-ipc-limit"].map(
    (k) => [k, { pattern: INTEGER, expected: "a whole number" }] as const,
  ),
  ["no-quorum-policy", { pattern: /^(?:stop|freeze|ignore|demote|suicide)$/, expected: "one of stop, freeze, ignore, demote, suicide" }],
  ["placement-strategy", { pattern: /^(?:default|utilization|minimal|balanced)$/, expected: "one of default, utilization, minimal, balanced" }],
  ["node-health-strategy", { pattern: /^(?:none|migrate-on-red|only-green|progressive|custom)$/, expected: "one of none, migrate-on-red, only-green, progressive, custom" }],
  ["stonith-action", { pattern: /^(?:reboot|off|poweroff)$/, expected: "one of reboot, off" }],
  ["fence-reaction", { pattern: /^(?:stop|panic)$/, expected: "one of stop, panic" }],
]);
