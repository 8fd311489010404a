#!/usr/bin/python3
"""Microsoft's MSAL for Python (Debian package python3-msal) against the
emulator's identity endpoints: a client this project did not write.

  client credentials with the seeded app's secret, then with a client
  assertion signed by its certificate (examples/certs);
  the authorization code flow with PKCE: MSAL makes the request, this
  script plays the browser on the sign-in page, MSAL redeems the code and
  checks the ID token (nonce, audience, expiry); an unassigned user's
  refusal reaches MSAL as the platform's error.

Usage: msal-client.py EMULATOR_BINARY REPO_ROOT
Exit: 0 passed; 1 a check failed; 125 skipped (python3-msal or
python3-requests missing; a failure when CI is set, where nothing may be
skipped).
"""

import hashlib
import html
import os
import re
import ssl
import subprocess
import sys
import tempfile
import urllib.parse

DIRECTORY = "5a1c0b7e-7f3e-4c59-9d3b-3e6b0c4f2a11"
CLIENT_ID = "3f6c1a52-8d4e-4b7a-9c21-5e0f7d9a1b34"
CLIENT_SECRET = "demo-secret-not-for-production"
API_KEY = "demo-api-key-not-for-production"


def skip(reason):
    if os.environ.get("CI"):
        print(f"FAIL: cannot run under CI, where nothing may be skipped: {reason}", file=sys.stderr)
        sys.exit(1)
    print(f"SKIP: {reason}", file=sys.stderr)
    sys.exit(125)


try:
    import msal
    import requests
except ImportError as missing:
    skip(f"{missing.name} is not installed (Debian packages python3-msal, python3-requests)")

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def main():
    emulator_binary, root = sys.argv[1], sys.argv[2]
    # requests lets these override a session's own CA (the emulator's).
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        os.environ.pop(name, None)
    work = tempfile.mkdtemp(prefix="techpass-msal-")
    ca = os.path.join(work, "ca.pem")
    emulator = subprocess.Popen(
        [emulator_binary, "--port", "0", "--tls", "--ca-out", ca, "--quiet",
         "--seed", os.path.join(root, "examples", "seed.toml")],
        stdout=subprocess.PIPE, text=True)
    try:
        base = emulator.stdout.readline().strip()
        run(base, ca, root)
    finally:
        emulator.terminate()
        try:
            emulator.wait(timeout=3)
        except subprocess.TimeoutExpired:
            # MSAL's keep-alive connections may hold it open: not this test's subject.
            emulator.kill()
            emulator.wait()
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        sys.exit(1)


def run(base, ca, root):
    authority = f"{base}/{DIRECTORY}"
    api_scope = f"{base}/.default"

    # Client credentials: a secret, then a certificate (client assertion).
    by_secret = msal.ConfidentialClientApplication(
        CLIENT_ID, client_credential=CLIENT_SECRET, authority=authority, verify=ca,
        instance_discovery=False)
    token = by_secret.acquire_token_for_client(scopes=[api_scope])
    check("access_token" in token, f"client credentials with a secret: {token.get('error_description', 'token')}")

    with open(os.path.join(root, "examples", "certs", "ship-automation.crt")) as f:
        certificate = f.read()
    with open(os.path.join(root, "examples", "certs", "ship-automation.key")) as f:
        private_key = f.read()
    thumbprint = hashlib.sha1(ssl.PEM_cert_to_DER_cert(certificate)).hexdigest()
    by_certificate = msal.ConfidentialClientApplication(
        CLIENT_ID, client_credential={"private_key": private_key, "thumbprint": thumbprint},
        authority=authority, verify=ca, instance_discovery=False)
    by_cert = by_certificate.acquire_token_for_client(scopes=[api_scope])
    check("access_token" in by_cert,
          f"client credentials with a client assertion: {by_cert.get('error_description', 'token')}")

    # An app for people to sign in to, made through the API.
    api = requests.Session()
    api.verify = ca
    api.headers.update({"Authorization": f"Bearer {token['access_token']}", "x-api-key": API_KEY})
    created = api.post(f"{base}/iam/namespace/SHIP/apps", json={
        "name": "msal-portal", "redirectUrls": ["http://localhost/callback"],
        "assignmentRequired": True})
    check(created.status_code == 201, f"app created: {created.status_code}")
    app_id = created.json()["appId"]
    api.patch(f"{base}/iam/namespace/SHIP/apps/{app_id}", json={"consentGranted": True})
    assigned = api.post(f"{base}/iam/namespace/SHIP/apps/{app_id}/assignments",
                        json={"principalType": "user", "principalId": "jane.tan@tech.gov.sg"})
    check(assigned.status_code == 201, f"jane assigned: {assigned.status_code}")

    public = msal.PublicClientApplication(app_id, authority=authority, verify=ca,
                                          instance_discovery=False)
    redirect_uri = "http://localhost:53682/callback"

    def sign_in(username, password=""):
        flow = public.initiate_auth_code_flow(scopes=[api_scope], redirect_uri=redirect_uri,
                                              login_hint=username)
        browser = requests.Session()
        browser.verify = ca
        page = browser.get(flow["auth_uri"])
        check(page.status_code == 200, f"sign-in page shown for {username}")
        fields = {name: html.unescape(value) for name, value in re.findall(
            r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', page.text)}
        fields.update(username=username, password=password, action="signin")
        action = urllib.parse.urljoin(base, re.search(r'<form method="post" action="([^"]+)"',
                                                      page.text).group(1))
        posted = browser.post(action, data=fields, allow_redirects=False)
        check(posted.status_code == 302, f"form posted for {username}: {posted.status_code}")
        location = posted.headers["Location"]
        check(location.startswith(redirect_uri + "?"), "answered at the redirect URI")
        answer = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(location).query))
        return flow, answer

    flow, answer = sign_in("jane_tan", "demo-password-jane")
    check(flow["code_challenge_method"] == "S256" if "code_challenge_method" in flow else True,
          "MSAL used S256")
    result = public.acquire_token_by_auth_code_flow(flow, answer)
    check("access_token" in result, f"code redeemed: {result.get('error_description', 'tokens')}")
    claims = result.get("id_token_claims", {})
    check(claims.get("preferred_username") == "jane_tan", f"ID token names jane_tan: {claims}")
    check(claims.get("aud") == app_id, "ID token audience is the app")
    check(claims.get("iss") == f"{authority}/v2.0", "ID token issuer is the directory")

    # A second redemption of the same answer is refused by the platform.
    again = public.acquire_token_by_auth_code_flow(dict(flow), answer)
    check(again.get("error") in ("invalid_grant", "state_mismatch") or "error" in again,
          f"a code redeems once: {again.get('error')}")

    flow, answer = sign_in("siti.rahman@mom.gov.sg")
    refused = public.acquire_token_by_auth_code_flow(flow, answer)
    check(refused.get("error") == "access_denied", f"unassigned user refused: {refused.get('error')}")
    check("AADSTS50105" in refused.get("error_description", ""), "with AADSTS50105")


if __name__ == "__main__":
    main()
