import type * as A from "../ast/types.js";
import { nameSource } from "../syntax/names.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import type { AclPermission, AclRole, AclTarget } from "../ir/types.js";
import type { Elaboration } from "./elaborate.js";
import * as N from "./names.js";
import { badId, duplicate, type Report } from "./problems.js";
import type { Scope } from "./scope.js";
import * as V from "./values.js";

/**
 * `acl role NAME { ... }`, `acl user NAME roles ...;`, `acl group NAME roles ...;`: Pacemaker's
 * access control lists (`<acls>`, schema acls-2.0). A role's lines are permissions (`read`, `write`,
 * `deny`, each with exactly one of `xpath X`, `id X`, `type T [attribute A]`) and a `description`.
 */

const SORTS = ["role", "user", "group"] as const;
const KINDS = ["read", "write", "deny"] as const;
const ROLE_LINES = [...KINDS, "description"];
const SPECS = ["xpath", "id", "type", "attribute"];

/** The ACL sort a statement's word names, or undefined (reported once, by the elaboration). */
function sortOf(s: A.AclDecl): (typeof SORTS)[number] | undefined {
  return (SORTS as readonly string[]).includes(s.sort.text) ? (s.sort.text as (typeof SORTS)[number]) : undefined;
}

/** A role's permission lines: those whose first word is `read`, `write` or `deny`. */
function permissionLines(s: A.AclDecl): readonly A.AclLine[] {
  return (s.lines ?? []).filter((l) => (KINDS as readonly string[]).includes(l.head.text));
}

/** A role's permission ids, in order: the one `named ID` gives, else the one pcs gives (`ROLE-KIND`, `-1`, `-2`, ...). */
function permissionIds(s: A.AclDecl, lines: readonly A.AclLine[]): string[] {
  const derived = N.aclPermissionIds(s.name.text, lines.map((l) => l.head.text));
  return lines.map((l, i) => l.named?.text ?? derived[i]!);
}

/** The declare pass: a role's and a group's id, and a role's permission ids, in the CIB's one namespace. */
export function declareAcl(scope: Scope, report: Report, s: A.AclDecl): void {
  const sort = sortOf(s);
  if (sort === undefined || sort === "user") return;
  if (!V.isXmlId(s.name.text)) {
    report(badId(s.name, `ACL ${sort} name`));
    return;
  }
  if (!scope.claimId(s.name.text, { kind: "acl", span: s.name.span, from: sort })) return;
  if (sort !== "role") return;
  const lines = permissionLines(s);
  permissionIds(s, lines).forEach((id, i) => {
    const named = lines[i]!.named;
    if (named && !V.isXmlId(named.text)) report(badId(named, "ACL permission id"));
    else scope.claimId(id, { kind: "acl", span: named?.span ?? lines[i]!.head.span, from: "permission", on: s.name.text });
  });
}

/** What the elaboration keeps of the ACLs, in declaration order; users by name for HA2004. */
export class AclsSeen {
  readonly roles: AclRole[] = [];
  readonly users: AclTarget[] = [];
  readonly groups: AclTarget[] = [];
  readonly references: { id: string; span: Span }[] = [];
  readonly userSpans = new Map<string, Span>();
  /** Where each role, user and group is declared (its first statement): the emitters' diagnostics point there. */
  readonly origins = new Map<string, Span>();
  span: Span | undefined;
}

