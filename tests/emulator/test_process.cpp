// The emulator as a process: its first line, --help, clean shutdown, a file
// database that survives a restart, and --tls with --ca-out.

#include "client.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <thread>

namespace test_process {

using namespace emutest;

TEST_CASE("the first line is the base URL, and SIGINT and SIGTERM stop it cleanly") {
    for (const int sig : {SIGINT, SIGTERM}) {
        testsupport::Emulator emulator({}, false);
        CHECK(emulator.url().rfind("http://127.0.0.1:", 0) == 0);
        emulator.process().signal(sig);
        CHECK(emulator.process().wait() == 0);
    }
}

TEST_CASE("--help and --version") {
    const auto help = testsupport::run({TECHPASS_EMULATOR_PATH, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--test-controls") != std::string::npos);
    const auto version = testsupport::run({TECHPASS_EMULATOR_PATH, "--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.find("techpass-emulator") != std::string::npos);
}

TEST_CASE("a bad option exits 2 and names it") {
    auto result = testsupport::run({TECHPASS_EMULATOR_PATH, "--bogus"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--bogus") != std::string::npos);
    result = testsupport::run({TECHPASS_EMULATOR_PATH, "--port", "70000"});
    CHECK(result.exit_code == 2);
    result = testsupport::run({TECHPASS_EMULATOR_PATH, "--seed", "/nonexistent/seed.toml"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("/nonexistent/seed.toml") != std::string::npos);
}

TEST_CASE("a port in use is refused, not shared with the emulator already on it") {
    testsupport::Emulator first({}, false);
    const std::string port = first.url().substr(first.url().rfind(':') + 1);
    const auto second = testsupport::run({TECHPASS_EMULATOR_PATH, "--port", port});
    CHECK(second.exit_code == 1);
    CHECK(second.err.find("cannot listen on 127.0.0.1:" + port) != std::string::npos);
    CHECK(second.out.empty());
    // After the first one stops, the port can be used again at once.
    first.process().signal(SIGTERM);
    CHECK(first.process().wait() == 0);
    testsupport::Process again({TECHPASS_EMULATOR_PATH, "--port", port});
    CHECK(again.first_line() == "http://127.0.0.1:" + port);
    again.signal(SIGTERM);
    CHECK(again.wait() == 0);
}

TEST_CASE("a bad seed file stops the start with its name and the problem") {
    testsupport::TempDir dir;
    const std::string seed =
        dir.write("seed.toml", "[[users]]\nemail = \"a@tech.gov.sg\"\nphone = 1\n");
    const auto result = testsupport::run({TECHPASS_EMULATOR_PATH, "--seed", seed});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("seed.toml: [[users]] #1: unknown key 'phone'") != std::string::npos);
}

TEST_CASE("a file database keeps data and signing keys across a restart") {
    testsupport::TempDir dir;
    const std::string db = dir.file("emulator.db");
    std::string kid;
    {
        Portal portal({"--db", db});
        kid = portal.get("/" + k_directory + "/discovery/v2.0/keys")
                  .body.at("keys")
                  .at(0)
                  .at("kid")
                  .get<std::string>();
        const Reply created = portal.post_json("/iam/namespace/SHIP/groups",
                                               {{"name", "survivors"}}, portal.api_headers());
        REQUIRE_MESSAGE(created.status == 201, created.text);
    }
    Portal again({"--db", db}, true, false); // no seed: everything comes from the file
    const Reply keys = again.get("/" + k_directory + "/discovery/v2.0/keys");
    REQUIRE(keys.body.at("keys").size() == 1);
    CHECK(keys.body.at("keys").at(0).at("kid") == kid);
    const Reply groups = again.get("/iam/namespace/SHIP/groups", again.api_headers());
    REQUIRE_MESSAGE(groups.status == 200, groups.text);
    REQUIRE(groups.body.at("groups").size() == 1);
    CHECK(groups.body.at("groups").at(0).at("name") == "survivors");
}

TEST_CASE("--tls serves HTTPS with a certificate the --ca-out CA verifies") {
    testsupport::TempDir dir;
    const std::string ca = dir.file("ca.pem");
    testsupport::Emulator emulator(
        {"--tls", "--ca-out", ca, "--seed", testsupport::source_path("examples/seed.toml")});
    REQUIRE(emulator.url().rfind("https://127.0.0.1:", 0) == 0);
    httplib::Client client(emulator.url());
    client.set_ca_cert_path(ca.c_str());
    client.enable_server_certificate_verification(true);
    const auto discovery = client.Get("/" + k_directory + "/v2.0/.well-known/openid-configuration");
    REQUIRE(discovery);
    CHECK(discovery->status == 200);
    const auto body = json::parse(discovery->body);
    CHECK(body.at("issuer") == emulator.url() + "/" + k_directory + "/v2.0");

    httplib::Client untrusting(emulator.url());
    untrusting.enable_server_certificate_verification(true);
    untrusting.set_ca_cert_path(
        testsupport::source_path("examples/certs/ship-automation.crt").c_str());
    CHECK_FALSE(untrusting.Get("/" + k_directory + "/discovery/v2.0/keys"));
}

TEST_CASE("the test support's Process sees a process end before wait() collects it") {
    testsupport::Process process({"/bin/sh", "-c", "exit 3"});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (process.running() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK_FALSE(process.running());
    CHECK(process.wait(5) == 3);
}

TEST_CASE("--version reports the project's version") {
    const auto result = testsupport::run({TECHPASS_EMULATOR_PATH, "--version"});
    CHECK(result.exit_code == 0);
    const std::string cmake = testsupport::read_file(testsupport::source_path("CMakeLists.txt"));
    const auto at = cmake.find("VERSION ", cmake.find("project("));
    REQUIRE(at != std::string::npos);
    const std::string version = cmake.substr(at + 8, cmake.find_first_of(" \n)", at + 8) - at - 8);
    CHECK(result.out == "techpass-emulator " + version + "\n");
}

} // namespace test_process
