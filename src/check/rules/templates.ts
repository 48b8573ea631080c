import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { nameSource } from "../../syntax/names.js";
import type { SiteModel } from "../model.js";
import { unusedTemplates } from "../templates.js";

/**
 * HA4110: a template no resource is made from. Pacemaker keeps it and runs
 * nothing of it; a resource meant to be made from it may name another, or
 * have been left out.
 */
export function templates(site: SiteModel): Diagnostic[] {
  if (!site.templates) return [];
  return unusedTemplates(site.templates, site.resources).map((t) =>
    diag("HA4110", t.span, `no resource is made from template \`${t.id}\``, { hint: `make one with \`resource ID from ${nameSource(t.id)};\`, or remove the template` }),
  );
}
