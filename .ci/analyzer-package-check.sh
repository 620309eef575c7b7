#!/usr/bin/env bash
# Packaging check for the cost analyzer (issue 3).
#
# Packs AgentFramework.Abstractions and AgentFramework into a temporary feed with a unique version,
# checks that the AgentFramework package carries the analyzer and its code fixes under
# analyzers/dotnet/cs, then builds a throwaway consumer project in /tmp against the packed package
# (isolated NUGET_PACKAGES, so no stale cache) and fails unless `dotnet build` prints AGF0001 for a
# step bound to claude-opus-4-1 that needs only basic classification, with its dollar figures; then
# sets the rule to error in the consumer's .editorconfig and requires the build to fail on it.
#
# Usage: .ci/analyzer-package-check.sh        (exit 0 = pass; prints the warning it saw)
# Other dependencies restore from the configured NuGet source; nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v zipinfo >/dev/null 2>&1; then
  # zipinfo lists the package's files; Debian's unzip package provides it (CI runs as root, no stdin).
  apt-get update -q </dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q unzip </dev/null
fi
repo="$(pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work="$(mktemp -d /tmp/agentframework-package-check.XXXXXX)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-pkgcheck.$(date +%Y%m%d%H%M%S).$$"
feed="$work/feed"
mkdir -p "$feed" "$work/consumer"

echo "== pack $version (bin/obj under $work/artifacts, away from the work tree's builds)"
for project in src/AgentFramework.Abstractions/AgentFramework.Abstractions.csproj src/AgentFramework.VectorSearch/AgentFramework.VectorSearch.csproj src/AgentFramework/AgentFramework.csproj; do
  if ! dotnet pack "$repo/$project" -c Release -o "$feed" --artifacts-path "$work/artifacts" \
      -p:Version="$version" -p:TreatWarningsAsErrors=false -nologo -v:q > "$work/pack.log" 2>&1; then
    cat "$work/pack.log"
    echo "FAIL: dotnet pack $project failed" >&2
    exit 1
  fi
done

package="$feed/AgentFramework.$version.nupkg"
[[ -f "$package" ]] || { ls -l "$feed"; echo "FAIL: $package was not produced" >&2; exit 1; }
echo "== analyzer files in $(basename "$package")"
# List once: with pipefail, `zipinfo | grep -q` can fail when grep exits early and zipinfo gets SIGPIPE.
listing=$(zipinfo -1 "$package")
grep '^analyzers/' <<<"$listing" || true
for dll in AgentFramework.Analyzers.dll AgentFramework.Analyzers.CodeFixes.dll; do
  grep -qx "analyzers/dotnet/cs/$dll" <<<"$listing" \
    || { echo "FAIL: analyzers/dotnet/cs/$dll missing from the package" >&2; exit 1; }
done
if grep -q '^lib/.*AgentFramework\.Analyzers' <<<"$listing"; then
  echo "FAIL: the analyzer leaked into lib/ (it must only be an analyzer)" >&2
  exit 1
fi

echo "== consumer project"
cat > "$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="agentframework-local" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$work/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="AgentFramework" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$work/consumer/Support.cs" <<'CS'
using AgentFramework;

namespace Consumer;

public class Support
{
    [AgentStep, Requires(Capability.Classification, CapabilityLevel.Basic)]
    [ExpectedVolume(CallsPerDay = 50_000, InputTokens = 800, OutputTokens = 60)]
    [UseModel("claude-opus-4-1")]
    public Task<string> ClassifyAsync(string ticket) => Task.FromResult("billing");
}
CS

export NUGET_PACKAGES="$work/packages"
set +e
(cd "$work/consumer" && dotnet build -c Release -nologo -v:m -p:TreatWarningsAsErrors=false > "$work/build.log" 2>&1)
status=$?
set -e
if [[ $status -ne 0 ]]; then
  cat "$work/build.log"
  echo "FAIL: the consumer did not build (exit $status)" >&2
  exit 1
fi

echo "== diagnostics the consumer build printed"
grep -E 'AGF[0-9]{4}|AD0001|CS8032|CS9057' "$work/build.log" | sed -E 's#^ *'"$work"'/consumer/##' | sort -u || true
if grep -qE 'AD0001|CS8032|CS9057' "$work/build.log"; then
  echo "FAIL: the analyzer failed to load or threw" >&2
  exit 1
fi
if ! grep -qE "warning AGF0001: Step 'Support.Classify' is bound to 'claude-opus-4-1' \(\\\$[0-9.,]+/\\\$[0-9.,]+ per 1M input/output tokens\), [0-9.,]+x the price of '[^']+' \(\\\$[0-9.,]+/\\\$[0-9.,]+\), the cheapest model that meets its declared needs; at the expected volume that is \\\$[0-9.,]+ more per month" "$work/build.log"; then
  echo "FAIL: no AGF0001 warning with dollar figures in the consumer build" >&2
  exit 1
fi
echo "PASS: the packed AgentFramework package reports AGF0001 with dollar figures"

echo "== consumer with dotnet_diagnostic.AGF0001.severity = error in .editorconfig"
# Teams gate builds on cost this way: the same step must now fail the build.
printf 'root = true\n\n[*.cs]\ndotnet_diagnostic.AGF0001.severity = error\n' > "$work/consumer/.editorconfig"
set +e
(cd "$work/consumer" && dotnet build -c Release -nologo -v:m --no-incremental -p:TreatWarningsAsErrors=false > "$work/build-error.log" 2>&1)
status=$?
set -e
grep -E 'AGF0001' "$work/build-error.log" | sed -E 's#^ *'"$work"'/consumer/##' | sort -u || true
if [[ $status -eq 0 ]] || ! grep -qE "error AGF0001: Step 'Support.Classify'" "$work/build-error.log"; then
  echo "FAIL: with severity = error the consumer build did not fail on AGF0001 (exit $status)" >&2
  exit 1
fi
echo "PASS: .editorconfig severity = error makes AGF0001 fail the build"
