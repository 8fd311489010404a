// /otp/namespace/{namespace}/apps/{appId}/whitelists: the known paths of the
// real API, with their 207 and 400 answers.

#include "resources_fixture.hpp"

#include <doctest/doctest.h>

namespace test_resources_whitelists {

using namespace restest;

namespace {

const std::string k_list = "/otp/namespace/SHIP/apps/" + k_ship_app + "/whitelists";

json values(Tenant& t, const std::string& query = {}) {
    json result = json::array();
    const Reply listed = t.get(k_list + query);
    for (const auto& entry : listed.body.at("whitelists")) {
        result.push_back(entry.at("whitelistValue"));
    }
    return result;
}

} // namespace

TEST_CASE("whitelists: adding entries answers 207 per kind") {
    Tenant t;
    const Reply reply = t.post(
        k_list, {{"emailDomains",
                  {{{"emailDomain", "Acme.com.sg"}},
                   {{"emailDomain", "acme.com.sg"}},
                   {{"emailDomain", "beta.com"}, {"expiresAt", "2099-01-01T00:00:00Z"}}}},
                 {"userEmails", json::array({{{"userEmail", "ann@x.com"}, {"expiresAt", ""}}})}});
    REQUIRE_MESSAGE(reply.status == 207, reply.text);
    const json& domains = reply.body.at("emailDomains");
    REQUIRE(domains.at("whitelisted").size() == 2);
    CHECK(domains.at("whitelisted")[0].at("entryNumber") == 0);
    CHECK(domains.at("whitelisted")[0].at("whitelistValue") == "acme.com.sg");
    CHECK(domains.at("whitelisted")[0].at("expiresAt") == "");
    CHECK(domains.at("whitelisted")[1].at("entryNumber") == 2);
    CHECK(domains.at("whitelisted")[1].at("expiresAt") == "2099-01-01T00:00:00Z");
    CHECK(domains.at("errors") == json::array({{{"code", 409},
                                                {"entryNumber", 1},
                                                {"message", "entry is already whitelisted"},
                                                {"status", 409},
                                                {"traceId", reply.header("x-trace-id")}}}));
    CHECK(reply.body.at("userEmails").at("whitelisted").size() == 1);
    CHECK(reply.body.at("userEmails").at("errors") == json::array());

    const Reply again =
        t.post(k_list, {{"userEmails", json::array({{{"userEmail", "ANN@x.com"}}})}});
    REQUIRE(again.status == 207);
    CHECK(again.body.at("userEmails").at("errors")[0].at("message") ==
          "entry is already whitelisted");
    CHECK(again.body.at("emailDomains") ==
          json{{"whitelisted", json::array()}, {"errors", json::array()}});

    // Listed by value, expired entries left out, filtered by kind.
    CHECK(values(t) == json::array({"acme.com.sg", "ann@x.com", "beta.com"}));
    CHECK(values(t, "?whitelistType=emailDomain") == json::array({"acme.com.sg", "beta.com"}));
    CHECK(values(t, "?whitelistType=userEmail") == json::array({"ann@x.com"}));
    CHECK(message(t.get(k_list + "?whitelistType=domains")) ==
          "whitelistType must be one of all, emailDomain, userEmail, not 'domains'");
    CHECK(message(t.get(k_list + "?size=51")) == "size must be an integer from 1 to 50, not '51'");
    const Reply paged = t.get(k_list + "?size=2");
    CHECK(paged.body.at("count") == 2);
    CHECK(t.get(k_list + "?size=2&lastKey=" + paged.body.at("lastKey").get<std::string>())
              .body.at("count") == 1);
}

TEST_CASE("whitelists: a malformed entry refuses the whole request") {
    Tenant t;
    const auto check = [&t](const json& body, const std::string& expected) {
        CAPTURE(body.dump());
        const Reply reply = t.post(k_list, body);
        CHECK(reply.status == 400);
        CHECK(message(reply) == expected);
    };
    check({{"emailDomains", {{{"emailDomain", "good.com"}}, {{"emailDomain", "not_a_domain"}}}}},
          "emailDomains[1].emailDomain: field 'emailDomain' must be an email domain such as "
          "acme.com.sg, not 'not_a_domain'");
    check({{"userEmails", json::array({{{"userEmail", "nobody"}}})}},
          "userEmails[0].userEmail: field 'userEmail' must be an email address, not 'nobody'");
    check({{"userEmails", json::array({{{"userEmail", "a@b.com"}, {"expiresAt", "2099-01-01"}}})}},
          "userEmails[0].expiresAt: field 'expiresAt' must be an RFC 3339 UTC time such as "
          "2026-11-27T09:30:00Z, not '2099-01-01'");
    check({{"userEmails",
            json::array({{{"userEmail", "a@b.com"}, {"expiresAt", "2099-01-01T08:00:00+08:00"}}})}},
          "userEmails[0].expiresAt: field 'expiresAt' must be an RFC 3339 UTC time such as "
          "2026-11-27T09:30:00Z, not '2099-01-01T08:00:00+08:00'");
    check({{"userEmails",
            json::array({{{"userEmail", "a@b.com"}, {"expiresAt", "2001-01-01T00:00:00Z"}}})}},
          "userEmails[0].expiresAt: field 'expiresAt' 2001-01-01T00:00:00Z is not in the future");
    check({{"emailDomains", json::array({{{"emailDomain", "a.com"}, {"foo", 1}}})}},
          "emailDomains[0].foo: unknown field 'foo'");
    check(json::object(),
          "emailDomains and userEmails must hold 1 to 1000 entries together, not 0");
    json many = json::array();
    for (int i = 0; i < 1001; ++i) {
        many.push_back({{"emailDomain", "d" + std::to_string(i) + ".com"}});
    }
    check({{"emailDomains", many}},
          "emailDomains and userEmails must hold 1 to 1000 entries together, not 1001");
    check({{"domains", json::array()}}, "unknown field 'domains'");
    CHECK(values(t) == json::array());
}

TEST_CASE("whitelists: update and delete by id or value") {
    Tenant t;
    const Reply added =
        t.post(k_list, {{"emailDomains", json::array({{{"emailDomain", "beta.com"},
                                                       {"expiresAt", "2099-01-01T00:00:00Z"}}})},
                        {"userEmails", json::array({{{"userEmail", "ann@x.com"}}})}});
    REQUIRE(added.status == 207);
    const std::string beta =
        added.body.at("emailDomains").at("whitelisted")[0].at("whitelistId").get<std::string>();

    // Replacing the entry: an absent expiresAt removes the expiry.
    const Reply renamed = t.put(k_list + "/BETA.COM", {{"whitelistValue", "gamma.com"}});
    CHECK(renamed.status == 204);
    CHECK(renamed.text.empty());
    const Reply listed = t.get(k_list + "?whitelistType=emailDomain");
    CHECK(
        listed.body.at("whitelists") ==
        json::array({{{"whitelistId", beta}, {"whitelistValue", "gamma.com"}, {"expiresAt", ""}}}));
    CHECK(t.put(k_list + "/" + beta,
                {{"whitelistValue", "gamma.com"}, {"expiresAt", "2099-06-01T00:00:00.5Z"}})
              .status == 204);
    CHECK(t.get(k_list + "?whitelistType=emailDomain").body.at("whitelists")[0].at("expiresAt") ==
          "2099-06-01T00:00:00Z");

    const Reply other_kind = t.put(k_list + "/" + beta, {{"whitelistValue", "x@y.com"}});
    CHECK(other_kind.status == 400);
    CHECK(message(other_kind) == "field 'whitelistValue' must be an email domain such as "
                                 "acme.com.sg (an entry keeps its kind), not 'x@y.com'");
    REQUIRE(t.post(k_list, {{"emailDomains", json::array({{{"emailDomain", "acme.com.sg"}}})}})
                .status == 207);
    const Reply taken = t.put(k_list + "/" + beta, {{"whitelistValue", "acme.com.sg"}});
    CHECK(taken.status == 409);
    CHECK(message(taken) == "'acme.com.sg' is already whitelisted");
    CHECK(message(t.put(k_list + "/" + beta, json::object())) == "missing field 'whitelistValue'");
    const Reply unknown = t.put(k_list + "/nothing.com", {{"whitelistValue", "x.com"}});
    CHECK(unknown.status == 404);
    CHECK(message(unknown) ==
          "whitelist entry 'nothing.com' not found on app '" + k_ship_app + "'");

    const Reply deleted = t.del(k_list + "/ANN@x.com");
    CHECK(deleted.status == 202);
    CHECK(deleted.text.empty());
    CHECK(t.del(k_list + "/ann@x.com").status == 404);
    CHECK(t.del(k_list + "/" + beta).status == 202);
    CHECK(values(t) == json::array({"acme.com.sg"}));
}

TEST_CASE("whitelists: expiry, apps and rights") {
    Tenant t;
    const std::string soon = t.time_in(3600);
    REQUIRE(t.post(k_list, {{"userEmails",
                             json::array({{{"userEmail", "temp@x.com"}, {"expiresAt", soon}}})}})
                .status == 207);
    CHECK(values(t) == json::array({"temp@x.com"}));
    t.advance(7200);
    CHECK(values(t) == json::array());
    // An expired entry makes way for the same value.
    const Reply again =
        t.post(k_list, {{"userEmails", json::array({{{"userEmail", "temp@x.com"}}})}});
    CHECK(again.body.at("userEmails").at("whitelisted").size() == 1);

    const Reply unknown = t.get("/otp/namespace/SHIP/apps/nope/whitelists");
    CHECK(unknown.status == 404);
    CHECK(message(unknown) == "app 'nope' not found in namespace SHIP");
    CHECK(t.get("/otp/namespace/SHIP/apps/" + k_other_app + "/whitelists").status == 404);
    const Reply outsider = t.get(k_list, person("bob.lee@tech.gov.sg"));
    CHECK(outsider.status == 403);
    CHECK(message(outsider).find("lacks the right 'Namespace.Admin' on namespace SHIP") !=
          std::string::npos);
}

} // namespace test_resources_whitelists
