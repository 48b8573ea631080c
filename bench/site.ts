/**
 * A generator of realistic `.ha` sites of any size, in the seed's shape: I/O
 * servers in failover pairs, each pair hosting a few KVM guests that prefer
 * one host of the pair and fail over to the other, InfiniBand VFs passed
 * through to every guest, an lwfsd daemon inside each guest, one Lustre
 * target per guest on the pair's shared array (`shared; mmp 60s;`), an
 * optional order from each target to its lwfsd, and a colocation keeping
 * neighbouring guests apart.
 *
 * The VF plan respects the slot rules: the guests of one pair may all land on
 * either host, so together they claim at most `vfLimit` distinct host VFs;
 * guests of different pairs never share a host, so they reuse the same PCI
 * addresses on their own hosts.
 */

export interface SiteOptions {
  /** How many guests. */
  readonly guests: number;
  /** Guests per host pair (default 4: two preferring each host, as the seed's 2 per pair doubled). */
  readonly guestsPerPair?: number;
  /** InfiniBand VFs per guest (default 2, as in the seed). */
  readonly vfsPerGuest?: number;
  /** SR-IOV VFs per host HCA (default 8, the seed's Mellanox HCAs). */
  readonly vfLimit?: number;
  /** Emit `order TARGET then lwfsd-GUEST optional;` per guest (default true). */
  readonly orders?: boolean;
  /**
   * How hosts back each other up (default `pair`): `pair`, failover pairs as
   * above; `chain`, two guests per host, each failing over to the next host
   * (the last host's to the one before it), so the whole site is one part;
   * `spare`, two guests per host, every host failing over to one shared spare
   * (N+1). In `chain` and `spare` guests of neighbouring hosts never meet with
   * one host down, so the VF plan fits: alternate VF blocks along the chain,
   * the same VFs on every host of an N+1 site; `ring`, as `chain` but the
   * last host's guests fail over to the first, on an even number of hosts
   * (so alternate VF blocks never meet), its guests spread evenly.
   */
  readonly shape?: "pair" | "chain" | "spare" | "ring";
}

