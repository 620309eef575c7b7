#!/usr/bin/env bash
# Packs every AgentFramework package into a local NuGet feed, so an app can `dotnet add package` them
# before they are published anywhere.
#
# Usage: tools/pack-local-feed.sh [feed-dir] [version]
#   feed-dir  default: artifacts/feed (inside the repository)
#   version   default: 0.1.0-local.<UTC timestamp> — a new version each time, so NuGet's global package
#             cache never serves an older build under the same number
# Prints the version on its last line. Then, in your app:
#   dotnet nuget add source <feed-dir> --name agentframework-local     (or a nuget.config line)
#   dotnet add package AgentFramework --prerelease                      (analyzer included)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
feed="$(mkdir -p "${1:-$repo/artifacts/feed}" && cd "${1:-$repo/artifacts/feed}" && pwd)"
version="${2:-0.1.0-local.$(date -u +%Y%m%d%H%M%S)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Every project under src/ that declares <IsPackable>true</IsPackable>, in dependency-free order for readability.
mapfile -t projects < <(grep -l '<IsPackable>true</IsPackable>' "$repo"/src/*/*.csproj | sort)
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
for project in "${projects[@]}"; do
  echo "pack $(basename "$project" .csproj) $version" >&2
  # bin/obj away from the work tree, so a pack never disturbs (or is disturbed by) a build in progress.
  if ! dotnet pack "$project" -c Release -o "$feed" --artifacts-path "$build" -p:Version="$version" -nologo -v:q > "$build/pack.log" 2>&1; then
    cat "$build/pack.log" >&2
    echo "FAIL: dotnet pack $project" >&2
    exit 1
  fi
done
echo "packed ${#projects[@]} packages into $feed" >&2
echo "$version"
