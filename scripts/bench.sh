#!/usr/bin/env bash
# CPU training benchmark of the engine (bench/README.md): builds the engine and bench/src with javac into
# target/bench, then runs the Java benchmark and, when installed, its PyTorch twin bench/pytorch_bench.py side by
# side, alternating per thread count and round, and prints the medians and the ratio. Also measures OpenBLAS SGEMM
# through org.bytedeco:openblas (fetched with the Maven wrapper; not a dependency of Netwright).
#
# With --loader it runs the data-loader benchmark (bench/src/dev/netwright/bench/LoaderBenchmark.java) instead: the
# BatchLoader's samples/s beside the MLP training it feeds.
#
# With --serving it runs the serving benchmark (bench/serving/ServingBenchmark.java) instead: predict latency at batch 1
# and throughput with 32 concurrent clients, in process and over HTTP. Without --url it builds the app jar (unless
# NETWRIGHT_SKIP_BUILD=1 and the jar is there), starts it on port 18080 with a throw-away NETWRIGHT_HOME under
# target/bench, and stops it afterwards.
# With --editor it runs the editor benchmark instead (src/test/java/dev/netwright/ui/editor/EditorBenchmark.java: the
# server side of one edit on a 300-layer design); it needs the app's classes, so Maven builds them (test scope).
#
# Usage: scripts/bench.sh [--rounds N] [--threads 1,2] [--quick] [--no-pytorch] [--no-openblas] [--loader] [--editor]
#                         [--serving [--url http://localhost:8080]] [-- extra benchmark args]
# Environment: JAVA_HOME (a JDK >= 25; else /usr/lib/jvm/*25*), PYTHON (default /usr/bin/python3).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=3 threads="1,2" pytorch=1 openblas=1 loader=0 serving=0 editor=0 url="" extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --quick) rounds=1; extra+=(--windows 3 --steps 100 --warmup-seconds 3 --gemm 1024); shift ;;
    --no-pytorch) pytorch=0; shift ;;
    --no-openblas) openblas=0; shift ;;
    --loader) loader=1; shift ;;
    --serving) serving=1; shift ;;
    --url) url="$2"; shift 2 ;;
    --editor) editor=1; shift ;;
    --) shift; extra+=("$@"); break ;;
    *) echo "bench.sh: unknown option $1 (see the header of this script)" >&2; exit 2 ;;
  esac
done

# ---- a JDK >= 25 ----
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1; }
JDK=""
for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
  if [ -n "$c" ] && [ -x "$c/bin/javac" ] && [ "$(java_major "$c/bin/java")" -ge 25 ] 2>/dev/null; then JDK="$c"; break; fi