/** What a generated site holds, for checking the compiled output against. */
export interface SiteShape {
  readonly text: string;
  readonly hosts: number;
  readonly guests: number;
  /** Primitives in the CIB: a VM, an lwfsd and a Lustre target per guest. */
  readonly primitives: number;
  /** Constraints in the CIB, as hacc lowers this site. */
  readonly constraints: number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** Generates a site of `opts.guests` guests; the same options give the same text. */
export function generateSite(opts: SiteOptions): SiteShape {
  if (opts.shape === "chain" || opts.shape === "spare" || opts.shape === "ring") return generateShared(opts, opts.shape);
  const perPair = opts.guestsPerPair ?? 4;
  const vfs = opts.vfsPerGuest ?? 2;
  const vfLimit = opts.vfLimit ?? 8;
  const orders = opts.orders ?? true;
  if (!Number.isInteger(opts.guests) || opts.guests < 1) throw new RangeError("guests must be a positive whole number");
  if (perPair < 1 || vfs < 1 || perPair * vfs > vfLimit) {
    throw new RangeError(`${perPair} guests of ${vfs} VFs each need more than the ${vfLimit} VFs of a host`);
  }
  if (vfs > 24) throw new RangeError("at most 24 VFs per guest (guest slots 00:05.0 to 00:1c.0)");
  const pairs = Math.ceil(opts.guests / perPair);
  const hosts = pairs * 2;
  const w = Math.max(3, String(hosts).length);
  const host = (i: number) => `nio${pad(i + 1, w)}`;
  const out: string[] = [];
  const nodeNames = Array.from({ length: hosts }, (_, i) => host(i));

  out.push(`# A generated site: ${opts.guests} guests on ${hosts} I/O servers in ${pairs} failover pairs.`);
  header(out, nodeNames, vfLimit);

  let guests = 0;
  let constraints = 0;
  for (let p = 0; p < pairs; p++) {
    const a = host(2 * p);
    const b = host(2 * p + 1);
    const inPair = Math.min(perPair, opts.guests - guests);
    const names: string[] = [];
    out.push(``);
    out.push(`# Pair ${a} / ${b}: one shared array, ${inPair} guests.`);
    for (let k = 0; k < inPair; k++) {
      const name = `v${a}-${k + 1}`;
      names.push(name);
      const [first, second] = k % 2 === 0 ? [a, b] : [b, a];
      // This guest's VFs are the same on both hosts of the pair.
      constraints += guestLines(out, name, first, second, k * vfs, vfs, orders);
      guests++;
    }
    for (let k = 1; k < names.length; k += 2) {
      out.push(`colocate vm-${names[k]} with vm-${names[k - 1]} -50;`);
      constraints++;
    }
  }
  return { text: out.join("\n") + "\n", hosts, guests, primitives: 3 * guests, constraints };
}

/** The cluster block of a generated site. */
function header(out: string[], nodeNames: readonly string[], vfLimit: number): void {
  out.push(`cluster bench {`);
  for (let i = 0; i < nodeNames.length; i += 16) out.push(`  nodes ${nodeNames.slice(i, i + 16).join(", ")};`);
  out.push(``);
  out.push(`  property stonith-enabled = false;`);
  out.push(`  property symmetric-cluster = false;`); // opt-in, as the seed: a guest may run only on its pair
  out.push(`  property no-quorum-policy = stop;`);
  out.push(`  property start-failure-is-fatal = false;`);
  out.push(`  defaults migration-threshold = 5, failure-timeout = 10s;`);
  out.push(`  guest-defaults {`);
  out.push(`    config "/root/{guest}.xml";`);
  out.push(`  }`);
  out.push(`  vf-limit ${vfLimit};`);
  out.push(`}`);
}

/**
 * One guest of a generated site, its lwfsd and its Lustre target, preferring
 * `first`, then `second`; its `vfs` VFs are numbered from `firstVf`. Returns
 * the constraints this lowers to: 2 locations for the VM, 1 for lwfsd and its
 * start order, 2 locations for the target, and the optional order.
 */
function guestLines(out: string[], name: string, first: string, second: string, firstVf: number, vfs: number, orders: boolean): number {
  out.push(`guest ${name} on ${first} prefer 500, ${second} 100 {`);
  for (let v = 0; v < vfs; v++) {
    const vf = firstVf + v;
    out.push(`  ib 0000:82:${((vf >> 3) + 1).toString(16).padStart(2, "0")}.${vf & 7} at 00:${(5 + v).toString(16).padStart(2, "0")}.0;`);
  }
  out.push(`  op start timeout 900s;`);
  out.push(`  utilization memory = 65536, vcpus = 16;`);
  out.push(`}`);
  out.push(`lwfsd on ${name} after vm;`);
  const ost = `ost-${name}`;
  out.push(`resource ${ost} ocf:lustre:Lustre {`);
  out.push(`  target = "/dev/mapper/${ost}";`);
  out.push(`  mountpoint = "/lustre/${ost}";`);
  out.push(`  shared;`);
  out.push(`  mmp 60s;`);
  out.push(`} on ${first} prefer 500, ${second} 100;`);
  if (orders) out.push(`order ${ost} then lwfsd-${name} optional;`);
  return 2 + 1 + 1 + 2 + (orders ? 1 : 0);
}

/**
 * The `chain`, `spare` and `ring` shapes (see `SiteOptions.shape`): at most
 * two guests of two VFs per host.
 */
function generateShared(opts: SiteOptions, shape: "chain" | "spare" | "ring"): SiteShape {
  const orders = opts.orders ?? true;
  if (!Number.isInteger(opts.guests) || opts.guests < 1) throw new RangeError("guests must be a positive whole number");
  const perHost = 2;
  const vfs = 2;
  const filled = Math.max(2, Math.ceil(opts.guests / perHost));
  // A ring needs an even number of hosts, so that the two VF blocks alternate all the way round.
  const loaded = shape === "ring" ? filled + (filled % 2) : filled;
  const hosts = shape === "spare" ? loaded + 1 : loaded;
  const w = Math.max(3, String(hosts).length);
  const host = (i: number) => `nio${pad(i + 1, w)}`;
  const nodeNames = Array.from({ length: hosts }, (_, i) => host(i));
  const out: string[] = [];
  out.push(
    shape === "chain"
      ? `# A generated site: ${opts.guests} guests on ${hosts} I/O servers in a chain, each host's guests failing over to the next.`
      : shape === "ring"
        ? `# A generated site: ${opts.guests} guests on ${hosts} I/O servers in a ring, each host's guests failing over to the next, the last host's to the first.`
        : `# A generated site: ${opts.guests} guests on ${loaded} I/O servers, all failing over to the spare ${host(loaded)}.`,
  );
  header(out, nodeNames, 8);
  // A ring spreads its guests evenly (so every host has one and the ring closes); the others fill hosts in order.
  const onHost = (h: number) =>
    shape === "ring" ? Math.floor(opts.guests / loaded) + (h < opts.guests % loaded ? 1 : 0) : Math.min(perHost, opts.guests - perHost * h);
  let guests = 0;
  let constraints = 0;
  for (let h = 0; h < loaded && guests < opts.guests; h++) {
    const first = host(h);
    const next = shape === "ring" ? host((h + 1) % loaded) : h + 1 < loaded ? host(h + 1) : host(h - 1);
    const second = shape === "spare" ? host(loaded) : next;
    const names: string[] = [];
    out.push(``);
    for (let k = 0; k < onHost(h); k++) {
      const name = `v${first}-${k + 1}`;
      names.push(name);
      // A chain or ring alternates two blocks of VFs from host to host; an N+1 site uses the same VFs everywhere.
      const block = shape === "spare" ? 0 : (h % 2) * perHost * vfs;
      constraints += guestLines(out, name, first, second, block + k * vfs, vfs, orders);
      guests++;
    }
    if (names.length === 2) {
      out.push(`colocate vm-${names[1]} with vm-${names[0]} -50;`);
      constraints++;
    }
  }
  return { text: out.join("\n") + "\n", hosts, guests, primitives: 3 * guests, constraints };
}
