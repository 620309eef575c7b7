#!/usr/bin/env bash
# Analyzer performance benchmark (see README.md).
#   run.sh          full mode: 2,000 steps in 200 files, 3 measured iterations
#   run.sh quick    quick mode: 200 steps in 20 files, 1 iteration (CI smoke, well under a minute on an idle box)
# AGF_PERF_ITERATIONS=N overrides the number of measured iterations (the SDK builds are noisy: use 5+ for a verdict).
# Work files go to $AGF_PERF_DIR (default /tmp/agentframework-analyzer-perf).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mode="${1:-full}"
if [[ "$mode" == quick ]]; then steps=200; files=20; iterations=1; else steps=2000; files=200; iterations=3; fi
iterations="${AGF_PERF_ITERATIONS:-$iterations}"
work="${AGF_PERF_DIR:-/tmp/agentframework-analyzer-perf}"
rm -rf "$work"; mkdir -p "$work/lib"

echo "== build the analyzer, the attributes and the harness (Release)"
dotnet build "$here/AnalyzerPerformance.csproj" -c Release -nologo -v:q > "$work/harness-build.log" 2>&1 || { cat "$work/harness-build.log"; exit 1; }
dotnet build "$here/Replay/ReplayAnalyzer.csproj" -c Release -nologo -v:q >> "$work/harness-build.log" 2>&1 || { cat "$work/harness-build.log"; exit 1; }
cp "$repo/analyzers/AgentFramework.Analyzers/bin/Release/netstandard2.0/AgentFramework.Analyzers.dll" \
   "$repo/src/AgentFramework.Abstractions/bin/Release/netstandard2.0/AgentFramework.Abstractions.dll" \
   "$here/Replay/bin/Release/netstandard2.0/ReplayAnalyzer.dll" "$work/lib/"

"$here/generate.sh" "$work/on" "$steps" "$files" "$work/lib/AgentFramework.Abstractions.dll" "$work/lib/AgentFramework.Analyzers.dll"
"$here/generate.sh" "$work/off" "$steps" "$files" "$work/lib/AgentFramework.Abstractions.dll" none
# "silent": the same analysis with every AGF rule at severity silent. The analyzer still runs and reports every
# diagnostic (its time is the same), but the compiler prints none, which separates the analysis from the cost of
# writing ~600 warnings (twice each at -v:d) through MSBuild's logger.
cp -r "$work/on" "$work/silent"
for id in AGF0001 AGF0002 AGF0003 AGF0004 AGF0005 AGF0006 AGF0007 AGF0008; do
  echo "dotnet_diagnostic.$id.severity = silent" >> "$work/silent/.editorconfig"
done

echo "== in-process CPU time (Roslyn $(basename "$(ls -d ~/.nuget/packages/microsoft.codeanalysis.csharp/4.8.0 2>/dev/null || echo 4.8.0)"))"
dotnet "$here/bin/Release/net10.0/AnalyzerPerformance.dll" "$work/on" "$iterations" "$work/agf-replay.tsv"
# "replay": no AgentFramework analyzer; Replay/ReplayAnalyzer reports the warnings the harness just recorded (same id,
# place and message; no help link) without analysing anything. It is what any analyzer reporting those warnings pays: the
# compiler's [SuppressMessage] check of each warning and printing it. on / replay is the analysis above that.
"$here/generate.sh" "$work/replay" "$steps" "$files" "$work/lib/AgentFramework.Abstractions.dll" "$work/lib/ReplayAnalyzer.dll"
cp "$work/agf-replay.tsv" "$work/replay/"
sed -i 's|</Project>|  <ItemGroup><AdditionalFiles Include="agf-replay.tsv" /></ItemGroup>\n</Project>|' "$work/replay/Generated.csproj"

