#!/usr/bin/env bash
# Analyzer performance benchmark (see README.md).
#   run.sh          full mode: 2,000 steps in 200 files, 3 measured iterations
#   run.sh quick    quick mode: 200 steps in 20 files, 1 iteration (CI smoke, well under a minute on an idle box)
# Work files go to $AGF_PERF_DIR (default /tmp/agentframework-analyzer-perf).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mode="${1:-full}"
if [[ "$mode" == quick ]]; then steps=200; files=20; iterations=1; else steps=2000; files=200; iterations=3; fi
work="${AGF_PERF_DIR:-/tmp/agentframework-analyzer-perf}"
rm -rf "$work"; mkdir -p "$work/lib"

echo "== build the analyzer, the attributes and the harness (Release)"
dotnet build "$here/AnalyzerPerformance.csproj" -c Release -nologo -v:q > "$work/harness-build.log" 2>&1 || { cat "$work/harness-build.log"; exit 1; }
cp "$repo/analyzers/AgentFramework.Analyzers/bin/Release/netstandard2.0/AgentFramework.Analyzers.dll" \
   "$repo/src/AgentFramework.Abstractions/bin/Release/netstandard2.0/AgentFramework.Abstractions.dll" "$work/lib/"

"$here/generate.sh" "$work/on" "$steps" "$files" "$work/lib/AgentFramework.Abstractions.dll" "$work/lib/AgentFramework.Analyzers.dll"
"$here/generate.sh" "$work/off" "$steps" "$files" "$work/lib/AgentFramework.Abstractions.dll" none

echo "== in-process CPU time (Roslyn $(basename "$(ls -d ~/.nuget/packages/microsoft.codeanalysis.csharp/4.8.0 2>/dev/null || echo 4.8.0)"))"
dotnet "$here/bin/Release/net10.0/AnalyzerPerformance.dll" "$work/on" "$iterations"

echo "== dotnet build -p:ReportAnalyzer=true (the SDK's compiler; analyzer on, then off)"
for variant in on off; do
  (cd "$work/$variant" && dotnet restore -nologo -v:q > /dev/null)
done
for ((i = 1; i <= iterations; i++)); do
  for variant in on off; do
    log="$work/$variant/build-$i.log"
    (cd "$work/$variant" && dotnet build --no-restore --no-incremental -c Release -nologo -v:d -clp:PerformanceSummary -p:ReportAnalyzer=true > "$log" 2>&1) \
      || { tail -50 "$log"; exit 1; }
    csc_ms=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | tail -1 | awk '{print $1}')
    total=$(grep -m1 'Total analyzer execution time' "$log" | grep -oE '[0-9.]+ seconds' | awk '{print $1}')
    ours=$(grep -m1 -E '^\s+[0-9.<]+\s+[0-9<]+\s+AgentFramework.Analyzers, Version' "$log" | awk '{print $1}' || true)
    share=$(awk -v o="${ours:-0}" -v c="$csc_ms" 'BEGIN { if (c > 0) printf "%.1f%%", 100 * o * 1000 / c; else print "n/a" }')
    echo "run $i analyzer $variant: Csc ${csc_ms} ms, all analyzers ${total:-0} s, AgentFramework.Analyzers ${ours:-0} s (${share} of Csc)"
  done
done
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"
