// An import file's format comes from its extension, else from its content.

#include "support/temp_dir.hpp"
#include "techpass/bulk/input.hpp"
#include "techpass/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>

namespace test_bulk_input_format {

using namespace techpass::bulk;

TEST_CASE("bulk: input_format, by content when the extension says nothing") {
    testsupport::TempDir dir;
    CHECK(input_format(dir.write("people.txt", "\xEF\xBB\xBF\n  {\"email\":\"a@b.gov.sg\"}\n")) ==
          Format::JsonLines);
    CHECK(input_format(dir.write("people", "email,mobile\r\na@tech.gov.sg,\r\n")) == Format::Csv);
    // The extension wins over the content.
    CHECK(input_format(dir.write("odd.csv", "{\"email\":1}\n")) == Format::Csv);
    CHECK_THROWS_WITH_AS(input_format(dir.write("book.xlsx", std::string("PK\x03\x04\0\0", 6))),
                         (dir.file("book.xlsx") + ": unknown input format \".xlsx\"").c_str(),
                         techpass::Error);
    CHECK_THROWS_AS(input_format(dir.write("blank.dat", " \n\n")), techpass::Error);

    InputReader reader(dir.write("officers.txt", "Email,Mobile\nmei.lim@tech.gov.sg,91234567\n"),
                       Kind::Registration);
    InputRow row;
    REQUIRE(reader.next(row));
    CHECK(techpass::validate::value_of(row.values, techpass::validate::Field::Email) ==
          "mei.lim@tech.gov.sg");
}

TEST_CASE("bulk: a directory given as the input is named as one") {
    testsupport::TempDir dir;
    for (const char* name : {"", "people.csv"}) {
        const std::string path = *name ? dir.file(name) : dir.path();
        if (*name) {
            std::filesystem::create_directory(path);
        }
        CAPTURE(path);
        CHECK_THROWS_WITH_AS(InputReader(path, Kind::Invitation),
                             (path + " is a directory, not a file to import").c_str(),
                             techpass::Error);
    }
}

} // namespace test_bulk_input_format
