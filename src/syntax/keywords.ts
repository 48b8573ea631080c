import { Acl, Tag, Agent, Alert, Template, Bundle, Clone, Cluster, Colocate, FencingLevel, Group, Guest, Order, Promotable, Resource, Service, Ticket, Location } from "./tokens.js";
import type { TokenType } from "chevrotain";

/**
 * The keywords that start a statement, in the order the language reference
 * lists them. The parser's chunking, the checker's "did you mean" for a
 * statement, the formatter and the grammar test all read this one list: a new
 * statement keyword is added here and nowhere else.
 */
export const STATEMENT_KEYWORD_TOKENS: readonly TokenType[] = [Cluster, Guest, Resource, Template, Order, Colocate, Ticket, Group, Clone, Promotable, Bundle, Agent, Service, Location, FencingLevel, Alert, Acl, Tag];

/** The statement keywords as the user writes them (`cluster`, `guest`, ...). */
export const STATEMENT_KEYWORDS: readonly string[] = STATEMENT_KEYWORD_TOKENS.map((t) => String(t.PATTERN));

/**
 * The statement keywords a syntax error suggests where a statement belongs,
 * in the list's order: those a site is written with. `promotable` is left to
 * its sibling `clone`, `agent` and `service` to the standard library, and
 * `template` to `resource` (a template is written for the resources made from it), and `tag` to the
 * constraints (a tag is written for the constraints that name it).
 */
export const SUGGESTED_STATEMENT_KEYWORDS: readonly string[] = STATEMENT_KEYWORD_TOKENS.filter((t) => t !== Promotable && t !== Agent && t !== Service && t !== Template && t !== Tag).map((t) =>
  String(t.PATTERN),
);
