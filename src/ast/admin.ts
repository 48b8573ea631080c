import type { Span } from "../diagnostics/span.js";
import type * as C from "../syntax/cst.js";
import type { AstBuilder } from "./build.js";
import type * as A from "./types.js";

/** `fencing-level INDEX for TARGET with DEVICE, ...;`: a node, `nodes "REGEX"`, or `ATTR = VALUE`. */
export function readFencing(b: AstBuilder, n: C.FencingDeclCstNode, span: Span): A.FencingDecl | undefined {
  const c = n.children;
  const index = b.name(b.tok(c.index));
  const devices = b.toks(c.device).map((t) => b.name(t)!);
  const patternTok = b.tok(c.pattern);
  const targetTok = b.tok(c.target);
  const valueTok = b.tok(c.attrValue);
  let target: A.FencingTarget | undefined;
  if (patternTok) target = { kind: "pattern", pattern: b.valueOfToken(patternTok) };
  else if (targetTok && valueTok) target = { kind: "attribute", name: b.name(targetTok)!, value: b.valueOfToken(valueTok) };
  else if (targetTok && !c.Equals) target = { kind: "node", node: b.name(targetTok)! };
  if (!index || !target || devices.length === 0) return undefined;
  return { kind: "fencing", index, target, devices, span };
}

/** `alert NAME "PATH" [{ ... }] [to RECIPIENT [{ ... }], ...];` */
export function readAlert(b: AstBuilder, n: C.AlertDeclCstNode, span: Span): A.AlertDecl | undefined {
  const name = b.name(b.tok(n.children.name));
  const pathTok = b.tok(n.children.path);
  const path = pathTok && b.valueOfToken(pathTok);
  if (!name || !path) return undefined;
  const block = b.block(b.node(n.children.block));
  const recipients = b.nodes(n.children.recipient).flatMap((r): A.RecipientDecl[] => {
    const valueTok = b.tok(r.children.value);
    const value = valueTok && b.valueOfToken(valueTok);
    const at = b.nodeSpan(r);
    const rb = b.block(b.node(r.children.block));
    return value && at ? [{ value, ...(rb ? { block: rb } : {}), span: at }] : [];
  });
  return { kind: "alert", name, path, ...(block ? { block } : {}), recipients, span };
}

/** `acl SORT NAME { LINE; ... }` or `acl SORT NAME [roles ROLE, ...];`: read as written, judged by the checker. */
export function readAcl(b: AstBuilder, n: C.AclDeclCstNode, span: Span): A.AclDecl | undefined {
  const c = n.children;
  const sort = b.name(b.tok(c.sort));
  const name = b.agentName(b.tok(c.name));
  if (!sort || !name) return undefined;
  const rolesKw = b.name(b.tok(c.rolesKw));
  const roles = b.toks(c.role).map((t) => b.name(t)!);
  if (c.LBrace === undefined) return { kind: "acl", sort, name, ...(rolesKw ? { rolesKw } : {}), roles, span };
  const lines = b.nodes(c.aclLine).flatMap((l): A.AclLine[] => {
    const head = b.name(b.tok(l.children.head));
    const at = b.nodeSpan(l);
    if (!head || !at) return [];
    const named = b.name(b.tok(b.node(l.children.constraintName)?.children.name));
    return [{ head, args: b.toks(l.children.arg).map((t) => b.valueOfToken(t)), ...(named ? { named } : {}), span: at }];
  });
  return { kind: "acl", sort, name, lines, roles, span };
}
