/** Names Pacemaker 2.1 knows, for typo warnings. */

/** Cluster options (crm_config), Pacemaker 2.1 (`pacemaker-schedulerd metadata` and friends). */
export const CLUSTER_PROPERTIES: ReadonlySet<string> = new Set([
  "batch-limit", "cluster-delay", "cluster-infrastructure", "cluster-ipc-limit", "cluster-name",
  "cluster-recheck-interval", "concurrent-fencing", "dc-deadtime", "dc-version", "election-timeout",
  "enable-acl", "enable-startup-probes", "fence-reaction", "fencing-enabled", "have-watchdog",
  "join-finalization-timeout", "join-integration-timeout", "load-threshold", "maintenance-mode",
  "migration-limit", "no-quorum-policy", "node-action-limit", "node-health-base", "node-health-green",
  "node-health-red", "node-health-strategy", "node-health-yellow", "node-pending-timeout",
  "pe-error-series-max", "pe-input-series-max", "pe-warn-series-max", "placement-strategy",
  "priority-fencing-delay", "remove-after-stop", "shutdown-escalation", "shutdown-lock",
  "shutdown-lock-limit", "start-failure-is-fatal", "startup-fencing", "stonith-action",
  "stonith-enabled", "stonith-max-attempts", "stonith-timeout", "stonith-watchdog-timeout",
  "stop-all-resources", "stop-orphan-actions", "stop-orphan-resources", "symmetric-cluster",
  "transition-delay",
]);

/** Attributes an `<op>` element carries; anything else is an error. */
export const OP_ATTRIBUTES: ReadonlySet<string> = new Set([
  "interval", "timeout", "start-delay", "interval-origin", "on-fail", "role", "enabled",
  "record-pending", "requires", "description",
]);

/** Op attributes whose value is a duration. */
export const OP_DURATIONS: ReadonlySet<string> = new Set(["interval", "timeout", "start-delay"]);

/** Order actions. */
export const ACTIONS: ReadonlySet<string> = new Set(["start", "stop", "promote", "demote"]);
