import { aclPermissionIds } from "../ir/constraints.js";
import type { AclRole, Acls, AclTarget, Cib } from "../ir/types.js";
import { compareValues, type ValueChange } from "./compare.js";

/**
 * ACL entries, compared by id within their kind: a role by its description
 * and its permissions (in order: the first that matches wins), a user or a
 * group by its roles. A plan never removes one the site does not declare
 * (plan.ts): hacc cannot tell an entry it made from one an administrator did.
 */
export type AclChange =
  | { readonly kind: "acl-role"; readonly op: "add" | "remove" | "change" | "keep"; readonly fields: readonly ValueChange[]; readonly old?: AclRole; readonly new?: AclRole; readonly kept?: string }
  | { readonly kind: "acl-user"; readonly op: "add" | "remove" | "change" | "keep"; readonly fields: readonly ValueChange[]; readonly old?: AclTarget; readonly new?: AclTarget; readonly kept?: string }
  | { readonly kind: "acl-group"; readonly op: "add" | "remove" | "change" | "keep"; readonly fields: readonly ValueChange[]; readonly old?: AclTarget; readonly new?: AclTarget; readonly kept?: string };

/**
 * A role's permissions as the language writes them: `read xpath "/cib"`, `deny id x`, `write type primitive
 * attribute target-role`, and `named ID` after one whose id is not the one pcs gives (so a changed id shows).
 */
export function permissionsText(r: AclRole): string {
  const ids = aclPermissionIds(r.id, r.permissions.map((p) => p.kind));
  return r.permissions
    .map((p, i) => {
      const what = p.xpath !== undefined ? `xpath ${JSON.stringify(p.xpath)}` : p.reference !== undefined ? `id ${p.reference}` : `type ${p.objectType}${p.attribute !== undefined ? ` attribute ${p.attribute}` : ""}`;
      return `${p.kind} ${what}${p.id === ids[i] ? "" : ` named ${p.id}`}`;
    })
    .join("; ");
}

function roleFields(r: AclRole): [string, string][] {
  return [...(r.description !== undefined ? [["description", r.description] as [string, string]] : []), ["permissions", permissionsText(r)]];
}

type Compared<T> = { readonly op: AclChange["op"]; readonly fields: readonly ValueChange[]; readonly old?: T; readonly new?: T; readonly kept?: string };

/** The entries of one kind compared by id: added, changed, and removed (or kept, when `kept` says why). */
function compareList<T extends { readonly id: string }>(old: readonly T[], next: readonly T[], fields: (x: T) => [string, string][], kept: string | undefined): Compared<T>[] {
  const out: Compared<T>[] = [];
  const before = new Map(old.map((x) => [x.id, x]));
  const after = new Set(next.map((x) => x.id));
  for (const n of next) {
    const o = before.get(n.id);
    if (!o) out.push({ op: "add", fields: [], new: n });
    else {
      const f = compareValues(fields(o), fields(n));
      if (f.length > 0) out.push({ op: "change", fields: f, old: o, new: n });
    }
  }
  for (const o of old) if (!after.has(o.id)) out.push({ op: kept !== undefined ? "keep" : "remove", fields: [], old: o, ...(kept !== undefined ? { kept } : {}) });
  return out;
}

const NONE: Acls = { roles: [], users: [], groups: [] };

/** The changes of ACL roles, users and groups from `old` to `next`; `keep` says why one only on the old side stays. */
export function compareAcls(old: Cib, next: Cib, keep: (kind: AclChange["kind"]) => string | undefined): AclChange[] {
  const o = old.acls ?? NONE;
  const n = next.acls ?? NONE;
  const roles = (t: AclTarget): [string, string][] => [["roles", t.roles.join(", ")]];
  return [
    ...compareList(o.roles, n.roles, roleFields, keep("acl-role")).map((c): AclChange => ({ kind: "acl-role", ...c })),
    ...compareList(o.users, n.users, roles, keep("acl-user")).map((c): AclChange => ({ kind: "acl-user", ...c })),
    ...compareList(o.groups, n.groups, roles, keep("acl-group")).map((c): AclChange => ({ kind: "acl-group", ...c })),
  ];
}

/** One line of a reviewer's text for a change of an ACL entry. */
export function aclLine(c: AclChange): string {
  const mark = c.op === "add" ? "+" : c.op === "remove" ? "-" : c.op === "keep" ? "=" : "~";
  const kept = c.op === "keep" ? `  (kept, ${c.kept ?? "not declared by the site"})` : "";
  const fields = c.op === "change" ? `: ${c.fields.map((v) => (v.from === undefined ? `+${v.name} ${v.to}` : v.to === undefined ? `-${v.name}` : `${v.name} ${v.from} -> ${v.to}`)).join(", ")}` : "";
  if (c.kind === "acl-role") {
    const r = (c.new ?? c.old)!;
    return `${mark} acl role ${r.id}${c.op === "add" ? ` { ${permissionsText(r)} }` : ""}${fields}${kept}`;
  }
  const t = (c.new ?? c.old)!;
  return `${mark} acl ${c.kind === "acl-user" ? "user" : "group"} ${t.id}${c.op === "add" && t.roles.length > 0 ? ` roles ${t.roles.join(", ")}` : ""}${fields}${kept}`;
}
