#!/usr/bin/env bash
# Builds the benchmark jar and measures the AI gateway's overhead exactly as documented in BENCHMARKS.md ("AI gateway
# overhead"): the latency the gateway adds over calling a fake OpenAI provider directly (blocking, streamed to the
# first data: line and to the end), token validation alone, and throughput at 1, 4 and 16 clients, all in one JVM.
# Arguments are name=value options of GatewayOverhead, e.g.
#   benchmarks/run-gateway.sh samples=50000 clients=1,4,16,64
# JVM options through JAVA_OPTS, e.g. a CPU profile:
#   JAVA_OPTS=-XX:StartFlightRecording=filename=benchmarks/target/gateway.jfr,settings=profile benchmarks/run-gateway.sh
# Results: Markdown on stdout and in benchmarks/target/gateway-overhead.md; Tomcat's log in
# benchmarks/target/gateway-overhead.log. About 4 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -Dstyle.color=never package -pl benchmarks -am -DskipTests

echo "uptime before: $(uptime)"
# A fixed heap, so that no resizing happens while measuring.
java -Xms1g -Xmx1g ${JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar \
    dev.gatehouse.benchmarks.gateway.GatewayOverhead "$@" \
    2>benchmarks/target/gateway-overhead.log | tee benchmarks/target/gateway-overhead.md
echo "uptime after:  $(uptime)"
