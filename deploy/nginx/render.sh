#!/usr/bin/env bash
# Writes the nginx site of the centre to standard output, from realname-central.conf.in.
# Usage: render.sh SERVER_NAME LISTEN CERTIFICATE CERTIFICATE_KEY PORT...
#   render.sh realname.example.cn 443 /etc/nginx/tls/realname.pem \
#       /etc/nginx/tls/realname.key 8701 8702 8703 > /etc/nginx/sites-available/realname-central
set -euo pipefail
if [[ $# -lt 5 ]]; then
  sed -n '3,5p' "$0" >&2
  exit 2
fi
server_name=$1 listen=$2 certificate=$3 certificate_key=$4
shift 4
upstreams=""
for port in "$@"; do
  [[ $port =~ ^[0-9]+$ ]] || { echo "render.sh: port $port is not a number" >&2; exit 2; }
  upstreams+="    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;"$'\n'
done
text=$(<"$(dirname "$0")/realname-central.conf.in")
text=${text//@UPSTREAM_SERVERS@$'\n'/$upstreams}
text=${text//@LISTEN@/$listen}
text=${text//@SERVER_NAME@/$server_name}
text=${text//@CERTIFICATE_KEY@/$certificate_key}
text=${text//@CERTIFICATE@/$certificate}
printf '%s\n' "$text"
