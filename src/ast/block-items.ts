/** The readers of a block's items (`op`, `meta`, `ib`, ...), one per AST kind: tsc names a kind without one. */
import type { Span } from "../diagnostics/span.js";
import type * as C from "../syntax/cst.js";
import type { AstBuilder } from "./build.js";
import { readSetBody, ruleValue } from "./location.js";
import * as M from "./make.js";
import type * as A from "./types.js";

/** How a block item of each AST kind is read: the CST child its alternative starts with, and the reader. */
type BlockItemReaders = {
  readonly [K in A.BlockItem["kind"]]: {
    readonly start: keyof C.BlockItemCstChildren;
    /** `meta` opens its own item, an extra set (`attr-set`) or a parameter so named (`meta = V;`); `params`, a set or a parameter. */
    readonly read: (b: AstBuilder, c: C.BlockItemCstChildren, span: Span) => Extract<A.BlockItem, { kind: K | "attr-set" | "param" }> | undefined;
  };
};

/** The reader of each kind of block item: tsc names an AST kind without one. */
const BLOCK_ITEMS: BlockItemReaders = {
  config: { start: "Kw_config", read: (b, c, span) => valueItem(b, "config", c, span) },
  hypervisor: { start: "Kw_hypervisor", read: (b, c, span) => valueItem(b, "hypervisor", c, span) },
  description: {
    start: "Kw_description",
    read: (b, c, span) => {
      const value = ruleValue(b, c.ruleValue);
      return value ? { kind: "description", value, span } : undefined;
    },
  },
  ib: {
    start: "Kw_ib",
    read: (b, c, span) => {
      const host = b.name(b.tok(c.host));
      const slot = b.name(b.tok(c.slot));
      return host && slot ? { kind: "ib", host, slot, span } : undefined;
    },
  },
  op: { start: "opItem", read: (b, c) => b.op(b.node(c.opItem)!) },
  meta: {
    start: "Kw_meta",
    read: (b, c, span) => (c.attrSet ? attrSet(b, "meta", c, span) : c.metaEquals ? namedParam(b, c, span) : { kind: "meta", pairs: b.pairs(b.node(c.pairList)), span }),
  },
  "attr-set": {
    start: "Kw_params",
    read: (b, c, span) => {
      return c.attrSet ? attrSet(b, "params", c, span) : namedParam(b, c, span);
    },
  },
  utilization: { start: "Kw_utilization", read: (b, c, span) => ({ kind: "utilization", pairs: b.pairs(b.node(c.pairList)), span }) },
  shared: { start: "Kw_shared", read: (_b, _c, span) => ({ kind: "shared", span }) },
  "exact-ops": { start: "Kw_exact_ops", read: (_b, _c, span) => ({ kind: "exact-ops", span }) },
  mmp: { start: "Kw_mmp", read: (b, c, span) => M.mmp(b.name(b.tok(c.interval)), span) },
  section: {
    start: "section",
    read: (b, c, span) => {
      const sec = b.node(c.section)!;
      const name = b.name(b.tok(sec.children.name));
      return name ? { kind: "section", name, pairs: b.pairs(b.node(sec.children.pairList)), span } : undefined;
    },
  },
  param: {
    start: "itemPair",
    read: (b, c, span) => {
      const pair = b.pair(b.node(c.itemPair)!);
      return pair ? { kind: "param", pair, span } : undefined;
    },
  },
};

/** `meta|params [score N] [when ...] { ... }`, when the item is one. */
function attrSet(b: AstBuilder, which: "params" | "meta", c: C.BlockItemCstChildren, span: Span): A.AttrSetDecl | undefined {
  const keyword = b.name(b.tok(which === "meta" ? c.Kw_meta : c.Kw_params));
  const body = c.attrSet ? readSetBody(b, b.node(c.attrSet), span) : undefined;
  return keyword && body ? { kind: "attr-set", which, keyword, ...body } : undefined;
}

/** `params = VALUE;` or `meta = VALUE;`: a parameter of that name. */
function namedParam(b: AstBuilder, c: C.BlockItemCstChildren, span: Span): Extract<A.BlockItem, { kind: "param" }> | undefined {
  const key = b.name(b.tok(c.Kw_params ?? c.Kw_meta));
  const value = b.value(b.node(c.value));
  return key && value ? { kind: "param", pair: { key, value, span }, span } : undefined;
}

function valueItem<K extends "config" | "hypervisor">(b: AstBuilder, kind: K, c: C.BlockItemCstChildren, span: Span): { kind: K; value: A.Value; span: Span } | undefined {
  const value = b.value(b.node(c.value));
  return value ? { kind, value, span } : undefined;
}

export const BLOCK_ITEM_BY_START = new Map<PropertyKey, (b: AstBuilder, c: C.BlockItemCstChildren, span: Span) => A.BlockItem | undefined>(
  Object.values(BLOCK_ITEMS).map(({ start, read }) => [start, read]),
);
