/**
 * Everything that differs between the pcs versions hacc writes for, in one
 * table. The printer (pcs.ts) asks the dialect and never tests a version
 * number itself.
 */

/** The dialects `--pcs-version` accepts. */
export const PCS_VERSIONS = ["0.9", "0.10", "0.11"] as const;
export type PcsVersion = (typeof PCS_VERSIONS)[number];

export function isPcsVersion(v: string): v is PcsVersion {
  return (PCS_VERSIONS as readonly string[]).includes(v);
}

/** How a dialect writes clones (plain or promotable). */
export interface CloneForm {
  /** pcs words before the options, or `undefined` when this clone id cannot be chosen. */
  readonly head: (cloneId: string, childId: string) => readonly string[] | undefined;
  /** Written before the meta options (`meta` in 0.11; 0.9 and 0.10 take them bare). */
  readonly metaKeyword?: string;
  /** What the dialect cannot say, for the diagnostic when `head` gives `undefined`. */
  readonly limit?: string;
}

export interface Dialect {
  /** For the script's header. */
  readonly title: string;
  /** Authenticates pcs to the nodes; pcs asks for the hacluster password itself. */
  readonly auth: (nodes: readonly string[]) => readonly string[];
  /** Creates and starts the cluster. */
  readonly setup: (name: string, nodes: readonly string[]) => readonly (readonly string[])[];
  /** Sets resource defaults in the set `setId`. */
  readonly rscDefaults: (setId: string) => readonly string[];
  /** Sets operation defaults in the set `setId`. */
  readonly opDefaults: (setId: string) => readonly string[];
  /** Options follow `rscDefaults`/`opDefaults` after this word (`meta` for `defaults set create`). */
  readonly defaultsMetaKeyword?: string;
  /**
   * How a guest node is declared: `meta` puts `remote-node` on `resource
   * create` (pcs 0.9); `add-guest` uses `pcs cluster node add-guest` (0.10+,
   * which refuses the meta form).
   */
  readonly guest: "meta" | "add-guest";
  readonly clone: CloneForm;
  readonly promotable: CloneForm;
  /** Role names the dialect's Pacemaker understands (0.9 and 0.10 predate Promoted/Unpromoted). */
  readonly role: (value: string) => string;
  /**
   * Whether `constraint colocation add` writes Pacemaker 2.1's old role names
   * (`Master`, `Slave`) as given; pcs 0.11 renames them to `Promoted` and
   * `Unpromoted` on a CIB that knows the new names (pcs/common/pacemaker/role.py).
   */
  readonly keepsOldRoles: boolean;
  /** Shell commands, run on a guest over ssh, that start pacemaker_remote now and at boot. */
  readonly enableRemote: string;
  /**
   * How resource utilization is set: `pcs resource utilization` (pcs 0.9.148 and later), or
   * Pacemaker's `crm_resource --utilization` on the CIB file (Pacemaker 1.1.2 and later), for
   * a dialect that must also run on an older pcs.
   */
  readonly utilization: "pcs" | "crm_resource";
  /**
   * How fencing levels and alerts are written: `pcs stonith level add` and `pcs alert` (0.10 and later),
   * or Pacemaker's cibadmin on the CIB copy (pcs 0.9.123 has no `pcs alert`, which came in 0.9.152, and its
   * `stonith level add` takes a node only, not a pattern or an attribute).
   */
  readonly admin: "pcs" | "cibadmin";
  /**
   * How a location rule is written: `pcs constraint location ... rule ... constraint-id=`
   * (pcs 0.9.132 and later), or the `<rsc_location>` itself through `cibadmin --create`.
   */
  readonly rule: "pcs" | "cibadmin";
  /**
   * Why `resource create ... meta remote-node=` needs `--force`, when it does (the comment
   * above the command); undefined when the dialect declares guests with add-guest.
   */
  readonly guestForce?: readonly string[];
  /** Whether `pcs resource bundle create` exists (pcs 0.9.160 and later; the 0.9 dialect also runs on 0.9.123). */
  readonly bundle: boolean;
  /** How the live run pushes the CIB copy (see the script's `push` function). */
  readonly push: "diff-against" | "diff-against-or-patch";
}

