#!/bin/sh
# Runs the JMH benchmarks of the discovery hot path (HotPathBenchmark): getInstances and one
# load-balancer choice for a cached service, ours against Spring Cloud's SimpleDiscoveryClient
# and round robin, with allocation per call (-prof gc). Nothing leaves the JVM.
# Usage: benchmarks/hot-path.sh [JMH options], e.g. -p instances=3 -f 1
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests install -pl benchmarks -am
./mvnw -q -B dependency:build-classpath -pl benchmarks -Dmdep.outputFile=target/classpath.txt
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java -cp "$classpath" org.openjdk.jmh.Main 'io.dnssd.boot.discovery.HotPathBenchmark' -prof gc \
	-rf json -rff benchmarks/target/hot-path.json "$@"
