#include "techpass/error.hpp"
#include "techpass/output/jq.hpp"
#include "techpass/output/printer.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace test_output_printer {

using namespace techpass;
using namespace techpass::output;
using Json = nlohmann::ordered_json;

namespace {

const Resource& groups() {
    static const Resource resource{
        "group",
        "groups",
        "groups",
        "name",
        {{"id", "Group ID"},
         {"name", "Name, unique in the namespace"},
         {"grn", "Global name <namespace>:<name>"},
         {"description", "Description"},
         {"created", "Creation time (RFC 3339)"}},
        {{"NAME", "name", {}},
         {"GRN", "grn", {}},
         {"DESCRIPTION", "description", {}},
         {"MEMBERS", "/stats/members", {}}},
    };
    return resource;
}

const Json k_list = Json::parse(R"({"groups":[
  {"id":"g1","name":"billing","grn":"ship:billing","description":"Billing, invoices","created":"2026-11-27T09:30:00Z","stats":{"members":3}},
  {"id":"g2","name":"ops","grn":"ship:ops","description":"","created":"2026-11-28T10:00:00Z","stats":{"members":0}}
],"count":2,"lastKey":""})");

struct Run {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    Terminal terminal{in, out, err, false, false, false, 80};

    void print(OutputOptions options, const Json& document = k_list,
               Interactivity interactivity = {}) {
        Printer printer(terminal, interactivity, std::move(options));
        printer.print(document, groups());
    }
};

OutputOptions as(Format format) {
    OutputOptions options;
    options.format = format;
    options.format_given = true;
    return options;
}

template <typename F>
Error error_of(F&& action) {
    try {
        action();
    } catch (const Error& error) {
        return error;
    }
    FAIL("no error");
    return Error(ErrorKind::Unexpected, "");
}

} // namespace

TEST_CASE("Printer: table, piped") {
    Run run;
    run.print({});
    CHECK(run.out.str() == "NAME     GRN           DESCRIPTION        MEMBERS\n"
                           "billing  ship:billing  Billing, invoices  3\n"
                           "ops      ship:ops                         0\n");
    CHECK(run.err.str().empty());
}

TEST_CASE("Printer: table on a terminal fits the width, colour only when allowed") {
    Run run;
    run.terminal.out_tty = true;
    run.terminal.width = 40;
    run.print({});
    CHECK(run.out.str() == "NAME     GRN         DESCRIPTI…  MEMBERS\n"
                           "billing  ship:bill…  Billing, …  3\n"
                           "ops      ship:ops                0\n");
    Run colour;
    colour.terminal.out_tty = true;
    colour.terminal.width = 200;
    colour.print({}, k_list, Interactivity{false, true, false});
    CHECK(colour.out.str().rfind("\x1b[1mNAME\x1b[0m", 0) == 0);
    Run piped;
    piped.print({}, k_list, Interactivity{false, true, false}); // not a TTY: no colour
    CHECK(piped.out.str().find('\x1b') == std::string::npos);
}

TEST_CASE("Printer: an empty list in table mode") {
    Run run;
    run.print({}, Json::parse(R"({"groups":[],"count":0,"lastKey":""})"));
    CHECK(run.out.str().empty());
    CHECK(run.err.str() == "No groups found\n");
    Run json;
    json.print(as(Format::Json), Json::parse(R"({"groups":[],"count":0})"));
    CHECK(json.out.str() == "{\n  \"groups\": [],\n  \"count\": 0\n}\n");
}

TEST_CASE("Printer: json and yaml print the whole document") {
    Run run;
    run.print(as(Format::Json));
    CHECK(run.out.str() == k_list.dump(2) + "\n");
    Run yaml;
    yaml.print(
        as(Format::Yaml),
        Json::parse(R"({"groups":[{"name":"ops","created":"2026-11-28T10:00:00Z"}],"count":1})"));
    CHECK(yaml.out.str() ==
          "groups:\n  - name: ops\n    created: \"2026-11-28T10:00:00Z\"\ncount: 1\n");
}

TEST_CASE("Printer: csv, tsv and name") {
    Run csv;
    csv.print(as(Format::Csv));
    CHECK(csv.out.str() == "name,grn,description,stats.members\r\n"
                           "billing,ship:billing,\"Billing, invoices\",3\r\n"
                           "ops,ship:ops,,0\r\n");
    Run tsv;
    tsv.print(as(Format::Tsv));
    CHECK(tsv.out.str() == "name\tgrn\tdescription\tstats.members\n"
                           "billing\tship:billing\tBilling, invoices\t3\n"
                           "ops\tship:ops\t\t0\n");
    Run name;
    name.print(as(Format::Name));
    CHECK(name.out.str() == "billing\nops\n");
}

TEST_CASE("Printer: --fields") {
    SUBCASE("json keeps only those fields, in that order") {
        Run run;
        auto options = as(Format::Json);
        options.fields = split_fields("grn, id");
        run.print(options);
        CHECK(run.out.str() == R"({
  "groups": [
    {
      "grn": "ship:billing",
      "id": "g1"
    },
    {
      "grn": "ship:ops",
      "id": "g2"
    }
  ],
  "count": 2,
  "lastKey": ""
}
)");
    }
    SUBCASE("table columns") {
        Run run;
        OutputOptions options;
        options.fields = {"id", "created"};
        run.print(options);
        CHECK(run.out.str() == "ID  CREATED\ng1  2026-11-27T09:30:00Z\ng2  2026-11-28T10:00:00Z\n");
    }
    SUBCASE("unknown field") {
        Run run;
        OutputOptions options;
        options.fields = {"nme"};
        const auto error = error_of([&] { run.print(options); });
        CHECK(error.kind() == ErrorKind::Usage);
        CHECK(std::string(error.what()) == "unknown field 'nme' for groups; did you mean 'name'?");
        CHECK(error.hint() == "available fields: id, name, grn, description, created");
    }
}

