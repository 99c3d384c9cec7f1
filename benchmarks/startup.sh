#!/bin/sh
# Measures sample-calc's startup with the starter and with dnssd.enabled=false, on the
# multicast, unicast DNS (a local BIND) and Cloud Map (the local API test double) backends
# (StartupHarness). Runs in a network namespace that holds only loopback, so the multicast
# backend's packets cannot leave the machine. Needs root (ip netns) and BIND 9.
# Usage: benchmarks/startup.sh [rounds] [mdns|dns|cloud-map ...]
set -eu
cd "$(dirname "$0")/.."
rounds=${1:-5}
[ $# -gt 0 ] && shift
./mvnw -q -B -DskipTests install -pl benchmarks,sample-calc -am
./mvnw -q -B dependency:build-classpath -pl benchmarks -Dmdep.outputFile=target/classpath.txt
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
ns="dnssd-startup-$$"
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" java -cp "$classpath" io.dnssd.boot.startup.StartupHarness \
	sample-calc/target/sample-calc-0.1.0-SNAPSHOT.jar "$rounds" "$@"
