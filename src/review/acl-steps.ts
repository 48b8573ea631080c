import type { AclRole, AclTarget } from "../ir/types.js";
import { roleXml, targetXml } from "../emit/pcs/acl.js";
import { shellQuote } from "../util/shell.js";
import type { Plan } from "./plan.js";

/**
 * The cibadmin calls that write a plan's ACL changes, for every plan target
 * (pcs's `acl role create` cannot change a role in place, crmsh's `role`
 * would need the whole role): the new entries merged in one call (roles
 * first, so a new user's roles exist), then each changed entry replaced
 * whole by its id (`cibadmin --replace -o acls`), which keeps the users that
 * name a changed role valid meanwhile. A plan removes no ACL entry (plan.ts).
 */
export function aclPlanCommands(plan: Plan): { words: string[]; what: string }[] {
  const added: string[] = [];
  const changed: { xml: string; what: string }[] = [];
  const xml = (c: NonNullable<Plan["changes"]["admin"]>[number]): string | undefined => {
    if (c.kind === "acl-role") return roleXml(c.new as AclRole);
    if (c.kind === "acl-user") return targetXml("acl_target", c.new as AclTarget);
    if (c.kind === "acl-group") return targetXml("acl_group", c.new as AclTarget);
    return undefined;
  };
  const order = ["acl-role", "acl-user", "acl-group"];
  const acl = (plan.changes.admin ?? []).filter((c) => order.includes(c.kind)).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const c of acl) {
    if (c.op !== "add" && c.op !== "change") continue;
    const x = xml(c);
    if (x === undefined) continue;
    if (c.op === "add") added.push(x);
    else if (c.op === "change") changed.push({ xml: x, what: `${c.kind.replace("-", " ")} ${c.new!.id}, written anew whole` });
  }
  return [
    ...(added.length > 0 ? [{ words: ["cibadmin", "--modify", "--allow-create", "-o", "configuration", "-X", shellQuote(`<configuration><acls>${added.join("")}</acls></configuration>`)], what: "new ACL entries" }] : []),
    ...changed.map((c) => ({ words: ["cibadmin", "--replace", "-o", "acls", "-X", shellQuote(c.xml)], what: c.what })),
  ];
}
