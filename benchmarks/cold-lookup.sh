#!/bin/sh
# Runs the JMH benchmark of a first DNS-SD lookup against a local BIND on a loopback port
# (ColdLookupBenchmark): the starter against the same queries by hand with dnsjava, and the
# queries each lookup costs. Needs BIND 9 (apt-get install -y bind9).
# Usage: benchmarks/cold-lookup.sh [JMH options], e.g. -p instances=10
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install -pl benchmarks -am
./mvnw -q -B dependency:build-classpath -pl benchmarks -Dmdep.outputFile=target/classpath.txt
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java -cp "$classpath" org.openjdk.jmh.Main 'io.dnssd.boot.dns.ColdLookupBenchmark' \
	-rf json -rff benchmarks/target/cold-lookup.json "$@"
