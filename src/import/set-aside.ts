import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import { SourceLines } from "../diagnostics/span.js";
import { step } from "../review/live.js";
import { operatorConstraint, type OperatorConstraint } from "../ir/constraints.js";
import type { El } from "../review/xml.js";
import { BASE } from "./raw.js";

/** An operator's temporary location (`crm_resource --ban`, ...) that import leaves out: it stays in the cluster, and a plan keeps it. */
export interface SetAside extends OperatorConstraint {
  readonly id: string;
  /** Its XPath in the CIB. */
  readonly path: string;
}

/** The operators' temporary locations among a CIB's constraints, in CIB order (src/review/runtime.ts names the families). */
export function setAsideOf(constraints: readonly El[]): SetAside[] {
  const out: SetAside[] = [];
  for (const c of constraints) {
    const id = c.attrs["id"];
    const op = c.tag === "rsc_location" && id !== undefined ? operatorConstraint(id, c.attrs["rsc"]) : undefined;
    if (op !== undefined) out.push({ id: id!, path: `${BASE}/constraints/${step(c.tag, id)}`, ...op });
  }
  return out;
}

/**
 * HA1008: an operator's temporary location (`crm_resource --ban`, `--move`,
 * `pcs resource relocate run`) that `hacc import` leaves out of the site, at
 * its `<rsc_location` in the CIB. It is run-time state, not configuration: a
 * site that declared it would make it permanent, and a plan would write it
 * again after the operator cleared it. A plan keeps it as it is.
 */
export function setAsideDiagnostic(file: string, text: string, x: SetAside): Diagnostic {
  const lines = new SourceLines(file, text);
  const id = x.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`<rsc_location\\b[^>]*?\\bid\\s*=\\s*(["'])${id}\\1`).exec(text);
  const start = m?.index ?? 0;
  const end = m ? start + m[0].length : Math.min(1, text.length);
  return diag("HA1008", lines.span(start, end), `\`${x.id}\` (${x.path}) is an operator's temporary location, made by ${x.made}: not imported`, {
    hint: `it stays in the cluster, and \`hacc plan\` keeps it as it is; \`${x.clear}\` removes it when it is no longer wanted`,
  });
}
