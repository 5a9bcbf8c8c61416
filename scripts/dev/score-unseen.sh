#!/usr/bin/env bash
# Scores the CLI's output on our own held-out fixtures (lib/extract/fixtures/unseen), written and
# annotated by hand to check that the extractor generalises beyond ../shared/gold/dev.
# usage: scripts/dev/score-unseen.sh [--verbose]   (UNSEEN=unseen2 scores lib/extract/fixtures/unseen2)
set -u
cd "$(dirname "$0")/../.."
dir=lib/extract/fixtures/${UNSEEN:-unseen}; out=$(mktemp -d)
ls "$dir"/*.gold.json | xargs -P 8 -I{} sh -c '
  gold="$1"; out="$2"; name=$(basename "$gold" .gold.json)
  pub=$(node -e "const g=require(process.argv[1]);console.log((g.publication&&g.publication.date)||\"\")" "$PWD/$gold")
  if [ -n "$pub" ]; then npm run -s figures -- extract "$(dirname "$gold")/$name.txt" --json --published "$pub" >"$out/$name.json" || echo "extract failed: $name"
  else npm run -s figures -- extract "$(dirname "$gold")/$name.txt" --json >"$out/$name.json" || echo "extract failed: $name"; fi
' _ {} "$out"
node ../shared/tools/score-extraction.mjs --corpus "$dir" --facts "$out" ${1:-}
rm -rf "$out"
