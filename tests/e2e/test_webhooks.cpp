// techpass webhooks list|get|create|update|delete|test|listen|verify against
// the emulator. Signatures made for these tests come from openssl(1), not
// from techpass's own code.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <httplib.h>
#include <sys/stat.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <fstream>
#include <regex>
#include <thread>

namespace test_webhooks {

using e2e::Cli;
using e2e::contains;
using testsupport::Process;

namespace {

// The lower-case hex HMAC-SHA256 of data keyed by key, by openssl(1).
std::string openssl_hmac(const std::string& key, const std::string& data,
                         const testsupport::TempDir& dir) {
    const std::string path = dir.file("hmac-input");
    std::ofstream(path, std::ios::binary) << data;
    testsupport::RunOptions options;
    options.env = {{"KEY", key}, {"FILE", path}};
    const auto result = testsupport::run(
        {"/bin/sh", "-c", "openssl dgst -sha256 -hmac \"$KEY\" -r < \"$FILE\""}, options);
    REQUIRE(result.exit_code == 0);
    return result.out.substr(0, 64);
}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Posts a delivery to a receiver; the status it answered.
int post_delivery(const std::string& url, const std::string& body, const std::string& signature) {
    httplib::Client client(url.substr(0, url.size() - 1));
    const httplib::Headers headers{{"X-TECHPASS-SIGNATURE", signature},
                                   {"X-TECHPASS-EVENT", "user-registered"},
                                   {"X-TECHPASS-DELIVERY", "7c9e6679-7425-40de-944b-e07fc1f90ae7"}};
    const auto response = client.Post("/", headers, body, "application/json");
    REQUIRE(response);
    return response->status;
}

nlohmann::json deliveries_of(const Cli& cli) {
    return cli.control("GET", "webhooks/deliveries")["deliveries"];
}

// Waits until the emulator has tried delivery id at least once; its record.
nlohmann::json attempted(const Cli& cli, const std::string& id) {
    for (int i = 0; i < 500; ++i) {
        const nlohmann::json deliveries = deliveries_of(cli);
        for (const auto& delivery : deliveries) {
            if (delivery["id"] == id && delivery["attempts"].get<int>() > 0) {
                return delivery;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("delivery " << id << " was never attempted");
    return {};
}

const std::string k_body =
    R"({"id":"3c8c418b-7916-4f04-a734-2098a6d4f8a1","event":"webhook-test","namespace":"SHIP","occurredAt":"2026-11-27T09:40:00Z","data":{}})";

} // namespace

TEST_CASE("webhooks: listen answers the challenge and receives the delivery webhooks test "
          "triggers") {
    const Cli cli;
    const std::string secret_file = cli.home().file("hook.secret");
    // listen starts before the secret exists and reads it once written.
    auto listener = cli.start({"webhooks", "listen", "--port", "0", "--secret-file", secret_file});
    const std::string url = e2e::listener_url(*listener);
    CHECK(contains(listener->err(), "techpass webhooks create --url " + url));

    auto result = cli.run(
        {"webhooks", "create", "--url", url, "--event", "user-registered", "--out", secret_file});
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, url));
    const std::string secret = testsupport::read_file(secret_file).substr(0, 38);
    CHECK(std::regex_match(secret, std::regex("whsec_[A-Za-z0-9]{32}")));
    CHECK_FALSE(contains(result.out + result.err, secret));
    struct stat info {};
    REQUIRE(::stat(secret_file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    e2e::wait_for(*listener, "challenge answered", false);

    result = cli.run({"webhooks", "test", url});
    REQUIRE(result.exit_code == 0);
    const std::string delivery = result.out.substr(0, result.out.find('\n'));
    CHECK(std::regex_match(delivery, std::regex("[0-9a-f-]{36}")));
    const std::string out = e2e::wait_for(*listener, delivery, false);
    CHECK(contains(out, "webhook-test  " + delivery));
    CHECK(contains(out, R"("event":"webhook-test")"));
    CHECK(attempted(cli, delivery)["statusCode"] == 200);

    listener->signal(SIGINT);
    CHECK(listener->wait() == 0);
    CHECK(contains(listener->err(), "Stopped: 1 delivery, 1 accepted, 0 rejected."));

    result = cli.run(
        {"webhooks", "listen", "--port", "0", "--secret-file", secret_file, "--jq", ".event"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "JSON Lines with -o json"));
}

TEST_CASE("webhooks: listen -o json prints JSON Lines and rejects a forged signature and a "
          "6-minute-old delivery") {
    const Cli cli;
    const testsupport::TempDir dir;
    const std::string secret_file = dir.file("hook.secret");
    auto listener = cli.start(
        {"webhooks", "listen", "--port", "0", "--secret-file", secret_file, "-o", "json"});
    const std::string url = e2e::listener_url(*listener);
    REQUIRE(cli.run({"webhooks", "create", "--url", url, "--event", "user-registered", "--out",
                     secret_file})
                .exit_code == 0);
    const std::string secret = testsupport::read_file(secret_file).substr(0, 38);

    // Signed by openssl with the right secret, now: accepted.
    const std::string t = std::to_string(unix_now());
    const std::string good = "t=" + t + ",v1=" + openssl_hmac(secret, t + ":" + k_body, dir);
    CHECK(post_delivery(url, k_body, good) == 200);
    // The same signature over a changed body, and another secret's: forged.
    std::string changed = k_body;
    changed.replace(changed.find("SHIP"), 4, "PORT");
    CHECK(post_delivery(url, changed, good) == 401);
    const std::string other =
        "t=" + t + ",v1=" + openssl_hmac("whsec_" + std::string(32, 'x'), t + ":" + k_body, dir);
    CHECK(post_delivery(url, k_body, other) == 401);
    CHECK(post_delivery(url, k_body, "") == 400);
    // A body that is not UTF-8, rightly signed: accepted, and the JSON line
    // still parses (the bytes are replaced, not an exception in the server).
    const std::string bytes = "{\"note\":\"\xff\xfe\"}";
    CHECK(post_delivery(url, bytes,
                        "t=" + t + ",v1=" + openssl_hmac(secret, t + ":" + bytes, dir)) == 200);

    // The portal's clock 6 minutes behind: its delivery is 6 minutes old.
    cli.control("PUT", "clock", {{"offsetSeconds", -360}});
    auto result = cli.run({"webhooks", "test", url});
    REQUIRE(result.exit_code == 0);
    const std::string delivery = result.out.substr(0, result.out.find('\n'));
    CHECK(attempted(cli, delivery)["statusCode"] == 401);

    const std::string out = e2e::wait_for(*listener, delivery, false);
    std::vector<nlohmann::json> lines;
    std::istringstream stream(out);
    for (std::string line; std::getline(stream, line);) {
        lines.push_back(nlohmann::json::parse(line));
    }
    REQUIRE(lines.size() == 7);
    CHECK(lines[0]["challenge"] == true);
    CHECK(lines[1]["accepted"] == true);
    CHECK(lines[1]["body"]["namespace"] == "SHIP");
    CHECK(lines[2]["accepted"] == false);
    CHECK(contains(lines[2]["reason"].get<std::string>(), "signature mismatch"));
    CHECK(contains(lines[3]["reason"].get<std::string>(), "signature mismatch"));
    CHECK(contains(lines[4]["reason"].get<std::string>(), "no X-TECHPASS-SIGNATURE header"));
    CHECK(lines[5]["accepted"] == true);
    CHECK(lines[5]["body"] == "{\"note\":\"\xEF\xBF\xBD\xEF\xBF\xBD\"}");
    CHECK(lines[6]["deliveryId"] == delivery);
    CHECK(lines[6]["accepted"] == false);
    CHECK(contains(lines[6]["reason"].get<std::string>(), "too old: signed 6 minutes ago"));
    CHECK_FALSE(lines[6].contains("body"));
}

TEST_CASE("webhooks: verify checks a captured delivery like a receiver") {
    const Cli cli;
    const testsupport::TempDir dir;
    const std::string secret_file = dir.file("spec.secret");
    std::ofstream(secret_file) << "whsec_8fK2mQ7xL4pZ9wR1tV6nB3cY0dH5gJ2s\n";
    const std::string body_file = dir.file("body.json");
    std::ofstream(body_file, std::ios::binary) << k_body;
    // The worked example of docs/api (createWebhook, delivery callback).
    const std::string spec_header = "X-TECHPASS-SIGNATURE: t=1795772400,v1=25cdc36e53b6e818a611a3"
                                    "ed55e6708361a9387d851cb695d5ecccda1308225e";
    auto result = cli.run({"webhooks", "verify", "--secret-file", secret_file, "--header",
                           spec_header, "--body", body_file, "--ignore-age"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "valid: the signature matches; signed at 2026-11-27T09:40:00Z"));

    // Its t is long past: rejected unless --ignore-age.
    result = cli.run({"webhooks", "verify", "--secret-file", secret_file, "-H", spec_header,
                      "--body", body_file});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "too old"));
    CHECK(contains(result.err, "--ignore-age"));

    // 6 minutes old, signed by openssl: rejected; 1 minute old: valid.
    const std::string secret = "whsec_8fK2mQ7xL4pZ9wR1tV6nB3cY0dH5gJ2s";
    const auto header_at = [&](std::int64_t t) {
        const std::string ts = std::to_string(t);
        return "X-TECHPASS-SIGNATURE: t=" + ts +
               ",v1=" + openssl_hmac(secret, ts + ":" + k_body, dir);
    };
    result = cli.run({"webhooks", "verify", "--secret-file", secret_file, "-H",
                      header_at(unix_now() - 360), "--body", body_file, "-o", "json"});
    CHECK(result.exit_code == 2);
    auto verdict = nlohmann::json::parse(result.out);
    CHECK(verdict["valid"] == false);
    CHECK(verdict["signatureValid"] == true);
    CHECK(verdict["fresh"] == false);
    CHECK(contains(verdict["reason"].get<std::string>(), "signed 6 minutes ago"));
    result = cli.run({"webhooks", "verify", "-H", header_at(unix_now() - 60), "--body", body_file},
                     {.env = {{"TECHPASS_WEBHOOK_SECRET", secret}}, .input = {}});
    CHECK(result.exit_code == 0);

    // A forged signature: one hex digit changed.
    std::string forged = header_at(unix_now());
    forged.back() = forged.back() == '0' ? '1' : '0';
    result = cli.run(
        {"webhooks", "verify", "--secret-file", secret_file, "-H", forged, "--body", body_file});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "signature mismatch"));
    CHECK_FALSE(contains(result.out + result.err, secret));

