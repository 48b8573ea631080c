import type { AclPermission, AclRole, Acls, AclTarget } from "../../ir/types.js";
import { aclPermissionIds } from "../../ir/constraints.js";
import { shellQuote } from "../../util/shell.js";
import { escapeXml as x } from "../../util/xml.js";
import { merge } from "./admin.js";
import type { Dialect } from "./dialects.js";
import type { LocationStep } from "./locations.js";

/** ` name="value"`, escaped; nothing when the value is absent. */
const attr = (name: string, value: string | undefined): string => (value === undefined ? "" : ` ${name}="${x(value)}"`);

function permissionXml(p: AclPermission): string {
  return `<acl_permission id="${x(p.id)}" kind="${p.kind}"${attr("xpath", p.xpath)}${attr("reference", p.reference)}${attr("object-type", p.objectType)}${attr("attribute", p.attribute)}/>`;
}

export function roleXml(r: AclRole): string {
  return `<acl_role id="${x(r.id)}"${attr("description", r.description)}>${r.permissions.map(permissionXml).join("")}</acl_role>`;
}

export function targetXml(tag: "acl_target" | "acl_group", t: AclTarget): string {
  return `<${tag} id="${x(t.id)}">${t.roles.map((r) => `<role id="${x(r)}"/>`).join("")}</${tag}>`;
}

/** The whole `<acls>` content, as the CIB target writes it (roles, users, groups). */
export function aclsXml(a: Acls): string {
  return [...a.roles.map(roleXml), ...a.users.map((u) => targetXml("acl_target", u)), ...a.groups.map((g) => targetXml("acl_group", g))].join("");
}

/**
 * The steps that write the ACLs, after the resources (pcs refuses a permission
 * whose id names nothing yet). pcs 0.10+: `pcs acl role create ROLE
 * [description=...] read xpath X deny id Y ...`, which names each permission
 * `ROLE-KIND` (`-1`, `-2`, ... after the first of a kind), as hacc does; then
 * `pcs acl user create` and `pcs acl group create`. pcs knows no object-type
 * permission and takes no id for one, so a role that has an object-type
 * permission or a `named` id is merged whole with cibadmin (its permissions
 * keep their order). pcs 0.9: cibadmin, as the 0.9 dialect writes
 * alerts (hacc cannot check pcs 0.9.123's `pcs acl` here).
 */
export function aclSteps(a: Acls, d: Dialect): LocationStep[] {
  if (d.admin === "cibadmin") return [merge(["ACLs: cibadmin, as for the alerts of pcs 0.9"], "acls", aclsXml(a))];
  const q = shellQuote;
  const roles = a.roles.map((r, i): LocationStep => {
    const comments = i === 0 ? ["ACLs (pcs names each permission ROLE-KIND, -1, -2, ... as hacc does)"] : [];
    if (r.permissions.some((p) => p.objectType !== undefined)) {
      return merge([...comments, `Role ${r.id}: cibadmin, as pcs gives a permission an xpath or an id only (not an object type)`], "acls", roleXml(r));
    }
    const pcsIds = aclPermissionIds(r.id, r.permissions.map((p) => p.kind));
    if (r.permissions.some((p, i) => p.id !== pcsIds[i])) {
      return merge([...comments, `Role ${r.id}: cibadmin, as pcs chooses a permission's id itself (ROLE-KIND) and the site names one`], "acls", roleXml(r));
    }
    const perms = r.permissions.flatMap((p) => [p.kind, p.xpath !== undefined ? "xpath" : "id", q(p.xpath ?? p.reference!)]);
    return { tool: "pcs", comments, words: ["acl", "role", "create", q(r.id), ...(r.description !== undefined ? [`description=${q(r.description)}`] : []), ...perms] };
  });
  const targets = (sort: "user" | "group", list: readonly AclTarget[]) =>
    list.map((t): LocationStep => ({ tool: "pcs", comments: [], words: ["acl", sort, "create", q(t.id), ...t.roles.map(q)] }));
  return [...roles, ...targets("user", a.users), ...targets("group", a.groups)];
}
