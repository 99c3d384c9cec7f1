#!/bin/sh
# Every benchmark and load/fault scenario of docs/benchmarks.md in one run, one after the
# other on an otherwise idle machine, so the document can hold the figures of one run: the
# machine first, then the JMH benchmarks, startup, multicast DNS against jmDNS, the figures of
# the hostile-answer and registry-outage integration tests, and the
# load harness on every backend and on the Eureka anchor. Each part's output is kept in
# benchmarks/target/all/; the RESULT lines of the load runs are listed at the end.
# Needs root (ip netns) and BIND 9; takes about an hour and a half on 2 cores.
# Usage: benchmarks/all.sh [rate]
set -eu
cd "$(dirname "$0")/.."
rate=${1:-100}
logs=benchmarks/target/all
rm -rf "$logs"
mkdir -p "$logs"
{
	date -u
	uname -srm
	echo "$(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB"
	java -version 2>&1 | head -1
	named -v
} | tee "$logs/machine.txt"
./mvnw -q -B -DskipTests install -pl benchmarks,benchmarks/eureka-server,benchmarks/eureka-client,sample-calc,sample-portal -am
./mvnw -q -B dependency:build-classpath -pl benchmarks,benchmarks/eureka-client -Dmdep.outputFile=target/classpath.txt
./mvnw -q -B dependency:build-classpath -pl sample-calc,sample-portal -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
benchmarks/hot-path.sh 2>&1 | tee "$logs/hot-path.log"
benchmarks/cold-lookup.sh 2>&1 | tee "$logs/cold-lookup.log"
benchmarks/startup.sh 5 2>&1 | tee "$logs/startup.log"
benchmarks/mdns.sh 2>&1 | tee "$logs/mdns.log"
# the figures that integration tests print: hostile answers, registration after a registry outage
./mvnw -q -B -pl dnssd-spring-boot-autoconfigure verify -Dexec.skip -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
	-Dfailsafe.failIfNoSpecifiedTests=false \
	-Dit.test='HostileAnswersIT,DnsRegistrationIT#registersWithinASecondOf*,CloudMapIT#registersWithinASecondOf*' \
	2>&1 | tee "$logs/integration-figures.log"
# run <log name> <load.sh arguments>; calc_args adds arguments to every calc instance
calc_args=
run() {
	name=$1
	shift
	LOAD_BUILT=true LOAD_CALC_ARGS="$calc_args" benchmarks/load.sh "$@" 2>&1 | tee "$logs/load-$name.log"
}
run dns-rolling rolling "$rate" 3 dns
run dns-rolling-no-drain rolling-no-drain "$rate" 1 dns
run dns-crash crash "$rate" 1 dns
run dns-crash-no-retry crash-no-retry "$rate" 1 dns
run dns-outage dns-outage "$rate" 1 dns
run dns-emptied registry-emptied "$rate" 1 dns
calc_args=--dnssd.registration.refresh=10s
run dns-emptied-refresh-10s registry-emptied "$rate" 1 dns
calc_args=
for registry in cloud-map mdns eureka eureka-tuned; do
	run "$registry-rolling" rolling "$rate" 1 "$registry"
	run "$registry-crash" crash "$rate" 1 "$registry"
done
for registry in eureka eureka-tuned; do
	run "$registry-emptied" registry-emptied "$rate" 1 "$registry"
done
echo
grep -h '^RESULT ' "$logs"/load-*.log
