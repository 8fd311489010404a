#include "techpass/output/formats.hpp"

#include <doctest/doctest.h>

namespace test_output_formats {

using namespace techpass::output;
using Json = nlohmann::ordered_json;

TEST_CASE("to_json: pretty, 2 spaces, keys as received") {
    const auto value = Json::parse(R"({"z":1,"a":[true,null,"é"],"m":{}})");
    CHECK(to_json(value) ==
          "{\n  \"z\": 1,\n  \"a\": [\n    true,\n    null,\n    \"é\"\n  ],\n  \"m\": {}\n}\n");
}

TEST_CASE("to_yaml: block style, strings quoted when needed") {
    const auto value = Json::parse(R"({
        "name": "billing",
        "grn": "ship:billing",
        "created": "2026-11-27T09:30:00Z",
        "count": 3,
        "ratio": 0.5,
        "ok": true,
        "none": null,
        "yes": "yes",
        "number": "123",
        "empty": "",
        "colon": "a: b",
        "hash": "#x",
        "dash": "- x",
        "multi": "line1\nline2",
        "spaced": " x",
        "tags": ["a", "b"],
        "members": [{"id": "u1", "type": "user"}, {"id": "g1", "type": "group"}],
        "nested": [[1, 2], []],
        "obj": {"k": {"deep": "v"}},
        "emptyObj": {},
        "needs quoting: key": 1
    })");
    CHECK(to_yaml(value) == R"(name: billing
grn: ship:billing
created: "2026-11-27T09:30:00Z"
count: 3
ratio: 0.5
ok: true
none: null
"yes": "yes"
number: "123"
empty: ""
colon: "a: b"
hash: "#x"
dash: "- x"
multi: "line1\nline2"
spaced: " x"
tags:
  - a
  - b
members:
  - id: u1
    type: user
  - id: g1
    type: group
nested:
  - - 1
    - 2
  - []
obj:
  k:
    deep: v
emptyObj: {}
"needs quoting: key": 1
)");
    CHECK(to_yaml(Json::array()) == "[]\n");
    CHECK(to_yaml(Json("plain")) == "plain\n");
    CHECK(to_yaml(Json::parse(R"([{"a":1}])")) == "- a: 1\n");
}

TEST_CASE("render_table: upper-case headers, aligned, no trailing spaces") {
    const Table table{{"name", "grn", "description"},
                      {{"billing", "ship:billing", "Billing team"}, {"ops", "ship:ops", ""}}};
    CHECK(render_table(table) == "NAME     GRN           DESCRIPTION\n"
                                 "billing  ship:billing  Billing team\n"
                                 "ops      ship:ops\n");
}

TEST_CASE("render_table: fits the width by cutting the widest column") {
    const Table table{{"name", "description"},
                      {{"billing", "A very long description of the billing group"}}};
    CHECK(render_table(table, {30, false}) == "NAME     DESCRIPTION\n"
                                              "billing  A very long descript…\n");
    CHECK(render_table(table, {30, false}).find('\n') <= 30);
    const Table unicode{{"name"}, {{"ééééééééé"}}};
    CHECK(render_table(unicode, {6, false}) == "NAME\nééééé…\n");
}

TEST_CASE("render_table: bold headers") {
    const Table table{{"a", "b"}, {{"1", "2"}}};
    CHECK(render_table(table, {0, true}) == "\x1b[1mA\x1b[0m  \x1b[1mB\x1b[0m\n1  2\n");
}

TEST_CASE("render_csv: RFC 4180") {
    const Table table{{"name", "description"}, {{"a,b", "say \"hi\""}, {"multi\nline", "plain"}}};
    CHECK(render_csv(table) ==
          "name,description\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",plain\r\n");
}

TEST_CASE("render_csv: a cell a spreadsheet would run as a formula stays text") {
    const Table table{{"name", "mobile"},
                      {{"=HYPERLINK(\"http://evil.example\",\"x\")", "+65 9123 4567"},
                       {"@SUM(A1)", "-3"},
                       {"+cmd|' /C calc'!A0", "-"},
                       {"\tTAB", "plain"}}};
    CHECK(render_csv(table) ==
          "name,mobile\r\n"
          "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",+65 9123 4567\r\n"
          "'@SUM(A1),-3\r\n"
          "'+cmd|' /C calc'!A0,'-\r\n"
          "'\tTAB,plain\r\n");
}

TEST_CASE("render_table: control characters in cells are escaped") {
    const Table table{{"name"}, {{"evil\x1b]0;title\x07"}, {"two\nlines"}}};
    CHECK(render_table(table) == "NAME\nevil\\x1b]0;title\\x07\ntwo\\nlines\n");
}

TEST_CASE("render_tsv: escapes tabs, newlines and backslashes") {
    const Table table{{"name", "description"}, {{"a\tb", "x\ny\\z\r"}}};
    CHECK(render_tsv(table) == "name\tdescription\na\\tb\tx\\ny\\\\z\\r\n");
}

} // namespace test_output_formats