/** Checks one `acl` statement and adds what it declares. */
export function elaborateAcl(e: Elaboration, s: A.AclDecl): void {
  const seen = e.acls;
  seen.span ??= s.span;
  if (!seen.origins.has(s.name.text)) seen.origins.set(s.name.text, s.span);
  const sort = sortOf(s);
  if (sort === undefined) {
    // crmsh's and Pacemaker's words for a user and a group first.
    const near = s.sort.text === "target" || s.sort.text === "acl_target" ? "user" : s.sort.text === "acl_group" ? "group" : V.closest(s.sort.text, SORTS);
    e.report(
      diag("HA3120", s.sort.span, `\`${s.sort.text}\` is not a kind of ACL entry`, {
        hint: near ? `did you mean \`${near}\`?` : "`acl role NAME { ... }`, `acl user NAME roles ROLE, ...;` or `acl group NAME roles ROLE, ...;`",
      }),
    );
    return;
  }
  if (sort === "role") return role(e, s);
  if (s.lines !== undefined) {
    e.report(
      diag("HA3120", s.name.span, `an ACL ${sort} is given roles, not permissions`, {
        hint: `write the permissions in a role and give it to the ${sort}: \`acl ${sort} ${nameSource(s.name.text)} roles ROLE;\``,
      }),
    );
    return;
  }
  if (s.rolesKw && s.rolesKw.text !== "roles") {
    e.report(diag("HA3120", s.rolesKw.span, `expected \`roles\` after the ${sort}'s name, not \`${s.rolesKw.text}\``, { hint: `\`acl ${sort} ${nameSource(s.name.text)} roles ROLE, ...;\`` }));
    return;
  }
  if (sort === "user") {
    // Any text names a user (`"AD\\john"`, `"john smith"`: Pacemaker's acl_target takes it), but not none.
    if (s.name.text.trim() === "") {
      e.report(diag("HA3005", s.name.span, "an ACL user's name is empty", { hint: "write the user's login name: `acl user \"AD\\\\john\" roles ROLE;`" }));
      return;
    }
    const prev = seen.userSpans.get(s.name.text);
    if (prev) {
      e.report(duplicate(s.name, "ACL user", prev));
      return;
    }
    seen.userSpans.set(s.name.text, s.name.span);
  } else if (e.scope.ids.get(s.name.text)?.span !== s.name.span) return; // not a valid id, or its id is taken: reported when declared
  const roles = roleRefs(e, s);
  if (roles === undefined) return;
  (sort === "user" ? seen.users : seen.groups).push({ id: s.name.text, roles });
}

/** The roles a user or group names, each an ACL role of the site, once (HA2120, HA2121); undefined after an error. */
function roleRefs(e: Elaboration, s: A.AclDecl): string[] | undefined {
  const out: string[] = [];
  const at = new Map<string, Span>();
  let ok = true;
  for (const r of s.roles) {
    const entry = e.scope.ids.get(r.text);
    if (entry === undefined || entry.kind !== "acl" || entry.from !== "role") {
      ok = false;
      const roles = [...e.scope.ids].filter(([, x]) => x.kind === "acl" && x.from === "role").map(([k]) => k);
      const near = V.closest(r.text, roles);
      e.report(
        diag("HA2120", r.span, `unknown ACL role \`${r.text}\``, {
          hint: near ? `did you mean \`${near}\`?` : roles.length > 0 ? `declared: ${roles.sort().join(", ")}` : "declare it: `acl role NAME { read xpath \"/cib\"; }`",
        }),
      );
      continue;
    }
    const prev = at.get(r.text);
    if (prev) {
      ok = false;
      e.report(diag("HA2121", r.span, `role \`${r.text}\` is listed twice`, { related: [{ span: prev, message: "first listed here" }] }));
      continue;
    }
    at.set(r.text, r.span);
    out.push(r.text);
  }
  return ok ? out : undefined;
}

function role(e: Elaboration, s: A.AclDecl): void {
  if (s.lines === undefined) {
    if (s.roles.length > 0 || s.rolesKw) {
      e.report(
        diag("HA3120", s.rolesKw?.span ?? s.name.span, "an ACL role holds permissions, not roles", {
          hint: `\`acl role ${s.name.text} { read xpath "/cib"; }\`; roles are given to an \`acl user\` or \`acl group\``,
        }),
      );
      return;
    }
  }
  let ok = e.scope.ids.get(s.name.text)?.span === s.name.span;
  let description: { text: string; span: Span } | undefined;
  const lines = permissionLines(s);
  const ids = permissionIds(s, lines);
  const permissions: AclPermission[] = [];
  for (const l of s.lines ?? []) {
    if (l.head.text === "description") {
      if (l.named) {
        ok = false;
        e.report(diag("HA3122", l.named.span, "a description has no id to name", { hint: "`named ID` goes on a `read`, `write` or `deny` line" }));
      } else if (description) {
        ok = false;
        e.report(diag("HA3132", l.head.span, "the role's description is written twice", { related: [{ span: description.span, message: "first written here" }] }));
      } else if (l.args.length !== 1) {
        ok = false;
        e.report(diag("HA3122", l.span, "a description is one word or string", { hint: '`description "read-only operators";`' }));
      } else description = { text: l.args[0]!.text, span: l.head.span };
      continue;
    }
    if (!(KINDS as readonly string[]).includes(l.head.text)) {
      ok = false;
      const near = V.closest(l.head.text, ROLE_LINES);
      e.report(
        diag("HA3121", l.head.span, `\`${l.head.text}\` is not a line of an ACL role`, {
          hint: near ? `did you mean \`${near}\`?` : "a role's lines are `read`, `write` or `deny` permissions and a `description`",
        }),
      );
      continue;
    }
    const p = permission(e, l, ids[lines.indexOf(l)]!);
    if (p) permissions.push(p);
    else ok = false;
  }
  if (!ok) return;
  e.acls.roles.push({ id: s.name.text, ...(description ? { description: description.text } : {}), permissions });
}

