#!/usr/bin/env bash
# Development helper: throws away the newest migration that has not been released yet and
# generates it again from the schema, under the same name. Never use it on a released migration.
set -euo pipefail
cd "$(dirname "$0")/.."
last=$(ls drizzle/*.sql | sort | tail -1)
tag=$(basename "$last" .sql)
idx=${tag%%_*}
name=${tag#*_}
rm "$last" "drizzle/meta/${idx}_snapshot.json"
node -e '
const fs=require("fs");const p="drizzle/meta/_journal.json";const j=JSON.parse(fs.readFileSync(p,"utf8"));
j.entries=j.entries.filter(e=>e.tag!==process.argv[1]);fs.writeFileSync(p,JSON.stringify(j,null,2)+"\n");' "$tag"
npx drizzle-kit generate --name "$name"
