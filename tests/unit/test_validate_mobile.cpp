#include "techpass/validate/mobile.hpp"

#include <doctest/doctest.h>

namespace test_validate_mobile {

using namespace techpass::validate;

TEST_CASE("validate: normalise_mobile accepts the usual ways of typing a number") {
    for (const char* typed :
         {"91234567", "9123 4567", "+65 9123 4567", "+6591234567", "6591234567", "65 9123 4567",
          "0065 9123 4567", "+65-9123-4567", "(+65) 9123.4567", " 9123-4567 "}) {
        CAPTURE(typed);
        CHECK(normalise_mobile(typed) == "+6591234567");
        CHECK_FALSE(mobile_problem(typed));
    }
    CHECK(normalise_mobile("8123 4567") == "+6581234567");
}

TEST_CASE("validate: mobile_problem explains each kind of mistake") {
    const std::string expected =
        "expected +65 and 8 digits starting with 8 or 9, e.g. +65 9123 4567";
    CHECK(mobile_problem("") == "is required");
    CHECK(mobile_problem("call me") == "\"call me\" is not a phone number (" + expected + ")");
    CHECK(mobile_problem("9123 45x7") == "\"9123 45x7\" is not a phone number (" + expected + ")");
    CHECK(mobile_problem("+") == "\"+\" is not a phone number (" + expected + ")");
    CHECK(mobile_problem("9123 456") ==
          "\"9123 456\" does not have 8 digits after +65 (" + expected + ")");
    CHECK(mobile_problem("+65 9123 45678") ==
          "\"+65 9123 45678\" does not have 8 digits after +65 (" + expected + ")");
    CHECK(mobile_problem("6123 4567") == "\"6123 4567\" is not a mobile number (" + expected + ")");
    CHECK(mobile_problem("+65 3123 4567") ==
          "\"+65 3123 4567\" is not a mobile number (" + expected + ")");
    CHECK(mobile_problem("+44 7700 900123") ==
          "\"+44 7700 900123\" is not a Singapore number (" + expected +
              "); people with foreign numbers are onboarded through the TechPass Portal");
    CHECK(mobile_problem("0044 7700 900123")->find("is not a Singapore number") !=
          std::string::npos);
    CHECK_FALSE(normalise_mobile("+44 7700 900123"));
    CHECK_FALSE(normalise_mobile("6123 4567"));
    CHECK_FALSE(normalise_mobile(""));
}

TEST_CASE("validate: a plus sign counts only at the start") {
    CHECK_FALSE(normalise_mobile("91+234567"));
    CHECK(mobile_problem("91+234567")->find("is not a phone number") != std::string::npos);
}

} // namespace test_validate_mobile
