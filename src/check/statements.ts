import type * as A from "../ast/types.js";

/** A statement of one kind. */
export type StatementOf<K extends A.Statement["kind"]> = Extract<A.Statement, { kind: K }>;

/**
 * What a pass does with each kind of statement: one entry per kind, so a new
 * kind in src/ast/types.ts makes tsc name every pass that must handle it.
 */
export type StatementHandlers<C> = { readonly [K in A.Statement["kind"]]: (ctx: C, s: StatementOf<K>) => void };

/** Runs the handler of `s`'s kind. */
export function dispatch<C>(handlers: StatementHandlers<C>, ctx: C, s: A.Statement): void {
  (handlers[s.kind] as (ctx: C, s: A.Statement) => void)(ctx, s);
}

/** The handler of a kind a pass has nothing to do with. */
export function nothing(): void {}
