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
