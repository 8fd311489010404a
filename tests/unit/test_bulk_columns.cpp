#include "support/temp_dir.hpp"
#include "techpass/bulk/columns.hpp"
#include "techpass/bulk/input.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

namespace test_bulk_columns {

using namespace techpass::bulk;
using techpass::Error;
using techpass::validate::Field;
using techpass::validate::value_of;

namespace {

const std::string k_fixtures = std::string(TECHPASS_SOURCE_DIR) + "/tests/fixtures/bulk/";

std::string header_error(Kind kind, const std::vector<std::string>& header) {
    try {
        map_header(kind, header, "v.csv");
    } catch (const Error& e) {
        CHECK(e.kind() == techpass::ErrorKind::Usage);
        return std::string(e.what()) + " | " + e.hint();
    }
    return "no error";
}

} // namespace

TEST_CASE("bulk: csv_template prints the documented header") {
    CHECK(
        csv_template(Kind::Invitation) ==
        "email,first_name,last_name,mobile,company,department,sponsoring_agency,business_operation,"
        "offshore_development_centre,offshore_company,seed,account_type\n");
    CHECK(csv_template(Kind::Registration) == "email,mobile,seed\n");
}

TEST_CASE("bulk: field_for_name ignores case, spaces and punctuation, and knows aliases") {
    CHECK(field_for_name(Kind::Invitation, "First Name") == Field::FirstName);
    CHECK(field_for_name(Kind::Invitation, "firstName") == Field::FirstName);
    CHECK(field_for_name(Kind::Invitation, "FIRST_NAME") == Field::FirstName);
    CHECK(field_for_name(Kind::Invitation, "e-mail") == Field::Email);
    CHECK(field_for_name(Kind::Invitation, " Email Address ") == Field::Email);
    CHECK(field_for_name(Kind::Invitation, "Surname") == Field::LastName);
    CHECK(field_for_name(Kind::Invitation, "Mobile No.") == Field::Mobile);
    CHECK(field_for_name(Kind::Invitation, "ODC") == Field::OffshoreDevelopmentCentre);
    CHECK(field_for_name(Kind::Invitation, "Offshore Development Center") ==
          Field::OffshoreDevelopmentCentre);
    CHECK(field_for_name(Kind::Invitation, "sponsoringAgency") == Field::SponsoringAgency);
    CHECK(field_for_name(Kind::Invitation, "Remarks") == std::nullopt);
    CHECK(field_for_name(Kind::Invitation, "") == std::nullopt);
    SUBCASE("a registration takes only email, mobile and seed") {
        CHECK(field_for_name(Kind::Registration, "first_name") == std::nullopt);
        CHECK(field_for_name(Kind::Registration, "Mobile Number") == Field::Mobile);
    }
}

TEST_CASE("bulk: map_header reports unknown columns with a suggestion") {
    const HeaderMap map =
        map_header(Kind::Invitation,
                   {"email", "Frist Name", "last_name", "mobile", "company", "department",
                    "sponsoring_agency", "business_operation", "Remarks", "", "first name"},
                   "v.csv");
    REQUIRE(map.columns.size() == 11);
    CHECK(map.columns[0] == Field::Email);
    CHECK(map.columns[1] == std::nullopt);
    CHECK(map.columns[10] == Field::FirstName);
    REQUIRE(map.warnings.size() == 3);
    CHECK(map.warnings[0].message ==
          "column 2 \"Frist Name\" is not used by invitations and is ignored (did you mean "
          "\"first_name\"?)");
    CHECK(map.warnings[0].suggestion == "first_name");
    CHECK(map.warnings[1].message ==
          "column 9 \"Remarks\" is not used by invitations and is ignored");
    CHECK(map.warnings[2].message == "column 10 has no name and is ignored");
}

TEST_CASE("bulk: map_header refuses missing and doubled columns") {
    CHECK(header_error(Kind::Invitation, {"email", "first name", "company"}) ==
          "v.csv: the header lacks the required columns last_name, mobile, department, "
          "sponsoring_agency, business_operation | the documented header line is printed by "
          "techpass vendors import --template");
    CHECK(header_error(Kind::Registration, {"mobile"}) ==
          "v.csv: the header lacks the required column email | the documented header line is "
          "printed by techpass users import --template");
    CHECK(header_error(Kind::Registration, {"Email", "mobile", "E-mail"}) ==
          "v.csv: columns 1 \"Email\" and 3 \"E-mail\" both hold email: keep one | ");
    CHECK(header_error(Kind::Registration, {"email"}) == "no error");
}

TEST_CASE("bulk: InputReader maps an aliased CSV header (fixture aliases.csv)") {
    InputReader reader(k_fixtures + "aliases.csv", Kind::Invitation);
    REQUIRE(reader.warnings().size() == 2);
    CHECK(reader.warnings()[0].message ==
          "column 13 \"Remarks\" is not used by invitations and is ignored");
    CHECK(reader.warnings()[1].suggestion == "first_name");
    InputRow row;
    REQUIRE(reader.next(row));
    CHECK(row.row == 1);
    CHECK(row.line == 2);
    CHECK(value_of(row.values, Field::Email) == "siti.rahman@acme.com.sg");
    CHECK(value_of(row.values, Field::Department) == "Data Science");
    CHECK(value_of(row.values, Field::Seed) == "No");
    CHECK(row.problems.empty());
    REQUIRE(reader.next(row));
    CHECK(value_of(row.values, Field::OffshoreCompany) == "Globex Technologies Pvt Ltd");
    CHECK(value_of(row.values, Field::AccountType) == "");
    CHECK_FALSE(reader.next(row));
}

TEST_CASE(
    "bulk: InputReader reads JSON Lines with API or documented names (fixture vendors.jsonl)") {
    InputReader reader(k_fixtures + "vendors.jsonl", Kind::Invitation);
    InputRow row;
    REQUIRE(reader.next(row));
    CHECK(value_of(row.values, Field::Mobile) == "91234567");
    CHECK(value_of(row.values, Field::Seed) == "false");
    CHECK(value_of(row.values, Field::SponsoringAgency) == "GovTech");
    REQUIRE(reader.next(row));
    CHECK(row.row == 2);
    CHECK(row.line == 3);
    CHECK(value_of(row.values, Field::OffshoreDevelopmentCentre) == "Others");
    CHECK(value_of(row.values, Field::Seed) == "true");
    REQUIRE(reader.next(row));
    REQUIRE(row.problems.size() == 1);
    CHECK(row.problems[0].field == "first_name");
    CHECK(row.problems[0].reason == "must be a string, not array");
    CHECK_FALSE(reader.next(row));
    REQUIRE(reader.warnings().size() == 2);
    CHECK(reader.warnings()[0].message ==
          "key \"notes\" (first on line 3) is not used by invitations and is ignored");
    CHECK(reader.warnings()[1].name == "colour");
}

TEST_CASE("bulk: InputReader, file-level errors") {
    testsupport::TempDir dir;
    const auto error_of = [&](const std::string& path, Kind kind = Kind::Invitation) {
        try {
            InputReader reader(path, kind);
        } catch (const Error& e) {
            CHECK(e.kind() == techpass::ErrorKind::Usage);
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error_of(dir.write("v.xlsx", "")) ==
          dir.file("v.xlsx") + ": unknown input format \".xlsx\"");
    CHECK(error_of(dir.file("missing.csv")) ==
          "cannot open " + dir.file("missing.csv") + ": No such file or directory");
    CHECK(error_of(dir.write("empty.csv", "\n\n")) ==
          dir.file("empty.csv") + " is empty: expected a header line");
    CHECK(input_format("X.CSV") == Format::Csv);
    CHECK(input_format("x.ndjson") == Format::JsonLines);
    SUBCASE("rows with the wrong number of fields") {
        InputReader reader(dir.write("r.csv", "email,mobile\na@tech.gov.sg\nb@tech.gov.sg,1,2\n"),
                           Kind::Registration);
        InputRow row;
        REQUIRE(reader.next(row));
        REQUIRE(row.problems.size() == 1);
        CHECK(row.problems[0].reason == "has 1 fields where the header has 2");
        REQUIRE(reader.next(row));
        CHECK(row.problems[0].reason == "has 3 fields where the header has 2");
        CHECK(value_of(row.values, Field::Mobile) == "1");
    }
}

} // namespace test_bulk_columns
