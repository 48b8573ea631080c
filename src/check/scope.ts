import type * as A from "../ast/types.js";
import { nameSource } from "../syntax/names.js";
import { diag } from "../diagnostics/diagnostic.js";
import type { Span } from "../diagnostics/span.js";
import { unreachable } from "../util/never.js";
import * as N from "./names.js";
import { duplicate, type Report } from "./problems.js";
import * as V from "./values.js";

/** The declared names an unknown one is compared with, for a hint. */
export type NamePool = "nodes" | "guests" | "nodes and guests" | "resources" | "templates" | "resources and templates";

/** What an id in the CIB's namespace names, kept small: messages are built only when one is reported. */
export interface NameEntry {
  /** A site's resource, group or clone; a guest's VirtualDomain resource; a service instance; a constraint. */
  readonly kind: "resource" | "group" | "clone" | "bundle" | "guest" | "instance" | "constraint" | "mapping" | "alert" | "acl" | "template" | "tag" | "rule" | "set";
  readonly span: Span;
  /**
   * The names the id derives from: the guest; or the service and its guest; for `acl`, `role`, `group` or `permission` (of the role `on`);
   * for `set`, its keyword (`defaults`, `op-defaults`, `property`), and `on` "derived" when it has no `named`.
   */
  readonly from?: string;
  readonly on?: string;
}

/** Derived by hacc (`vm-GUEST`, `KIND-GUEST`, constraint ids) rather than written by the site. */
function generated(e: NameEntry): boolean {
  return e.kind === "guest" || e.kind === "instance" || e.kind === "constraint" || e.kind === "mapping" || e.kind === "rule" || (e.kind === "acl" && e.from === "permission");
}

/** How a message names what `id` is: "resource `x`", "the VirtualDomain resource of guest `g`", ... */
export function what(id: string, e: NameEntry): string {
  switch (e.kind) {
    case "guest":
      return `the VirtualDomain resource of guest \`${e.from}\``;
    case "instance":
      return `service \`${e.from}\` on \`${e.on}\``;
    case "mapping":
      return `a port or storage mapping of bundle \`${e.from}\``;
    case "rule":
      return `a rule or test of location \`${e.from}\``;
    case "set":
      return `${e.from === "op-defaults" ? "an" : "a"} \`${e.from}\` set${e.on === "derived" ? " without `named`" : ` \`${id}\``}`;
    case "acl":
      return e.from === "permission" ? `a permission of ACL role \`${e.on}\`` : `ACL ${e.from} \`${id}\``;
    case "resource":
    case "group":
    case "clone":
    case "bundle":
    case "constraint":
    case "alert":
    case "template":
    case "tag":
      return `${e.kind} \`${id}\``;
    default:
      return unreachable(e.kind);
  }
}

/**
 * The site's names: cluster nodes, guest nodes and every id in the CIB's
 * resource and constraint namespace. Claims ids (a clash is reported where
 * it happens), resolves references, and reports an unknown name with the
 * closest known one as a hint, within the run's suggestion budget.
 */
export class Scope {
  /** Cluster nodes, each once, in declaration order. */
  readonly nodes = new Map<string, Span>();
  /** Unlisted nodes (`unlisted-nodes`), each once, in declaration order: named by constraints, without a `<node>` entry (src/check/unlisted.ts). */
  readonly unlisted = new Map<string, Span>();
  /** The unlisted nodes a location, placement or fencing level names. */
  readonly unlistedNamed = new Set<string>();
  /** Guests, each once, in declaration order. */
  readonly guests = new Map<string, A.GuestDecl>();
  /**
   * The other nodes Pacemaker makes of resources: a remote node (the id of a
   * resource of `ocf:pacemaker:remote`) and a guest node made by a
   * resource's `remote-node` meta, each once, in declaration order, with the
   * name's span. Locations and node attributes may name them.
   */
  readonly remote = new Map<string, Span>();
  /** The cluster nodes by their names in lower case (Pacemaker's `pe_find_node` compares names without case). */
  readonly nodesFolded = new Map<string, A.Name>();
  /** Every id in the CIB's resource and constraint namespace. */
  readonly ids = new Map<string, NameEntry>();
  /** Templates (`template`), each once, in declaration order. */
  readonly templates = new Map<string, A.TemplateDecl>();
  /** Tags (`tag`), each once, in declaration order. */
  readonly tags = new Map<string, A.TagDecl>();
  /** What is left for "did you mean" hints in this run, and the hints already found (a misspelling tends to repeat). */
  private readonly budget: V.SuggestionBudget;
  private readonly suggestions = new Map<string, string | undefined>();

  constructor(
    private readonly report: Report,
    suggestionBudget: number = V.SUGGESTION_BUDGET,
  ) {
    this.budget = { comparisons: suggestionBudget };
  }