    // A capture that added a final newline is named as the cause.
    std::ofstream(body_file, std::ios::binary) << k_body << "\n";
    result = cli.run({"webhooks", "verify", "--secret-file", secret_file, "-H",
                      header_at(unix_now()), "--body", body_file});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "without its final newline"));

    result = cli.run({"webhooks", "verify", "-H", spec_header, "--body", body_file});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "no signing secret"));
}

TEST_CASE("webhooks: listen forwards verified deliveries with their headers") {
    const Cli cli;
    const testsupport::TempDir dir;
    const std::string secret_file = dir.file("hook.secret");
    // The target is a second receiver with the same secret: it accepts only
    // if the signature header and the exact body were passed on.
    auto target = cli.start({"webhooks", "listen", "--port", "0", "--secret-file", secret_file});
    const std::string target_url = e2e::listener_url(*target);
    auto front = cli.start({"webhooks", "listen", "--port", "0", "--secret-file", secret_file,
                            "--forward-to", target_url + "hooks"});
    const std::string url = e2e::listener_url(*front);
    REQUIRE(cli.run({"webhooks", "create", "--url", url, "--event", "user-registered", "--header",
                     "X-Ship-Env: test", "--out", secret_file})
                .exit_code == 0);
    auto result = cli.run({"webhooks", "test", url});
    REQUIRE(result.exit_code == 0);
    const std::string delivery = result.out.substr(0, result.out.find('\n'));
    CHECK(contains(e2e::wait_for(*front, delivery, false), delivery + "  -> 200"));
    CHECK(contains(e2e::wait_for(*target, delivery, false), "webhook-test  " + delivery));
    CHECK(attempted(cli, delivery)["statusCode"] == 200);

    // The target gone: the portal is told (502) and will retry.
    target->signal(SIGINT);
    CHECK(target->wait() == 0);
    result = cli.run({"webhooks", "test", url});
    const std::string second = result.out.substr(0, result.out.find('\n'));
    CHECK(attempted(cli, second)["statusCode"] == 502);
}

