import type { AttrSet, Resource } from "../ir/types.js";
import { RUNTIME_META } from "./compare.js";

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
  const index = (r: Resource): void => {
    liveById.set(r.id, r);
    if (r.kind === "group") r.children.forEach(index);
    if (r.kind === "clone") index(r.child);
  };
  index(live);
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
