import { VERIFY_ERRORS } from "../../emit/pcs/frame.js";
import { shellComment, shellQuote } from "../../util/shell.js";

/** How a plan script takes its copy of the CIB and gives the result back. */
export interface ScriptFrame {
  /** Shell lines that write the live CIB to "$work/orig.xml". */
  readonly query: readonly string[];
  /** Shell lines that push "$work/new.xml" to the live cluster, against "$work/orig.xml". */
  readonly push: readonly string[];
}

/** The top of every plan script: the readable plan as comments, how to run it. */
export function scriptHead(comment: readonly string[], tool: string): string[] {
  const out = ["#!/usr/bin/env bash"];
  for (const l of comment) out.push(l === "" ? "#" : `# ${shellComment(l)}`);
  out.push(
    "#",
    "# bash THIS_SCRIPT CIBFILE  applies the plan to that CIB file and pushes nothing (to review it);",
    `# bash THIS_SCRIPT          applies it to the live cluster: a copy of the CIB is changed (${tool}) and`,
    "#                           checked with crm_verify, then pushed once, and Pacemaker refuses the",
    "#                           push if the CIB changed since the copy was taken.",
    "set -euo pipefail",
    "",
  );
  return out;
}

/**
 * Runs one command on the copy. CIB_file is set for that command only, so the
 * live CIB (or the caller's own CIB_file, e.g. a test's) is what the script
 * queries and pushes to.
 */
export const ON_COPY = ['on_copy() { CIB_file="$work/new.xml" "$@"; }'];

/** What an empty plan's script does: nothing. */
/**
 * The frame of the scripts that change a copy of the CIB with Pacemaker's
 * own tools (cibadmin, crmsh): read the live CIB with cibadmin, and push only
 * the difference back as a patch, so a CIB changed meanwhile is refused.
 */
export const CIBADMIN_FRAME: ScriptFrame = {
  query: ['cibadmin --query > "$work/orig.xml" || die "cannot read the live CIB (is the cluster running here, and are you root?)"'],
  push: [
    'rc=0; crm_diff --original "$work/orig.xml" --new "$work/new.xml" > "$work/patch.xml" || rc=$?',
    '[ "$rc" -le 1 ] || die "crm_diff failed"',
    'cibadmin --patch --xml-file "$work/patch.xml" || die "Pacemaker refused the patch (did the CIB change meanwhile?); the cluster is unchanged"',
  ],
};

export const NOTHING = ['echo "hacc plan: no changes; nothing to apply"', "exit 0"];

/** Takes the copy and checks it is the CIB the plan was made against. */
export function scriptStart(frame: ScriptFrame, planned: { readonly adminEpoch: string; readonly epoch: string } | undefined): string[] {
  const out = [
    'die() { printf \'hacc plan: %s\\n\' "$*" >&2; exit 1; }',
    'file="${1:-}"',
    'work="$(mktemp -d)"',
    "trap 'rm -rf \"$work\"' EXIT",
    'if [ -n "$file" ]; then',
    '  cp -- "$file" "$work/orig.xml"',
    "else",
    ...frame.query.map((l) => `  ${l}`),
    "fi",
    'cp "$work/orig.xml" "$work/new.xml"',
  ];
  if (planned) {
    out.push(
      "",
      "# The plan holds for the CIB it was made against; a CIB changed since needs a new plan.",
      `planned=${shellQuote(`${planned.adminEpoch}:${planned.epoch}`)}`,
      'cibtag="$(grep -m1 -o \'<cib [^>]*>\' "$work/orig.xml" || true)"',
      'found="$(printf \'%s\' "$cibtag" | sed -n \'s/.* admin_epoch="\\([0-9]*\\)".*/\\1/p\'):$(printf \'%s\' "$cibtag" | sed -n \'s/.* epoch="\\([0-9]*\\)".*/\\1/p\')"',
      '[ "$found" = "$planned" ] || die "the CIB is at admin_epoch:epoch $found, but this plan was made against $planned; run hacc plan again"',
    );
  }
  return out;
}

/** Checks the copy with crm_verify, then writes it back to the file or pushes it. */
export function scriptEnd(frame: ScriptFrame): string[] {
  return [
    "",
    "# crm_verify must find no error; warnings are shown (a removed resource that still runs is an \"orphan\" until stopped).",
    'verify_rc=0; verify="$(crm_verify -V --xml-file "$work/new.xml" 2>&1)" || verify_rc=$?',
    'if [ "$verify_rc" -ne 0 ]; then',
    "  printf '%s\\n' \"$verify\" >&2",
    `  if printf '%s' "$verify" | grep -Eq '${VERIFY_ERRORS}'; then die "crm_verify rejects the result; nothing was applied"; fi`,
    "fi",
    'if [ -n "$file" ]; then',
    '  cp -- "$work/new.xml" "$file"',
    '  echo "hacc plan: applied to $file"',
    "else",
    ...frame.push.map((l) => `  ${l}`),
    '  echo "hacc plan: pushed to the live cluster"',
    "fi",
  ];
}

/** A here-document delimiter (`base`, `base_2`, ...) that no line of `text` equals. */
export function hereDelimiter(text: string, base: string): string {
  const lines = new Set(text.split("\n"));
  let d = base;
  for (let i = 2; lines.has(d); i++) d = `${base}_${i}`;
  return d;
}
