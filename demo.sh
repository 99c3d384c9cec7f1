#!/usr/bin/env bash
# Starts the demo: two time, two calc and one portal instance on 127.0.0.1 that register
# themselves and find each other. By default they use multicast DNS on the loopback
# interface and need nothing but a JDK. `./demo.sh dns` runs them against a local BIND on a
# loopback port with an empty zone that accepts TSIG-signed updates (RFC 2136) instead.
# Ctrl-C stops everything it started, by PID; each instance deregisters before it stops.
set -euo pipefail
cd "$(dirname "$0")"

backend=${1:-mdns}
case "$backend" in
	mdns | dns) ;;
	*) echo "usage: $0 [mdns|dns]" >&2; exit 2 ;;
esac
named_bin=$(command -v named || echo /usr/sbin/named)
if [ "$backend" = dns ] && [ ! -x "$named_bin" ]; then
	echo "./demo.sh dns needs BIND 9: apt-get install -y bind9 (or run ./demo.sh for multicast DNS)" >&2
	exit 1
fi

# package, not install: the reactor resolves the starter from target/, ~/.m2 stays as it was
./mvnw -q -B -DskipTests package

work=$(mktemp -d)
pids=()
named_pid=
stop() {
	trap - INT TERM EXIT
	# The applications first, so each can deregister from the still running BIND.
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	if [ -n "$named_pid" ]; then kill "$named_pid" 2>/dev/null || true; wait "$named_pid" 2>/dev/null || true; fi
	echo "Stopped. Logs were in $work"
}
trap stop INT TERM EXIT

free_port() {
	local port
	while :; do
		port=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
}

start_named() {
	dns_port=$(free_port)
	secret=$(head -c 32 /dev/urandom | base64)
	printf 'key "demo-key" {\n\talgorithm hmac-sha256;\n\tsecret "%s";\n};\n' "$secret" > "$work/demo.key"
	chmod 600 "$work/demo.key"
	printf '$ORIGIN demo.test.\n$TTL 5\n@ SOA ns hostmaster 1 3600 600 86400 5\n@ NS ns\nns A 127.0.0.1\n' > "$work/zone.db"
	cat > "$work/named.conf" <<-CONF
	include "$work/demo.key";
	options {
		directory "$work";
		pid-file "$work/named.pid";
		session-keyfile "$work/session.key";
		listen-on port $dns_port { 127.0.0.1; };
		listen-on-v6 { none; };
		recursion no;
		allow-query { 127.0.0.1; };
		# no DNSSEC validation, no NOTIFY: named must not try to reach the root servers or
		# any other host; it only serves the demo zone on loopback
		dnssec-validation no;
		notify no;
		managed-keys-directory "$work";
		check-names primary ignore;
	};
	controls { };
	zone "demo.test" { type primary; file "$work/zone.db"; allow-update { key "demo-key"; }; };
	CONF
	# its own session: Ctrl-C reaches the applications, not BIND, which stop() ends last,
	# after every application has deregistered through it
	setsid "$named_bin" -g -c "$work/named.conf" > "$work/named.log" 2>&1 &
	named_pid=$!
	export DNSSD_DNS_PORT=$dns_port DNSSD_TSIG_KEY_FILE=$work/demo.key
}

portal_port=$(free_port)
portal_management_port=$(free_port)
profile=default
if [ "$backend" = dns ]; then
	start_named
	profile=dns
fi
# Actuator answers on a loopback management port of each application (0: a free one, named in
# its log); the portal's is fixed so that it can be printed below.
start() {
	local module=$1 port=$2 management_port=$3 n=$4
	java -jar "$module/target/$module-0.1.0-SNAPSHOT.jar" --server.port="$port" \
		--management.server.port="$management_port" \
		--spring.profiles.active="$profile" > "$work/$module-$n.log" 2>&1 &
	pids+=($!)
}
start sample-time 0 0 1
start sample-time 0 0 2
start sample-calc 0 0 1
start sample-calc 0 0 2
start sample-portal "$portal_port" "$portal_management_port" 1

echo "Waiting for the portal on port $portal_port..."
for _ in $(seq 1 120); do
	if (exec 3<>"/dev/tcp/127.0.0.1/$portal_port") 2>/dev/null; then break; fi
	sleep 0.5
done
cat <<MSG

Portal:    http://127.0.0.1:$portal_port/
JSON:      http://127.0.0.1:$portal_port/api/services
           http://127.0.0.1:$portal_port/api/calc?expression=(2%2B6)*3
           http://127.0.0.1:$portal_port/api/time?format=15:04
Actuator:  http://127.0.0.1:$portal_management_port/actuator/health (loopback only; also
           /actuator/serviceregistry, which takes POST {"status":"OUT_OF_SERVICE"})
$(if [ "$backend" = dns ]; then echo "DNS:       dig @127.0.0.1 -p $dns_port _calc._tcp.demo.test PTR"; else echo "Registry:  multicast DNS on the loopback interface (224.0.0.251:5353), no server"; fi)
Logs:      $work
Press Ctrl-C to stop.
MSG
wait
