#!/bin/sh
# Installs metadata-only OCF agents for the seed's site-provided agents
# (ocf:heartbeat:lwfsd, ocf:lustre:Lustre), as a site installs its real ones,
# so that pcs accepts them without --force. They answer `meta-data` and
# `validate-all` and nothing else: never install them on a real cluster.
set -eu
root=${OCF_ROOT:-/usr/lib/ocf}
install_agent() { # provider type params...
  provider=$1 type=$2; shift 2
  dir="$root/resource.d/$provider"
  mkdir -p "$dir"
  params=""
  for p in "$@"; do
    params="$params    <parameter name=\"$p\"><content type=\"string\"/></parameter>
"
  done
  cat > "$dir/$type" <<AGENT
#!/bin/sh
# Metadata-only test agent written by hacc's scripts/install-test-agents.sh.
case "\$1" in
  meta-data) cat <<'XML'
<?xml version="1.0"?>
<resource-agent name="$type" version="0.1">
  <version>1.1</version>
  <shortdesc lang="en">$type (metadata only, for tests)</shortdesc>
  <longdesc lang="en">Metadata-only stand-in used by hacc's tests.</longdesc>
  <parameters>
$params  </parameters>
  <actions>
    <action name="start" timeout="60s"/>
    <action name="stop" timeout="60s"/>
    <action name="monitor" timeout="20s" interval="10s"/>
    <action name="meta-data" timeout="5s"/>
    <action name="validate-all" timeout="5s"/>
  </actions>
</resource-agent>
XML
  exit 0 ;;
  validate-all) exit 0 ;;
  *) exit 3 ;;
esac
AGENT
  chmod 755 "$dir/$type"
}
install_agent heartbeat lwfsd vhost
install_agent lustre Lustre target mountpoint mountoptions
