#!/usr/bin/env bash
# Benchmarks (not part of ./test.sh): package sizes, cold starts of every function's own jar against
# a hello-world baseline, the warm path, claim contention and listing at scale, all on this machine
# against DynamoDB Local. Writes a Markdown report to bench/results/latest.md (or --out FILE).
#   ./bench/run.sh                      # everything (≈ 15 min on 2 cores)
#   ./bench/run.sh coldstart --rounds 5 # one part; parts: sizes coldstart appcds primed powertools custom warm contention listing donor
#   ./bench/run.sh coldstart --only ClaimNeedFunction,ScoringFunction
# Maven options (e.g. -Dmaven.repo.local=…) go in MAVEN_OPTS; SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/jdk.sh # Java 25, or one clear sentence and exit
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -q -ntp package -DskipTests -pl bench -am -Dcustom-runtime.train=all
fi
exec java -XX:+UseSerialGC -Xmx2g -cp "bench/target/bench.jar:bench/target/lib/*" org.bangfu.bench.Bench "$@"
