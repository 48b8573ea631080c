/**
 * The end of a switch over a union that grows (resource, constraint and
 * statement kinds): `default: return unreachable(x)`. When a kind is added
 * and a switch does not handle it, `tsc` names that switch.
 */
export function unreachable(x: never): never {
  throw new Error(`unhandled kind: ${JSON.stringify((x as { kind?: unknown }).kind)}`);
}
