#!/usr/bin/env bash
# Starts the whole platform locally: DynamoDB Local, every function behind the gateway, the site,
# demo data. http://localhost:8080 (PORT=… to change; DATA_DIR=… to keep data between runs).
set -euo pipefail
cd "$(dirname "$0")"
source infra/jdk.sh # Java 25, or one clear sentence and exit
# The browser tests and the benchmarks are left out: running the site needs neither.
mvn -B -q -ntp install -DskipTests -pl '!infra/local/browser-tests,!bench'
exec java -XX:+UseSerialGC -jar infra/local/runner/target/bangfu-local.jar "$@"
