#!/usr/bin/env bash
# Prints an access token of the docker-compose Keycloak (realm shelters) for a user on stdout, and
# nothing else — the compose counterpart of ./local-stack/token.sh:
#   ops/keycloak/token.sh programme
#   curl -H "Authorization: Bearer $(ops/keycloak/token.sh analyst)" http://localhost:8083/api/...
# Usage: token.sh USER [PASSWORD]   (PASSWORD defaults to USER-demo, the demo users' password)
# Grant: authorization code with PKCE (S256) as the public client shelters-dev, driven by curl the way
# a browser would (cookie jar, Keycloak's login form), then the code is exchanged with the verifier.
# OAuth 2.1 has no password grant, and the realm enables none ("direct access grants" are off).
# Environment: KEYCLOAK_URL (default http://localhost:8180), KEYCLOAK_REALM (shelters),
#   KEYCLOAK_DEV_CLIENT_ID (shelters-dev), KEYCLOAK_REDIRECT_URI (http://127.0.0.1:8765/callback:
#   nothing listens there, the code is read from the redirect). Needs bash, curl, openssl, python3.
#   Errors go to stderr, exit status 1.
set -euo pipefail

user=${1:-}
if [ -z "$user" ]; then
  echo "usage: $0 USER [PASSWORD]" >&2
  exit 2
fi
password=${2:-$user-demo}
base=${KEYCLOAK_URL:-http://localhost:8180}
issuer="${base%/}/realms/${KEYCLOAK_REALM:-shelters}"
client_id=${KEYCLOAK_DEV_CLIENT_ID:-shelters-dev}
redirect_uri=${KEYCLOAK_REDIRECT_URI:-http://127.0.0.1:8765/callback}

fail() { echo "token.sh: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar=$work/cookies

# every request shares the cookie jar (the sign-in session) and follows no redirect by itself
http() { curl -sS --max-time 20 -b "$jar" -c "$jar" "$@"; }
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1]) or "")' "$1"; }

discovery=$(http --fail "$issuer/.well-known/openid-configuration") \
  || fail "no Keycloak realm answers at $issuer (set KEYCLOAK_URL; is the keycloak service up?)"
authorize_endpoint=$(printf '%s' "$discovery" | json_field authorization_endpoint)
token_endpoint=$(printf '%s' "$discovery" | json_field token_endpoint)

verifier=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n')
challenge=$(printf '%s' "$verifier" | openssl dgst -binary -sha256 | openssl base64 -A | tr '+/' '-_' | tr -d '=')
state=$(openssl rand -hex 16)

# 1. the authorization request: Keycloak answers with its login form; read the form's action
action=$(http -H 'Accept: text/html' -G "$authorize_endpoint" \
  --data-urlencode response_type=code --data-urlencode "client_id=$client_id" \
  --data-urlencode "redirect_uri=$redirect_uri" --data-urlencode scope=openid \
  --data-urlencode "state=$state" --data-urlencode "code_challenge=$challenge" \
  --data-urlencode code_challenge_method=S256 | python3 -c '
import html, re, sys
form = re.search(r"<form[^>]*id=\"kc-form-login\"[^>]*>", sys.stdin.read())
action = form and re.search(r"action=\"([^\"]*)\"", form.group(0))
print(html.unescape(action.group(1)) if action else "")')
[ -n "$action" ] || fail "no login form (client $client_id, redirect $redirect_uri refused?)"

# 2. sign in; the password goes to curl on stdin, so it never shows in the process list
callback=$(printf '%s' "$password" | http -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' "$action" \
  --data-urlencode "username=$user" --data-urlencode "password@-" --data-urlencode credentialId=)
case "$callback" in
  "$redirect_uri"*) ;;
  *) fail "sign-in refused for $user (unknown user, wrong password, or an action is required of the user)" ;;
esac
code=$(printf '%s' "$callback" | python3 -c '
import sys, urllib.parse
query = urllib.parse.parse_qs(urllib.parse.urlsplit(sys.stdin.read()).query)
if query.get("state", [""])[0] != sys.argv[1]:
    sys.exit("state mismatch")
print(query.get("code", [""])[0])' "$state") || fail "the authorization response was not for this request"
[ -n "$code" ] || fail "no authorization code: $callback"

# 3. exchange the code, proving possession of the verifier
response=$(http -X POST "$token_endpoint" -H 'Accept: application/json' \
  --data-urlencode grant_type=authorization_code --data-urlencode "code=$code" \
  --data-urlencode "redirect_uri=$redirect_uri" --data-urlencode "client_id=$client_id" \
  --data-urlencode "code_verifier=$verifier")
token=$(printf '%s' "$response" | json_field access_token 2>/dev/null || true)
[ -n "$token" ] || fail "the token endpoint refused the code: $response"
printf '%s\n' "$token"
