#!/usr/bin/env bash
# hacc plan: site2.ha against start.xml (admin_epoch 0, epoch 3)
# 0 to add, 1 to change, 0 to remove; the ownership tag hacc-imported is written
#
# resources:
#   ~ primitive mongodb (systemd:mongod)
#       - op start 0s
# ownership:
#   + tag hacc-imported: `mongodb`
#
# ownership: the site owns what hacc-imported lists (not in the live CIB yet: the site owns what it declares) and what it declares; the plan changes and deletes nothing else.
#   taken over (declared by the site, in the live CIB, not yet in hacc-imported): mongodb
#
# bash THIS_SCRIPT CIBFILE  applies the plan to that CIB file and pushes nothing (to review it);
# bash THIS_SCRIPT          applies it to the live cluster: a copy of the CIB is changed (pcs -f) and
#                           checked with crm_verify, then pushed once, and Pacemaker refuses the
#                           push if the CIB changed since the copy was taken.
set -euo pipefail

die() { printf 'hacc plan: %s\n' "$*" >&2; exit 1; }
file="${1:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "$file" ]; then
  cp -- "$file" "$work/orig.xml"
else
  pcs cluster cib "$work/orig.xml" || die "cannot read the live CIB (is the cluster running here, and are you root?)"
fi
cp "$work/orig.xml" "$work/new.xml"

# The plan holds for the CIB it was made against; a CIB changed since needs a new plan.
planned=0:3
cibtag="$(grep -m1 -o '<cib [^>]*>' "$work/orig.xml" || true)"
found="$(printf '%s' "$cibtag" | sed -n 's/.* admin_epoch="\([0-9]*\)".*/\1/p'):$(printf '%s' "$cibtag" | sed -n 's/.* epoch="\([0-9]*\)".*/\1/p')"
[ "$found" = "$planned" ] || die "the CIB is at admin_epoch:epoch $found, but this plan was made against $planned; run hacc plan again"

cib="$work/new.xml"
# Runs one pcs command against the CIB copy; a failure stops everything.
pcs_f() { pcs -f "$cib" "$@" || die "this step failed: pcs -f CIB $(printf '%q ' "$@")"; }
# Runs one Pacemaker tool on the CIB copy, for what pcs cannot say (a location's role, say).
cib_f() { CIB_file="$cib" "$@" || die "this step failed: CIB_file=CIB $(printf '%q ' "$@")"; }

configure() {
  # Changed: primitive mongodb
  pcs_f resource op delete mongodb-name-start-timeout-120s
  # The ownership tag hacc-imported: every resource and constraint of the site (hacc plan reads it; pcs tag shows it).
  # pcs cannot tag a constraint, so Pacemaker's cibadmin writes it into the copy.
  CIB_file="$cib" cibadmin --modify --xml-pipe <<'HACC_TAG' || die 'cannot write the ownership tag hacc-imported'
<configuration>
  <tags>
    <tag id="hacc-imported">
      <obj_ref id="mongodb"/>
    </tag>
  </tags>
</configuration>
HACC_TAG
}
configure

# crm_verify must find no error; warnings are shown (a removed resource that still runs is an "orphan" until stopped).
verify_rc=0; verify="$(crm_verify -V --xml-file "$work/new.xml" 2>&1)" || verify_rc=$?
if [ "$verify_rc" -ne 0 ]; then
  printf '%s\n' "$verify" >&2
  if printf '%s' "$verify" | grep -Eq 'error:|Errors found'; then die "crm_verify rejects the result; nothing was applied"; fi
fi
if [ -n "$file" ]; then
  cp -- "$work/new.xml" "$file"
  echo "hacc plan: applied to $file"
else
  pcs cluster cib-push "$work/new.xml" diff-against="$work/orig.xml" || die "pcs refused the push (did the CIB change meanwhile?); the cluster is unchanged"
  echo "hacc plan: pushed to the live cluster"
fi
