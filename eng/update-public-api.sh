#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to the project's
# PublicAPI.Unshipped.txt, and drops declared symbols that no longer exist (RS0017).
# Usage: eng/update-public-api.sh src/Aircall.CallSync   (review the diff before committing)
set -euo pipefail
project_dir=${1:?project directory}
unshipped="$project_dir/PublicAPI.Unshipped.txt"
log=$(mktemp)
dotnet build "$project_dir" --no-incremental -p:TreatWarningsAsErrors=false 2>&1 > "$log" || true
added=$(grep -oE "RS0016: Symbol '[^']+'" "$log" | sed -E "s/RS0016: Symbol '(.*)'/\1/" | sort -u || true)
removed=$(grep -oE "RS0017: Symbol '[^']+'" "$log" | sed -E "s/RS0017: Symbol '(.*)'/\1/" | sort -u || true)
{
  echo '#nullable enable'
  { grep -v '^#nullable' "$unshipped" || true; echo "$added"; } | grep -v '^$' | grep -vxF -f <(echo "${removed:-__none__}") | sort -u
} > "$unshipped.new"
mv "$unshipped.new" "$unshipped"
rm -f "$log"
echo "$(echo "$added" | grep -c . || true) added, $(echo "$removed" | grep -c . || true) removed: $unshipped"
