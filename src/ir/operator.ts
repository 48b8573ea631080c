/** An operator's temporary location: the tool that made it, and how it goes away. */
export interface OperatorConstraint {
  /** The command that writes it, quoted: `` `crm_resource --ban` ``. */
  readonly made: string;
  /** The command that removes it. */
  readonly clear: string;
}

/**
 * Whether a live constraint id is one an operator's command writes for a
 * while, not configuration: `crm_resource --ban` (`cli-ban-RSC-on-NODE`) and
 * `--move` (`cli-prefer-RSC`), which `pcs resource ban/move` and `crm
 * resource ban/move` call (Pacemaker 2.1.5 tools/crm_resource_ban.c);
 * Pacemaker 1.1's `crm_resource --migrate` away from a node
 * (`cli-standby-RSC`, which 2.1's `--clear` does not match); and `pcs
 * resource relocate run` (`pcs-relocate-RSC`, pcs's resource.py). A plan
 * keeps them, import leaves them out with a warning, and the checker warns
 * of a site that declares one (HA4150).
 */
export function operatorConstraint(id: string, rsc: string | undefined): OperatorConstraint | undefined {
  const r = rsc !== undefined ? ` --resource ${rsc}` : "";
  if (id.startsWith("cli-ban-")) return { made: "`crm_resource --ban` (also run by `pcs resource ban`, `crm resource ban`)", clear: `crm_resource --clear${r}` };
  if (id.startsWith("cli-prefer-")) return { made: "`crm_resource --move` (also run by `pcs resource move`, `crm resource move`)", clear: `crm_resource --clear${r}` };
  if (id.startsWith("cli-standby-")) return { made: "Pacemaker 1.1's `crm_resource --migrate`", clear: `cibadmin --delete --xml-text '<rsc_location id="${id}"/>'` };
  if (id.startsWith("pcs-relocate-")) return { made: "`pcs resource relocate run`", clear: "pcs resource relocate clear" };
  return undefined;
}
