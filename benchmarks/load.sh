#!/bin/sh
# Load and fault harness (LoadHarness): sample-portal and three sample-calc instances as
# separate processes against a local BIND on loopback, a steady request rate through the
# portal, and one scenario: rolling (every calc restarted in turn with SIGTERM),
# rolling-no-drain (the same with dnssd.registration.drain=0), crash (kill -9 of one; the
# portal retries on the next instance), crash-no-retry (the same without retry) or
# dns-outage (BIND stopped for 60 s).
# Needs BIND 9. Usage: benchmarks/load.sh rolling|rolling-no-drain|crash|crash-no-retry|dns-outage [rate] [passes]
set -eu
cd "$(dirname "$0")/.."
scenario=${1:?usage: benchmarks/load.sh rolling|rolling-no-drain|crash|crash-no-retry|dns-outage [rate] [passes]}
./mvnw -q -B -DskipTests install -pl benchmarks,sample-calc,sample-portal -am
./mvnw -q -B dependency:build-classpath -pl benchmarks -Dmdep.outputFile=target/classpath.txt
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
java -cp "$classpath" io.dnssd.boot.load.LoadHarness sample-calc/target/sample-calc-0.1.0-SNAPSHOT.jar \
	sample-portal/target/sample-portal-0.1.0-SNAPSHOT.jar "$scenario" "${2:-100}" "${3:-1}"
