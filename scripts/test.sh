#!/usr/bin/env bash
# Firebreak's test command: installs the real servers the integration tests run against (Mosquitto,
# InfluxDB, docker-compose to validate docker-compose.yml, Chromium and its driver for the console's browser test) when they are missing and we are root, then runs unit and integration tests with Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
command -v mosquitto >/dev/null || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
command -v influxd >/dev/null || [ -x /usr/bin/influxd ] || missing+=(influxdb)
# only for `docker-compose config`, which validates docker-compose.yml; no container is run
command -v docker-compose >/dev/null || missing+=(docker-compose)
# the console's browser test (ConsoleBrowserIT): headless Chromium driven by Selenium
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test: missing ${missing[*]}: install the Debian packages (sudo apt-get install ${missing[*]}) or run as root" >&2
    exit 2
  fi
fi
# the packages' own services are not needed: tests start private instances on free ports
command -v mvn >/dev/null || { echo "test: Maven (mvn) is required" >&2; exit 2; }
exec mvn -B verify "$@"
