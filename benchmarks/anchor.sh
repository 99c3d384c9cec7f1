#!/bin/sh
# The anchor: the same rolling restart and crash workloads (benchmarks/load.sh) on the
# starter over BIND, on Eureka with its defaults and on Eureka tuned to 5 s, one after the
# other, and one table of failed requests and propagation times at the end; each run's
# output is kept in benchmarks/target/anchor/.
# Needs BIND 9. Usage: benchmarks/anchor.sh [rate]
set -eu
cd "$(dirname "$0")/.."
rate=${1:-100}
./mvnw -q -B -DskipTests install -pl benchmarks,benchmarks/eureka-server,benchmarks/eureka-client,sample-calc,sample-portal -am
./mvnw -q -B dependency:build-classpath -pl benchmarks,benchmarks/eureka-client -Dmdep.outputFile=target/classpath.txt
./mvnw -q -B dependency:build-classpath -pl sample-calc,sample-portal -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
logs=benchmarks/target/anchor
rm -rf "$logs"
mkdir -p "$logs"
for registry in dns eureka eureka-tuned; do
	for scenario in rolling crash; do
		LOAD_BUILT=true benchmarks/load.sh "$scenario" "$rate" 1 "$registry" 2>&1 | tee "$logs/$registry-$scenario.log"
	done
done
results=$(cat "$logs"/*.log | grep '^RESULT ')
echo
echo "| registry | scenario | requests | failed | SIGTERM to last served (max) | start to first served (max) | calls to a down instance | dead instance chosen for |"
echo "|---|---|---|---|---|---|---|---|"
echo "$results" | sed 's/^RESULT //' | while read -r line; do
	value() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
	echo "| $(value registry) | $(value scenario) | $(value sent) | $(value failed) | $(value sigterm_to_last_served_max) | $(value start_to_first_served_max) | $(value calls_to_down_instances)$(value calls_to_dead) | $(value dead_chosen_for) |"
done
