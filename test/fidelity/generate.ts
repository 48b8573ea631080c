/**
 * A seeded random site for the differential test against crm_simulate,
 * written in the `.ha` language as docs/language.md describes it. Small on
 * purpose (crm_simulate is slow): 2-5 hosts, 2-8 guests, up to 3 plain
 * resources on the hosts and up to 2 resources inside guests. Location
 * scores run from -INFINITY to INFINITY (negative ones included); colocations
 * of both signs, finite and mandatory; symmetric and opt-in clusters;
 * resource-stickiness 0, 100 or INFINITY (as a default or per resource); and
 * utilization with each placement-strategy (default, utilization, minimal,
 * balanced); mandatory and optional orders between the placed resources;
 * and, drawn last (drawExtras), constructs hacc predicts and constructs it
 * reports as not predicted. The same seed gives the same text.
 */

import { seededRandom } from "../seeded.js";

export interface GeneratedSite {
  readonly seed: number;
  readonly text: string;
  readonly hosts: readonly string[];
  readonly guests: readonly string[];
  /** The resources hacc must predict: every guest's VM and every plain resource on the hosts, but those a drawn construct leaves not predicted. */
  readonly mustPredict: readonly string[];
  /** What the site exercises, for reading a disagreement. */
  readonly features: readonly string[];
}

const STRATEGIES = ["default", "utilization", "minimal", "balanced"] as const;
const STICKINESS = ["0", "100", "INFINITY"] as const;

