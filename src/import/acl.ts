import type { Acls } from "../ir/types.js";
import { aclPermissionIds } from "../check/names.js";
import { step } from "../review/live.js";
import { BASE, type Refuser } from "./raw.js";
import { fitsString } from "./write.js";
import { isNameWord, nameText, nm } from "../syntax/names.js";

/** A string as the grammar reads it back: `"` and `\` escaped. */
const str = (s: string): string => `"${s.replace(/[\\"]/g, (ch) => "\\" + ch)}"`;
/** A word of a role's line (an id, an object type, an attribute): bare when it is a name, quoted when a keyword (`type "group"`) or no word. */
const word = (s: string): string => (isNameWord(s) ? s : str(s));

/**
 * `acl role NAME { ... }`, `acl user NAME roles ...;`, `acl group NAME roles ...;`.
 * A permission whose id is not the one hacc gives it (`ROLE-KIND`, `-1`,
 * `-2`, ..., as pcs names them) keeps it with `named ID` (crmsh names them
 * `ROLE-0`, `ROLE-1`, ...).
 */
export function importAcls(a: Acls, imp: Refuser): string[] {
  const out: string[] = [];
  for (const r of a.roles) {
    const path = `${BASE}/acls/${step("acl_role", r.id)}`;
    if (!imp.name(r.id, path, "ACL role")) continue;
    const ids = aclPermissionIds(r.id, r.permissions.map((p) => p.kind));
    const unnamable = r.permissions.find((p, i) => p.id !== ids[i] && nameText(p.id) === undefined);
    if (unnamable) {
      imp.refuse(`${path}/${step("acl_permission", unnamable.id)}`, `the permission id \`${unnamable.id}\` holds characters a name cannot`);
      continue;
    }
    const lines: string[] = [];
    let ok = true;
    if (r.description !== undefined) {
      if (fitsString(r.description)) lines.push(`description ${str(r.description)};`);
      else ok = false;
    }
    for (const [i, p] of r.permissions.entries()) {
      const texts = [p.xpath, p.reference, p.objectType, p.attribute].filter((x): x is string => x !== undefined);
      if (!texts.every(fitsString)) ok = false;
      const what = p.xpath !== undefined ? `xpath ${str(p.xpath)}` : p.reference !== undefined ? `id ${word(p.reference)}` : `type ${word(p.objectType!)}${p.attribute !== undefined ? ` attribute ${word(p.attribute)}` : ""}`;
      // Another id than pcs gives (crmsh's `ROLE-0`, `ROLE-1`, ..., a hand-made one) is named.
      lines.push(`${p.kind} ${what}${p.id === ids[i] ? "" : ` named ${nm(p.id)}`};`);
    }
    if (!ok) {
      imp.refuse(path, "a description, xpath or name of the role holds a control character, which a string cannot");
      continue;
    }
    out.push(lines.length > 0 ? `acl role ${nm(r.id)} {\n${lines.map((l) => `  ${l}`).join("\n")}\n}` : `acl role ${nm(r.id)} { }`);
  }
  for (const [sort, tag, list] of [["user", "acl_target", a.users], ["group", "acl_group", a.groups]] as const) {
    for (const t of list) {
      const path = `${BASE}/acls/${step(tag, t.id)}`;
      // A name that is a keyword or no word (`AD\john`, `john smith`) is written as a string.
      if (!fitsString(t.id)) {
        imp.refuse(path, `the ACL ${sort} \`${t.id}\` holds a control character, which a string cannot`);
        continue;
      }
      if (!t.roles.every((r) => imp.name(r, path, "role"))) continue;
      out.push(`acl ${sort} ${word(t.id)}${t.roles.length > 0 ? ` roles ${t.roles.map(nm).join(", ")}` : ""};`);
    }
  }
  return out;
}
