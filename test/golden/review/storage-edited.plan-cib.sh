#!/usr/bin/env bash
# hacc plan: test/review/sites/storage-edited.ha against test/review/sites/storage-live.xml (admin_epoch 0, epoch 8)
# 3 to add, 2 to change, 8 to remove; the ownership tag hacc-clustre is updated
#
# properties:
#   ~ no-quorum-policy: stop -> freeze
# resources:
#   + primitive ip-mgmt (ocf:heartbeat:IPaddr2)
#       + param ip = 10.0.0.5
#       + param cidr_netmask = 24
#       + op start 0s (timeout 20s)
#       + op stop 0s (timeout 20s)
#       + op monitor 10s (timeout 20s)
#   - primitive lwfsd-vnio006 (ocf:heartbeat:lwfsd)
#   - primitive vm-vnio006 (ocf:heartbeat:VirtualDomain, guest node vnio006)
# constraints:
#   ~ location ost0 on nio006: 100 -> 200
#   + location ip-mgmt on nio005: 100
#   + location ip-mgmt on nio006: 50
#   - colocation vm-vnio006 with vm-vnio005: -50
#   - location lwfsd-vnio006 on vnio006: INFINITY
#   - location vm-vnio006 on nio005: 100
#   - location vm-vnio006 on nio006: 500
#   - order ost1 then lwfsd-vnio006 (optional)
#   - order vm-vnio006 then lwfsd-vnio006
# ownership:
#   ~ tag hacc-clustre, adds `ip-mgmt`, `location-ip-mgmt-nio005`, `location-ip-mgmt-nio006`, drops `vm-vnio006`, `lwfsd-vnio006`, `location-vm-vnio006-nio006`, `location-vm-vnio006-nio005`, `location-lwfsd-vnio006-vnio006`, `order-vm-vnio006-lwfsd-vnio006`, `order-ost1-lwfsd-vnio006`, `colocation-vm-vnio006-vm-vnio005`
#
# removal: when the change is pushed, Pacemaker stops every removed resource that is running.
#   To stop them first and watch: pcs resource disable lwfsd-vnio006 vm-vnio006 --wait
#   (crmsh: crm resource stop lwfsd-vnio006 vm-vnio006), then apply the plan.
#   Guest node vnio006 goes with vm-vnio006; afterwards `crm_node --force --remove vnio006` clears its leftover node state.
#
# bash THIS_SCRIPT CIBFILE  applies the plan to that CIB file and pushes nothing (to review it);
# bash THIS_SCRIPT          applies it to the live cluster: a copy of the CIB is changed (cibadmin) and
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
  cibadmin --query > "$work/orig.xml" || die "cannot read the live CIB (is the cluster running here, and are you root?)"
fi
cp "$work/orig.xml" "$work/new.xml"

# The plan holds for the CIB it was made against; a CIB changed since needs a new plan.
planned=0:8
cibtag="$(grep -m1 -o '<cib [^>]*>' "$work/orig.xml" || true)"
found="$(printf '%s' "$cibtag" | sed -n 's/.* admin_epoch="\([0-9]*\)".*/\1/p'):$(printf '%s' "$cibtag" | sed -n 's/.* epoch="\([0-9]*\)".*/\1/p')"
[ "$found" = "$planned" ] || die "the CIB is at admin_epoch:epoch $found, but this plan was made against $planned; run hacc plan again"

on_copy() { CIB_file="$work/new.xml" "$@"; }