export function generateSite(seed: number): GeneratedSite {
  const r = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const features: string[] = [];

  const hosts = Array.from({ length: int(2, 5) }, (_, i) => `h${i + 1}`);
  const guests = Array.from({ length: int(2, 8) }, (_, i) => `g${i + 1}`);
  const plain = Array.from({ length: int(0, 3) }, (_, i) => `r${i + 1}`);
  const symmetric = chance(0.5);
  const strategy = chance(0.4) ? "default" : pick(STRATEGIES);
  const capacity = strategy !== "default" || chance(0.2);
  features.push(symmetric ? "symmetric" : "opt-in");
  if (strategy !== "default") features.push(`strategy=${strategy}`);
  if (capacity) features.push("utilization");

  // A location score: mostly positive, some negative, some mandatory either way.
  const score = (): string => {
    const x = r();
    if (x < 0.08) return "INFINITY";
    if (x < 0.16) return "-INFINITY";
    if (x < 0.3) return String(-int(1, 1000));
    if (x < 0.35) return "0";
    return String(int(1, 1000));
  };
  // Where a resource may run: its first host with a positive score, then up to two more, any score.
  const where = (): string => {
    const order = [...hosts];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const n = Math.min(order.length, int(1, 3));
    return order
      .slice(0, n)
      .map((h, i) => (i === 0 ? `${h} prefer ${chance(0.1) ? "INFINITY" : int(1, 1000)}` : `${h} ${score()}`))
      .join(", ");
  };
  const stickiness = (): string | undefined => {
    if (!chance(0.25)) return undefined;
    features.push("stickiness-per-resource");
    return pick(STICKINESS);
  };

  const lines = ["cluster fid {", `  nodes ${hosts.join(", ")};`, "  property stonith-enabled = false;", `  property symmetric-cluster = ${symmetric};`];
  if (strategy !== "default" || chance(0.1)) lines.push(`  property placement-strategy = ${strategy};`);
  if (chance(0.6)) {
    const s = pick(STICKINESS);
    lines.push(`  defaults resource-stickiness = ${s};`);
    if (s !== "0") features.push(`stickiness=${s}`);
  }
  if (capacity) for (const h of hosts) lines.push(`  utilization ${h} memory = ${1024 * int(2, 8)}, vcpus = ${int(2, 8)};`);
  lines.push("}");

  // Each placed resource's meta attributes and utilization, written when the site is done
  // (the extras drawn last may add meta attributes).
  const meta = new Map<string, string[]>();
  const body = new Map<string, string[]>();
  const items = (id: string): void => {
    const m: string[] = [];
    const s = stickiness();
    if (s !== undefined) m.push(`resource-stickiness = ${s}`);
    meta.set(id, m);
    body.set(id, capacity ? [`utilization memory = ${1024 * int(1, 4)}, vcpus = ${int(1, 4)};`] : []);
  };
  const itemsOf = (id: string): string => {
    const m = meta.get(id)!;
    const out = [...(m.length > 0 ? [`meta ${m.join(", ")};`] : []), ...body.get(id)!];
    return out.length === 0 ? "" : ` { ${out.join(" ")} }`;
  };
  const declared: (() => string)[] = [];
  for (const g of guests) {
    const w = where();
    items(`vm-${g}`);
    declared.push(() => `guest ${g} on ${w}${itemsOf(`vm-${g}`) || ";"}`);
  }
  for (const p of plain) {
    items(p);
    const w = where();
    declared.push(() => `resource ${p} ocf:heartbeat:Dummy${itemsOf(p)} on ${w};`);
  }
  if (plain.length > 0) features.push("plain");
  const rest: string[] = [];

  // Resources inside guests: hacc does not predict them; the harness counts them.
  const inGuest = int(0, 2);
  for (let i = 1; i <= inGuest; i++) {
    const g = pick(guests);
    rest.push(`resource s${i} ocf:pacemaker:Dummy on ${g};`);
  }
  if (inGuest > 0) features.push("in-guest");

  // Colocations between the predicted resources, both signs, finite and mandatory.
  const placed = [...guests.map((g) => `vm-${g}`), ...plain];
  const seen = new Set<string>();
  // What carries "not predicted" from one resource to another: colocations both ways, mandatory orders forward.
  const ties: [string, string][] = [];
  const colocations = int(0, Math.min(4, placed.length));
  for (let i = 0; i < colocations; i++) {
    const a = pick(placed);
    const b = pick(placed);
    if (a === b || seen.has(`${a} ${b}`) || seen.has(`${b} ${a}`)) continue;
    seen.add(`${a} ${b}`);
    ties.push([a, b], [b, a]);
    const x = r();
    const s = x < 0.15 ? "INFINITY" : x < 0.3 ? "-INFINITY" : x < 0.65 ? String(-int(1, 1000)) : String(int(1, 1000));
    features.push(s.includes("INFINITY") ? `colocation ${s}` : s.startsWith("-") ? "colocation negative" : "colocation positive");
    rest.push(`colocate ${a} with ${b} ${s};`);
  }
  // Orders between them (drawn last, so earlier seeds keep their sites and gain only these lines):
  // mandatory ones stop what starts after a resource that runs nowhere; optional ones change nothing.
  // Always from earlier to later in one shuffled list, so they never form a cycle.
  const orders = int(0, 2);
  if (orders > 0 && placed.length > 1) {
    const rank = [...placed];
    for (let i = rank.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [rank[i], rank[j]] = [rank[j]!, rank[i]!];
    }
    const made = new Set<string>();
    for (let i = 0; i < orders; i++) {
      const x = int(0, rank.length - 2);
      const y = int(x + 1, rank.length - 1);
      const key = `${rank[x]} ${rank[y]}`;
      if (made.has(key)) continue;
      made.add(key);
      const optional = chance(0.25);
      features.push(optional ? "order optional" : "order");
      if (!optional) ties.push([rank[x]!, rank[y]!]);
      rest.push(`order ${rank[x]} then ${rank[y]}${optional ? " optional" : ""};`);
    }
  }
  const extra = drawExtras({ r, int, pick, chance }, { hosts, guests, plain, placed, symmetric, meta, ties });
  features.push(...extra.features);
  const cluster = [...lines.slice(0, -1), ...extra.cluster, "}"];
  const text = [...cluster, ...declared.map((d) => d()), ...rest, ...extra.statements].join("\n") + "\n";
  const unpredicted = closure(extra.unpredicted, ties);
  return {
    seed,
    text: extra.rename ? extra.rename(text) : text,
    hosts: extra.rename ? hosts.map(extra.rename) : hosts,
    guests,
    mustPredict: extra.all ? [] : placed.filter((id) => !unpredicted.has(id)),
    features: [...new Set(features)],
  };
}

interface Draw {
  readonly r: () => number;
  readonly int: (lo: number, hi: number) => number;
  readonly pick: <T>(xs: readonly T[]) => T;
  readonly chance: (p: number) => boolean;
}

interface Drawn {
  readonly hosts: readonly string[];
  readonly guests: readonly string[];
  readonly plain: readonly string[];
  readonly placed: readonly string[];
  readonly symmetric: boolean;
  readonly meta: Map<string, string[]>;
  readonly ties: readonly [string, string][];
}

/** Names that sort differently by Pacemaker's node list (digits as numbers, case ignored) and by strcmp (its last tie-break). */
const HOST_NAMES = ["h1", "h2", "h10", "H3", "h02", "n7", "h11", "Ha", "hb"] as const;

/**
 * The constructs drawn after everything else (so a seed drawing none keeps its
 * earlier site): ones the prediction models (priority, target-role Stopped,
 * a host in standby, a ban from a guest node, host names that sort apart by
 * number, case and code unit, a location with a role or resource-discovery
 * always or never) and ones it reports as not predicted (a location rule on
 * `#uname` or a node attribute, resource-discovery exclusive, is-managed=false, a host in maintenance, a colocation
 * with a node-attribute, a `defaults` set chosen by a rule); the latter, and
 * what is tied to them, are left out of what hacc must predict.
 */