# Two ways the SDK runs the compiler, both measured:
#   process: a fresh csc process per build (UseSharedCompilation=false, as CI machines and this one's environment set
#            it): every build loads and JITs the compiler and every analyzer again;
#   server:  the SDK's default, the compiler server (VBCSCompiler) that a developer's second and later builds reach;
#            one unrecorded build per variant first, so the server and the analyzers it has loaded are warm.
# AGF_PERF_COMPILERS="process" (or "server") measures one of them.
compilers="${AGF_PERF_COMPILERS:-process server}"
variants="on silent replay off"
echo "== dotnet build -p:ReportAnalyzer=true (the SDK's compiler; analyzer on, on with its rules silent, the warnings replayed, then off; compilers: $compilers)"
for variant in $variants; do
  (cd "$work/$variant" && dotnet restore -nologo -v:q > /dev/null)
done
sdk_build() { # variant compiler log
  local shared=false; [[ "$2" == server ]] && shared=true
  (cd "$work/$1" && dotnet build --no-restore --no-incremental -c Release -nologo -v:d -clp:PerformanceSummary \
    -p:ReportAnalyzer=true -p:UseSharedCompilation=$shared > "$3" 2>&1) || { tail -50 "$3"; exit 1; }
}
for compiler in $compilers; do
  if [[ "$compiler" == server ]]; then
    for variant in $variants; do sdk_build "$variant" server "$work/$variant/warm-up.log"; done
    grep -q 'server processed compilation' "$work/off/warm-up.log" || echo "warning: the compiler server did not take the build"
  fi
  for ((i = 1; i <= iterations; i++)); do
    for variant in $variants; do
      log="$work/$variant/build-$compiler-$i.log"
      sdk_build "$variant" "$compiler" "$log"
      csc_ms=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | tail -1 | awk '{print $1}')
      total=$(grep -m1 'Total analyzer execution time' "$log" | grep -oE '[0-9.]+ seconds' | awk '{print $1}')
      ours=$(grep -m1 -E '^\s+[0-9.<]+\s+[0-9<]+\s+AgentFramework.Analyzers, Version' "$log" | awk '{print $1}' || true)
      share=$(awk -v o="${ours:-0}" -v c="$csc_ms" 'BEGIN { if (c > 0) printf "%.1f%%", 100 * o * 1000 / c; else print "n/a" }')
      warnings=$(grep -cE 'warning AGF0' "$log" || true)
      echo "$compiler run $i analyzer $variant: Csc ${csc_ms} ms, $warnings AGF warning lines, all analyzers ${total:-0} s, AgentFramework.Analyzers ${ours:-0} s (${share} of Csc; load $(cut -d' ' -f1 /proc/loadavg))"
      echo "$compiler $variant $csc_ms ${ours:-0}" >> "$work/sdk-runs.txt"
    done
  done
  [[ "$compiler" == server ]] && dotnet build-server shutdown > /dev/null 2>&1 || true
done
# Medians over the runs: one pair of builds differs by seconds from the next, far more than the analyzer costs.
for compiler in $compilers; do
  awk -v c="$compiler" 'function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
         return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
       $1 != c { next }
       $2 == "on" { on[++n_on] = $3; share[n_on] = 100 * $4 * 1000 / $3 } $2 == "off" { off[++n_off] = $3 }
       $2 == "silent" { silent[++n_silent] = $3; silent_share[n_silent] = 100 * $4 * 1000 / $3 }
       $2 == "replay" { replay[++n_replay] = $3 }
       END { if (n_on && n_off) {
               o = median(off, n_off)
               printf "%-7s median of %d runs, analyzer on:   AgentFramework.Analyzers %.1f%% of Csc; Csc on / off %.0f / %.0f ms = %.3fx\n", c, n_on, median(share, n_on), median(on, n_on), o, median(on, n_on) / o
               if (n_silent) printf "%-7s median of %d runs, rules silent: AgentFramework.Analyzers %.1f%% of Csc; Csc silent / off %.0f / %.0f ms = %.3fx\n", c, n_silent, median(silent_share, n_silent), median(silent, n_silent), o, median(silent, n_silent) / o
               if (n_replay) { r = median(replay, n_replay)
                 printf "%-7s median of %d runs, warnings replayed (no analysis): Csc replay / off %.0f / %.0f ms = %.3fx; on / replay = %.3fx\n", c, n_replay, r, o, r / o, median(on, n_on) / r } } }' "$work/sdk-runs.txt"
done
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg))"
