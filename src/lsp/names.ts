import type * as A from "../ast/types.js";
import { dispatch, type StatementHandlers } from "../check/statements.js";
import * as N from "../check/names.js";
import type { Span } from "../diagnostics/span.js";

/**
 * Every name the site writes, as the editor needs them: where each is
 * declared and used, for go to definition, find references, rename, hover
 * and completion. Built from the ASTs the front end made (the CLI's parser);
 * it resolves nothing the checker reports on, it only says which word names
 * what.
 *
 * A key says what a word names: `node:N` (a cluster node or a guest node),
 * `rsc:ID` (a resource id: a resource, group, clone, a guest's `vm-GUEST` or
 * a service's `KIND-GUEST`), `agent:A`, `service:S`, `cluster:C`.
 */
export type Key = `${"node" | "rsc" | "agent" | "service" | "cluster" | "ticket"}:${string}`;

/** What a declaration declares, for hover, symbols and completion. */
export type DeclKind = "node" | "unlisted" | "guest" | "resource" | "group" | "clone" | "bundle" | "instance" | "agent" | "service" | "cluster" | "template" | "tag";

/** One word of the source that names something. */
export interface Occurrence {
  readonly span: Span;
  /** The word as written. */
  readonly text: string;
  /** What it names. */
  readonly key: Key;
  /** Set when this word declares `key`. */
  readonly decl?: DeclKind;
  /** Ids this word declares besides `key`: a guest's `vm-GUEST`, a service instance's `KIND-GUEST`. */
  readonly declares?: readonly Key[];
  /** The statement it is in. */
  readonly statement: A.Statement;
}

/** The names of a set of files, in source order per file. */
export class NameIndex {
  readonly occurrences: Occurrence[] = [];

  constructor(files: readonly A.FileAst[]) {
    for (const f of files) for (const s of f.statements) dispatch(COLLECT, { index: this, s }, s);
  }

  /** The occurrence whose word holds `offset` (its end included, where the cursor sits after typing) in `file`. */
  at(file: string, offset: number): Occurrence | undefined {
    return this.occurrences.find((o) => o.span.file === file && o.span.start <= offset && offset <= o.span.end);
  }

  /** The word that declares `key`. */
  declaration(key: Key): Occurrence | undefined {
    return this.occurrences.find((o) => (o.key === key && o.decl !== undefined) || o.declares?.includes(key));
  }

  /** Every word that names `key` (its declaration included). */
  uses(key: Key): Occurrence[] {
    return this.occurrences.filter((o) => o.key === key || o.declares?.includes(key));
  }

  /** The keys an occurrence stands for: what it names, and for a declaration what it declares besides. */
  static keysOf(o: Occurrence): Key[] {
    return o.decl !== undefined ? [o.key, ...(o.declares ?? [])] : [o.key];
  }

  /** Every declared name of a kind of key, each once, in declaration order. */
  declared(prefix: "node" | "rsc" | "agent" | "service"): { name: string; occurrence: Occurrence }[] {
    const seen = new Set<string>();
    const out: { name: string; occurrence: Occurrence }[] = [];
    for (const o of this.occurrences) {
      for (const k of [...(o.decl !== undefined ? [o.key] : []), ...(o.declares ?? [])]) {
        if (!k.startsWith(`${prefix}:`) || seen.has(k)) continue;
        seen.add(k);
        out.push({ name: k.slice(prefix.length + 1), occurrence: o });
      }
    }
    return out;
  }

  add(o: Occurrence): void {
    this.occurrences.push(o);
  }
}

interface Ctx {
  readonly index: NameIndex;
  readonly s: A.Statement;
}

function use(c: Ctx, n: A.Name | undefined, key: Key, extra: { decl?: DeclKind; declares?: readonly Key[] } = {}): void {
  if (n === undefined || n.text === "") return;
  c.index.add({ span: n.span, text: n.text, key, statement: c.s, ...extra });
}

function hosts(c: Ctx, placement: readonly A.PlacementEntry[]): void {
  for (const p of placement) use(c, p.host, `node:${p.host.text}`);
}

function setMembers(c: Ctx, sets: readonly A.ResourceSetDecl[]): void {
  for (const set of sets) for (const m of set.members) use(c, m, `rsc:${m.text}`);
}

