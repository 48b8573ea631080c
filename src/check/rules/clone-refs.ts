import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { templateMembers, type SiteModel } from "../model.js";

/**
 * HA2011: a constraint names what a clone holds instead of the clone: an
 * order or colocation naming it, or a placement (`on`) of it, which would
 * compile into a location crm_verify accepts and the scheduler ignores.
 * HA2090: the same for the primitive inside a bundle, which Pacemaker runs
 * once per replica: constraints name the bundle (pcs refuses the primitive
 * without --force: "you should use the bundle id").
 */
export function cloneRefs(site: SiteModel): Diagnostic[] {
  // Only a site with clones or bundles can get this wrong.
  if (!site.resources.some((r) => r.kind === "clone" || r.kind === "bundle")) return [];
  const outer = (id: string): { id: string; kind: "clone" | "bundle" } | undefined => {
    let r = site.byId.get(id);
    let found: { id: string; kind: "clone" | "bundle" } | undefined;
    while (r?.parent !== undefined) {
      const p = site.byId.get(r.parent);
      if (p?.kind === "clone" || p?.kind === "bundle") found = { id: p.id, kind: p.kind };
      r = p;
    }
    return found;
  };
  const code = (kind: "clone" | "bundle") => (kind === "clone" ? "HA2011" : "HA2090");
  const out: Diagnostic[] = [];
  const reported: { text: string; start: number; end: number; file: string }[] = [];
  // A template stands for the resources made from it (Pacemaker expands it): one inside a clone or bundle is named too.
  const members = site.templates !== undefined && site.templates.length > 0 ? templateMembers(site.resources) : new Map<string, string[]>();
  const inTemplate = (id: string) => (members.get(id) ?? []).map((m) => ({ m, c: outer(m) })).find((x) => x.c !== undefined);
  for (const n of site.references) {
    const t = inTemplate(n.text);
    if (t !== undefined) {
      const k = t.c!.kind;
      out.push(diag(code(k), n.span, `template \`${n.text}\` stands for \`${t.m}\`, which is inside ${k} \`${t.c!.id}\`; constraints name the ${k}`, {
        hint: `name the resources made from \`${n.text}\` outside the ${k} and \`${t.c!.id}\` on their own`,
      }));
      reported.push({ text: n.text, start: n.span.start, end: n.span.end, file: n.span.file });
      continue;
    }
    const c = outer(n.text);
    if (c === undefined) continue;
    out.push(diag(code(c.kind), n.span, `\`${n.text}\` is inside ${c.kind} \`${c.id}\`; constraints name the ${c.kind}`, { hint: `write \`${c.id}\`` }));
    reported.push({ text: n.text, start: n.span.start, end: n.span.end, file: n.span.file });
  }
  // A placement: one report per resource, at its first location.
  const placed = new Set<string>();
  for (const { constraint: k, origin } of site.constraints) {
    if ((k.kind !== "location" && k.kind !== "location-rule") || placed.has(k.rsc)) continue;
    const c = outer(k.rsc);
    if (c === undefined) continue;
    placed.add(k.rsc);
    // A `location` statement names the resource itself, which was reported above: one error per mistake.
    if (reported.some((x) => x.text === k.rsc && x.file === origin.file && x.start >= origin.start && x.end <= origin.end)) continue;
    out.push(
      diag(code(c.kind), origin, `\`${k.rsc}\` is inside ${c.kind} \`${c.id}\`; a placement names the ${c.kind}`, {
        hint:
          c.kind === "clone"
            ? `Pacemaker ignores a location of a clone's child: move the \`on\` list to \`${c.id}\``
            : `Pacemaker places the bundle's replicas, and the primitive inside each with its replica: move the \`on\` list to \`${c.id}\``,
      }),
    );
  }
  return out;
}
