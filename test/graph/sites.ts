/**
 * Storage sites of any size for the picture tests, in the example's shape:
 * host `nNN` runs guest `vNN` (with lwfsd inside) and Lustre target `ostNN`;
 * each guest and target may fail over to the next host, except every fourth
 * guest, pinned to its own host (it stops when that host fails); neighbouring
 * guests keep apart (-50).
 */
export function storageSite(hosts: number, opts: { symmetric?: boolean } = {}): string {
  const n = (i: number) => `n${String((i % hosts) + 1).padStart(2, "0")}`;
  const lines = [
    `cluster site${hosts} {`,
    `  nodes ${Array.from({ length: hosts }, (_, i) => n(i)).join(", ")};`,
    "  property stonith-enabled = false;",
    `  property symmetric-cluster = ${opts.symmetric ? "true" : "false"};`,
    "  defaults migration-threshold = 1;",
    "}",
    "",
  ];
  for (let i = 0; i < hosts; i++) {
    const id = String(i + 1).padStart(2, "0");
    const pinned = i % 4 === 3;
    lines.push(`guest v${id} on ${n(i)} prefer 500${pinned ? "" : `, ${n(i + 1)} 100`};`);
    lines.push(`lwfsd on v${id} after vm;`);
    lines.push(`resource ost${id} ocf:lustre:Lustre {`, `  target = "/dev/disk/by-id/ost${id}";`, `  mountpoint = "/lustre/ost${id}";`, "  shared;", "  mmp 60s;", `} on ${n(i)} prefer 500, ${n(i + 1)} 100;`);
    lines.push(`order ost${id} then lwfsd-v${id} optional;`);
    if (i > 0) lines.push(`colocate vm-v${id} with vm-v${String(i).padStart(2, "0")} -50;`);
    lines.push("");
  }
  return lines.join("\n");
}

/**
 * The shape a reviewer drew at 12 hosts (issue 16): host `hN` runs guest `gN`
 * (lwfsd inside), failing over to the next host; every other host also runs
 * a Lustre target ordered before that host's lwfsd; no colocations. When
 * `h1` fails, its guest and its target both move to `h2`: two "moved from
 * h1" lines from one host to the same place.
 */
export function pairedSite(hosts: number): string {
  const h = (i: number) => `h${(i % hosts) + 1}`;
  const lines = [`cluster paired${hosts} {`, `  nodes ${Array.from({ length: hosts }, (_, i) => h(i)).join(", ")};`, "  property stonith-enabled = false;", "  property symmetric-cluster = false;", "}", ""];
  for (let i = 0; i < hosts; i++) {
    lines.push(`guest g${i + 1} on ${h(i)} prefer 500, ${h(i + 1)} 100;`, `lwfsd on g${i + 1} after vm;`);
    if (i % 2 === 0) {
      lines.push(`resource ost${i} ocf:lustre:Lustre {`, `  target = "/dev/sd${String.fromCharCode(97 + i)}";`, `  mountpoint = "/lustre/ost${i}";`, "  shared;", "  mmp 60s;", `} on ${h(i)} prefer 500, ${h(i + 1)} 100;`);
      lines.push(`order ost${i} then lwfsd-g${i + 1} optional;`);
    }
  }
  return lines.join("\n") + "\n";
}
