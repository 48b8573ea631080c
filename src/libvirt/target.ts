import type { Result } from "../diagnostics/diagnostic.js";
import type { SiteModel } from "../check/model.js";
import { hostdevFiles } from "./hostdev.js";

/**
 * Directory targets live here, beside the libvirt code, not in emit/: emit/
 * prints the IR, and what a directory target writes is not Pacemaker
 * configuration (see test/layout/imports.test.ts). The CLI offers both tables
 * under `--target`.
 */

/** What a directory target reads besides the site. */
export interface DirectoryOptions {
  /** The site's file name, for a header comment. */
  readonly sourceName?: string;
}

/** One file of a directory target: its path under the directory (`/`-separated) and its text. */
export interface TargetFile {
  readonly path: string;
  readonly text: string;
}

/**
 * A target that is not a printing of the IR but a directory of files made
 * from the site model (`--target NAME -o DIR`): what it writes is not
 * Pacemaker configuration, so the IR, which mirrors the CIB, does not carry
 * it (the libvirt target's VFs live in the site model, where the VF checks
 * read them).
 */
export type DirectoryEmitter = (site: SiteModel, opts: DirectoryOptions) => Result<readonly TargetFile[]>;

/** The directory targets, by the name `--target` takes. Add one here and nowhere else. */
export const DIRECTORY_EMITTERS: Readonly<Record<string, DirectoryEmitter>> = {
  libvirt: (site, opts) => ({ value: hostdevFiles(site.guests, opts.sourceName), diagnostics: [] }),
};
