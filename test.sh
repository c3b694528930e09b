#!/usr/bin/env bash
# Runs every test: domain units, repository against DynamoDB Local, and the platform through the
# local gateway (lifecycle, concurrency, bad input, authorization, template checks).
set -euo pipefail
cd "$(dirname "$0")"
source infra/jdk.sh # Java 25, or one clear sentence and exit
exec mvn -B -ntp verify "$@"
