import type { AttrSet, Resource } from "../ir/types.js";

/** Meta attributes that `pcs resource disable`/`unmanage`/`maintenance` and `crm resource stop` set. */
export const RUNTIME_META: readonly string[] = ["target-role", "is-managed", "maintenance"];

/** A resource and its members (a group's, a clone's child and its members), depth first. */
function eachMember(r: Resource, f: (r: Resource) => void): void {
  f(r);
  if (r.kind === "group") r.children.forEach((c) => eachMember(c, f));
  if (r.kind === "clone") eachMember(r.child, f);
}

/** Meta attributes an operator set at run time on a live resource that the site does not declare. */
export function runtimeMeta(live: Resource, site: Resource): { name: string; value: string }[] {
  const declared = new Set((site.meta?.pairs ?? []).map((p) => p.name));
  return (live.meta?.pairs ?? []).filter((p) => RUNTIME_META.includes(p.name) && !declared.has(p.name)).map((p) => ({ name: p.name, value: p.value }));
}

/**
 * The site's resource with the run-time meta attributes (target-role,
 * is-managed, maintenance) that the live one and its members carry and the
 * site does not declare, which a rebuild or a whole rewrite must not drop.
 * Members are matched by id, wherever they sit in the new resource.
 */
export function withRuntimeMeta(live: Resource, site: Resource): Resource {
  const liveById = new Map<string, Resource>();
  eachMember(live, (r) => liveById.set(r.id, r));
  const carry = <T extends Resource>(s: T): T => {
    const l = liveById.get(s.id);
    const keep = l ? runtimeMeta(l, s) : [];
    const setId = s.meta?.id ?? `${s.id}-meta_attributes`;
    const meta: AttrSet | undefined = keep.length === 0 ? s.meta : { id: setId, pairs: [...(s.meta?.pairs ?? []), ...keep.map((k) => ({ id: `${setId}-${k.name}`, name: k.name, value: k.value }))] };
    const own = meta ? { meta } : {};
    if (s.kind === "group") return { ...s, ...own, children: s.children.map(carry) };
    if (s.kind === "clone") return { ...s, ...own, child: carry(s.child) };
    return { ...s, ...own };
  };
  return carry(site);
}

/** The run-time meta attributes `withRuntimeMeta` carries over, in words: `m1 is-managed=false`. */
export function carriedRuntime(live: Resource, site: Resource): string[] {
  const liveById = new Map<string, Resource>();
  eachMember(live, (r) => liveById.set(r.id, r));
  const out: string[] = [];
  eachMember(site, (s) => {
    const l = liveById.get(s.id);
    if (l) for (const k of runtimeMeta(l, s)) out.push(`${s.id} ${k.name}=${k.value}`);
  });
  return out;
}

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
 * keeps them, and import leaves them out with a warning.
 */
export function operatorConstraint(id: string, rsc: string | undefined): OperatorConstraint | undefined {
  const r = rsc !== undefined ? ` --resource ${rsc}` : "";
  if (id.startsWith("cli-ban-")) return { made: "`crm_resource --ban` (also run by `pcs resource ban`, `crm resource ban`)", clear: `crm_resource --clear${r}` };
  if (id.startsWith("cli-prefer-")) return { made: "`crm_resource --move` (also run by `pcs resource move`, `crm resource move`)", clear: `crm_resource --clear${r}` };
  if (id.startsWith("cli-standby-")) return { made: "Pacemaker 1.1's `crm_resource --migrate`", clear: `cibadmin --delete --xml-text '<rsc_location id="${id}"/>'` };
  if (id.startsWith("pcs-relocate-")) return { made: "`pcs resource relocate run`", clear: "pcs resource relocate clear" };
  return undefined;
}
