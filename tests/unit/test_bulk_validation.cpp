#include "support/temp_dir.hpp"
#include "techpass/bulk/duplicates.hpp"
#include "techpass/bulk/validation.hpp"
#include "test_bulk_support.hpp"

#include <doctest/doctest.h>

namespace test_bulk_validation {

using namespace techpass::bulk;
using techpass::validate::join_problems;

namespace {

const std::string k_fixtures = std::string(TECHPASS_SOURCE_DIR) + "/tests/fixtures/bulk/";

std::string problems_of(const Validation& validation, std::size_t row) {
    for (const auto& invalid : validation.invalid) {
        if (invalid.row == row) {
            return join_problems(invalid.problems);
        }
    }
    return "valid";
}

} // namespace

TEST_CASE("bulk: validate_input reports every problem of every row, by row and column") {
    testsupport::TempDir dir;
    const std::string csv =
        std::string(bulktest::k_header) +
        // 1: valid
        "siti@acme.com.sg,Siti,Rahman,9123 4567,Acme Pte Ltd,Data,GovTech,onshore,,,,\n"
        // 2: three problems at once
        "not-an-email,,Tan,6123 4567,Acme Pte Ltd,Data,GovTech,onshore,,,,\n"
        // 3: offshore without SEED or centre
        "ravi@globex.co.in,Ravi,Kumar,8234 5678,Globex,Platform,MOM,offshore,,,no,\n"
        // 4: same email as row 1 (other case), same mobile as row 3
        "SITI@Acme.com.sg,Siti,Rahman,+65 8234 5678,Acme Pte Ltd,Data,GovTech,onshore,,,,\n"
        // 5: a short row
        "short@acme.com.sg,Short\n";
    const Validation validation =
        validate_input(dir.write("v.csv", csv), Kind::Invitation, "vendor");
    CHECK(validation.rows == 5);
    CHECK(validation.valid == 1);
    CHECK(validation.outcomes == std::vector<Outcome>{Outcome::Pending, Outcome::Invalid,
                                                      Outcome::Invalid, Outcome::Invalid,
                                                      Outcome::Invalid});
    CHECK(problems_of(validation, 1) == "valid");
    CHECK(problems_of(validation, 2) ==
          "email: \"not-an-email\" is not a valid email address: it has no \"@\"; first_name: is "
          "required; mobile: \"6123 4567\" is not a mobile number (expected +65 and 8 digits "
          "starting with 8 or 9, e.g. +65 9123 4567)");
    CHECK(problems_of(validation, 3) ==
          "offshore_development_centre: is required for offshore users (the centre's name, or "
          "Others with offshore_company); seed: is mandatory for offshore users: set it to yes");
    CHECK(problems_of(validation, 4) ==
          "email: \"siti@acme.com.sg\" is also on row 1: each person is onboarded once; mobile: "
          "+6582345678 is also on row 3: a mobile number belongs to one account");
    CHECK(problems_of(validation, 5) ==
          "has 2 fields where the header has 12; last_name: is required; mobile: is required; "
          "company: is required; department: is required; sponsoring_agency: is required; "
          "business_operation: is required");
    REQUIRE(validation.invalid.size() == 4);
    CHECK(validation.invalid[0].line == 3);
    CHECK(validation.invalid[0].email == "not-an-email");
    CHECK(validation.invalid[2].email == "siti@acme.com.sg");
}

TEST_CASE("bulk: check_row builds the API entry with the default account type") {
    testsupport::TempDir dir;
    InputReader reader(
        dir.write("v.csv", std::string(bulktest::k_header) + bulktest::vendor_row(7)),
        Kind::Invitation);
    InputRow row;
    REQUIRE(reader.next(row));
    techpass::validate::value_of(row.values, techpass::validate::Field::AccountType) = "";
    const RowCheck check = check_row(Kind::Invitation, row, "temp");
    REQUIRE(check.problems.empty());
    CHECK(
        check.body.dump() ==
        R"({"email":"vendor7@acme.com.sg","firstName":"Wei Ling","lastName":"Tan","mobile":"+6590000007",)"
        R"("company":"Acme Pte Ltd","department":"Engineering","sponsoringAgency":"GovTech",)"
        R"("businessOperation":"onshore","seed":false,"accountType":"temp"})");
    CHECK(check.mobile == "+6590000007");
}

TEST_CASE("bulk: validate_input, registrations (fixture registrations.csv)") {
    const Validation validation =
        validate_input(k_fixtures + "registrations.csv", Kind::Registration, "");
    CHECK(validation.rows == 5);
    CHECK(validation.valid == 2);
    CHECK(problems_of(validation, 1) == "valid");
    CHECK(problems_of(validation, 2) == "valid");
    CHECK(problems_of(validation, 3) ==
          "email: mindef.gov.sg accounts cannot be registered directly: invite them instead "
          "(techpass users invite)");
    CHECK(problems_of(validation, 4) ==
          "email: gmail.com is a personal mail domain, which TechPass never accepts: use the "
          "person's organisational email address");
    CHECK(problems_of(validation, 5) ==
          "email: \"lim_hui_min@tech.gov.sg\" is also on row 1: each person is onboarded once");
}

TEST_CASE("bulk: validate_input collects JSON Lines warnings after the pass") {
    const Validation validation =
        validate_input(k_fixtures + "vendors.jsonl", Kind::Invitation, "vendor");
    CHECK(validation.rows == 3);
    CHECK(validation.valid == 2);
    CHECK(validation.warnings.size() == 2);
    CHECK(problems_of(validation, 3)
              .starts_with("first_name: must be a string, not array; last_name: is required"));
}

TEST_CASE("bulk: DuplicateFinder never reports a false duplicate, even with a tiny filter") {
    DuplicateFinder finder(0); // the smallest filter: most of 20,000 keys become candidates
    for (std::size_t i = 1; i <= 20'000; ++i) {
        finder.note("e:person" + std::to_string(i) + "@acme.example");
    }
    finder.note("e:person7@acme.example");
    REQUIRE(finder.has_candidates());
    std::size_t reported = 0;
    for (std::size_t i = 1; i <= 20'000; ++i) {
        reported +=
            finder.earlier_row("e:person" + std::to_string(i) + "@acme.example", i).has_value();
    }
    CHECK(reported == 0);
    CHECK(finder.earlier_row("e:person7@acme.example", 20'001) == 7u);
}

TEST_CASE("bulk: a duplicate row that is also invalid gets both problems") {
    testsupport::TempDir dir;
    const std::string csv =
        std::string(bulktest::k_header) + bulktest::vendor_row(1) +
        "VENDOR1@acme.com.sg,Wei Ling,,9000 0001,Acme Pte Ltd,Ops,MOM,onshore,,,,\n";
    const Validation validation =
        validate_input(dir.write("v.csv", csv), Kind::Invitation, "vendor");
    CHECK(validation.valid == 1);
    REQUIRE(validation.invalid.size() == 1);
    CHECK(join_problems(validation.invalid[0].problems) ==
          "last_name: is required; email: \"vendor1@acme.com.sg\" is also on row 1: each person is "
          "onboarded once; mobile: +6590000001 is also on row 1: a mobile number belongs to one "
          "account");
}

} // namespace test_bulk_validation
