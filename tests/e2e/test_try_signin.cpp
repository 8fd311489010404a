// techpass apps try-signin against the emulator: the test plays the browser
// (fetches the sign-in page, posts its form, follows the redirect to the
// loopback listener techpass started) and checks what techpass concludes.

#include "cli_fixture.hpp"
#include "techpass/util/encoding.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <regex>

namespace test_try_signin {

using e2e::Cli;
using e2e::contains;
using nlohmann::json;

namespace {

// A registered public officer who has never signed in: the forecast has
// them terminated on day 30 (the forecast's subject).
constexpr const char* k_quiet_officer = R"(
[[users]]
email = "quiet.officer@tech.gov.sg"
first_name = "Quiet"
last_name = "Officer"
account_type = "public_officer"
status = "pending"
)";

// The sign-in address try-signin printed on stderr.
std::string signin_address(const testsupport::Process& process) {
    const std::string err = e2e::wait_for(process, "/oauth2/v2.0/authorize?", true);
    static const std::regex k_address(R"((http://\S+/oauth2/v2\.0/authorize\?\S+))");
    std::smatch match;
    REQUIRE_MESSAGE(std::regex_search(err, match, k_address), err);
    return match[1];
}

// The origin ("http://host:port") and the rest of a URL.
std::pair<std::string, std::string> split_url(const std::string& url) {
    const auto path = url.find('/', url.find("://") + 3);
    return {url.substr(0, path), path == std::string::npos ? "/" : url.substr(path)};
}

// What a browser does with the printed address when `user` signs in:
// fetches the page, posts its form, and follows the redirect to the
// loopback listener. Returns the listener's answer.
httplib::Result play_browser(const std::string& address, const std::string& user,
                             const std::string& password = "") {
    const auto [origin, target] = split_url(address);
    httplib::Client portal(origin);
    const auto page = portal.Get(target);
    REQUIRE(page);
    REQUIRE_MESSAGE(page->status == 200, page->body);
    // The page's form: its hidden fields, as the browser would post them.
    httplib::Params form;
    static const std::regex k_hidden(
        R"re(<input type="hidden" name="([a-z_]+)" value="([^"]*)">)re");
    for (auto it = std::sregex_iterator(page->body.begin(), page->body.end(), k_hidden);
         it != std::sregex_iterator(); ++it) {
        std::string value = (*it)[2];
        for (const auto& [entity, text] : std::vector<std::pair<std::string, std::string>>{
                 {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
            for (auto at = value.find(entity); at != std::string::npos; at = value.find(entity)) {
                value.replace(at, entity.size(), text);
            }
        }
        form.emplace((*it)[1], value);
    }
    REQUIRE(form.count("code_challenge") == 1);
    form.emplace("username", user);
    form.emplace("password", password);
    form.emplace("action", "signin");
    const std::string action = target.substr(0, target.find('?'));
    const auto posted = portal.Post(action, form);
    REQUIRE(posted);
    REQUIRE_MESSAGE(posted->status == 302, posted->body);
    std::string location = posted->get_header_value("Location");
    // The browser resolves localhost; the listener is on 127.0.0.1.
    location = std::regex_replace(location, std::regex("^http://localhost:"), "http://127.0.0.1:");
    const auto [listener_origin, listener_target] = split_url(location);
    httplib::Client listener(listener_origin);
    return listener.Get(listener_target);
}

void make_app(const Cli& cli, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"apps",
                                     "create",
                                     "ship-portal",
                                     "--redirect-url",
                                     "http://localhost/callback",
                                     "--redirect-url",
                                     "https://portal.ship.example.gov.sg/signin"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto created = cli.run(args);
    REQUIRE_MESSAGE(created.exit_code == 0, created.err);
    const auto consent = cli.run({"apps", "update", "ship-portal", "--grant-consent"});
    REQUIRE_MESSAGE(consent.exit_code == 0, consent.err);
}

} // namespace

TEST_CASE("apps try-signin: an assigned user signs in and the verified claims are printed") {
    const Cli cli;
    make_app(cli);
    REQUIRE(cli.run({"groups", "create", "ship:portal-users"}).exit_code == 0);
    REQUIRE(cli.run({"groups", "members", "add", "ship:portal-users", "wei.ming.lim@tech.gov.sg"})
                .exit_code == 0);
    REQUIRE(cli.run({"apps", "assignments", "add", "ship-portal", "ship:portal-users",
                     "jane.tan@tech.gov.sg"})
                .exit_code == 0);

    // Directly assigned, with a password.
    auto process =
        cli.start({"apps", "try-signin", "ship-portal", "--user", "jane.tan@tech.gov.sg"});
    const std::string address = signin_address(*process);
    CHECK(contains(address, "code_challenge_method=S256"));
    CHECK(contains(address, "login_hint=jane.tan%40tech.gov.sg"));
    // A stray answer with another state is refused and the wait goes on.
    std::smatch redirect;
    REQUIRE(std::regex_search(address, redirect, std::regex("redirect_uri=([^&]+)")));
    const auto [listener_origin, listener_path] = split_url(std::regex_replace(
        techpass::util::url_decode(redirect[1].str(), true), std::regex("localhost"), "127.0.0.1"));
    httplib::Client listener(listener_origin);
    const auto stray = listener.Get(listener_path + "?code=forged&state=not-this-one");
    REQUIRE(stray);
    CHECK(stray->status == 400);
    CHECK(listener.Get("/favicon.ico")->status == 404);
    CHECK(process->running());
    const auto answer = play_browser(address, "jane_tan", "demo-password-jane");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(contains(answer->body, "Signed in"));
    REQUIRE(process->wait() == 0);
    const std::string out = process->out();
    CHECK(contains(out, "Signed in to app ship-portal as Jane Tan <jane.tan@tech.gov.sg>."));
    CHECK(contains(out, "The ID token is valid: signature (key "));
    CHECK(contains(out, "Access: assigned directly."));
    CHECK(contains(out, "preferred_username  jane_tan"));
    CHECK(contains(out, "nonce "));

    // Through a group, as JSON.
    process = cli.start({"apps", "try-signin", "ship-portal", "-o", "json"});
    REQUIRE(play_browser(signin_address(*process), "wei.ming.lim@tech.gov.sg"));
    REQUIRE(process->wait() == 0);
    const json result = json::parse(process->out());
    CHECK(result.at("signedIn") == true);
    CHECK(result.at("user").at("email") == "wei.ming.lim@tech.gov.sg");
    CHECK(result.at("access").at("direct") == false);
    CHECK(result.at("access").at("groups") == json::array({"portal-users"}));
    CHECK(result.at("claims").at("aud") == result.at("appId"));
    CHECK(result.at("redirectUri").get<std::string>().rfind("http://localhost:", 0) == 0);
    CHECK(contains(result.at("redirectUri").get<std::string>(), "/callback"));
}

TEST_CASE(
    "apps try-signin: the platform's refusal, in plain words with the command that fixes it") {
    const Cli cli;
    make_app(cli);
    auto process = cli.start({"apps", "try-signin", "ship-portal"});
    const auto answer = play_browser(signin_address(*process), "siti.rahman@mom.gov.sg");
    REQUIRE(answer);
    CHECK(contains(answer->body, "refused"));
    CHECK(process->wait() == 4);
    const std::string err = process->err();
    CHECK(contains(err, "The platform refused the sign-in: AADSTS50105: "));
    CHECK(contains(err, "siti.rahman@mom.gov.sg is not assigned to app ship-portal"));
    CHECK(contains(
        err, "fix: techpass apps assignments add ship-portal siti.rahman@mom.gov.sg -n SHIP"));
    CHECK(process->out().empty());

    // The fix, then the same sign-in works.
    const auto fixed = cli.run(
        {"apps", "assignments", "add", "ship-portal", "siti.rahman@mom.gov.sg", "-n", "SHIP"});
    REQUIRE_MESSAGE(fixed.exit_code == 0, fixed.err);
    process = cli.start({"apps", "try-signin", "ship-portal"});
    REQUIRE(play_browser(signin_address(*process), "siti.rahman@mom.gov.sg"));
    CHECK(process->wait() == 0);
    CHECK(contains(process->out(), "Access: assigned directly."));

    // No consent: -o json says so for a script.
    REQUIRE(cli.run({"apps", "update", "ship-portal", "--revoke-consent"}).exit_code == 0);
    process = cli.start({"apps", "try-signin", "ship-portal", "-o", "json"});
    REQUIRE(play_browser(signin_address(*process), "siti.rahman@mom.gov.sg"));
    CHECK(process->wait() == 4);
    const json refused = json::parse(process->out());
    CHECK(refused.at("signedIn") == false);
    CHECK(refused.at("error") == "consent_required");
    CHECK(refused.at("code") == 65001);
    CHECK(refused.at("fix") == "techpass apps update ship-portal --grant-consent -n SHIP");
}

TEST_CASE(
    "apps try-signin: nothing is registered behind the user's back, and the wait is bounded") {
    const Cli cli;
    REQUIRE(cli.run({"apps", "create", "ship-web", "--redirect-url",
                     "https://portal.ship.example.gov.sg/signin"})
                .exit_code == 0);
    const std::size_t before = e2e::requests_in(cli.emulator_log());
    const auto refused = cli.run({"apps", "try-signin", "ship-web"});
    CHECK(refused.exit_code == 2);
    CHECK(contains(refused.err, "app ship-web has no redirect URL on this machine"));
    CHECK(
        contains(refused.err,
                 "techpass apps update ship-web --add-redirect-url http://localhost:8400/signin"));
    const std::string log = cli.emulator_log();
    // Only reads: the token and the app's lookup.
    CHECK(e2e::requests_in(log) - before <= 3);
    CHECK_FALSE(contains(log.substr(log.size() > 2000 ? log.size() - 2000 : 0), "PATCH"));

    make_app(cli);
    auto process = cli.start({"--timeout", "1", "apps", "try-signin", "ship-portal"});
    CHECK(process->wait(30) == 8);
    CHECK(contains(process->err(), "no sign-in came back within 1 s"));

    // Ctrl-C while waiting: exit 130, the port is released.
    process = cli.start({"apps", "try-signin", "ship-portal"});
    signin_address(*process);
    process->signal(SIGINT);
    CHECK(process->wait() == 130);
    CHECK(contains(process->err(), "stopped before the sign-in came back"));
}

TEST_CASE("apps try-signin: the recorded sign-in moves the user out of the forecast") {
    const Cli cli(k_quiet_officer);
    make_app(cli, {"--no-assignment-required"});
    const auto in_forecast = [&cli] {
        const auto result = cli.run({"users", "forecast", "--days", "30", "-o", "json"});
        REQUIRE((result.exit_code == 0 || result.exit_code == 10));
        const json document = json::parse(result.out);
        for (const json& change : document.at("changes")) {
            if (change.at("email") == "quiet.officer@tech.gov.sg") {
                return true;
            }
        }
        return false;
    };
    CHECK(in_forecast());
    auto process = cli.start({"apps", "try-signin", "ship-portal"});
    REQUIRE(play_browser(signin_address(*process), "quiet.officer@tech.gov.sg"));
    REQUIRE(process->wait() == 0);
    CHECK(contains(process->out(), "Access: the app does not require assignment"));
    CHECK_FALSE(in_forecast());
    // The first sign-in made the account active, as any sign-in does.
    const auto user = cli.run({"users", "get", "quiet.officer@tech.gov.sg", "-o", "json"});
    REQUIRE(user.exit_code == 0);
    CHECK(json::parse(user.out).at("status") == "active");
}

} // namespace test_try_signin