const COLLECT: StatementHandlers<Ctx> = {
  cluster: (c, s) => {
    use(c, s.name, `cluster:${s.name.text}`, { decl: "cluster" });
    for (const n of s.nodes) use(c, n, `node:${n.text}`, { decl: "node" });
    for (const n of s.unlistedNodes) use(c, n, `node:${n.text}`, { decl: "unlisted" });
    for (const cap of s.capacities) use(c, cap.node, `node:${cap.node.text}`);
    for (const a of s.nodeAttributes) use(c, a.node, `node:${a.node.text}`);
    for (const a of s.nodeSets) use(c, a.node, `node:${a.node.text}`);
  },
  guest: (c, s) => {
    use(c, s.name, `node:${s.name.text}`, { decl: "guest", declares: [`rsc:${N.guestResourceId(s.name.text)}`] });
    hosts(c, s.placement);
  },
  resource: (c, s) => {
    use(c, s.name, `rsc:${s.name.text}`, { decl: "resource" });
    if (s.agent) use(c, s.agent, `agent:${s.agent.text}`);
    if (s.template) use(c, s.template, `rsc:${s.template.text}`);
    hosts(c, s.placement);
  },
  template: (c, s) => {
    use(c, s.name, `rsc:${s.name.text}`, { decl: "template" });
    use(c, s.agent, `agent:${s.agent.text}`);
  },
  tag: (c, s) => {
    use(c, s.name, `rsc:${s.name.text}`, { decl: "tag" });
    for (const m of s.members) use(c, m, `rsc:${m.text}`);
  },
  instance: (c, s) => {
    use(c, s.service, `service:${s.service.text}`, { declares: [`rsc:${N.instanceId(s.service.text, s.guest.text)}`] });
    use(c, s.guest, `node:${s.guest.text}`);
    if (s.after) use(c, s.after, `rsc:${s.after.text === "vm" ? N.guestResourceId(s.guest.text) : s.after.text}`);
  },
  order: (c, s) => {
    use(c, s.first, `rsc:${s.first.text}`);
    use(c, s.then, `rsc:${s.then.text}`);
  },
  colocate: (c, s) => {
    use(c, s.rsc, `rsc:${s.rsc.text}`);
    use(c, s.with, `rsc:${s.with.text}`);
  },
  // A ticket is declared nowhere in the site (the cluster grants it): its
  // mentions are references of each other, with no definition to go to.
  ticket: (c, s) => {
    use(c, s.ticket, `ticket:${s.ticket.text}`);
    use(c, s.rsc, `rsc:${s.rsc.text}`);
  },
  "order-set": (c, s) => setMembers(c, s.sets),
  "colocate-set": (c, s) => setMembers(c, s.sets),
  "ticket-set": (c, s) => {
    use(c, s.ticket, `ticket:${s.ticket.text}`);
    setMembers(c, s.sets);
  },
  fencing: (c, s) => {
    if (s.target.kind === "node") use(c, s.target.node, `node:${s.target.node.text}`);
    for (const d of s.devices) use(c, d, `rsc:${d.text}`);
  },
  alert: () => {},
  acl: () => {},
  location: (c, s) => {
    if (s.set !== undefined) setMembers(c, [s.set]);
    // A pattern names no resource by its name.
    else if (s.pattern === undefined) use(c, s.rsc, `rsc:${s.rsc.text}`);
    if (s.node) use(c, s.node, `node:${s.node.text}`);
  },
  group: (c, s) => {
    use(c, s.name, `rsc:${s.name.text}`, { decl: "group" });
    for (const m of s.members) use(c, m, `rsc:${m.text}`);
    hosts(c, s.placement);
  },
  clone: (c, s) => {
    use(c, s.name, `rsc:${s.name.text}`, { decl: "clone" });
    use(c, s.child, `rsc:${s.child.text}`);
    hosts(c, s.placement);
  },
  bundle: (c, s) => {
    use(c, s.name, `rsc:${s.name.text}`, { decl: "bundle" });
    if (s.child) use(c, s.child, `rsc:${s.child.text}`);
    hosts(c, s.placement);
  },
  agent: (c, s) => {
    use(c, s.agent, `agent:${s.agent.text}`, { decl: "agent" });
  },
  service: (c, s) => {
    use(c, s.name, `service:${s.name.text}`, { decl: "service" });
    use(c, s.agent, `agent:${s.agent.text}`);
  },
};