done
[ -n "$JDK" ] || { echo "bench.sh: no JDK >= 25 found (set JAVA_HOME)" >&2; exit 1; }
JAVA=("$JDK/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)

# ---- the serving benchmark: the app's classes and runtime dependencies, and a running app for the HTTP part ----
if [ "$serving" = 1 ]; then
  # shellcheck source=scripts/env.sh
  source scripts/env.sh >/dev/null
  mkdir -p target/bench
  if [ -z "$url" ]; then
    [ "${NETWRIGHT_SKIP_BUILD:-0}" = 1 ] && [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
  else
    [ -d target/classes/dev/netwright/serving ] || ./mvnw -B -q compile
  fi
  ./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench/serving.cp >/dev/null \
    || ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench/serving.cp >/dev/null
  app=""
  if [ -z "$url" ]; then
    url=http://localhost:18080
    rm -rf target/bench/serving-home
    NETWRIGHT_HOME="$PWD/target/bench/serving-home" QUARKUS_HTTP_PORT=18080 \
      "${JAVA[@]}" -jar target/quarkus-app/quarkus-run.jar >target/bench/serving-app.log 2>&1 &
    app=$!
    trap 'kill "$app" 2>/dev/null || true' EXIT
    echo "bench.sh: started the app (pid $app, log target/bench/serving-app.log) on $url"
  fi
  echo "bench.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
  "${JAVA[@]}" -cp "target/classes:$(cat target/bench/serving.cp)" bench/serving/ServingBenchmark.java --url "$url" "${extra[@]}" \
    2>&1 | grep -v '^WARNING' | tee "target/bench/serving-$(date +%Y%m%d-%H%M%S).txt"
  exit "${PIPESTATUS[0]}"
fi

# ---- the editor benchmark: the app's and the tests' classes with their dependencies, built by Maven ----
if [ "$editor" = 1 ]; then
  export JAVA_HOME="$JDK"
  # shellcheck source=env.sh
  source scripts/env.sh >/dev/null
  mkdir -p target/bench
  ./mvnw -q -B -Dvaadin.dev test-compile >target/bench/editor-build.log 2>&1 \
    || { grep -v '^WARNING' target/bench/editor-build.log >&2; echo "bench.sh: build failed" >&2; exit 1; }
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench/editor.cp >/dev/null 2>&1 \
    || { echo "bench.sh: could not list the test classpath (dependency:build-classpath)" >&2; exit 1; }
  "${JAVA[@]}" -cp "target/classes:target/test-classes:$(cat target/bench/editor.cp)" dev.netwright.ui.editor.EditorBenchmark \
    "${extra[@]}" 2>&1 | grep -v '^WARNING'
  exit 0
fi

# ---- build: the engine and data packages have no dependencies, so javac alone does it (and leaves Maven's target/classes alone) ----
out=target/bench
rm -rf "$out/classes" && mkdir -p "$out/classes"
"$JDK/bin/javac" -nowarn -XDsuppressNotes --add-modules jdk.incubator.vector -d "$out/classes" \
  $(find src/main/java/dev/netwright/engine src/main/java/dev/netwright/data bench/src -name '*.java') 2>&1 | grep -v 'incubat' || true
[ -f "$out/classes/dev/netwright/bench/CpuBenchmark.class" ] || { echo "bench.sh: build failed" >&2; exit 1; }

# ---- the loader benchmark runs alone: one run per thread count ----
if [ "$loader" = 1 ]; then
  [ -f "$out/classes/dev/netwright/bench/LoaderBenchmark.class" ] || { echo "bench.sh: build failed" >&2; exit 1; }
  for t in ${threads//,/ }; do
    "${JAVA[@]}" -Dnetwright.cpu.threads="$t" -cp "$out/classes" dev.netwright.bench.LoaderBenchmark --threads "$t" "${extra[@]}" \
      2>&1 | grep -v '^WARNING: Using incubator'
  done
  exit 0
fi

# ---- optional peers ----
PY="${PYTHON:-/usr/bin/python3}"
OMP_BLAS=/usr/lib/x86_64-linux-gnu/openblas-openmp
if [ "$pytorch" = 1 ] && ! LD_LIBRARY_PATH="$OMP_BLAS" "$PY" -c 'import torch' 2>/dev/null; then
  echo "bench.sh: PyTorch not found for $PY; install with: apt-get install -y python3-torch libopenblas0-openmp python3-threadpoolctl" >&2
  pytorch=0
fi
if [ "$pytorch" = 1 ] && [ ! -d "$OMP_BLAS" ]; then
  echo "bench.sh: WARNING $OMP_BLAS missing: PyTorch will use a slow BLAS (apt-get install libopenblas0-openmp)" >&2
fi

OB_VERSION=0.3.30-1.5.12 JCPP_VERSION=1.5.12
repo="${M2_REPO:-$HOME/.m2/repository}/org/bytedeco"
ob_cp="$repo/javacpp/$JCPP_VERSION/javacpp-$JCPP_VERSION.jar:$repo/javacpp/$JCPP_VERSION/javacpp-$JCPP_VERSION-linux-x86_64.jar"
ob_cp="$ob_cp:$repo/openblas/$OB_VERSION/openblas-$OB_VERSION.jar:$repo/openblas/$OB_VERSION/openblas-$OB_VERSION-linux-x86_64.jar"
if [ "$openblas" = 1 ]; then
  for a in "org.bytedeco:openblas:$OB_VERSION" "org.bytedeco:openblas:$OB_VERSION:jar:linux-x86_64" \
           "org.bytedeco:javacpp:$JCPP_VERSION:jar:linux-x86_64"; do
    ./mvnw -q -B dependency:get -Dartifact="$a" >/dev/null 2>&1 || true
  done
  for j in ${ob_cp//:/ }; do [ -f "$j" ] || { echo "bench.sh: could not fetch $j; skipping OpenBLAS" >&2; openblas=0; break; }; done
fi

# ---- run, alternating ours and theirs ----
log="$out/results-$(date +%Y%m%d-%H%M%S).txt"
echo "bench.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), rounds=$rounds threads=$threads; log $log"
for ((r = 1; r <= rounds; r++)); do
  for t in ${threads//,/ }; do
    echo "== round $r/$rounds, $t thread(s): netwright"
    "${JAVA[@]}" -Dnetwright.cpu.threads="$t" -cp "$out/classes" dev.netwright.bench.CpuBenchmark --threads "$t" "${extra[@]}" \
      2>&1 | grep -v '^WARNING: Using incubator' | tee -a "$log"
    if [ "$pytorch" = 1 ]; then
      echo "== round $r/$rounds, $t thread(s): pytorch"
      OMP_NUM_THREADS="$t" MKL_NUM_THREADS="$t" LD_LIBRARY_PATH="$OMP_BLAS" "$PY" bench/pytorch_bench.py --threads "$t" "${extra[@]}" \
        2>&1 | tee -a "$log"
    fi
  done
  if [ "$openblas" = 1 ]; then
    echo "== round $r/$rounds: OpenBLAS (org.bytedeco:openblas $OB_VERSION) sgemm"
    "${JAVA[@]}" -cp "$ob_cp" bench/openblas/OpenBlasGemm.java "$threads" 2>&1 | grep -v '^WARNING' | tee -a "$log"
  fi
done

echo
if command -v "$PY" >/dev/null 2>&1; then
  "$PY" bench/summarize.py "$log"
else
  grep '^RESULT' "$log"
fi
