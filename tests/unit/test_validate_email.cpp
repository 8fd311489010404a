#include "techpass/validate/email.hpp"

#include <doctest/doctest.h>

namespace test_validate_email {

using namespace techpass::validate;

TEST_CASE("validate: email_problem accepts ordinary addresses") {
    for (const char* email : {"jane.tan@acme.com.sg", "Jane_Tan+onboarding@Acme-Labs.io", "a@b.co",
                              "o'brien@tech.gov.sg", "  lee@hdb.gov.sg  "}) {
        CAPTURE(email);
        CHECK_FALSE(email_problem(email));
    }
}

TEST_CASE("validate: email_problem says what is wrong") {
    CHECK(email_problem("") == "is required");
    CHECK(email_problem("   ") == "is required");
    CHECK(email_problem("jane.acme.com") ==
          "\"jane.acme.com\" is not a valid email address: it has no \"@\"");
    CHECK(email_problem("jane@@acme.com") ==
          "\"jane@@acme.com\" is not a valid email address: it has more than one \"@\"");
    CHECK(email_problem("@acme.com") ==
          "\"@acme.com\" is not a valid email address: nothing before the \"@\"");
    CHECK(email_problem("jane@") ==
          "\"jane@\" is not a valid email address: no domain after the \"@\"");
    CHECK(email_problem("jane tan@acme.com") ==
          "\"jane tan@acme.com\" is not a valid email address: it contains a space");
    CHECK(email_problem("jane(tan)@acme.com") == "\"jane(tan)@acme.com\" is not a valid email "
                                                 "address: \"(\" is not allowed before the \"@\"");
    CHECK(email_problem("jane..tan@acme.com") ==
          "\"jane..tan@acme.com\" is not a valid email address: a dot at the start or end of the "
          "name, or two dots in a row");
    CHECK(email_problem(".jane@acme.com").has_value());
    CHECK(email_problem("jane@acme") ==
          "\"jane@acme\" is not a valid email address: \"acme\" is not a domain name");
    CHECK(email_problem("jane@-acme.com").has_value());
    CHECK(email_problem("jane@acme..com").has_value());
    CHECK(email_problem("jane@acme.c0m").has_value());
    CHECK(email_problem("jane@acme_labs.com").has_value());
    // A long value is echoed shortened to its first 60 characters.
    CHECK(email_problem(std::string(65, 'a') + "@acme.com") ==
          "\"" + std::string(60, 'a') +
              "\u2026\" (74 characters) is not a valid email address: more than 64 characters "
              "before the \"@\"");
    const std::string long_address = "a@" + std::string(250, 'b') + ".com";
    CHECK(email_problem(long_address) == "\"a@" + std::string(58, 'b') +
                                             "\u2026\" (256 characters) is not a valid email "
                                             "address: longer than 254 characters");
}

TEST_CASE("validate: normalise_email and email_domain") {
    CHECK(normalise_email("  Jane.Tan@ACME.com ") == "jane.tan@acme.com");
    CHECK(email_domain("Jane@Tech.GOV.sg") == "tech.gov.sg");
    CHECK(email_domain("no-at-sign") == "");
}

TEST_CASE("validate: registration_problem, eligible government addresses") {
    CHECK_FALSE(registration_problem("jane_tan@tech.gov.sg"));
    CHECK_FALSE(registration_problem("lim@mom.gov.sg"));
    CHECK_FALSE(registration_problem("ong@hdb.gov.sg"));
    CHECK_FALSE(registration_problem("ng@gov.sg"));
}

TEST_CASE("validate: registration_problem sends excluded domains to invitations") {
    CHECK(registration_problem("tan@mindef.gov.sg") ==
          "mindef.gov.sg accounts cannot be registered directly: invite them instead "
          "(techpass users invite)");
    for (const auto& domain : excluded_government_domains()) {
        CAPTURE(domain);
        const auto problem = registration_problem("someone@" + domain);
        REQUIRE(problem);
        CHECK(problem->starts_with(domain + " accounts cannot be registered directly"));
    }
    CHECK(excluded_government_domains().size() == 6);
    SUBCASE("sub-domains of an excluded domain are excluded too") {
        CHECK(registration_problem("x@hq.mindef.gov.sg")->starts_with("mindef.gov.sg accounts"));
    }
    SUBCASE("a domain that merely ends in the same letters is not") {
        CHECK_FALSE(registration_problem("x@notsps.gov.sg"));
    }
}

TEST_CASE("validate: registration_problem refuses personal and non-government domains") {
    CHECK(registration_problem("jane@gmail.com") ==
          "gmail.com is a personal mail domain, which TechPass never accepts: use the person's "
          "organisational email address");
    CHECK(registration_problem("JANE@Yahoo.com.sg")
              ->starts_with("yahoo.com.sg is a personal mail domain"));
    CHECK(is_personal_domain("Hotmail.com"));
    CHECK_FALSE(is_personal_domain("acme.com"));
    CHECK(registration_problem("jane@acme.com") ==
          "acme.com is not a government (*.gov.sg) domain: only public officers with a "
          "Whole-of-Government email can be registered; invite vendors and other users instead "
          "(techpass vendors invite, techpass users invite)");
    CHECK(
        registration_problem("jane@gov.sg.example.com")->starts_with("gov.sg.example.com is not"));
}

} // namespace test_validate_email