TEST_CASE("Printer: --fields takes the table's column names, in any case") {
    // A column whose header is not its field's name, as users' NAME shows displayName.
    static const Resource people{
        "person",
        "people",
        "people",
        "email",
        {{"email", "Email"}, {"displayName", "Display name"}},
        {{"EMAIL", "email", {}}, {"NAME", "displayName", {}}, {"SIZE", "/stats/size", {}}}};
    const Json list = Json::parse(
        R"({"people":[{"email":"a@x.gov.sg","displayName":"Ann Tan","stats":{"size":1}}]})");
    const auto print = [&](std::vector<std::string> fields, Format format) {
        Run run;
        OutputOptions options = as(format);
        options.fields = std::move(fields);
        Printer printer(run.terminal, {}, std::move(options));
        printer.print(list, people);
        return run.out.str();
    };
    CHECK(print({"name", "EMAIL"}, Format::Csv) == "displayName,email\r\nAnn Tan,a@x.gov.sg\r\n");
    CHECK(print({"NAME"}, Format::Json) == "{\n  \"people\": [\n    {\n      \"displayName\": "
                                           "\"Ann Tan\"\n    }\n  ]\n}\n");
    CHECK(print({"DisplayName"}, Format::Table) == "DISPLAYNAME\nAnn Tan\n");
    // A column that shows no documented field is not one to ask for.
    Run run;
    OutputOptions options;
    options.fields = {"size"};
    Printer printer(run.terminal, {}, std::move(options));
    const auto error = error_of([&] { printer.print(list, people); });
    CHECK(std::string(error.what()) == "unknown field 'size' for people");
}

TEST_CASE("Printer: a single object") {
    const auto group = k_list.at("groups").at(0);
    Run table;
    table.print({}, group);
    CHECK(table.out.str() == "NAME:         billing\n"
                             "GRN:          ship:billing\n"
                             "DESCRIPTION:  Billing, invoices\n"
                             "MEMBERS:      3\n");
    Run json;
    json.print(as(Format::Json), group);
    CHECK(json.out.str() == group.dump(2) + "\n");
    Run name;
    name.print(as(Format::Name), group);
    CHECK(name.out.str() == "billing\n");
    Run csv;
    csv.print(as(Format::Csv), group);
    CHECK(csv.out.str() ==
          "name,grn,description,stats.members\r\nbilling,ship:billing,\"Billing, invoices\",3\r\n");
}

TEST_CASE("Printer: --jq") {
    SUBCASE("strings raw, other values as JSON") {
        Run run;
        OutputOptions options;
        options.jq = ".groups[] | .name, .stats";
        run.print(options);
        CHECK(run.out.str() == "billing\n{\n  \"members\": 3\n}\nops\n{\n  \"members\": 0\n}\n");
    }
    SUBCASE("after --fields") {
        Run run;
        OutputOptions options;
        options.fields = {"id"};
        options.jq = ".groups | map(keys)";
        run.print(options);
        CHECK(run.out.str() == "[\n  [\n    \"id\"\n  ],\n  [\n    \"id\"\n  ]\n]\n");
    }
    SUBCASE("a syntax error is a usage error with jq's message") {
        Run run;
        OutputOptions options;
        options.jq = ".groups[";
        const auto error = error_of([&] { run.print(options); });
        CHECK(error.kind() == ErrorKind::Usage);
        CHECK(std::string(error.what()).rfind("invalid --jq expression: syntax error", 0) == 0);
        CHECK(run.err.str().empty()); // jq wrote nothing itself
    }
    SUBCASE("a runtime error") {
        Run run;
        OutputOptions options;
        options.jq = ".count.x";
        const auto error = error_of([&] { run.print(options); });
        CHECK(std::string(error.what()) == "--jq: Cannot index number with string \"x\"");
    }
    SUBCASE("not with -o yaml") {
        Run run;
        auto options = as(Format::Yaml);
        options.jq = ".";
        const auto error = error_of([&] { run.print(options); });
        CHECK(std::string(error.what()) == "--jq cannot be combined with -o yaml");
    }
    SUBCASE("compiled once, run many times") {
        JqProgram program(".a + 1");
        for (int i = 0; i < 3; ++i) {
            CHECK(program.run(Json::parse("{\"a\":" + std::to_string(i) + "}")).front() == i + 1);
        }
        CHECK(program.run(Json::parse(R"({"b":1,"a":2})")).size() == 1);
        JqProgram order(".");
        CHECK(order.run(Json::parse(R"({"b":1,"a":2})")).front().dump() == R"({"b":1,"a":2})");
    }
}

TEST_CASE("parse_format and print_document") {
    CHECK(parse_format("yaml") == Format::Yaml);
    const auto error = error_of([] { parse_format("jsn"); });
    CHECK(error.kind() == ErrorKind::Usage);
    CHECK(std::string(error.what()) ==
          "unknown output format 'jsn'; did you mean 'json'? (table, json, yaml, csv, tsv, name)");
    Run run;
    Printer printer(run.terminal, {}, {});
    printer.print_document(Json::parse(R"({"a":1})"));
    CHECK(run.out.str() == "{\n  \"a\": 1\n}\n");
    Printer csv(run.terminal, {}, as(Format::Csv));
    CHECK(error_of([&] { csv.print_document(Json::object()); }).kind() == ErrorKind::Usage);
}

} // namespace test_output_printer
