// lib/techpass/tenant/file: the tenant file is read whole and every problem
// is reported with its line before anything could be sent.

#include "techpass/error.hpp"
#include "techpass/tenant/file.hpp"
#include "techpass/util/text.hpp"

#include <doctest/doctest.h>

#include <string>

namespace test_tenant_file {

using namespace techpass;
using namespace techpass::tenant;

namespace {

const auto k_now = *util::parse_rfc3339("2026-12-04T00:00:00Z");
const std::string k_examples = std::string(TECHPASS_SOURCE_DIR) + "/examples/";

// The message of the Error parsing text raises ("" when none).
std::string problems_of(const std::string& text) {
    try {
        parse_tenant_file(text, "ship.toml", k_now);
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::Usage);
        return error.what();
    }
    return {};
}

} // namespace

TEST_CASE("tenant file: examples/tenant.toml reads whole") {
    const TenantFile file = read_tenant_file(k_examples + "tenant.toml", k_now);
    CHECK(file.namespace_code == "SHIP");
    CHECK(file.display_name == "Ship Registry");
    CHECK(file.admins == std::vector<std::string>{"jane.tan@tech.gov.sg"});
    REQUIRE(file.groups.size() == 2);
    CHECK(file.groups[1].groups == std::vector<std::string>{"portal-ops"});
    REQUIRE(file.apps.size() == 2);
    const AppDecl& portal = file.apps[0];
    CHECK(portal.name == "ship-portal");
    CHECK(portal.redirect_urls.size() == 2);
    CHECK(portal.settings.assignment_required == true);
    CHECK_FALSE(portal.settings.published.has_value());
    CHECK(portal.assigned_groups == std::vector<std::string>{"billing", "portal-ops"});
    // Certificates are found next to the tenant file.
    CHECK(portal.certificates ==
          std::vector<std::string>{k_examples + "certs/ship-automation.crt"});
    REQUIRE(file.webhooks.size() == 1);
    CHECK(file.webhooks[0].headers == api::Json{{"X-Ship-Env", "production"}});
    REQUIRE(file.whitelists.size() == 1);
    REQUIRE(file.whitelists[0].entries.size() == 2);
    CHECK(file.whitelists[0].entries[1].expires_at == "2030-03-31T15:59:59Z");
    CHECK(file.apikeys.size() == 1);
}

TEST_CASE("tenant file: every problem is reported with its line") {
    const std::string message = problems_of(R"(namespace = "SHIP"
admins = ["mei.lim@tech.gov.sg"]

[[groups]]
name = "billing"
groups = ["portal-opps"]

[[groups]]
name = "portal-ops"
descripton = "typo"

[[apps]]
name = "ship-portal"
redirect_urls = ["https://ship.example.gov.sg/*"]
assign_groups = ["billing", "auditors"]

[[whitelists]]
app = "ship-otpp"
entries = ["acme.example.sg", "not a domain"]
)");
    CAPTURE(message);
    CHECK(message.find("ship.toml has 6 problems; nothing was sent:") == 0);
    CHECK(message.find("ship.toml:10: unknown key 'descripton' in [[groups]] (did you mean "
                       "'description'?)") != std::string::npos);
    CHECK(message.find("ship.toml:14: redirect URL \"https://ship.example.gov.sg/*\" has a "
                       "wildcard") != std::string::npos);
    CHECK(message.find("ship.toml:4: group billing names group portal-opps, which the file does "
                       "not declare (did you mean portal-ops?)") != std::string::npos);
    CHECK(message.find("ship.toml:12: app ship-portal (assign_groups) names group auditors") !=
          std::string::npos);
    CHECK(message.find("ship.toml:17: whitelist of app ship-otpp, which the file does not "
                       "declare") != std::string::npos);
    // In the order of the file.
    CHECK(message.find("ship.toml:4:") < message.find("ship.toml:10:"));
    CHECK(message.find("ship.toml:10:") < message.find("ship.toml:17:"));
    CHECK(message.find("ship.toml:17: whitelist of ship-otpp, entry 2: \"not a domain\" is "
                       "neither") != std::string::npos);
}

TEST_CASE("tenant file: a 51st group, an unknown top-level key, a missing namespace") {
    std::string text = "namespce = \"SHIP\"\n";
    for (int i = 1; i <= 51; ++i) {
        text += "[[groups]]\nname = \"team-" + std::to_string(i) + "\"\n";
    }
    const std::string message = problems_of(text);
    CHECK(message.find("ship.toml:1: unknown key 'namespce' in the tenant file (did you mean "
                       "'namespace'?)") != std::string::npos);
    CHECK(message.find("the tenant file needs 'namespace'") != std::string::npos);
    CHECK(message.find("ship.toml:102: group team-51 is the 51st: a namespace holds at most 50 "
                       "groups") != std::string::npos);
    CHECK(problems_of("namespace = [").find("ship.toml:1:") == 0);
}

} // namespace test_tenant_file
