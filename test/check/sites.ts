/** A symmetric cluster of three nodes (HEADER's is opt-in). */
export const SYM = "cluster c {\n  nodes n1, n2, n3;\n}\n";
/** The N-1 check's warnings (a guest pinned to one host is one), which the other rules' tests are not about. */
export const notN1 = (d: { code: string }): boolean => !["HA4011", "HA4012", "HA4013"].includes(d.code);
