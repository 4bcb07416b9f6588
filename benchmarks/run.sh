#!/usr/bin/env bash
# Builds the JMH uber-jar and runs TokenValidationBenchmark exactly as documented in BENCHMARKS.md, then prints the
# Gatehouse / plain jose4j ratio table. Without arguments it uses the documented run options
# (-f 1 -wi 5 -w 2s -i 5 -r 2s); with arguments, those replace the run options (JMH refuses an option given twice), e.g.
#   benchmarks/run.sh -f 2 -wi 5 -w 2s -i 5 -r 2s -p suite=dir/A256GCM/RS256
# Results: benchmarks/target/results.json (JMH JSON), JMH's table and the ratio table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -Dstyle.color=never package -pl benchmarks -am -DskipTests

if [ $# -eq 0 ]; then
    set -- -f 1 -wi 5 -w 2s -i 5 -r 2s
fi
echo "load before: $(uptime)"
java -jar benchmarks/target/benchmarks.jar TokenValidationBenchmark "$@" \
    -rf json -rff benchmarks/target/results.json
echo "load after:  $(uptime)"

java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.Ratios benchmarks/target/results.json