TEST_CASE("webhooks: create checks the URL, events and headers before sending, and shows the "
          "secret once") {
    const Cli cli;
    const auto before = e2e::requests_in(cli.emulator_log());
    const std::vector<std::pair<std::vector<std::string>, std::string>> refused = {
        {{"--url", "https://hooks.ship.gov.sg/*", "--event", "user-registered"}, "wildcard"},
        {{"--url", "http://hooks.ship.gov.sg/", "--event", "user-registered"}, "not an https URL"},
        {{"--url", "https://hooks.ship.gov.sg/", "--event", "user-registerd"},
         "did you mean user-registered?"},
        {{"--url", "https://hooks.ship.gov.sg/", "--event", "user-registered", "--header",
          "X-TECHPASS-EVENT: x"},
         "set this header themselves"},
        {{"--url", "https://hooks.ship.gov.sg/", "--event", "user-registered", "--header",
          "no colon"},
         "expected 'Name: value'"},
    };
    for (const auto& [args, message] : refused) {
        std::vector<std::string> argv{"webhooks", "create"};
        argv.insert(argv.end(), args.begin(), args.end());
        const auto result = cli.run(argv);
        CHECK(result.exit_code == 2);
        CHECK_MESSAGE(contains(result.err, message), result.err);
    }
    CHECK(e2e::requests_in(cli.emulator_log()) == before);

    // A receiver that does not answer the challenge: the portal's 422.
    auto result = cli.run(
        {"webhooks", "create", "--url", "http://127.0.0.1:9/", "--event", "user-registered"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "challenge to http://127.0.0.1:9/ failed"));
    CHECK(contains(result.err, "techpass webhooks listen"));
    CHECK(
        nlohmann::json::parse(cli.run({"webhooks", "list", "-o", "json"}).out)["webhooks"].empty());

    const std::string secret_file = cli.home().file("hook.secret");
    auto listener = cli.start({"webhooks", "listen", "--port", "0", "--secret-file", secret_file});
    const std::string url = e2e::listener_url(*listener);
    result = cli.run({"--debug", "webhooks", "create", "--url", url, "--event", "user-registered",
                      "-e", "user-deleted", "-H", "Authorization: Bearer receiver-token", "-d",
                      "Registry sync"});
    REQUIRE(result.exit_code == 0);
    const std::string secret = result.out.substr(0, result.out.find('\n'));
    CHECK(std::regex_match(secret, std::regex("whsec_[A-Za-z0-9]{32}")));
    // --debug shows the exchange with the secret redacted; stdout holds it once.
    CHECK(contains(result.err, R"("secret": "***")"));
    CHECK_FALSE(contains(result.err, secret));
    CHECK(result.out == secret + "\n");
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"webhooks", "list"},
             {"webhooks", "list", "-o", "json"},
             {"webhooks", "get", url, "-o", "yaml"},
             {"--debug", "webhooks", "get", url},
             {"webhooks", "create", "--url", url, "--event", "nope"}}) {
        result = cli.run(args);
        CHECK_FALSE(contains(result.out, secret));
        CHECK_FALSE(contains(result.err, secret));
    }
    // The table names custom headers, never their values.
    result = cli.run({"webhooks", "list"});
    CHECK(contains(result.out, "Authorization"));
    CHECK_FALSE(contains(result.out, "receiver-token"));
}

