#!/usr/bin/env bash
# `make api-check`: schemathesis (PyPI, in .venv-api, made by scripts/setup.sh) against a fresh
# mock server on a free port, for API_CHECK_SECONDS (120) at most, signed in as an admin agent.
# Every check runs but those that need real ids, which random paths never hit (they would report
# the 404s of made-up customers): positive_data_acceptance, use_after_free,
# ensure_resource_availability, object_level_authorization. Fails on any failure; every request
# and answer is kept in target/api-check/requests.har.
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER=${SERVER:-target/server/mock-server}
SECONDS_BUDGET=${API_CHECK_SECONDS:-120}
PYTHON=.venv-api/bin/python

work=$(mktemp -d)
"$SERVER" --port 0 --dist "$work/no-app" >"$work/stdout" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"' EXIT

url=""
for _ in $(seq 300); do
  url=$(sed -n 's/^Listening on //p' "$work/stdout")
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { echo "api-check: the mock server exited" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "api-check: the mock server did not start in 30 s" >&2; exit 1; }

token=$("$PYTHON" - "$url" <<'PY'
import json, sys, urllib.request
request = urllib.request.Request(
    sys.argv[1] + "/api/v1/session",
    data=b'{"role": "AdminAgent"}',
    headers={"Content-Type": "application/json"},
)
print(json.load(urllib.request.urlopen(request))["token"])
PY
)

echo "api-check: schemathesis against $url for at most ${SECONDS_BUDGET} s"
# Not the testing faults: a generated one holds or delays the very routes under test
# (tests/api/faults.rs checks that route).
.venv-api/bin/schemathesis run "$url/api/v1/openapi.json" \
  --url "$url" \
  --exclude-path /api/testing/faults \
  --header "Authorization: Bearer $token" \
  --exclude-checks positive_data_acceptance,use_after_free,ensure_resource_availability,object_level_authorization \
  --max-time "$SECONDS_BUDGET" \
  --report har --report-har-path target/api-check/requests.har

# Schemathesis counts test cases, and a stateful scenario sends several requests: count these.
"$PYTHON" -c 'import json, sys; print("api-check:", len(json.load(open(sys.argv[1]))["log"]["entries"]), "requests")' \
  target/api-check/requests.har