function drawExtras(d: Draw, site: Drawn) {
  const { int, pick, chance } = d;
  const cluster: string[] = [];
  const statements: string[] = [];
  const features: string[] = [];
  const unpredicted: string[] = [];
  let all = false;
  const addMeta = (id: string, kv: string) => site.meta.get(id)!.push(kv);
  if (chance(0.2)) {
    features.push("priority");
    for (let i = int(1, 3); i > 0; i--) {
      const id = pick(site.placed);
      if (!site.meta.get(id)!.some((m) => m.startsWith("priority"))) addMeta(id, `priority = ${int(1, 10)}`);
    }
    if (chance(0.3)) cluster.push(`  defaults priority = ${int(1, 5)};`);
  }
  if (chance(0.08)) {
    features.push("target-role stopped");
    addMeta(pick(site.placed), "target-role = Stopped");
  }
  if (chance(0.1)) {
    features.push("standby");
    cluster.push(`  attributes ${pick(site.hosts)} standby = on;`);
  }
  if (site.symmetric && site.plain.length > 0 && chance(0.25)) {
    features.push("ban from guest node");
    const p = pick(site.plain);
    const g = pick(site.guests);
    statements.push(`location ban-${p}-${g} for ${p} on ${g} -INFINITY;`);
  }
  let rename: ((text: string) => string) | undefined;
  if (chance(0.15)) {
    features.push("host names");
    const names = [...HOST_NAMES];
    for (let i = names.length - 1; i > 0; i--) {
      const j = Math.floor(d.r() * (i + 1));
      [names[i], names[j]] = [names[j]!, names[i]!];
    }
    const to = new Map(site.hosts.map((h, i) => [h, names[i]!]));
    rename = (text) => text.replace(/\bh[1-5]\b/g, (h) => to.get(h) ?? h);
  }
  if (chance(0.25)) {
    const id = pick(site.placed);
    const h = pick(site.hosts);
    const kind = int(0, 6);
    if (kind === 0) {
      features.push("rule #uname");
      statements.push(`location rule-${id} for ${id} { rule ${int(1, 500)} when "#uname" eq ${h}; }`);
      unpredicted.push(id);
    } else if (kind === 1) {
      features.push("rule attribute");
      cluster.push(`  attributes ${h} rack = ${int(1, 2)};`);
      statements.push(`location rack-${id} for ${id} { rule ${pick(["200", "-INFINITY"])} when rack eq 1; }`);
      unpredicted.push(id);
    } else if (kind === 2) {
      // Predicted: Started and Unpromoted apply to a primitive as if no role were given, Promoted never.
      features.push("location role");
      statements.push(`location role-${id} for ${id} ${pick(["Started", "Unpromoted", "Promoted"])} on ${h} ${pick(["-INFINITY", String(int(-300, 500))])};`);
    } else if (kind === 3) {
      // Predicted but for exclusive: always and never change where Pacemaker probes, not where it places.
      const mode = pick(["never", "exclusive", "always"]);
      features.push(`resource-discovery ${mode}`);
      statements.push(`location disc-${id} for ${id} discovery ${mode} on ${h} ${pick(["-INFINITY", "100"])};`);
      if (mode === "exclusive") unpredicted.push(id);
    } else if (kind === 4) {
      features.push("unmanaged");
      addMeta(id, "is-managed = false");
      unpredicted.push(id);
    } else if (kind === 5) {
      features.push("maintenance node");
      cluster.push(`  attributes ${h} maintenance = on;`);
      all = true;
    } else {
      features.push("defaults by rule");
      cluster.push(`  defaults when date gt 2020-01-01 { resource-stickiness = ${pick(["0", "100"])}; }`);
      all = true;
    }
  }
  if (chance(0.1) && site.placed.length > 1) {
    features.push("colocation node-attribute");
    const a = pick(site.placed);
    const b = pick(site.placed.filter((x) => x !== a));
    statements.push(`colocate ${a} with ${b} ${int(1, 500)} node-attribute rack named rack-${a}-${b};`);
    unpredicted.push(a, b);
  }
  return { cluster, statements, features, unpredicted, all, rename };
}

/** `from` and everything tied to it. */
function closure(from: readonly string[], ties: readonly [string, string][]): Set<string> {
  const out = new Set<string>();
  const stack = [...from];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (out.has(x)) continue;
    out.add(x);
    for (const [a, b] of ties) if (a === x) stack.push(b);
  }
  return out;
}
