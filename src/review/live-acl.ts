import type { AclPermission, AclRole, Acls, AclTarget } from "../ir/types.js";
import { step } from "./live.js";
import type { El } from "./xml.js";

type Bad = (path: string, reason: string, id: string | undefined, refs?: readonly string[]) => void;

const KINDS = ["read", "write", "deny"];

/** An `<acl_permission>` as the IR holds it, or why hacc cannot say it. */
function permission(el: El): AclPermission | string {
  const a = el.attrs;
  if (el.tag !== "acl_permission") return `<${el.tag}> in an <acl_role> is not known to hacc (an ACL of Pacemaker 1.1's older schema?)`;
  for (const k of Object.keys(a)) if (!["id", "kind", "xpath", "reference", "object-type", "attribute"].includes(k)) return `attribute ${k} on <acl_permission> is not supported by hacc`;
  if (a["id"] === undefined || !KINDS.includes(a["kind"] ?? "")) return "an ACL permission without an id or a kind of read, write or deny";
  const forms = [a["xpath"], a["reference"], a["object-type"]].filter((x) => x !== undefined).length;
  if (forms !== 1 || (a["attribute"] !== undefined && a["object-type"] === undefined)) return "an ACL permission needs exactly one of xpath, reference, object-type (attribute with object-type only)";
  const kind = a["kind"] as AclPermission["kind"];
  if (a["xpath"] !== undefined) return { id: a["id"], kind, xpath: a["xpath"] };
  if (a["reference"] !== undefined) return { id: a["id"], kind, reference: a["reference"] };
  return { id: a["id"], kind, objectType: a["object-type"]!, ...(a["attribute"] !== undefined ? { attribute: a["attribute"] } : {}) };
}

function role(el: El): AclRole | string {
  const a = el.attrs;
  for (const k of Object.keys(a)) if (!["id", "description"].includes(k)) return `attribute ${k} on <acl_role> is not supported by hacc`;
  const permissions: AclPermission[] = [];
  for (const c of el.children) {
    const p = permission(c);
    if (typeof p === "string") return p;
    permissions.push(p);
  }
  return { id: a["id"]!, ...(a["description"] !== undefined ? { description: a["description"] } : {}), permissions };
}

function target(el: El): AclTarget | string {
  // Pacemaker 3's `name` (a user whose name is not the entry's id) has no form in the language.
  for (const k of Object.keys(el.attrs)) if (k !== "id") return `attribute ${k} on <${el.tag}> is not supported by hacc`;
  const roles: string[] = [];
  for (const c of el.children) {
    if (c.tag !== "role" || c.attrs["id"] === undefined || c.children.length > 0) return `<${c.tag}> in an <${el.tag}> is not supported by hacc`;
    roles.push(c.attrs["id"]);
  }
  return { id: el.attrs["id"]!, roles };
}

/**
 * `<acls>` (schema acls-2.0): roles, users (`<acl_target>`) and groups, each
 * in CIB order; an entry hacc cannot say (Pacemaker 1.1's `<acl_user>`, a
 * permission's description) is reported and left out. Undefined when empty.
 */
export function readAcls(section: El | undefined, base: string, bad: Bad): Acls | undefined {
  const out = { roles: [] as AclRole[], users: [] as AclTarget[], groups: [] as AclTarget[] };
  for (const el of section?.children ?? []) {
    const id = el.attrs["id"];
    const path = `${base}/acls/${step(el.tag, id)}`;
    const x =
      id === undefined ? `an <${el.tag}> without an id`
      : el.tag === "acl_role" ? role(el)
      : el.tag === "acl_target" || el.tag === "acl_group" ? target(el)
      : `<${el.tag}> in <acls> is not known to hacc`;
    if (typeof x === "string") {
      const refs = el.children.flatMap((c) => c.attrs["reference"] ?? []);
      bad(path, x, id, refs);
    } else if (el.tag === "acl_role") out.roles.push(x as AclRole);
    else if (el.tag === "acl_target") out.users.push(x as AclTarget);
    else out.groups.push(x as AclTarget);
  }
  return out.roles.length + out.users.length + out.groups.length > 0 ? out : undefined;
}
