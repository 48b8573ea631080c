/**
 * A seeded random site for the differential test against crm_simulate,
 * written in the `.ha` language as docs/language.md describes it. Small on
 * purpose (crm_simulate is slow): 2-5 hosts, 2-8 guests, up to 3 plain
 * resources on the hosts and up to 2 resources inside guests. Location
 * scores run from -INFINITY to INFINITY (negative ones included); colocations
 * of both signs, finite and mandatory; symmetric and opt-in clusters;
 * resource-stickiness 0, 100 or INFINITY (as a default or per resource); and
 * utilization with each placement-strategy (default, utilization, minimal,
 * balanced); mandatory and optional orders between the placed resources.
 * The same seed gives the same text.
 */

import { seededRandom } from "../seeded.js";

export interface GeneratedSite {
  readonly seed: number;
  readonly text: string;
  readonly hosts: readonly string[];
  readonly guests: readonly string[];
  /** The resources hacc must predict: every guest's VM and every plain resource on the hosts. */
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

  const items = (): string => {
    const out: string[] = [];
    const s = stickiness();
    if (s !== undefined) out.push(`meta resource-stickiness = ${s};`);
    if (capacity) out.push(`utilization memory = ${1024 * int(1, 4)}, vcpus = ${int(1, 4)};`);
    return out.length === 0 ? "" : ` { ${out.join(" ")} }`;
  };
  for (const g of guests) lines.push(`guest ${g} on ${where()}${items() || ";"}`);
  for (const p of plain) {
    const body = items();
    lines.push(`resource ${p} ocf:heartbeat:Dummy${body} on ${where()};`);
  }
  if (plain.length > 0) features.push("plain");

  // Resources inside guests: hacc does not predict them; the harness counts them.
  const inGuest = int(0, 2);
  for (let i = 1; i <= inGuest; i++) lines.push(`resource s${i} ocf:pacemaker:Dummy on ${pick(guests)};`);
  if (inGuest > 0) features.push("in-guest");

  // Colocations between the predicted resources, both signs, finite and mandatory.
  const placed = [...guests.map((g) => `vm-${g}`), ...plain];
  const seen = new Set<string>();
  const colocations = int(0, Math.min(4, placed.length));
  for (let i = 0; i < colocations; i++) {
    const a = pick(placed);
    const b = pick(placed);
    if (a === b || seen.has(`${a} ${b}`) || seen.has(`${b} ${a}`)) continue;
    seen.add(`${a} ${b}`);
    const x = r();
    const s = x < 0.15 ? "INFINITY" : x < 0.3 ? "-INFINITY" : x < 0.65 ? String(-int(1, 1000)) : String(int(1, 1000));
    features.push(s.includes("INFINITY") ? `colocation ${s}` : s.startsWith("-") ? "colocation negative" : "colocation positive");
    lines.push(`colocate ${a} with ${b} ${s};`);
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
      lines.push(`order ${rank[x]} then ${rank[y]}${optional ? " optional" : ""};`);
    }
  }
  return { seed, text: lines.join("\n") + "\n", hosts, guests, mustPredict: placed, features: [...new Set(features)] };
}
