// The sign-in helpers of apps try-signin: PKCE, the authorization request,
// the loopback redirect URL, and the words for the platform's refusals. (The
// ID token checks are in test_util_external_vectors.cpp, against tokens that
// openssl signed.)

#include "techpass/auth/signin.hpp"

#include <doctest/doctest.h>

#include <set>

namespace test_signin {

using namespace techpass::auth;

TEST_CASE("make_pkce: a fresh verifier each time, and its S256 challenge") {
    const Pkce one = make_pkce();
    const Pkce two = make_pkce();
    CHECK(one.verifier != two.verifier);
    CHECK(one.verifier.size() == 64);
    CHECK(one.verifier.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                         "0123456789") == std::string::npos);
    CHECK(one.challenge == s256_challenge(one.verifier));
    CHECK(one.challenge.size() == 43);
}

TEST_CASE("authorize_url: the request an app sends, every value encoded") {
    const std::string url = authorize_url({"https://login.example/dir/oauth2/v2.0/authorize",
                                           "app-1", "http://localhost:53682/callback", "s t", "n&1",
                                           "challenge", "mei.lim@tech.gov.sg"});
    CHECK(url ==
          "https://login.example/dir/oauth2/v2.0/authorize?client_id=app-1&response_type=code"
          "&redirect_uri=http%3A%2F%2Flocalhost%3A53682%2Fcallback&response_mode=query"
          "&scope=openid%20profile%20email&state=s%20t&nonce=n%261&code_challenge=challenge"
          "&code_challenge_method=S256&prompt=select_account&login_hint=mei.lim%40tech.gov.sg");
    const std::string no_hint = authorize_url(
        {"https://login.example/a", "app-1", "http://127.0.0.1/cb", "s", "n", "c", ""});
    CHECK(no_hint.find("login_hint") == std::string::npos);
}

TEST_CASE("loopback_redirect: the first URL a program on this machine can receive") {
    CHECK(loopback_redirect({"https://ship.gov.sg/cb", "http://localhost/cb",
                             "http://127.0.0.1:8400/cb"}) == "http://localhost/cb");
    CHECK(loopback_redirect({"http://[::1]:9000/"}) == "http://[::1]:9000/");
    CHECK(loopback_redirect({"http://127.0.0.1"}) == "http://127.0.0.1");
    CHECK(loopback_redirect({"https://localhost/cb"}).empty());
    CHECK(loopback_redirect({"http://localhost.evil.example/cb"}).empty());
    CHECK(loopback_redirect({"http://127.0.0.1.nip.io/cb"}).empty());
    CHECK(loopback_redirect({"http://localhost:8400/cb#fragment"}).empty());
    CHECK(loopback_redirect({}).empty());
}

TEST_CASE("aadsts_code and without_trace read the platform's descriptions") {
    const std::string description =
        "AADSTS50105: Your administrator has configured the application. Trace ID: 1-2 "
        "Correlation ID: 3-4 Timestamp: 2026-12-04 09:00:00Z";
    CHECK(aadsts_code(description) == 50105);
    CHECK(without_trace(description) ==
          "AADSTS50105: Your administrator has configured the application.");
    CHECK(without_trace("AADSTS70008: expired.\r\nTrace ID: x") == "AADSTS70008: expired.");
    CHECK(aadsts_code("AADSTS7000112: disabled") == 7000112);
    CHECK(aadsts_code("no code here") == 0);
    CHECK(aadsts_code("AADSTS: nothing") == 0);
}

TEST_CASE("explain: plain words and the command that fixes each refusal") {
    const RefusalContext context{"ship portal", "SHIP", "mei.lim@tech.gov.sg",
                                 "http://localhost:53682/cb"};
    const Explanation unassigned = explain(50105, context);
    CHECK(unassigned.plain.find("mei.lim@tech.gov.sg is not assigned to app ship portal") == 0);
    CHECK(unassigned.fix ==
          "techpass apps assignments add 'ship portal' mei.lim@tech.gov.sg -n SHIP");
    CHECK(explain(65001, context).fix ==
          "techpass apps update 'ship portal' --grant-consent -n SHIP");
    CHECK(explain(7000112, context).fix == "techpass apps update 'ship portal' --sign-in -n SHIP");
    CHECK(explain(50011, context).fix == "techpass apps update 'ship portal' --add-redirect-url "
                                         "http://localhost:53682/cb -n SHIP");
    CHECK(explain(50057, context).plain.find("disabled or terminated") != std::string::npos);
    // An app name a shell would split or expand is quoted, quotes included.
    const RefusalContext odd{"it's $HOME", "", "", ""};
    CHECK(explain(65001, odd).fix == "techpass apps update 'it'\\''s $HOME' --grant-consent");
    CHECK(explain(50105, odd).fix == "techpass apps assignments add 'it'\\''s $HOME' EMAIL");
    CHECK(explain(12345, context).plain.empty());
}

} // namespace test_signin
