#!/usr/bin/env bash
# Our index against hnswlib on the same data, queries and ground truth, in one run, rounds alternating.
#
#   peers/compare.sh <entries> [rounds=3] [our efSearch=64] [hnswlib efSearch list="64 80"] [mode=mmap]
#
# Needs g++ and libhnswlib-dev (apt-get install -y g++ libhnswlib-dev). Keeps its data in
# ${VECTOR_BENCH_WORK:-/tmp/vector-bench}: the export, hnswlib's saved graph and (at 1M, mode mmap) our
# persisted index, so a second run skips every build. Both sides use M = 32, efConstruction 128, one
# search thread; hnswlib builds on two threads. Prints each run's row, then the ratio of medians of p50.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:?entries}; rounds=${2:-3}; ef=${3:-64}; hefs=${4:-64 80}; mode=${5:-mmap}
work=${VECTOR_BENCH_WORK:-/tmp/vector-bench}/$n
mkdir -p "$work"
"$here/peers/hnswlib/build.sh" >/dev/null
cd "$here"
dotnet build -c Release -v q -nologo >/dev/null
[ -f "$work/truth.ivecs" ] || dotnet run -c Release --no-build -- export "$n" "$work"
[ -f "$work/hnswlib-M32-efc128.bin" ] || ./peers/hnswlib/hnsw_probe "$work" 32 64 128 2 | head -1 # build once, two threads

ours=(); declare -A theirs
for r in $(seq "$rounds"); do
  if [ "$mode" = mmap ] && [ "$n" -ge 1000000 ]; then
    row=$(VECTOR_BENCH_PROBE_DIR="$work/ours-$mode" dotnet run -c Release --no-build -- probe "$n" "$ef" 32 "$mode" persist | tail -1)
  else
    row=$(dotnet run -c Release --no-build -- probe "$n" "$ef" 32 "$mode" | tail -1)
  fi
  echo "ours    $row"; ours+=("$(echo "$row" | awk -F'|' '{print $7}')")
  for h in $hefs; do
    row=$(./peers/hnswlib/hnsw_probe "$work" 32 "$h" 128 | tail -1)
    echo "hnswlib $row"; theirs[$h]+="$(echo "$row" | awk -F'|' '{print $7}') "
  done
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
m_ours=$(median "${ours[@]}")
for h in $hefs; do
  # shellcheck disable=SC2086
  m_theirs=$(median ${theirs[$h]})
  awk -v a="$m_ours" -v b="$m_theirs" -v h="$h" -v e="$ef" 'BEGIN {printf "p50 median: ours (ef %s) %.3f ms, hnswlib (ef %s) %.3f ms, ratio %.2f\n", e, a, h, b, a / b}'
done
