/**
 * Small generated sites for holding the N-1 prediction to crm_simulate: a few
 * hosts, a few guests each, every guest with a first host and one or two
 * failover hosts, some guests kept apart by negative colocations.
 */

import { seededRandom } from "../helpers.js";

export interface GenOptions {
  readonly hosts: number;
  readonly guestsPerHost: number;
  readonly seed: number;
  /** Add `utilization` to guests and hosts. */
  readonly capacity?: boolean;
  /** Colocations between guests (negative finite scores). */
  readonly colocations?: boolean;
  readonly symmetric?: boolean;
  /** `placement-strategy` (Pacemaker then enforces the capacities). */
  readonly strategy?: string;
}

/** A site text and its guests' names. */
export function generate(o: GenOptions): { text: string; guests: string[]; hosts: string[] } {
  const r = seededRandom(o.seed);
  const hosts = Array.from({ length: o.hosts }, (_, i) => `h${i + 1}`);
  const lines = [
    "cluster gen {",
    `  nodes ${hosts.join(", ")};`,
    "  property stonith-enabled = false;",
    `  property symmetric-cluster = ${o.symmetric ? "true" : "false"};`,
  ];
  if (o.strategy) lines.push(`  property placement-strategy = ${o.strategy};`);
  if (o.capacity) for (const h of hosts) lines.push(`  utilization ${h} memory = ${65536 * (2 + Math.floor(r() * 3))}, vcpus = 64;`);
  lines.push("}");
  const guests: string[] = [];
  for (let h = 0; h < o.hosts; h++) {
    for (let k = 0; k < o.guestsPerHost; k++) {
      const g = `g${h + 1}x${k + 1}`;
      guests.push(g);
      const others = hosts.filter((_, i) => i !== h);
      const n = 1 + Math.floor(r() * Math.min(2, others.length));
      const picks: string[] = [];
      while (picks.length < n) {
        const c = others[Math.floor(r() * others.length)]!;
        if (!picks.includes(c)) picks.push(c);
      }
      const entries = [`${hosts[h]} prefer ${400 + Math.floor(r() * 200)}`, ...picks.map((p) => `${p} ${10 + Math.floor(r() * 300)}`)];
      const util = o.capacity ? ` {\n  utilization memory = ${16384 * (1 + Math.floor(r() * 4))}, vcpus = 8;\n}` : ";";
      lines.push(`guest ${g} on ${entries.join(", ")}${util}`);
    }
  }
  if (o.colocations) {
    for (let i = 1; i < guests.length; i += 2) {
      const j = Math.floor(r() * i);
      lines.push(`colocate vm-${guests[i]} with vm-${guests[j]} -${10 + Math.floor(r() * 200)};`);
    }
  }
  return { text: lines.join("\n") + "\n", guests, hosts };
}