TEST_CASE("webhooks: update changes only what is named, delete needs --yes") {
    const Cli cli;
    const std::string secret_file = cli.home().file("hook.secret");
    auto listener = cli.start({"webhooks", "listen", "--port", "0", "--secret-file", secret_file});
    const std::string url = e2e::listener_url(*listener);
    auto result = cli.run({"webhooks", "create", "--url", url, "-e", "user-registered", "-H",
                           "X-Ship-Env: test", "-d", "sync", "--out", secret_file, "-o", "json"});
    REQUIRE(result.exit_code == 0);
    const std::string id = nlohmann::json::parse(result.out)["id"].get<std::string>();

    result = cli.run({"webhooks", "update", id, "--add-event", "user-deleted", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    auto hook = nlohmann::json::parse(result.out);
    CHECK(hook["events"] == nlohmann::json{"user-registered", "user-deleted"});
    CHECK(hook["headers"] == nlohmann::json{{"X-Ship-Env", "test"}});
    CHECK(hook["description"] == "sync");

    result = cli.run({"webhooks", "update", url, "--remove-event", "user-registered",
                      "--clear-headers", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    hook = nlohmann::json::parse(result.out);
    CHECK(hook["events"] == nlohmann::json{"user-deleted"});
    CHECK(hook["headers"].empty());
    CHECK(hook["url"] == url);

    result = cli.run({"webhooks", "update", id, "--remove-event", "user-deleted"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "at least one event"));
    result = cli.run({"webhooks", "update", id});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "nothing to change"));

    result = cli.run({"webhooks", "delete", id});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "--yes"));
    result = cli.run_tty({"webhooks", "delete", id}, {.env = {}, .input = "y\n"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Delete the webhook to " + url));
    CHECK(cli.run({"webhooks", "get", id}).exit_code == 5);
}

TEST_CASE("webhooks on a terminal: the secret shown once with a note, a table") {
    const Cli cli;
    const testsupport::TempDir dir;
    auto listener = cli.start(
        {"webhooks", "listen", "--port", "0", "--secret-file", dir.file("unused.secret")});
    const std::string url = e2e::listener_url(*listener);
    auto result = cli.run_tty({"webhooks", "create", "--url", url, "--event", "user-registered"});
    REQUIRE(result.exit_code == 0);
    std::smatch match;
    REQUIRE(std::regex_search(result.out, match, std::regex("whsec_[A-Za-z0-9]{32}")));
    // A copy: the match points into result.out, which the next run replaces.
    const std::string secret = match.str();
    CHECK(contains(result.out, "Registered webhook"));
    result = cli.run_tty({"webhooks", "list"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "URL"));
    CHECK(contains(result.out, "user-registered"));
    CHECK_FALSE(contains(result.out, secret));
}

} // namespace test_webhooks
