#!/usr/bin/env bash
# Scores the CLI's output on every gold document in ../shared, as the before-stop hook does.
set -u
cd "$(dirname "$0")/../.."
shared=../shared; out=$(mktemp -d)
for gold in "$shared"/gold/*.gold.json "$shared"/gold/dev/*.gold.json; do
  name=$(basename "$gold" .gold.json)
  doc=$(node -e 'const p=require("path"),g=require(process.argv[1]);console.log(p.resolve(p.dirname(process.argv[1]),g.document))' "$gold")
  pub=$(node -e 'const g=require(process.argv[1]);console.log((g.publication&&g.publication.date)||"")' "$gold")
  args=(extract "$doc" --json); [ -n "$pub" ] && args+=(--published "$pub")
  npm run -s figures -- "${args[@]}" >"$out/$name.json" || echo "extract failed: $name"
done
echo "sample: $(node $shared/tools/score-extraction.mjs --corpus $shared/gold --facts $out ${1:-} | tail -n 40)"
echo "dev:    $(node $shared/tools/score-extraction.mjs --corpus $shared/gold/dev --facts $out ${1:-} | tail -n 200)"
rm -rf "$out"
