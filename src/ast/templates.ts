import type { Span } from "../diagnostics/span.js";
import type * as C from "../syntax/cst.js";
import type { AstBuilder } from "./build.js";
import * as M from "./make.js";
import type * as A from "./types.js";

/** `template NAME AGENT [{ ... }]`. */
export function readTemplate(b: AstBuilder, n: C.TemplateDeclCstNode, span: Span): A.TemplateDecl | undefined {
  const name = b.name(b.tok(n.children.name));
  const agent = b.agentName(b.tok(n.children.agent));
  if (!name || !agent) return undefined;
  return M.template(name, agent, b.block(b.node(n.children.block)), span);
}
