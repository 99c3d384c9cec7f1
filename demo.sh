#!/usr/bin/env bash
# Starts the demo: a local BIND on a loopback port serving the DNS-SD records of two time
# and two calc instances, those four instances and the portal, all on 127.0.0.1 and free
# ports. Ctrl-C stops everything it started, by PID.
set -euo pipefail
cd "$(dirname "$0")"

named_bin=$(command -v named || echo /usr/sbin/named)
if [ ! -x "$named_bin" ]; then
	echo "The demo needs BIND 9 until the multicast DNS backend lands: apt-get install -y bind9" >&2
	exit 1
fi

./mvnw -q -B -DskipTests install

work=$(mktemp -d)
pids=()
stop() {
	trap - INT TERM EXIT
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
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

dns_port=$(free_port)
time_ports=("$(free_port)" "$(free_port)")
calc_ports=("$(free_port)" "$(free_port)")
portal_port=$(free_port)

{
	echo '$ORIGIN demo.test.'
	echo '$TTL 5'
	echo '@ SOA ns hostmaster 1 3600 600 86400 5'
	echo '@ NS ns'
	echo 'ns A 127.0.0.1'
	echo 'host A 127.0.0.1'
	echo '_services._dns-sd._udp PTR _time._tcp'
	echo '_services._dns-sd._udp PTR _calc._tcp'
	for service in time calc; do
		ports_var="${service}_ports[@]"
		n=1
		for port in "${!ports_var}"; do
			echo "_${service}._tcp PTR ${service}-${n}._${service}._tcp"
			echo "${service}-${n}._${service}._tcp SRV 0 1 ${port} host"
			echo "${service}-${n}._${service}._tcp TXT \"version=0.1.0\" \"stage=demo\""
			n=$((n + 1))
		done
	done
} > "$work/zone.db"
cat > "$work/named.conf" <<CONF
options {
	directory "$work";
	pid-file "$work/named.pid";
	session-keyfile "$work/session.key";
	listen-on port $dns_port { 127.0.0.1; };
	listen-on-v6 { none; };
	recursion no;
	allow-query { 127.0.0.1; };
	check-names primary ignore;
};
controls { };
zone "demo.test" { type primary; file "$work/zone.db"; };
CONF
"$named_bin" -g -c "$work/named.conf" > "$work/named.log" 2>&1 &
pids+=($!)

start() {
	local module=$1 port=$2
	java -jar "$module/target/$module-0.1.0-SNAPSHOT.jar" --server.port="$port" \
		--dnssd.dns.servers="127.0.0.1:$dns_port" > "$work/$module-$port.log" 2>&1 &
	pids+=($!)
}
for port in "${time_ports[@]}"; do start sample-time "$port"; done
for port in "${calc_ports[@]}"; do start sample-calc "$port"; done
start sample-portal "$portal_port"

echo "Waiting for the portal on port $portal_port..."
for _ in $(seq 1 120); do
	if (exec 3<>"/dev/tcp/127.0.0.1/$portal_port") 2>/dev/null; then break; fi
	sleep 0.5
done
cat <<MSG

Portal:    http://127.0.0.1:$portal_port/api/services
           http://127.0.0.1:$portal_port/api/sum?a=2&b=3
           http://127.0.0.1:$portal_port/api/time
DNS:       dig @127.0.0.1 -p $dns_port _calc._tcp.demo.test PTR
Logs:      $work
Press Ctrl-C to stop.
MSG
wait
