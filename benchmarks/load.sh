#!/bin/sh
# Load and fault harness (LoadHarness): sample-portal and three sample-calc instances as
# separate processes on loopback, a steady request rate through the portal, and one
# scenario: rolling (every calc restarted in turn with SIGTERM), rolling-no-drain (the same
# with dnssd.registration.drain=0), crash (kill -9 of one; the portal retries on the next
# instance), crash-no-retry (the same without retry) or registry-outage (the registry's
# server stopped for 60 s; dns-outage is the same) or registry-emptied (the registry's
# server started again holding no instance: a zone reloaded from an old file, a Eureka
# server restarted; every calc must register itself again).
# The registry: dns (the starter on a local BIND; the default), cloud-map (the starter on
# the local double of the Cloud Map API, the real AWS SDK in every process), mdns (the
# starter on multicast DNS: the harness runs in a network namespace that holds only
# loopback, so it needs root; no registry-outage or registry-emptied), eureka (the same calc and
# portal classes with Spring Cloud Netflix's Eureka client and a Eureka server, defaults)
# or eureka-tuned (Eureka with 5 s intervals, like the starter's 5 s TTL).
# LOAD_CALC_ARGS adds arguments to every calc instance, e.g.
# LOAD_CALC_ARGS=--dnssd.registration.refresh=10s. Needs BIND 9 for dns.
# Usage: benchmarks/load.sh rolling|rolling-no-drain|crash|crash-no-retry|registry-outage|registry-emptied [rate] [passes] [dns|cloud-map|mdns|eureka|eureka-tuned]
set -eu
cd "$(dirname "$0")/.."
scenario=${1:?usage: benchmarks/load.sh rolling|rolling-no-drain|crash|crash-no-retry|registry-outage|registry-emptied [rate] [passes] [dns|cloud-map|mdns|eureka|eureka-tuned]}
if [ "${LOAD_BUILT:-}" != true ]; then
	./mvnw -q -B -DskipTests install -pl benchmarks,benchmarks/eureka-server,benchmarks/eureka-client,sample-calc,sample-portal -am
	./mvnw -q -B dependency:build-classpath -pl benchmarks,benchmarks/eureka-client -Dmdep.outputFile=target/classpath.txt
	./mvnw -q -B dependency:build-classpath -pl sample-calc,sample-portal -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
eureka="$PWD/benchmarks/eureka-client/target/classes:$(cat benchmarks/eureka-client/target/classpath.txt)"
registry=${4:-dns}
inside=
if [ "$registry" = mdns ]; then
	ns="dnssd-load-$$"
	ip netns add "$ns"
	trap 'ip netns del "$ns"' EXIT
	ip netns exec "$ns" ip link set lo up
	inside="ip netns exec $ns"
fi
$inside java -Dload.calc.arguments="${LOAD_CALC_ARGS:-}" -Dload.calc.classpath="$PWD/sample-calc/target/classes:$(cat sample-calc/target/classpath.txt):$eureka" \
	-Dload.portal.classpath="$PWD/sample-portal/target/classes:$(cat sample-portal/target/classpath.txt):$eureka" \
	-Dload.eureka.server="$PWD/benchmarks/eureka-server/target/benchmarks-eureka-server-0.1.0-SNAPSHOT.jar" \
	-cp "$classpath" io.dnssd.boot.load.LoadHarness sample-calc/target/sample-calc-0.1.0-SNAPSHOT.jar \
	sample-portal/target/sample-portal-0.1.0-SNAPSHOT.jar "$scenario" "${2:-100}" "${3:-1}" "$registry"
