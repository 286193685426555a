#!/usr/bin/env bash
# Makes deploy/mosquitto/passwd for the compose layout: one user for ingest and one per room gateway, with
# random passwords unless they are given in the environment (FIREBREAK_MQTT_PASSWORD for ingest,
# MQTT_PASSWORD_<gateway with - as _> for gateways). Writes the passwords to deploy/.env (mode 600) for
# docker-compose and the gateways' own configuration; neither file is committed (.gitignore).
#
#   deploy/mosquitto/make-passwd.sh firebreak-ingest gw-b3 gw-b2
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v mosquitto_passwd >/dev/null || { echo "make-passwd: needs mosquitto_passwd (Debian package mosquitto)" >&2; exit 2; }
[ $# -gt 0 ] || set -- firebreak-ingest gw-b3 gw-b2
rm -f passwd ../.env
touch passwd ../.env
chmod 600 passwd ../.env
for user in "$@"; do
  if [ "$user" = firebreak-ingest ]; then var=FIREBREAK_MQTT_PASSWORD; else var="MQTT_PASSWORD_$(echo "$user" | tr 'a-z.-' 'A-Z__')"; fi
  password="${!var:-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')}"
  mosquitto_passwd -b passwd "$user" "$password"
  echo "$var=$password" >> ../.env
done
echo "make-passwd: wrote deploy/mosquitto/passwd ($# users) and deploy/.env"
