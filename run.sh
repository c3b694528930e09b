#!/usr/bin/env bash
# Starts the whole platform locally: DynamoDB Local, every function behind the gateway, the site,
# demo data. http://localhost:8080 (PORT=… to change; DATA_DIR=… to keep data between runs).
set -euo pipefail
cd "$(dirname "$0")"
source infra/jdk.sh # Java 25, or one clear sentence and exit
# The browser tests' module is left out: running the site does not need Playwright.
mvn -B -q -ntp install -DskipTests -pl '!infra/local/browser-tests'
exec java -XX:+UseSerialGC -jar infra/local/runner/target/bangfu-local.jar "$@"
