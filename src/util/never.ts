/**
 * The end of a switch over a union that grows (resource, constraint and
 * statement kinds): `default: return unreachable(x)`, with `x` the object
 * or its kind. When a kind is added and a switch does not handle it, `tsc`
 * names that switch.
 */
export function unreachable(x: never): never {
  const kind: unknown = typeof x === "string" ? x : (x as { kind?: unknown }).kind;
  throw new Error(`unhandled kind: ${JSON.stringify(kind)}`);
}
