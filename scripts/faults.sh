#!/usr/bin/env bash
# The longer fault runs of issue 14, outside the default test command's time budget (about 6 minutes):
#   - EdgeBridgeIT with the link to the central broker cut for 2 minutes under 20 readings/s;
#   - KafkaClusterKillIT: a 3-node KRaft cluster (replication 3), one node killed with SIGKILL mid-incident.
# Each prints an event=..._done line with its figures (in */target/failsafe-reports/*-output.txt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q install -DskipTests
mvn -B verify -pl ingest -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=EdgeBridgeIT -Dfirebreak.bridge.cut=PT2M
mvn -B verify -pl app -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=KafkaClusterKillIT -Dfirebreak.faults=true
grep -h "event=edge_bridge_done\|event=cluster_kill_done" ingest/target/failsafe-reports/*-output.txt app/target/failsafe-reports/*-output.txt
