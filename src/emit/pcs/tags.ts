import type { Cib, Constraint, Tag } from "../../ir/types.js";
import { constraintRefs } from "../../ir/constraints.js";
import { shellQuote } from "../../util/shell.js";
import { escapeXml as x } from "../../util/xml.js";
import { constraintXml, tagsText } from "../cib/cib.js";
import type { OwnerTag } from "../owner.js";
import { merge } from "./admin.js";
import type { Dialect } from "./dialects.js";
import type { LocationStep } from "./locations.js";

/**
 * A site's tag: `pcs tag create TAG MEMBER...` (pcs 0.10 and later). pcs 0.9
 * has no `pcs tag`: cibadmin merges the `<tag>` into `<tags>`.
 */
export function tagStep(t: Tag, version: string): LocationStep {
  if (version !== "0.9") return { tool: "pcs", comments: [], words: ["tag", "create", shellQuote(t.id), ...t.refs.map(shellQuote)] };
  const xml = `<tag id="${x(t.id)}">${t.refs.map((r) => `<obj_ref id="${x(r)}"/>`).join("")}</tag>`;
  return merge([`Tag ${t.id}: cibadmin, as pcs 0.9 has no pcs tag`], "tags", xml);
}

/** The names in `cib` that stand for several resources: its templates and tags. */
export function standInNames(cib: Cib): ReadonlySet<string> {
  return new Set([...(cib.templates ?? []).map((t) => t.id), ...(cib.tags ?? []).map((t) => t.id)]);
}

/**
 * A constraint (not of resource sets: those go through cibadmin anyway)
 * naming a tag or a template: pcs's constraint commands take resources only
 * ("Resource 'T' does not exist"), so cibadmin creates the constraint as the
 * CIB target writes it, with this pcs's role names. Undefined for others.
 */
export function standInConstraint(c: Constraint, names: ReadonlySet<string>, d: Dialect): LocationStep | undefined {
  if (c.kind === "order-set" || c.kind === "colocation-set" || c.kind === "ticket-set") return undefined;
  const named = constraintRefs(c).filter((r) => names.has(r));
  if (named.length === 0) return undefined;
  const role = (r: string | undefined) => (r === undefined ? undefined : d.role(r));
  const roled: Constraint =
    c.kind === "colocation"
      ? { ...c, ...(c.rscRole !== undefined ? { rscRole: role(c.rscRole)! } : {}), ...(c.withRscRole !== undefined ? { withRscRole: role(c.withRscRole)! } : {}) }
      : c.kind === "ticket"
        ? { ...c, ...(c.rscRole !== undefined ? { rscRole: role(c.rscRole)! } : {}) }
        : c.kind === "order"
          ? c
          : { ...c, ...(c.role !== undefined ? { role: role(c.role)! } : {}) };
  return {
    tool: "cib",
    comments: [`cibadmin, as pcs's constraint commands take no tag or template (${named.map((n) => `\`${n}\``).join(", ")})`],
    words: ["cibadmin", "--create", "-o", "constraints", "-X", shellQuote(constraintXml(roled))],
  };
}

/**
 * The lines of `configure` that write the site's ownership tag. pcs cannot
 * tag a constraint (`pcs tag create` takes resources only), so Pacemaker's
 * cibadmin merges it into the copy.
 */
export function pcsOwnerTagLines(tag: OwnerTag): string[] {
  return [
    `  # The ownership tag ${tag.id}: every resource and constraint of the site (hacc plan reads it; pcs tag shows it).`,
    "  # pcs cannot tag a constraint, so Pacemaker's cibadmin writes it into the copy.",
    `  CIB_file="$cib" cibadmin --modify --xml-pipe <<'HACC_TAG' || die ${shellQuote(`cannot write the ownership tag ${tag.id}`)}`,
    "<configuration>",
    ...tagsText(tag, 1).replace(/\n$/, "").split("\n"),
    "</configuration>",
    "HACC_TAG",
  ];
}