const OLD_ROLES: Readonly<Record<string, string>> = { Promoted: "Master", Unpromoted: "Slave" };
const oldRole = (v: string): string => OLD_ROLES[v] ?? v;

/** pcs 0.10; 0.11 is the same but for what it lists. */
const PCS_0_10: Dialect = {
  title: "pcs 0.10 (RHEL 8, Debian 11; 0.10.7 or later)",
  auth: (nodes) => ["host", "auth", ...nodes, "-u", "hacluster"],
  setup: (name, nodes) => [["cluster", "setup", name, ...nodes, "--start", "--enable"]],
  rscDefaults: (setId) => ["resource", "defaults", "set", "create", `id=${setId}`],
  opDefaults: (setId) => ["resource", "op", "defaults", "set", "create", `id=${setId}`],
  defaultsMetaKeyword: "meta",
  guest: "add-guest",
  clone: { head: (cloneId, childId) => ["resource", "clone", childId, cloneId] },
  promotable: { head: (cloneId, childId) => ["resource", "promotable", childId, cloneId] },
  role: oldRole,
  keepsOldRoles: true,
  enableRemote: "systemctl enable --now pacemaker_remote",
  utilization: "pcs",
  admin: "pcs",
  rule: "pcs",
  bundle: true,
  push: "diff-against",
};

/** The table. */
export const DIALECTS: Readonly<Record<PcsVersion, Dialect>> = {
  // One script for every 0.9 release from 0.9.123 (EL6) to 0.9.169 (EL7.9): docs/targets.md
  // gives, for each command below, the pcs release and source it was checked against.
  "0.9": {
    title: "pcs 0.9.123 to 0.9.169 (RHEL/CentOS 6 and 7, Pacemaker 1.1)",
    auth: (nodes) => ["cluster", "auth", ...nodes, "-u", "hacluster"],
    setup: (name, nodes) => [
      ["cluster", "setup", "--name", name, ...nodes],
      ["cluster", "start", "--all"],
      ["cluster", "enable", "--all"],
    ],
    rscDefaults: () => ["resource", "defaults"],
    opDefaults: () => ["resource", "op", "defaults"],
    guest: "meta",
    clone: {
      head: (cloneId, childId) => (cloneId === `${childId}-clone` ? ["resource", "clone", childId] : undefined),
      limit: "pcs 0.9 names a clone `CHILD-clone`; it cannot choose another id",
    },
    promotable: { head: (cloneId, childId) => ["resource", "master", cloneId, childId] },
    role: oldRole,
    keepsOldRoles: true,
    enableRemote: "chkconfig pacemaker_remote on && service pacemaker_remote start",
    // `pcs resource utilization` came in 0.9.148; `constraint-id=` on a rule in 0.9.132.
    utilization: "crm_resource",
    admin: "cibadmin",
    rule: "cibadmin",
    bundle: false,
    // pcs 0.9.158 refuses the meta form without --force; 0.9.123 has no add-guest.
    guestForce: [
      "--force: pcs 0.9.158 and later refuse `meta remote-node=` here without it (they offer",
      "`pcs cluster node add-guest`, which earlier releases lack); the result is the same guest node.",
    ],
    // `cib-push diff-against=` came in 0.9.156.
    push: "diff-against-or-patch",
  },
  "0.10": PCS_0_10,
  "0.11": {
    ...PCS_0_10,
    // What 0.11 changed: the clone commands take `meta` before meta attributes, and roles are Promoted/Unpromoted.
    title: "pcs 0.11 (RHEL 9, Debian 12)",
    clone: { ...PCS_0_10.clone, metaKeyword: "meta" },
    promotable: { ...PCS_0_10.promotable, metaKeyword: "meta" },
    role: (v) => v,
    keepsOldRoles: false,
  },
};
