import type { Primitive, Resource, Template } from "./types.js";

/** The primitives a resource is made of: itself, a group's members, what a clone or bundle holds. */
export function primitivesOf(r: Resource): Primitive[] {
  switch (r.kind) {
    case "primitive":
      return [r];
    case "group":
      return [...r.children];
    case "clone":
      return primitivesOf(r.child);
    case "bundle":
      return r.child !== undefined ? [r.child] : [];
  }
}

/** What a resource holds directly: a group's members, a clone's child, a bundle's primitive. */
export function childResources(r: Resource): Resource[] {
  switch (r.kind) {
    case "primitive":
      return [];
    case "group":
      return [...r.children];
    case "clone":
      return [r.child];
    case "bundle":
      return r.child !== undefined ? [r.child] : [];
  }
}

/** A template with a primitive's agent, sets, ops and description (what a template and a primitive share; no `template` reference). */
export function templateOf(p: Primitive, siteProvided: boolean): Template {
  const { id, standard, provider, type, instance, meta, utilization, instanceSets, metaSets, ops, description } = p;
  return {
    id,
    standard,
    ...(provider !== undefined ? { provider } : {}),
    type,
    ...(instance ? { instance } : {}),
    ...(meta ? { meta } : {}),
    ...(utilization ? { utilization } : {}),
    ...(instanceSets ? { instanceSets } : {}),
    ...(metaSets ? { metaSets } : {}),
    ops,
    ...(description !== undefined ? { description } : {}),
    siteProvided,
  };
}