# Deletions
on_copy cibadmin --delete --xpath '/cib/configuration/tags/tag[@id="hacc-clustre"]'   # the ownership tag hacc-clustre, written again below
on_copy cibadmin --delete --xpath '/cib/configuration/constraints/rsc_location[@id="location-ost0-nio006"]'   # constraint location-ost0-nio006
on_copy cibadmin --delete --xpath '/cib/configuration/constraints/rsc_colocation[@id="colocation-vm-vnio006-vm-vnio005"]'   # constraint colocation-vm-vnio006-vm-vnio005
on_copy cibadmin --delete --xpath '/cib/configuration/constraints/rsc_location[@id="location-lwfsd-vnio006-vnio006"]'   # constraint location-lwfsd-vnio006-vnio006
on_copy cibadmin --delete --xpath '/cib/configuration/constraints/rsc_location[@id="location-vm-vnio006-nio005"]'   # constraint location-vm-vnio006-nio005
on_copy cibadmin --delete --xpath '/cib/configuration/constraints/rsc_location[@id="location-vm-vnio006-nio006"]'   # constraint location-vm-vnio006-nio006
on_copy cibadmin --delete --xpath '/cib/configuration/constraints/rsc_order[@id="order-ost1-lwfsd-vnio006"]'   # constraint order-ost1-lwfsd-vnio006
on_copy cibadmin --delete --xpath '/cib/configuration/constraints/rsc_order[@id="order-vm-vnio006-lwfsd-vnio006"]'   # constraint order-vm-vnio006-lwfsd-vnio006
on_copy cibadmin --delete --xpath '/cib/configuration/resources/primitive[@id="lwfsd-vnio006"]'   # primitive lwfsd-vnio006
on_copy cibadmin --delete --xpath '/cib/configuration/resources/primitive[@id="vm-vnio006"]'   # primitive vm-vnio006
on_copy cibadmin --delete --xpath '/cib/configuration//nvpair[@id="cib-bootstrap-options-no-quorum-policy"]'   # property no-quorum-policy

# Additions and changes, merged (ids as the live CIB has them where the object exists), and the ownership tag
cat > "$work/merge.xml" <<'HACC_XML'
<configuration>
  <crm_config>
    <cluster_property_set id="cib-bootstrap-options">
      <nvpair id="cib-bootstrap-options-no-quorum-policy" name="no-quorum-policy" value="freeze"/>
    </cluster_property_set>
  </crm_config>
  <resources>
    <primitive id="ip-mgmt" class="ocf" provider="heartbeat" type="IPaddr2">
      <instance_attributes id="ip-mgmt-instance_attributes">
        <nvpair id="ip-mgmt-instance_attributes-ip" name="ip" value="10.0.0.5"/>
        <nvpair id="ip-mgmt-instance_attributes-cidr_netmask" name="cidr_netmask" value="24"/>
      </instance_attributes>
      <operations>
        <op id="ip-mgmt-start-interval-0s" name="start" interval="0s" timeout="20s"/>
        <op id="ip-mgmt-stop-interval-0s" name="stop" interval="0s" timeout="20s"/>
        <op id="ip-mgmt-monitor-interval-10s" name="monitor" interval="10s" timeout="20s"/>
      </operations>
    </primitive>
  </resources>
  <constraints>
    <rsc_location id="location-ost0-nio006" rsc="ost0" node="nio006" score="200"/>
    <rsc_location id="location-ip-mgmt-nio005" rsc="ip-mgmt" node="nio005" score="100"/>
    <rsc_location id="location-ip-mgmt-nio006" rsc="ip-mgmt" node="nio006" score="50"/>
  </constraints>
  <tags>
    <tag id="hacc-clustre">
      <obj_ref id="vm-vnio005"/>
      <obj_ref id="lwfsd-vnio005"/>
      <obj_ref id="ost0"/>
      <obj_ref id="ost1"/>
      <obj_ref id="ip-mgmt"/>
      <obj_ref id="location-vm-vnio005-nio005"/>
      <obj_ref id="location-vm-vnio005-nio006"/>
      <obj_ref id="location-lwfsd-vnio005-vnio005"/>
      <obj_ref id="order-vm-vnio005-lwfsd-vnio005"/>
      <obj_ref id="location-ost0-nio005"/>
      <obj_ref id="location-ost0-nio006"/>
      <obj_ref id="location-ost1-nio006"/>
      <obj_ref id="location-ost1-nio005"/>
      <obj_ref id="order-ost0-lwfsd-vnio005"/>
      <obj_ref id="location-ip-mgmt-nio005"/>
      <obj_ref id="location-ip-mgmt-nio006"/>
    </tag>
  </tags>
</configuration>
HACC_XML
on_copy cibadmin --modify --xml-file "$work/merge.xml"

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
  rc=0; crm_diff --original "$work/orig.xml" --new "$work/new.xml" > "$work/patch.xml" || rc=$?
  [ "$rc" -le 1 ] || die "crm_diff failed"
  cibadmin --patch --xml-file "$work/patch.xml" || die "Pacemaker refused the patch (did the CIB change meanwhile?); the cluster is unchanged"
  echo "hacc plan: pushed to the live cluster"
fi
