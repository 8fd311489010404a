// The example spreadsheets hold exactly the mistakes examples/README.md
// describes, and nothing else.

#include "techpass/bulk/validation.hpp"

#include <doctest/doctest.h>

namespace test_bulk_examples {

using namespace techpass::bulk;
using techpass::validate::join_problems;

namespace {

const std::string k_examples = std::string(TECHPASS_SOURCE_DIR) + "/examples/";

std::vector<std::pair<std::size_t, std::string>> invalid_rows(const Validation& validation) {
    std::vector<std::pair<std::size_t, std::string>> rows;
    for (const auto& invalid : validation.invalid) {
        rows.emplace_back(invalid.row, join_problems(invalid.problems));
    }
    return rows;
}

} // namespace

TEST_CASE("bulk: examples/vendors.csv has 21 valid rows and the 4 documented mistakes") {
    const Validation validation =
        validate_input(k_examples + "vendors.csv", Kind::Invitation, "vendor");
    CHECK(validation.rows == 25);
    CHECK(validation.valid == 21);
    CHECK(validation.warnings.empty());
    const auto rows = invalid_rows(validation);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == std::pair<std::size_t, std::string>{
                         5,
                         "mobile: \"6123 4567\" is not a mobile number (expected +65 and 8 digits "
                         "starting with 8 or 9, e.g. +65 9123 4567)"});
    CHECK(rows[1] == std::pair<std::size_t, std::string>{10, "last_name: is required"});
    CHECK(rows[2] == std::pair<std::size_t, std::string>{
                         17, "seed: is mandatory for offshore users: set it to yes"});
    CHECK(rows[3] == std::pair<std::size_t, std::string>{
                         22,
                         "email: \"muhammad.faizal@acme.example\" is also on row 2: each person "
                         "is onboarded once"});
}

TEST_CASE("bulk: examples/users.csv has 7 valid rows and the 2 documented mistakes") {
    const Validation validation = validate_input(k_examples + "users.csv", Kind::Registration, "");
    CHECK(validation.rows == 9);
    CHECK(validation.valid == 7);
    const auto rows = invalid_rows(validation);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].first == 6);
    CHECK(
        rows[0].second.starts_with("email: mindef.gov.sg accounts cannot be registered directly"));
    CHECK(rows[1].first == 8);
    CHECK(rows[1].second.starts_with("email: gmail.com is a personal mail domain"));
}

} // namespace test_bulk_examples
