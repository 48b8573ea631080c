import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { bundlePromotable, type ResourceModel, type SiteModel } from "../model.js";

/** The roles only a promotable clone takes (Pacemaker 2.1 reads the old names too). */
const PROMOTION_ROLES: ReadonlySet<string> = new Set(["Promoted", "Unpromoted", "Master", "Slave"]);

/** A promotable clone: the `promotable` statement, or a clone whose meta sets `promotable` true; or a bundle with `promoted-max`. */
function isPromotable(r: ResourceModel | undefined): boolean {
  if (r?.kind === "bundle") return bundlePromotable(r);
  if (r?.kind !== "clone") return false;
  if (r.promotable) return true;
  const m = r.meta.filter((x) => x.key === "promotable").pop();
  return m !== undefined && /^(true|on|yes|y|1)$/i.test(m.value);
}

/**
 * HA4060, HA3060: what a role or `require-*` needs of the resource it names.
 * A promoted or unpromoted role of a resource that is not a promotable clone
 * never holds (Pacemaker never promotes it, so a mandatory colocation with
 * it leaves its dependent stopped). Pacemaker reads an order's `require-all`
 * only when `first` is a clone without `clone-min` (get_minimum_first_instances,
 * pcmk_sched_ordering.c); anywhere else it is ignored; where it is read it is
 * deprecated, and crm_verify 2.1.5 exits 78 on it (checked here).
 */
export function roles(site: SiteModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const u of site.roles) {
    if (!PROMOTION_ROLES.has(u.role) || isPromotable(site.byId.get(u.rsc))) continue;
    out.push(
      diag("HA4060", u.span, `\`${u.rsc}\` is not promotable, so it is never ${u.role === "Promoted" || u.role === "Master" ? "promoted" : "unpromoted"}`, {
        hint: `only a promotable clone has the role ${u.role}: name the \`promotable\` clone, or use \`started\``,
      }),
    );
  }
  for (const o of site.orders) {
    if (!o.requireAll) continue;
    const first = site.byId.get(o.first);
    if (first?.kind !== "clone") {
      out.push(
        diag("HA3060", o.requireAll.span, `Pacemaker ignores \`${o.requireAll.value ? "require-all" : "require-any"}\` here: \`${o.first}\` is not a clone`, {
          hint: "require-any lets `then` go once one instance of a cloned `first` has; remove it",
        }),
      );
    } else if (first.meta.some((m) => m.key === "clone-min")) {
      out.push(
        diag("HA3060", o.requireAll.span, `Pacemaker ignores \`${o.requireAll.value ? "require-all" : "require-any"}\` here: \`${o.first}\` sets clone-min, which wins`, {
          hint: "remove it (clone-min says how many instances of the clone `then` waits for)",
        }),
      );
    } else {
      // Pacemaker 2.1.5 honours it, but deprecates it: crm_verify then warns "config may not be valid" and exits 78.
      out.push(
        diag("HA3060", o.requireAll.span, `Pacemaker deprecates \`${o.requireAll.value ? "require-all" : "require-any"}\` on an order: crm_verify warns of it ("config may not be valid") and exits 78`, {
          hint: `the pcs script and \`hacc plan\`'s scripts show crm_verify's warning and go on; give \`${o.first}\` \`meta clone-min = 1\` instead of \`require-any\`, which Pacemaker reads the same`,
        }),
      );
    }
  }
  return out;
}
