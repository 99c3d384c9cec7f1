#!/bin/sh
# Runs the multicast DNS benchmark (MdnsBenchmark) in a network namespace that holds only
# loopback, so nothing it sends can leave the machine. Needs root (for `ip netns`).
# Usage: benchmarks/mdns.sh [rounds]
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install -pl benchmarks -am
./mvnw -q -B dependency:build-classpath -pl benchmarks -Dmdep.outputFile=target/classpath.txt
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
ns="dnssd-bench-$$"
ip netns add "$ns"
trap 'ip netns del "$ns"' EXIT
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" java -cp "$classpath" io.dnssd.boot.mdns.MdnsBenchmark "${1:-10}"
