#!/usr/bin/env bash
# Demo of Gatehouse's token path until the sample application lands (issue #3):
# generates keys into target/demo/, mints a token, and asks the real validator about it and about two bad tokens.
set -euo pipefail
cd "$(dirname "$0")/.."
CLI="java -jar filter/target/gatehouse-filter-0.1.0-SNAPSHOT-cli.jar"
DEMO=target/demo
mkdir -p "$DEMO"
[ -f "$DEMO/keys/microprofile-config.properties" ] || $CLI keygen --out "$DEMO/keys"

echo; echo "== A valid token for alice (groups user, admin), valid 5 minutes:"
TOKEN=$($CLI mint --sign-key "$DEMO/keys/sign-private.jwk" --encrypt-key "$DEMO/keys/encrypt-public.jwk" \
    --sub alice --groups user,admin --ttl 5m)
echo "$TOKEN" | cut -c1-60 | sed 's/$/... (compact JWE, 5 segments)/'
$CLI inspect --decrypt-key "$DEMO/keys/decrypt-private.jwk" --config "$DEMO/keys/microprofile-config.properties" "$TOKEN"

echo; echo "== The same, expired a minute ago:"
EXPIRED=$($CLI mint --sign-key "$DEMO/keys/sign-private.jwk" --encrypt-key "$DEMO/keys/encrypt-public.jwk" \
    --sub alice --ttl -60s)
$CLI inspect --decrypt-key "$DEMO/keys/decrypt-private.jwk" --config "$DEMO/keys/microprofile-config.properties" "$EXPIRED" \
    | grep -E "^(ACCEPTED|REJECTED)" || true

echo; echo "== Signed only (no encryption), which Gatehouse refuses:"
SIGNED=$($CLI mint --sign-key "$DEMO/keys/sign-private.jwk" --sub alice --signed-only)
$CLI inspect --config "$DEMO/keys/microprofile-config.properties" "$SIGNED" | grep -E "^(ACCEPTED|REJECTED)" || true

echo; echo "Keys and the matching MicroProfile Config are in $DEMO/keys/ — point a WAR with gatehouse-filter at them."
