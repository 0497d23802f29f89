#!/usr/bin/env python3
"""Checks the Keycloak realm import of the docker-compose stack against what the services read
(called by ops/check.sh; no Keycloak needed).

What the services read is taken from their Java sources, so the realm cannot drift from them:
  - the roles: the constants of platform/.../security/Role.java (and its CLAIM, the claim name);
  - the shelters claim: Caller.SHELTERS_CLAIM;
  - the audience, the accepted signature algorithms and the authorities claim: PlatformDefaults.
Then: the realm JSON parses; it declares exactly those roles and names no other; its mappers put
`roles` (flat), `shelters` and the audience in the access token of every client and nothing that
names a person (no e-mail, no name, no user name); the clients, PKCE and redirect URIs the stack
needs exist; every demo user exists with one role; and docker-compose.yml, prometheus.yml and the
realm agree on issuer, endpoints, client ids and secrets' variables.

Prints one line per check ("ok   - ..." / "FAIL - ...") and exits 1 if any failed.
Usage: python3 ops/check_realm.py [REALM_FILE]   (default ops/keycloak/shelters-realm.json)
"""
import json
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
REALM_FILE = sys.argv[1] if len(sys.argv) > 1 else "ops/keycloak/shelters-realm.json"
SECURITY = "platform/src/main/java/org/shelters/platform/security"
failures = []


def check(ok, what, detail=""):
    print(("ok   - " if ok else "FAIL - ") + what + ("" if ok or not detail else "\n       " + detail))
    if not ok:
        failures.append(what)
    return ok


