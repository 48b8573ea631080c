import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../diagnostics/span.js";
import { primitiveXml } from "../cib/cib.js";
import type { Primitive, Template } from "../../ir/types.js";
import { shellQuote } from "../../util/shell.js";

/**
 * pcs has no command for a `<template>` nor for a primitive made from one
 * (`pcs resource create` takes an agent): Pacemaker's cibadmin creates each
 * in the CIB copy's `<resources>`, as the CIB target writes it. A group or
 * clone of such a primitive is then made by pcs as for any primitive.
 */
export function templateCreate(p: Primitive | Template, tag: "primitive" | "template"): { comments: string[]; words: string[] } {
  const what = tag === "template" ? `Template ${p.id}` : `Resource ${p.id}, made from template ${(p as Primitive).template ?? ""}`;
  return { comments: [`${what}: cibadmin, as pcs has no command for templates`], words: ["cibadmin", "--create", "-o", "resources", "-X", shellQuote(primitiveXml(p, tag))] };
}

/** A primitive made from a template inside a bundle: pcs makes a bundle's primitive with `resource create ... bundle`, which takes an agent (HA5050). */
export function bundledTemplate(p: Primitive, bundle: string, span: Span): Diagnostic {
  return diag("HA5050", span, `pcs cannot put resource \`${p.id}\`, made from template \`${p.template ?? ""}\`, in bundle \`${bundle}\``, {
    hint: "declare the bundle's primitive with its agent, or use the cib or crmsh target",
  });
}
