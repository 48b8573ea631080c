import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import type { Origins, Resource } from "../../ir/types.js";

/**
 * crmsh 4.4's order of top-level resources after `crm configure load update`
 * (its xmlutil `_sort_xml_order`: primitive, bundle, group, master, clone; a
 * stable sort, so one kind keeps the file's order). Checked with `crm
 * configure load update` of `clone cl a; bundle bu ...; group g c;` on an empty
 * CIB file: it stores `bu, g, cl`.
 */
const RANK: Readonly<Record<Resource["kind"], number>> = { primitive: 0, bundle: 1, group: 2, clone: 3 };

const KIND: Readonly<Record<Resource["kind"], string>> = { primitive: "primitive", bundle: "bundle", group: "group", clone: "clone" };

/**
 * HA5080: the site's top level is not in crmsh's order, so the CIB crmsh
 * loads holds its resources in another order than the cib and pcs targets
 * write, and Pacemaker, which places resources of equal standing in the
 * order of `<resources>`, may run some elsewhere (docs/targets.md). One
 * warning, at the first resource crmsh moves ahead of one the site declares
 * before it.
 */
export function crmshReorders(resources: readonly Resource[], origins: Origins | undefined, file: Span): Diagnostic[] {
  const sorted = resources.map((r, i) => ({ r, i })).sort((a, b) => RANK[a.r.kind] - RANK[b.r.kind] || a.i - b.i);
  const at = sorted.findIndex((x, i) => x.i !== i);
  if (at < 0) return [];
  const moved = sorted[at]!.r;
  const passed = resources[at]!;
  return [
    diag(
      "HA5080",
      origins?.get(moved.id) ?? file,
      `crmsh's \`load update\` writes ${KIND[moved.kind]} \`${moved.id}\` before ${KIND[passed.kind]} \`${passed.id}\`, which the site declares first: Pacemaker breaks placement ties by that order, so resources may run elsewhere than with the cib or pcs target`,
      { hint: `declare \`${moved.id}\` before \`${passed.id}\` (crmsh's order: primitives, then bundles, groups, clones), or use the cib or pcs target` },
    ),
  ];
}
