#!/usr/bin/env bash
# Prints an access token for a user of the development identity server on stdout, and nothing else:
#   ./local-stack/token.sh programme
#   curl -H "Authorization: Bearer $(./local-stack/token.sh analyst)" http://localhost:8083/api/...
# Usage: token.sh USER [PASSWORD]   (PASSWORD defaults to USER-demo, the demo accounts' password)
# Grant: authorization code with PKCE (S256) as the public client shelters-dev, driven by curl the way
# a browser would (cookie jar, login form with its CSRF token, no consent page for that client), then
# the code is exchanged with the verifier. OAuth 2.1 has no password grant, so this is the honest way.
# Environment: IDENTITY_ISSUER (default http://localhost:9000), IDENTITY_DEV_CLIENT_ID (shelters-dev),
#   IDENTITY_REDIRECT_URI (http://127.0.0.1:8765/callback: nothing listens there, the code is read
#   from the redirect). Needs bash, curl, openssl and python3. Errors go to stderr, exit status 1.
set -euo pipefail

user=${1:-}
if [ -z "$user" ]; then
  echo "usage: $0 USER [PASSWORD]" >&2
  exit 2
fi
password=${2:-$user-demo}
issuer=${IDENTITY_ISSUER:-http://localhost:9000}
issuer=${issuer%/}
client_id=${IDENTITY_DEV_CLIENT_ID:-shelters-dev}
redirect_uri=${IDENTITY_REDIRECT_URI:-http://127.0.0.1:8765/callback}

fail() { echo "token.sh: $*" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar=$work/cookies

# every request shares the cookie jar (the signed-in session) and follows no redirect by itself
http() { curl -sS --max-time 20 -b "$jar" -c "$jar" "$@"; }

# python3 reads JSON and HTML; the value to read comes on stdin, never on the command line
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1]) or "")' "$1"; }

discovery=$(http --fail "$issuer/.well-known/openid-configuration") \
  || fail "no identity server answers at $issuer (set IDENTITY_ISSUER)"
authorize_endpoint=$(printf '%s' "$discovery" | json_field authorization_endpoint)
token_endpoint=$(printf '%s' "$discovery" | json_field token_endpoint)

verifier=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n')
challenge=$(printf '%s' "$verifier" | openssl dgst -binary -sha256 | openssl base64 -A | tr '+/' '-_' | tr -d '=')
state=$(openssl rand -hex 16)

# 1. the authorization request; not signed in yet, so the server sends us to its login form
login_url=$(http -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' -G "$authorize_endpoint" \
  --data-urlencode response_type=code --data-urlencode "client_id=$client_id" \
  --data-urlencode "redirect_uri=$redirect_uri" --data-urlencode scope=openid \
  --data-urlencode "state=$state" --data-urlencode "code_challenge=$challenge" \
  --data-urlencode code_challenge_method=S256)
[ -n "$login_url" ] || fail "the authorization request was refused (client $client_id, redirect $redirect_uri)"

# 2. the login form, for its CSRF token
csrf=$(http -H 'Accept: text/html' "$login_url" | python3 -c '
import re, sys
page = sys.stdin.read()
for tag in re.findall(r"<input[^>]*>", page):
    if re.search(r"name=\"_csrf\"", tag):
        print(re.search(r"value=\"([^\"]*)\"", tag).group(1)); break')
[ -n "$csrf" ] || fail "no login form at $login_url"

# 3. sign in; the password goes to curl on stdin, so it never shows in the process list
back_url=$(printf '%s' "$password" | http -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' "$login_url" \
  --data-urlencode "username=$user" --data-urlencode "password@-" --data-urlencode "_csrf=$csrf")
case "$back_url" in
  ""|*"/login?error"*) fail "sign-in refused for $user (unknown user or wrong password; demo accounts need --identity.demo.enabled=true)" ;;
esac

# 4. back to the authorization request, now signed in: redirected to redirect_uri with the code
callback=$(http -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' "$back_url")
code=$(printf '%s' "$callback" | python3 -c '
import sys, urllib.parse
query = urllib.parse.parse_qs(urllib.parse.urlsplit(sys.stdin.read()).query)
if query.get("state", [""])[0] != sys.argv[1]:
    sys.exit("state mismatch")
print(query.get("code", [""])[0])' "$state") || fail "the authorization response was not for this request: $callback"
[ -n "$code" ] || fail "no authorization code: ${callback:-no redirect}"

# 5. exchange the code, proving possession of the verifier
response=$(http -X POST "$token_endpoint" -H 'Accept: application/json' \
  --data-urlencode grant_type=authorization_code --data-urlencode "code=$code" \
  --data-urlencode "redirect_uri=$redirect_uri" --data-urlencode "client_id=$client_id" \
  --data-urlencode "code_verifier=$verifier")
token=$(printf '%s' "$response" | json_field access_token 2>/dev/null || true)
[ -n "$token" ] || fail "the token endpoint refused the code: $response"
printf '%s\n' "$token"
