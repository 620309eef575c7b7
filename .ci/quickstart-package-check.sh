#!/usr/bin/env bash
# The README's "Use it in your app" path, done as a newcomer would: pack every package into a local feed
# (tools/pack-local-feed.sh), create a fresh console app outside the repository, add the packages with
# `dotnet add package`, drop in examples/QuickStart/Program.cs (the README's quick start), build it and run
# it twice. Fails unless the build is clean and the two runs print what the README says they print.
#
# Usage: .ci/quickstart-package-check.sh     (exit 0 = pass)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work="$(mktemp -d /tmp/agentframework-quickstart.XXXXXX)"
trap 'rm -rf "$work"' EXIT

version="$(bash tools/pack-local-feed.sh "$work/feed" "0.1.0-quickstart.$(date -u +%Y%m%d%H%M%S).$$" | tail -1)"
di_version="$(grep -o 'Include="Microsoft.Extensions.DependencyInjection" Version="[^"]*"' Directory.Packages.props | sed 's/.*Version="\([^"]*\)"/\1/')"

echo "== a new console app against the packed packages ($version)"
cd "$work"
dotnet new console --framework net10.0 --output app --name QuickStartApp > /dev/null
cd app
cat > nuget.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="agentframework-local" value="$work/feed" />
  </packageSources>
</configuration>
XML
for package in AgentFramework AgentFramework.Caching AgentFramework.Embeddings.Onnx AgentFramework.VectorIndex; do
  dotnet add package "$package" --version "$version" > "$work/add.log" 2>&1 || { cat "$work/add.log"; exit 1; }
done
dotnet add package Microsoft.Extensions.DependencyInjection --version "$di_version" > "$work/add.log" 2>&1 || { cat "$work/add.log"; exit 1; }
cp "$repo/examples/QuickStart/Program.cs" Program.cs
if grep -q ProjectReference QuickStartApp.csproj; then echo "FAIL: the app references projects" >&2; exit 1; fi

dotnet build -c Release -warnaserror > "$work/build.log" 2>&1 || { cat "$work/build.log"; echo "FAIL: the quick start does not build against the packages" >&2; exit 1; }

# The index persists under LocalApplicationData; point that at the work folder so both runs start from nothing.
export XDG_DATA_HOME="$work/data"
dotnet run -c Release --no-build > "$work/run1.txt"
dotnet run -c Release --no-build > "$work/run2.txt"
echo "-- first run"; cat "$work/run1.txt"
echo "-- second run"; cat "$work/run2.txt"

expect() { grep -qE "$2" "$1" || { echo "FAIL: $(basename "$1") lacks /$2/" >&2; exit 1; }; }
expect "$work/run1.txt" '^How do I reset my password\? +classify: miss'
expect "$work/run1.txt" 'classify: exact 1\.00'
expect "$work/run1.txt" '^How can I reset my password\? +classify: semantic'
expect "$work/run1.txt" '^How do I enable two-factor authentication\? +classify: vetoed'
expect "$work/run1.txt" '^HelpDesk\.Classify: 3 calls'
expect "$work/run2.txt" '^How do I reset my password\? +classify: semantic 1\.00'
expect "$work/run2.txt" '^HelpDesk\.Classify: 0 calls'
[ -d "$XDG_DATA_HOME/AgentFramework/QuickStart/semantic-index" ] || { echo "FAIL: the index is not in the documented default location" >&2; exit 1; }
echo "PASS: the quick start builds against the packed packages and prints what the README says"
