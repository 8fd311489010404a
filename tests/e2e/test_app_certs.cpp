// techpass apps certs list|add|delete|create against the emulator; the
// certificates come from openssl, outside techpass.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>

namespace test_app_certs {

using e2e::Cli;
using e2e::contains;

namespace {

void create_app(const Cli& cli) {
    REQUIRE(cli.run({"apps", "create", "ship-portal", "--redirect-url", "https://ship.gov.sg/cb"})
                .exit_code == 0);
}

nlohmann::json certs_of(const Cli& cli) {
    const auto result = cli.run({"apps", "certs", "list", "ship-portal", "-o", "json"});
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out)["certificates"];
}

// A key and certificate made by openssl; returns the certificate's path.
std::string openssl_certificate(const Cli& cli, const std::string& name, int days) {
    const std::string key = cli.home().file(name + ".key");
    const std::string cert = cli.home().file(name + ".crt");
    const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days " +
                                std::to_string(days) + " -subj /CN=" + name + " -keyout " + key +
                                " -out " + cert + " 2>/dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    return cert;
}

std::string sha1_of(const std::string& cert) {
    testsupport::TempDir dir;
    const std::string out = dir.file("fp");
    const std::string command = "openssl x509 -in " + cert + " -noout -fingerprint -sha1 > " + out;
    REQUIRE(std::system(command.c_str()) == 0);
    std::string text = testsupport::read_file(out); // "SHA1 Fingerprint=AB:CD:..."
    text = text.substr(text.find('=') + 1);
    std::string hex;
    for (const char c : text) {
        if (c != ':' && c != '\n') {
            hex += c;
        }
    }
    return hex;
}

} // namespace

TEST_CASE("apps certs create: the profile it prints signs in with the new certificate") {
    const Cli cli;
    create_app(cli);
    const std::string key = cli.home().file("ship.key");
    auto result =
        cli.run({"apps", "certs", "create", "ship-portal", "-d", "Production", "--key-out", key});
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "auth = \"certificate\""));
    CHECK(contains(result.out, "private_key = \"" + key + "\""));
    CHECK_FALSE(contains(result.out, "PRIVATE KEY"));
    struct stat info {};
    REQUIRE(::stat(key.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const std::string cert = cli.home().file("ship.crt");
    REQUIRE(::stat(cert.c_str(), &info) == 0);

    const auto certs = certs_of(cli);
    REQUIRE(certs.size() == 1);
    CHECK(certs[0]["thumbprint"] == sha1_of(cert));

    // The printed profile, as the user would paste it, signs in.
    cli.write_config("default_profile = \"ship\"\n\n" + cli.profile_toml("ship") + "\n" +
                     result.out);
    result = cli.run({"-p", "ship-cert", "auth", "token"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.size() > 100);

    // An existing key file is never overwritten; nothing is uploaded then.
    result = cli.run({"apps", "certs", "create", "ship-portal", "-d", "Again", "--key-out", key});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "already exists"));
    CHECK(certs_of(cli).size() == 1);
}

TEST_CASE("apps certs add: thumbprints shown, long validity warned, a private key refused") {
    const Cli cli;
    create_app(cli);
    const std::string one_year = openssl_certificate(cli, "one-year", 365);
    auto result =
        cli.run_tty({"apps", "certs", "add", "ship-portal", one_year, "-d", "Production"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "SHA-1:       " + sha1_of(one_year)));
    CHECK(contains(result.out, "SHA-256:"));
    CHECK(contains(result.out, "CN=one-year"));
    CHECK_FALSE(contains(result.out, "warning"));

    const std::string two_years = openssl_certificate(cli, "two-years", 730);
    result = cli.run({"apps", "certs", "add", "ship-portal", two_years, "-d", "Long"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.err, "warning: the certificate is valid for 730 days"));
    CHECK(certs_of(cli).size() == 2);

    const std::string private_key = cli.home().file("one-year.key");
    const std::string key_text = testsupport::read_file(private_key);
    const auto before = e2e::requests_in(cli.emulator_log());
    result = cli.run({"apps", "certs", "add", "ship-portal", private_key, "-d", "Oops"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "holds a private key"));
    // Not a line of the key is echoed.
    const std::string body_line = key_text.substr(key_text.find('\n') + 1, 64);
    CHECK_FALSE(contains(result.err, body_line));
    CHECK_FALSE(contains(result.out, body_line));
    CHECK(e2e::requests_in(cli.emulator_log()) == before);

    result = cli.run({"apps", "certs", "delete", "ship-portal", sha1_of(two_years)});
    CHECK(result.exit_code == 2);
    result = cli.run({"apps", "certs", "delete", "ship-portal", sha1_of(two_years), "--yes"});
    CHECK(result.exit_code == 0);
    const auto left = certs_of(cli);
    REQUIRE(left.size() == 1);
    CHECK(left[0]["thumbprint"] == sha1_of(one_year));
}

} // namespace test_app_certs
