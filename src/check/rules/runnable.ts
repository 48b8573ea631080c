import { diag, type Diagnostic, type Related } from "../../diagnostics/diagnostic.js";
import type { ResourceModel, SiteModel } from "../model.js";

/** HA4006: in an opt-in cluster, a resource that no location allows anywhere (nor its parent's, nor a child's). */
export function runnable(site: SiteModel): Diagnostic[] {
  if (site.symmetric) return [];
  const { allowed, failed } = site.placement;
  const related: Related[] = site.symmetricSpan ? [{ span: site.symmetricSpan, message: "the cluster is opt-in here" }] : [];
  const out: Diagnostic[] = [];
  for (const r of site.resources) {
    let ok = false;
    for (let cur: ResourceModel | undefined = r; cur; cur = cur.parent ? site.byId.get(cur.parent) : undefined) {
      if ((allowed.get(cur.id)?.length ?? 0) > 0) ok = true;
    }
    if (ok || failed.has(r.id)) continue;
    const children = r.kind === "group" ? r.members : r.kind === "clone" ? [r.child] : [];
    if (children.some((c) => (allowed.get(c)?.length ?? 0) > 0)) continue;
    out.push(
      diag("HA4006", r.span, `\`${r.id}\` can never run: the cluster is opt-in and no location allows it on any node`, {
        hint: `add \`on NODE prefer SCORE\` to it${r.parent ? ` or to \`${r.parent}\`` : ""}`,
        related,
      }),
    );
  }
  return out;
}
