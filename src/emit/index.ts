import type { Result } from "../diagnostics/diagnostic.js";
import type { Cib, Constraint, Origins } from "../ir/types.js";
import type { TextSink } from "./text.js";
import type { OwnerTag } from "./owner.js";
import { emitCibFragment, emitCibFull } from "./cib/cib.js";
import { unfencedWholeCib } from "./cib/unfenced.js";
import { emitCrmsh } from "./crmsh/crmsh.js";
import { emitPcs } from "./pcs/pcs.js";

/** Options every emitter receives; each reads the ones that concern it. */
export interface EmitOptions {
  /** cib: a whole `<cib>` document rather than the `<configuration>` fragment. */
  readonly full?: boolean;
  /** pcs: the dialect, "0.9" | "0.10" | "0.11". */
  readonly pcsVersion?: string;
  /** The site's file name, for a header comment where the target has comments. */
  readonly sourceName?: string;
  /**
   * Where the text goes, a chunk at a time as it is made, instead of being
   * returned (the result's value is then ""): a large site's output need not
   * be held whole. The text is not valid when the result has errors, so a
   * consumer must be able to throw away what it was given.
   */
  readonly sink?: TextSink;
  /**
   * The ownership tag to write (see owner.ts): by default the site's own,
   * listing every resource and constraint of the IR; `null` writes none (a
   * plan writes the whole site's tag itself).
   */
  readonly ownerTag?: OwnerTag | null;
  /** pcs: more names constraints may use for several resources (a plan's tags and templates, which its IR does not carry). */
  readonly standIns?: readonly string[];
  /** pcs: locations (by id) to add with cibadmin, as `pcs constraint location add` would replace the live one named (same resource and node). */
  readonly beside?: ReadonlyMap<string, string>;
  /** pcs: constraints the CIB already holds when these are added (a plan's live ones that stay): pcs compares a new order, colocation or ticket with them. */
  readonly existing?: readonly Constraint[];
  /** Where the site declares each object (`analyze`'s origins): a diagnostic points there; without it, at the file's start. */
  readonly origins?: Origins;
  /** pcs: ids of templates the CIB has beyond the IR's own (a plan's, whose sub-IR carries none). */
  readonly templateIds?: ReadonlySet<string>;
}

/**
 * An emitter prints the IR for one target. A value or feature the target
 * cannot carry is a diagnostic (5xxx), never silently dropped; the text is
 * used only when there are no errors.
 */
export type Emitter = (cib: Cib, opts: EmitOptions) => Result<string>;

/** The targets, by the name `--target` takes. Add a target here and nowhere else. */
export const EMITTERS: Readonly<Record<string, Emitter>> = {
  cib: (cib, opts) =>
    opts.full
      ? { value: emitCibFull(cib, opts.sink, opts.ownerTag), diagnostics: unfencedWholeCib(cib, opts.sourceName, opts.origins) }
      : { value: emitCibFragment(cib, opts.sink, opts.ownerTag), diagnostics: [] },
  pcs: (cib, opts) => emitPcs(cib, opts),
  crmsh: (cib, opts) => emitCrmsh(cib, opts),
};
