#!/usr/bin/env bash
# Builds (unless NETWRIGHT_SKIP_BUILD=1) and starts Netwright on http://localhost:8080/.
# Data goes to $NETWRIGHT_HOME (default ~/.netwright). Extra arguments go to the JVM's main class.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$NETWRIGHT_PROJECT"

if [ "${NETWRIGHT_SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -B -q package -DskipTests
fi
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  echo "run.sh: target/quarkus-app/quarkus-run.jar is missing; build without NETWRIGHT_SKIP_BUILD=1" >&2
  exit 1
fi

# Flags the jar manifest cannot carry (--add-modules) are passed here; keep in sync with
# netwright.jvm.flags in pom.xml. JAVA_OPTS adds more (e.g. -Xmx4g).
# shellcheck disable=SC2086
exec java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector ${JAVA_OPTS:-} \
  -jar target/quarkus-app/quarkus-run.jar "$@"
