import type { Primitive, Template } from "../ir/types.js";
import { templateOf } from "../ir/resources.js";
import type { El } from "./xml.js";

/**
 * `<template>`s of a live CIB and the primitives made from them: a template
 * is read as a primitive of its agent is (its sets and ops as written); a
 * `<primitive template=T>` gets T's agent in the IR (the CIB writes only the
 * template's id) and keeps its own sets and ops.
 */

/** The template an element is, or why it cannot be read; `asPrimitive` reads an element as a primitive. */
export function readTemplate(el: El, asPrimitive: (el: El) => Primitive | string): Template | string {
  const p = asPrimitive({ ...el, tag: "primitive" });
  if (typeof p === "string") return p;
  return templateOf(p, false);
}

/** The agent of a `<primitive template=T>`: T's, or why not (an unknown template, or a class written beside it). */
export function templateAgent(attrs: Readonly<Record<string, string>>, templates: ReadonlyMap<string, Template>): Pick<Primitive, "standard" | "provider" | "type" | "template"> | string {
  const id = attrs["template"]!;
  if (attrs["class"] !== undefined || attrs["type"] !== undefined || attrs["provider"] !== undefined) return "a primitive with both a template and its own agent is not supported by hacc";
  const t = templates.get(id);
  if (t === undefined) return `a primitive made from \`${id}\`, which is no template of the configuration`;
  return { standard: t.standard, ...(t.provider !== undefined ? { provider: t.provider } : {}), type: t.type, template: id };
}

/** The live tags a site may declare: all but hacc's ownership tags (any `hacc-NAME`); absent when there is none. */
export function siteTags(tags: readonly { readonly id: string; readonly refs: readonly string[] }[]): { tags?: readonly { id: string; refs: readonly string[] }[] } {
  const mine = tags.filter((t) => !t.id.startsWith("hacc-"));
  return mine.length > 0 ? { tags: mine } : {};
}