  /** Takes `id` for `entry`; reports a clash with what holds it already and returns false. */
  claimId(id: string, entry: NameEntry): boolean {
    const prev = this.ids.get(id);
    if (prev) {
      if (entry.kind === "constraint" && prev.kind === "constraint") {
        // Two constraints whose derived ids meet (two orders of one set, a set's `ID-0` and another's id): `named` parts them.
        this.report(
          diag("HA2005", entry.span, `this constraint would have the id \`${id}\`, which another constraint has`, {
            hint: "hacc derives a constraint's id from what it names: give one of the two another id with `named ID` at the end of its order, colocation or ticket (`order (a, b) optional named a-b-optional;`), after an `on` entry (`on n1 50 named d-home`), or another location name",
            related: [{ span: prev.span, message: `the constraint with the id \`${id}\`` }],
          }),
        );
      } else if (entry.kind === "set" || prev.kind === "set") {
        // A set's id is the one it is `named`, or the one hacc derives from its place (`rsc-options-2`).
        const was = what(id, prev);
        this.report(
          diag("HA2005", entry.span, `the id \`${id}\` of ${what(id, entry)} is already taken by ${was}`, {
            hint: "give the set another id with `named ID` before its block (`defaults score 10 when date gt 2027-01-01 named new-year { ... }`), or rename the other",
            related: [{ span: prev.span, message: `${was} is declared here` }],
          }),
        );
      } else if (generated(entry) || generated(prev)) {
        const was = what(id, prev);
        this.report(
          diag("HA2005", entry.span, `the id \`${id}\` of ${what(id, entry)} is already taken by ${was}`, {
            hint: "hacc derives ids from names (`vm-GUEST`, `KIND-GUEST`, `location-RSC-NODE`, ...); rename one of the two",
            related: [{ span: prev.span, message: `${was} is declared here` }],
          }),
        );
      } else {
        const label = (e: NameEntry) => (e.kind === "acl" ? `ACL ${e.from}` : e.kind);
        this.report(duplicate({ text: id, span: entry.span }, label(entry), prev.span, label(prev)));
      }
      return false;
    }
    this.ids.set(id, entry);
    return true;
  }

  claimConstraint(id: string, span: Span): boolean {
    return this.claimId(id, { kind: "constraint", span });
  }

  /** The resource `n` names (or the template or tag, with `templates`), or undefined (reported) when it names none. */
  resolve(n: A.Name, opts: { templates?: boolean } = {}): string | undefined {
    // Every resource id is claimed before any statement is elaborated, so forward references resolve.
    const kind = this.ids.get(n.text)?.kind ?? "constraint";
    if (kind === "template") {
      // A constraint may name a template (it stands for every resource made from it); a group, clone or bundle may not.
      if (opts.templates === true) return n.text;
      this.report(
        diag("HA2111", n.span, `\`${n.text}\` is a template, not a resource: a group, clone or bundle holds resources`, {
          hint: `make a resource from it (\`resource ID from ${nameSource(n.text)};\`) and name that`,
        }),
      );
      return undefined;
    }
    if (kind === "tag") {
      // A constraint may name a tag (it stands for its members), as it may a template; a group, clone, bundle or tag may not.
      if (opts.templates === true) return n.text;
      this.report(
        diag("HA2112", n.span, `\`${n.text}\` is a tag, not a resource: a group, clone, bundle or tag holds resources`, {
          hint: `name its members (${this.tags.get(n.text)?.members.map((m) => `\`${m.text}\``).join(", ") || "none"})`,
        }),
      );
      return undefined;
    }
    if (kind !== "constraint" && kind !== "mapping" && kind !== "alert" && kind !== "acl") return n.text;
    if (this.guests.has(n.text)) {
      this.report(
        diag("HA2002", n.span, `\`${n.text}\` is a guest node, not a resource`, {
          hint: `its VirtualDomain resource is \`${N.guestResourceId(n.text)}\``,
        }),
      );
      return undefined;
    }
    // Where a template may be named, a misspelt one is suggested too.
    this.unknown(n, "resource", "HA2002", opts.templates === true ? "resources and templates" : "resources");
    return undefined;
  }

  /** The names an unknown one may be a misspelling of, walked afresh each time rather than copied. */
  private *candidates(pool: NamePool): Iterable<string> {
    if (pool === "resources" || pool === "resources and templates") {
      // Ids a constraint may name: resources and what the site declared, not other constraints.
      for (const [k, e] of this.ids) if (e.kind !== "constraint" && e.kind !== "mapping" && e.kind !== "alert" && e.kind !== "acl" && (e.kind !== "template" || pool !== "resources")) yield k;
      return;
    }
    if (pool === "templates") {
      yield* this.templates.keys();
      return;
    }
    if (pool !== "guests") yield* this.nodes.keys();
    if (pool !== "guests") yield* this.unlisted.keys();
    if (pool !== "nodes") yield* this.guests.keys();
    if (pool === "nodes and guests") yield* this.remote.keys();
  }

  /**
   * Reports an unknown name, with the closest known one as a hint. The
   * candidates are walked, not copied, for each unknown name (copying them
   * made a site with many typos quadratic), and the search has a budget.
   */
  unknown(n: A.Name, what: string, code: "HA2001" | "HA2002" | "HA2003" | "HA2100" | "HA2101" | "HA2110", pool: NamePool): void {
    const key = `${pool}\n${n.text}`;
    let near = this.suggestions.get(key);
    if (!this.suggestions.has(key)) {
      near = V.closest(n.text, this.candidates(pool), this.budget);
      this.suggestions.set(key, near);
    }
    const few: string[] = [];
    if (near === undefined) for (const c of this.candidates(pool)) if (few.push(c) > 8) break;
    this.report(
      diag(code, n.span, `unknown ${what} \`${n.text}\``, {
        hint: near ? `did you mean \`${near}\`?` : few.length > 0 && few.length <= 8 ? `declared: ${few.sort().join(", ")}` : `declare it first`,
      }),
    );
  }
}
