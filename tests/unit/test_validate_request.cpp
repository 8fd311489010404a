#include "techpass/validate/flag.hpp"
#include "techpass/validate/request.hpp"

#include <doctest/doctest.h>

namespace test_validate_request {

using namespace techpass::validate;

namespace {

FieldValues onshore_vendor() {
    FieldValues values;
    value_of(values, Field::Email) = " Wei.Ling@Acme.com.sg ";
    value_of(values, Field::FirstName) = "Wei Ling";
    value_of(values, Field::LastName) = "Tan";
    value_of(values, Field::Mobile) = "9123 4567";
    value_of(values, Field::Company) = "Acme Pte Ltd";
    value_of(values, Field::Department) = "Engineering";
    value_of(values, Field::SponsoringAgency) = "GovTech";
    value_of(values, Field::BusinessOperation) = "Onshore";
    return values;
}

FieldValues offshore_vendor() {
    FieldValues values = onshore_vendor();
    value_of(values, Field::BusinessOperation) = "offshore";
    value_of(values, Field::OffshoreDevelopmentCentre) = "Bangalore ODC";
    value_of(values, Field::Seed) = "yes";
    return values;
}

std::string problems_of(RequestKind kind, FieldValues values) {
    return join_problems(check_request(kind, values));
}

} // namespace

TEST_CASE("validate: parse_flag") {
    for (const char* yes : {"true", "TRUE", "yes", "Y", "y", "1", " yes "}) {
        CAPTURE(yes);
        CHECK(parse_flag(yes) == true);
    }
    for (const char* no : {"false", "No", "n", "0", "", "  "}) {
        CAPTURE(no);
        CHECK(parse_flag(no) == false);
    }
    CHECK_FALSE(parse_flag("maybe"));
    CHECK(flag_problem(" maybe ") ==
          "\"maybe\" is not yes or no (use true/false, yes/no, y/n or 1/0)");
}

TEST_CASE("validate: field names") {
    CHECK(field_name(Field::FirstName) == "first_name");
    CHECK(api_name(Field::FirstName) == "firstName");
    CHECK(field_name(Field::OffshoreDevelopmentCentre) == "offshore_development_centre");
    CHECK(api_name(Field::AccountType) == "accountType");
    CHECK(join_problems({{"mobile", "is required"}, {"", "has 3 fields"}}) ==
          "mobile: is required; has 3 fields");
}

TEST_CASE("validate: a complete onshore invitation is normalised") {
    FieldValues values = onshore_vendor();
    REQUIRE(check_request(RequestKind::Invitation, values).empty());
    CHECK(value_of(values, Field::Email) == "wei.ling@acme.com.sg");
    CHECK(value_of(values, Field::Mobile) == "+6591234567");
    CHECK(value_of(values, Field::BusinessOperation) == "onshore");
    CHECK(value_of(values, Field::Seed) == "false");
    CHECK(value_of(values, Field::AccountType) == "vendor");
    CHECK(request_json(RequestKind::Invitation, values).dump() ==
          R"({"email":"wei.ling@acme.com.sg","firstName":"Wei Ling","lastName":"Tan",)"
          R"("mobile":"+6591234567","company":"Acme Pte Ltd","department":"Engineering",)"
          R"("sponsoringAgency":"GovTech","businessOperation":"onshore","seed":false,)"
          R"("accountType":"vendor"})");
}

TEST_CASE("validate: every missing required field is reported at once, in field order") {
    FieldValues values;
    value_of(values, Field::Email) = "someone@acme.com";
    CHECK(problems_of(RequestKind::Invitation, values) ==
          "first_name: is required; last_name: is required; mobile: is required; company: is "
          "required; department: is required; sponsoring_agency: is required; business_operation: "
          "is required");
}

TEST_CASE("validate: field_problem checks one answer at a time, as prompts do") {
    CHECK(field_problem(RequestKind::Invitation, Field::FirstName, "") == "is required");
    CHECK_FALSE(field_problem(RequestKind::Invitation, Field::OffshoreCompany, ""));
    CHECK(field_problem(RequestKind::Invitation, Field::BusinessOperation, "hybrid") ==
          "\"hybrid\" is not onshore or offshore");
    CHECK(field_problem(RequestKind::Invitation, Field::AccountType, "admin") ==
          "\"admin\" is not vendor, temp or other");
    CHECK_FALSE(field_problem(RequestKind::Invitation, Field::AccountType, "Temp"));
    CHECK(field_problem(RequestKind::Invitation, Field::LastName, "Tan\nLim") ==
          "must not contain line breaks or control characters");
    CHECK(field_problem(RequestKind::Invitation, Field::Company, std::string(129, 'x')) ==
          "is longer than 128 characters");
    CHECK_FALSE(field_problem(RequestKind::Invitation, Field::Company, std::string(128, 'x')));
    CHECK(field_problem(RequestKind::Invitation, Field::FirstName, std::string(65, 'x')) ==
          "is longer than 64 characters");
    std::string chinese; // 64 characters of 3 bytes each: within the limit
    for (int i = 0; i < 64; ++i) {
        chinese += "\xE4\xBC\x9F";
    }
    CHECK_FALSE(field_problem(RequestKind::Invitation, Field::FirstName, chinese));
    CHECK(
        field_problem(RequestKind::Invitation, Field::Seed, "perhaps")->starts_with("\"perhaps\""));
    SUBCASE("registration eligibility applies only to registrations") {
        CHECK_FALSE(field_problem(RequestKind::Invitation, Field::Email, "jane@gmail.com"));
        CHECK(field_problem(RequestKind::Registration, Field::Email, "jane@gmail.com")
                  ->starts_with("gmail.com is a personal mail domain"));
    }
}

TEST_CASE("validate: offshore rules") {
    SUBCASE("a complete offshore invitation") {
        FieldValues values = offshore_vendor();
        REQUIRE(check_request(RequestKind::Invitation, values).empty());
        const auto body = request_json(RequestKind::Invitation, values);
        CHECK(body.at("offshoreDevelopmentCentre").get<std::string>() == "Bangalore ODC");
        CHECK(body.at("seed").get<bool>());
        CHECK_FALSE(body.contains("offshoreCompany"));
    }
    SUBCASE("offshore without SEED") {
        FieldValues values = offshore_vendor();
        value_of(values, Field::Seed) = "no";
        CHECK(problems_of(RequestKind::Invitation, values) ==
              "seed: is mandatory for offshore users: set it to yes");
    }
    SUBCASE("offshore without a centre") {
        FieldValues values = offshore_vendor();
        value_of(values, Field::OffshoreDevelopmentCentre) = "";
        CHECK(problems_of(RequestKind::Invitation, values) ==
              "offshore_development_centre: is required for offshore users (the centre's name, or "
              "Others with offshore_company)");
    }
    SUBCASE("Others needs the offshore company, in any case") {
        FieldValues values = offshore_vendor();
        value_of(values, Field::OffshoreDevelopmentCentre) = "others";
        CHECK(problems_of(RequestKind::Invitation, values) ==
              "offshore_company: is required when offshore_development_centre is Others");
        value_of(values, Field::OffshoreCompany) = "Globex Solutions Pvt Ltd";
        REQUIRE(check_request(RequestKind::Invitation, values).empty());
        CHECK(value_of(values, Field::OffshoreDevelopmentCentre) == "Others");
        CHECK(request_json(RequestKind::Invitation, values)
                  .at("offshoreCompany")
                  .get<std::string>() == "Globex Solutions Pvt Ltd");
    }
    SUBCASE("an offshore company with a named centre") {
        FieldValues values = offshore_vendor();
        value_of(values, Field::OffshoreCompany) = "Globex";
        CHECK(problems_of(RequestKind::Invitation, values) ==
              "offshore_company: is only used when offshore_development_centre is Others");
    }
    SUBCASE("offshore details on an onshore row") {
        FieldValues values = onshore_vendor();
        value_of(values, Field::OffshoreDevelopmentCentre) = "Others";
        value_of(values, Field::OffshoreCompany) = "Globex";
        CHECK(problems_of(RequestKind::Invitation, values) ==
              "offshore_development_centre: applies only to offshore users (business_operation is "
              "onshore); offshore_company: applies only to offshore users (business_operation is "
              "onshore)");
    }
    SUBCASE("cross-field problems stay in field order") {
        FieldValues values = offshore_vendor();
        value_of(values, Field::Seed) = "";
        value_of(values, Field::OffshoreDevelopmentCentre) = "";
        value_of(values, Field::AccountType) = "boss";
        CHECK(
            problems_of(RequestKind::Invitation, values) ==
            "offshore_development_centre: is required for offshore users (the centre's name, or "
            "Others with offshore_company); seed: is mandatory for offshore users: set it to yes; "
            "account_type: \"boss\" is not vendor, temp or other");
    }
}

TEST_CASE("validate: registrations") {
    FieldValues values;
    value_of(values, Field::Email) = "Lim.Hui.Min@Tech.gov.sg";
    REQUIRE(check_request(RequestKind::Registration, values).empty());
    CHECK(request_json(RequestKind::Registration, values).dump() ==
          R"({"email":"lim.hui.min@tech.gov.sg","seed":false})");
    value_of(values, Field::Mobile) = "8765 4321";
    value_of(values, Field::Seed) = "Y";
    REQUIRE(check_request(RequestKind::Registration, values).empty());
    CHECK(request_json(RequestKind::Registration, values).dump() ==
          R"({"email":"lim.hui.min@tech.gov.sg","mobile":"+6587654321","seed":true})");
    SUBCASE("names are not part of a registration") {
        value_of(values, Field::FirstName) = "Hui Min";
        CHECK_FALSE(request_json(RequestKind::Registration, values).contains("firstName"));
        CHECK(request_fields(RequestKind::Registration).size() == 3);
        CHECK_FALSE(takes_field(RequestKind::Registration, Field::FirstName));
    }
    SUBCASE("problems") {
        FieldValues bad;
        value_of(bad, Field::Email) = "tan@mindef.gov.sg";
        value_of(bad, Field::Mobile) = "1234";
        value_of(bad, Field::Seed) = "sure";
        CHECK(
            problems_of(RequestKind::Registration, bad) ==
            "email: mindef.gov.sg accounts cannot be registered directly: invite them instead "
            "(techpass users invite); mobile: \"1234\" does not have 8 digits after +65 (expected "
            "+65 and 8 digits starting with 8 or 9, e.g. +65 9123 4567); seed: \"sure\" is not yes "
            "or no (use true/false, yes/no, y/n or 1/0)");
    }
}

} // namespace test_validate_request
