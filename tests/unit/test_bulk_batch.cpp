#include "techpass/bulk/batch.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

namespace test_bulk_batch {

using namespace techpass::bulk;
using techpass::Error;
using techpass::ErrorKind;

TEST_CASE("bulk: parse_batch_response reads a 207 answer") {
    const auto body = nlohmann::ordered_json::parse(R"({
        "invitations": [
            {"entryNumber": 0, "invitation": {"id": "inv-a", "email": "a@acme.example"}},
            {"entryNumber": 2, "invitation": {"id": "inv-c"}}
        ],
        "errors": [
            {"code": 409, "entryNumber": 1, "message": "already invited", "status": 409,
             "traceId": "0123456789abcdef0123456789abcdef"},
            {"code": 422, "entryNumber": 3, "message": "cannot be processed", "status": 422,
             "traceId": "fedcba9876543210fedcba9876543210"}
        ]})");
    const BatchResult result = parse_batch_response(body, "invitations", "invitation");
    REQUIRE(result.entries.size() == 4);
    CHECK(result.entries[0].entry_number == 0);
    CHECK(result.entries[0].status == 201);
    CHECK(result.entries[0].id == "inv-a");
    CHECK(result.entries[1].entry_number == 2);
    CHECK(result.entries[1].id == "inv-c");
    CHECK(result.entries[2].entry_number == 1);
    CHECK(result.entries[2].status == 409);
    CHECK(result.entries[2].message == "already invited");
    CHECK(result.entries[2].trace_id == "0123456789abcdef0123456789abcdef");
    CHECK(result.entries[3].status == 422);
}

TEST_CASE("bulk: parse_batch_response refuses answers it cannot map to rows") {
    CHECK_THROWS_WITH(
        parse_batch_response(nlohmann::ordered_json::array(), "invitations", "invitation"),
        "the portal's batch answer is not a JSON object");
    const auto no_number = nlohmann::ordered_json::parse(R"({"invitations":[{"invitation":{}}]})");
    CHECK_THROWS_WITH(parse_batch_response(no_number, "invitations", "invitation"),
                      "the portal's batch answer has an entry without a valid entryNumber");
    const auto flat = nlohmann::ordered_json::parse(R"({"users":[{"entryNumber":0,"id":"u-1"}]})");
    CHECK(parse_batch_response(flat, "users", "").entries.at(0).id == "u-1");
}

TEST_CASE("bulk: EntryByEntrySender sends each entry with its own derived key") {
    std::vector<std::string> keys;
    EntryByEntrySender sender([&](const Entry& entry, const std::string& key) {
        keys.push_back(key);
        const std::string email = entry.body.at("email").get<std::string>();
        if (email == "taken@tech.gov.sg") {
            throw Error(ErrorKind::Conflict, "an account with this email exists")
                .with_portal(409, "t1");
        }
        if (email == "odd@tech.gov.sg") {
            throw Error(ErrorKind::Usage, "cannot be processed").with_portal(422, "t2");
        }
        return "user-" + std::to_string(entry.row);
    });
    std::vector<Entry> entries;
    for (const char* email : {"new@tech.gov.sg", "taken@tech.gov.sg", "odd@tech.gov.sg"}) {
        entries.push_back({entries.size() + 1, {{"email", email}}});
    }
    const BatchResult result = sender.send(entries, "batch-key");
    CHECK(keys == std::vector<std::string>{"batch-key-0", "batch-key-1", "batch-key-2"});
    REQUIRE(result.entries.size() == 3);
    CHECK(result.entries[0].status == 201);
    CHECK(result.entries[0].id == "user-1");
    CHECK(result.entries[1].status == 409);
    CHECK(result.entries[1].trace_id == "t1");
    CHECK(result.entries[2].status == 422);
    CHECK(result.entries[2].message == "cannot be processed");
    SUBCASE("a network failure ends the batch") {
        EntryByEntrySender failing([](const Entry&, const std::string&) -> std::string {
            throw Error(ErrorKind::Network, "connection reset");
        });
        CHECK_THROWS_WITH(failing.send(entries, "k"), "connection reset");
    }
}

} // namespace test_bulk_batch