/** `KIND xpath X`, `KIND id X` or `KIND type T [attribute A]`; undefined after an error (reported). */
function permission(e: Elaboration, l: A.AclLine, id: string): AclPermission | undefined {
  const specs = new Map<string, A.Value>();
  const args = l.args;
  const wrong = (message: string, span: Span, hint?: string) => {
    e.report(diag("HA3122", span, message, { hint: hint ?? "a permission is `read|write|deny` and exactly one of `xpath \"/cib\"`, `id ID`, `type ELEMENT [attribute NAME]`" }));
    return undefined;
  };
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]!;
    const value = args[i + 1];
    if (key.kind === "string" || !SPECS.includes(key.text)) {
      const near = key.kind === "word" ? V.closest(key.text, SPECS) : undefined;
      return wrong(`\`${key.text}\` is not a part of an ACL permission`, key.span, near ? `did you mean \`${near}\`?` : undefined);
    }
    if (value === undefined) return wrong(`\`${key.text}\` needs a value`, key.span);
    if (specs.has(key.text)) return wrong(`\`${key.text}\` is written twice`, key.span);
    specs.set(key.text, value);
  }
  const chosen = ["xpath", "id", "type"].filter((k) => specs.has(k));
  if (chosen.length !== 1) {
    return wrong(chosen.length === 0 ? `the ${l.head.text} permission says nothing it applies to` : `the ${l.head.text} permission has both \`${chosen[0]}\` and \`${chosen[1]}\``, l.span);
  }
  const attribute = specs.get("attribute");
  if (attribute && !specs.has("type")) return wrong("`attribute` goes with `type` only", attribute.span, "an xpath or an id is exact already: `write type primitive attribute target-role`");
  const kind = l.head.text as AclPermission["kind"];
  const xpath = specs.get("xpath");
  if (xpath) {
    const problem = xpathProblem(xpath.text);
    if (problem) {
      e.report(diag("HA3123", xpath.span, `the xpath \`${xpath.text}\` does not parse: ${problem}`, { hint: 'an XPath 1.0 expression, e.g. `"/cib/configuration/resources"` or `"//primitive[@id=\'db\']"`' }));
      return undefined;
    }
    return { id, kind, xpath: xpath.text };
  }
  const ref = specs.get("id");
  if (ref) {
    if (!V.isXmlId(ref.text)) return wrong(`\`${ref.text}\` is not an id`, ref.span, "Pacemaker ids start with a letter or `_` and hold only letters, digits, `_`, `.` and `-`");
    e.acls.references.push({ id: ref.text, span: ref.span });
    return { id, kind, reference: ref.text };
  }
  const type = specs.get("type")!;
  if (!V.isXmlId(type.text)) return wrong(`\`${type.text}\` is not an element name`, type.span, "the name of a CIB element: `primitive`, `nvpair`, `rsc_location`, ...");
  if (attribute && !V.isAttrName(attribute.text)) return wrong(`\`${attribute.text}\` is not an attribute name`, attribute.span);
  return { id, kind, objectType: type.text, ...(attribute ? { attribute: attribute.text } : {}) };
}

/**
 * What makes an XPath not parse, found cheaply: an empty one, a quote left
 * open, brackets or parentheses that do not pair, a step that is empty or
 * starts with an operator. Undefined when none of these (not a full parse).
 */
export function xpathProblem(x: string): string | undefined {
  if (x.trim() === "") return "it is empty";
  const open: string[] = [];
  for (let i = 0; i < x.length; i++) {
    const c = x[i]!;
    if (c === '"' || c === "'") {
      const end = x.indexOf(c, i + 1);
      if (end < 0) return `a ${c === '"' ? "double" : "single"} quote is not closed`;
      i = end;
    } else if (c === "[" || c === "(") open.push(c === "[" ? "]" : ")");
    else if (c === "]" || c === ")") {
      if (open.pop() !== c) return `\`${c}\` closes nothing`;
    }
  }
  if (open.length > 0) return `\`${open[open.length - 1] === "]" ? "[" : "("}\` is not closed`;
  if (/\/\/\/|\[\s*\]|\/\s*$/.test(x) && x.trim() !== "/") return "a step is empty";
  return undefined;
}