def java(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    # comments out, so a constant named only in javadoc is not taken for one
    return re.sub(r"//[^\n]*", "", re.sub(r"/\*.*?\*/", "", source, flags=re.S))


def string_constant(source, name):
    m = re.search(r"\b" + name + r"\s*=\s*\"([^\"]*)\"", source)
    return m.group(1) if m else None


# ------------------------------------------------------------------ what the services read
role_source = java(f"{SECURITY}/Role.java")
body = re.search(r"\benum\s+Role\s*\{(.*?);", role_source, re.S)
ROLES = [n.strip() for n in body.group(1).split(",") if n.strip()] if body else []
check(bool(ROLES) and all(re.fullmatch(r"[A-Z][A-Z0-9_]*", r) for r in ROLES),
      f"Role.java: {len(ROLES)} roles read from the enum: {', '.join(ROLES)}")
ROLES_CLAIM = string_constant(role_source, "CLAIM")
SHELTERS_CLAIM = string_constant(java(f"{SECURITY}/Caller.java"), "SHELTERS_CLAIM")
defaults = java("platform/src/main/java/org/shelters/platform/PlatformDefaults.java")


def platform_default(prop):
    m = re.search(r"\"" + re.escape(prop) + r"\"\s*,\s*\"([^\"]*)\"", defaults)
    return m.group(1) if m else None


AUDIENCE = platform_default("spring.security.oauth2.resourceserver.jwt.audiences")
ALGORITHMS = platform_default("spring.security.oauth2.resourceserver.jwt.jws-algorithms")
AUTHORITIES_CLAIM = platform_default("spring.security.oauth2.resourceserver.jwt.authorities-claim-name")
check(ROLES_CLAIM is not None and SHELTERS_CLAIM is not None and AUDIENCE and ALGORITHMS,
      f"platform sources: roles claim {ROLES_CLAIM!r}, shelters claim {SHELTERS_CLAIM!r}, audience {AUDIENCE!r}, "
      f"algorithms {ALGORITHMS!r}")
check(AUTHORITIES_CLAIM == ROLES_CLAIM, f"platform: authorities are read from the {ROLES_CLAIM!r} claim",
      f"authorities-claim-name is {AUTHORITIES_CLAIM!r}")

# ------------------------------------------------------------------ the realm parses
try:
    with open(REALM_FILE, encoding="utf-8") as f:
        realm = json.load(f)
    check(True, f"{REALM_FILE} parses (JSON)")
except (OSError, ValueError) as e:
    check(False, f"{REALM_FILE} parses (JSON)", str(e))
    sys.exit(1)

name = realm.get("realm")
check(name == "shelters" and realm.get("enabled") is True, f"realm {name!r} is enabled")
check(realm.get("accessTokenLifespan") == 900, "realm: access tokens live 15 minutes (accessTokenLifespan 900)",
      f"got {realm.get('accessTokenLifespan')}")
check(realm.get("defaultSignatureAlgorithm") in (ALGORITHMS or "").split(","),
      f"realm: tokens are signed with {realm.get('defaultSignatureAlgorithm')}, which the services accept ({ALGORITHMS})")
check(realm.get("registrationAllowed") is False, "realm: no self-registration")

# ------------------------------------------------------------------ roles
declared = [r.get("name") for r in (realm.get("roles") or {}).get("realm", [])]
check(sorted(declared) == sorted(ROLES), "realm roles are exactly the roles of Role.java",
      f"missing: {sorted(set(ROLES) - set(declared))}, not in Role.java: {sorted(set(declared) - set(ROLES))}")
check(not (realm.get("roles") or {}).get("client"), "realm: no client roles (the services read realm roles only)")
named = []
for u in realm.get("users", []):
    named += [(f"user {u.get('username')}", r) for r in u.get("realmRoles", [])]
with_client_roles = [u.get("username") for u in realm.get("users", []) if u.get("clientRoles")]
check(not with_client_roles, "users: no client roles (the services read realm roles only)", f"{with_client_roles}")
for m in realm.get("scopeMappings", []):
    named += [(f"scope mapping of {m.get('clientScope') or m.get('client')}", r) for r in m.get("roles", [])]
for group in realm.get("groups", []):
    named += [(f"group {group.get('name')}", r) for r in group.get("realmRoles", [])]
unknown = [f"{where}: {r}" for where, r in named if r not in ROLES]
check(not unknown, f"every role the realm names ({len(named)} mentions) is one of Role.java's", "; ".join(unknown))

# ------------------------------------------------------------------ mappers and client scopes
scopes = {s.get("name"): s for s in realm.get("clientScopes") or []}
check(bool(scopes), "realm declares its client scopes (Keycloak then adds none of its defaults, whose profile "
      "and email scopes put names and e-mail in access tokens)")


def on(config, key):
    return str(config.get(key, "false")).lower() == "true"


def mappers_of(scope_names, client):
    found = []
    for s in scope_names:
        found += [(f"scope {s}", m) for m in scopes.get(s, {}).get("protocolMappers", [])]
    found += [(f"client {client.get('clientId')}", m) for m in client.get("protocolMappers", [])]
    return found


ALLOWED_IN_ACCESS_TOKEN = {"sub", "auth_time", ROLES_CLAIM, SHELTERS_CLAIM}
PERSONAL = {"username", "email", "firstName", "lastName", "name", "given_name", "family_name",
            "preferred_username", "full name", "phone_number"}
for s in scopes.values():
    for m in s.get("protocolMappers", []):
        cfg = m.get("config", {})
        in_access = str(cfg.get("access.token.claim", "true")).lower() == "true"
        kind = m.get("protocolMapper")
        claim = cfg.get("claim.name")
        if kind == "oidc-sub-mapper":
            claim = "sub"
        if kind == "oidc-audience-mapper":
            continue
        personal = cfg.get("user.attribute") in PERSONAL or claim in PERSONAL or kind in (
            "oidc-full-name-mapper", "oidc-usermodel-property-mapper")
        check(not in_access or (claim in ALLOWED_IN_ACCESS_TOKEN and not personal),
              f"scope {s['name']}, mapper {m.get('name')!r}: {'claim ' + str(claim) + ' in the access token' if in_access else 'not in the access token'}",
              f"the access token may carry only {sorted(ALLOWED_IN_ACCESS_TOKEN)} and the audience (no names or e-mail)")

clients = {c.get("clientId"): c for c in realm.get("clients", [])}
PLATFORM_CLIENTS = ("shelters-dev", "shelters-dashboard", "prometheus")
for cid in PLATFORM_CLIENTS:
    client = clients.get(cid)
    if not check(client is not None, f"client {cid} exists"):
        continue
    scope_names = client.get("defaultClientScopes", [])
    check(all(s in scopes for s in scope_names + client.get("optionalClientScopes", [])),
          f"client {cid}: its client scopes are declared", f"{scope_names}")
    maps = mappers_of(scope_names, client)

    def one(kind, want, what):
        hits = [m for _, m in maps if m.get("protocolMapper") == kind and all(
            str(m.get("config", {}).get(k)) == v for k, v in want.items())]
        check(len(hits) == 1, f"client {cid}: {what}", f"{len(hits)} mappers {kind} with {want}")

    one("oidc-usermodel-realm-role-mapper",
        {"claim.name": ROLES_CLAIM, "multivalued": "true", "access.token.claim": "true", "id.token.claim": "true",
         "usermodel.realmRoleMapping.rolePrefix": ""},
        f"access and ID tokens carry the realm roles as a flat array in {ROLES_CLAIM!r} (no prefix, no realm_access)")
    one("oidc-usermodel-attribute-mapper",
        {"user.attribute": SHELTERS_CLAIM, "claim.name": SHELTERS_CLAIM, "multivalued": "true",
         "access.token.claim": "true", "id.token.claim": "true"},
        f"access and ID tokens carry the user attribute {SHELTERS_CLAIM!r} as the multivalued claim {SHELTERS_CLAIM!r}")
    one("oidc-audience-mapper", {"included.custom.audience": AUDIENCE, "access.token.claim": "true"},
        f"access tokens carry the audience {AUDIENCE!r}")
    one("oidc-sub-mapper", {"access.token.claim": "true"}, "access tokens carry sub")
    # only the platform's roles reach a token, never Keycloak's default-roles-shelters or offline_access
    mapped = set()
    for m in realm.get("scopeMappings", []):
        if m.get("client") == cid or m.get("clientScope") in scope_names:
            mapped |= set(m.get("roles", []))
    check(client.get("fullScopeAllowed") is False and mapped == set(ROLES),
          f"client {cid}: tokens carry the platform's roles only (fullScopeAllowed off, scope mapping of all "
          f"{len(ROLES)} roles)", f"fullScopeAllowed {client.get('fullScopeAllowed')}, mapped {sorted(mapped)}")
    check(client.get("directAccessGrantsEnabled") is False and client.get("implicitFlowEnabled") is False,
          f"client {cid}: no password grant, no implicit flow (OAuth 2.1)")
    attrs = client.get("attributes", {})
    for alg in ("access.token.signed.response.alg", "id.token.signed.response.alg"):
        if alg in attrs:
            check(attrs[alg] in ALGORITHMS.split(","), f"client {cid}: {alg} {attrs[alg]} is accepted by the services")

dev = clients.get("shelters-dev", {})
dash = clients.get("shelters-dashboard", {})
prom = clients.get("prometheus", {})
swagger = {f"http://localhost:{p}/swagger-ui/oauth2-redirect.html" for p in (8081, 8082, 8083)}
check(dev.get("publicClient") is True and dev.get("standardFlowEnabled") is True
      and dev.get("attributes", {}).get("pkce.code.challenge.method") == "S256",
      "client shelters-dev: public, authorization code, PKCE S256 required")
check(swagger <= set(dev.get("redirectUris", [])), "client shelters-dev: Swagger UI redirect URIs of :8081-8083",
      f"missing {sorted(swagger - set(dev.get('redirectUris', [])))}")
check(dash.get("publicClient") is False and dash.get("standardFlowEnabled") is True
      and dash.get("attributes", {}).get("pkce.code.challenge.method") == "S256",
      "client shelters-dashboard: confidential, authorization code, PKCE S256 required")
check(dash.get("redirectUris") == ["http://localhost:8083/login/oauth2/code/shelters"],
      "client shelters-dashboard: redirect URI http://localhost:8083/login/oauth2/code/shelters", f"{dash.get('redirectUris')}")
check("http://localhost:8083/dashboard/" in dash.get("attributes", {}).get("post.logout.redirect.uris", "").split("##"),
      "client shelters-dashboard: post-logout redirect http://localhost:8083/dashboard/")
check(prom.get("publicClient") is False and prom.get("serviceAccountsEnabled") is True
      and prom.get("standardFlowEnabled") is False,
      "client prometheus: confidential, service account only (client credentials grant)")
sa = [u for u in realm.get("users", []) if u.get("serviceAccountClientId") == "prometheus"]
check(len(sa) == 1 and sa[0].get("realmRoles") == ["OPERATIONS"], "client prometheus: its service account has role OPERATIONS")
placeholder = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")
secret_vars = {}
for cid, client in (("shelters-dashboard", dash), ("prometheus", prom)):
    m = placeholder.fullmatch(str(client.get("secret", "")))
    check(bool(m), f"client {cid}: secret comes from the environment (${{VARIABLE}} placeholder), not the file")
    if m:
        secret_vars[cid] = m.group(1)

# ------------------------------------------------------------------ users
DEMO = {"programme": "PROGRAMME_OFFICER", "logistics": "LOGISTICS_OFFICER", "analyst": "ANALYST", "donor": "DONOR",
        "operations": "OPERATIONS", "admin": "ADMIN", "partner-1": "SHELTER_PARTNER", "partner-2": "SHELTER_PARTNER"}
users = {u.get("username"): u for u in realm.get("users", [])}
for user, role in DEMO.items():
    u = users.get(user)
    if not check(u is not None, f"demo user {user} exists"):
        continue
    creds = [c for c in u.get("credentials", []) if c.get("type") == "password"]
    check(u.get("realmRoles") == [role] and u.get("enabled") is True, f"demo user {user} has the one role {role}",
          f"{u.get('realmRoles')}")
    check(len(creds) == 1 and creds[0].get("value") == f"{user}-demo" and not creds[0].get("temporary"),
          f"demo user {user}: password {user}-demo (documented development password)")
    check(not (set(u) & {"email", "firstName", "lastName"}), f"demo user {user}: no name or e-mail")
    if role == "SHELTER_PARTNER":
        check(isinstance(u.get("attributes", {}).get(SHELTERS_CLAIM), list),
              f"demo user {user}: carries the multivalued attribute {SHELTERS_CLAIM!r} (ids set by an operator)")
profiles = (realm.get("components") or {}).get("org.keycloak.userprofile.UserProfileProvider", [])
profile = json.loads(profiles[0]["config"]["kc.user.profile.config"][0]) if profiles else {}
shelters_attr = [a for a in profile.get("attributes", []) if a.get("name") == SHELTERS_CLAIM]
check(len(shelters_attr) == 1 and shelters_attr[0].get("multivalued") is True
      and shelters_attr[0].get("permissions", {}).get("edit") == ["admin"],
      f"user profile: {SHELTERS_CLAIM!r} is declared, multivalued, editable by administrators only (a partner "
      "cannot add a shelter to itself in the account console)")
required = [a["name"] for a in profile.get("attributes", []) if a.get("required")]
check(not required, "user profile: no attribute is required (no sign-in stops to ask for a name or e-mail)", f"{required}")

# ------------------------------------------------------------------ the stack agrees with the realm
with open("docker-compose.yml", encoding="utf-8") as f:
    compose = yaml.safe_load(f)
services = compose.get("services", {})
kc = services.get("keycloak", {})
kc_env = kc.get("environment", {})
hostname = str(kc_env.get("KC_HOSTNAME", "")).rstrip("/")
issuer = f"{hostname}/realms/{name}"
check(any(str(p).split(":")[-2:] == [hostname.rsplit(":", 1)[-1], "8080"] for p in kc.get("ports", [])),
      f"compose: Keycloak's published port matches KC_HOSTNAME {hostname}")
check(str(kc_env.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC")) == "true",
      "compose: containers may use Keycloak's back channel at keycloak:8080 (KC_HOSTNAME_BACKCHANNEL_DYNAMIC)")
check(any("shelters-realm.json" in str(v) and "/opt/keycloak/data/import/" in str(v) for v in kc.get("volumes", []))
      and "--import-realm" in kc.get("command", []), "compose: Keycloak imports the realm file")
for var in secret_vars.values():
    check(var in kc_env, f"compose: Keycloak's environment sets {var} for the realm import")
back = f"http://keycloak:8080/realms/{name}/protocol/openid-connect"
for svc in ("agreements-service", "logistics-service", "reporting-service"):
    env = services.get(svc, {}).get("environment", {})
    check(env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI") == issuer,
          f"compose: {svc} validates the issuer {issuer} (what Keycloak writes in iss)")
    check(env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI") == f"{back}/certs",
          f"compose: {svc} fetches the keys at {back}/certs")
    check(env.get("PLATFORM_SECURITY_OPENAPI_AUTHORIZATION_URL") == f"{issuer}/protocol/openid-connect/auth"
          and env.get("PLATFORM_SECURITY_OPENAPI_TOKEN_URL") == f"{issuer}/protocol/openid-connect/token",
          f"compose: {svc}'s Swagger UI signs in at Keycloak's browser-facing endpoints")
rep = services.get("reporting-service", {}).get("environment", {})
check(rep.get("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_SHELTERS_AUTHORIZATION_URI") == f"{issuer}/protocol/openid-connect/auth"
      and rep.get("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_SHELTERS_TOKEN_URI") == f"{back}/token"
      and rep.get("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_SHELTERS_JWK_SET_URI") == f"{back}/certs"
      and rep.get("SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_SHELTERS_USER_INFO_URI") == f"{back}/userinfo",
      "compose: the dashboard signs in at the browser-facing authorization endpoint and calls the others on the back channel")


def default_of(value):
    m = re.fullmatch(r"\$\{([A-Z0-9_]+):-([^}]*)\}", str(value))
    return (m.group(1), m.group(2)) if m else (None, None)


dash_secret = default_of(rep.get("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SHELTERS_CLIENT_SECRET"))
check(dash_secret == default_of(kc_env.get(secret_vars.get("shelters-dashboard"))) and dash_secret[0] is not None,
      "compose: reporting-service and Keycloak take the dashboard client secret from the same variable and default")
prom_env = services.get("prometheus", {}).get("environment", {})
check(default_of(prom_env.get("PROMETHEUS_CLIENT_SECRET")) == default_of(kc_env.get(secret_vars.get("prometheus")))
      and default_of(prom_env.get("PROMETHEUS_CLIENT_SECRET"))[0] is not None,
      "compose: Prometheus and Keycloak take the prometheus client secret from the same variable and default")
with open("ops/prometheus/prometheus.yml", encoding="utf-8") as f:
    prometheus = yaml.safe_load(f)
job = next((j for j in prometheus.get("scrape_configs", []) if j.get("job_name") == "platform-services"), {})
oauth2 = job.get("oauth2") or {}
check(oauth2.get("client_id") == "prometheus" and oauth2.get("token_url") == f"{back}/token",
      "prometheus: scrapes the services with a client credentials token of client prometheus from Keycloak",
      f"oauth2: {oauth2}")
secret_file = oauth2.get("client_secret_file", "")
entry = " ".join(services.get("prometheus", {}).get("entrypoint", []) or [])
check(bool(secret_file) and secret_file in entry and os.path.dirname(secret_file) in services.get("prometheus", {}).get("tmpfs", []),
      f"compose: Prometheus writes {secret_file} (on a tmpfs) before it starts")

sys.exit(1 if failures else 0)
