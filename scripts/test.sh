#!/usr/bin/env bash
# Builds and runs all tests (unit, @QuarkusTest on H2, PostgreSQL when one answers on 127.0.0.1:5432).
# Arguments go to Maven, e.g. scripts/test.sh -Dtest=PersistenceTest
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$NETWRIGHT_PROJECT"
exec ./mvnw -B verify "$@"
