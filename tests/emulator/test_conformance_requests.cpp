// The contract check of the CLI: every request that the end-to-end suite's
// techpass runs sent, and the emulator accepted, is one docs/api/openapi.yaml
// defines: a known operation, only declared query parameters, a JSON body
// exactly when the operation takes one (with Content-Type application/json),
// and a body that satisfies the operation's schema.
//
// The e2e suite records the requests (techpass-emulator --record-requests,
// TECHPASS_RECORD_REQUESTS) and this test case reads them afterwards. It is
// marked skip so that the conformance program's own run leaves it out; the
// CTest entry "contract: the CLI's requests follow docs/api" runs it with
// --no-skip, after the e2e suite.

#include "test_conformance_schema.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace test_conformance_requests {

using namespace conformance;

namespace {

// The query parameter names an operation declares.
std::set<std::string> query_parameters(const Spec& spec, const Operation& operation) {
    std::set<std::string> names;
    const auto it = operation.node->find("parameters");
    if (it == operation.node->end()) {
        return names;
    }
    for (const auto& parameter : *it) {
        const json& resolved = spec.resolve(parameter);
        if (resolved.value("in", "") == "query") {
            names.insert(resolved.at("name").get<std::string>());
        }
    }
    return names;
}

// How one recorded request breaks the contract ("" when it does not).
std::vector<std::string> violations(const Spec& spec, const json& record) {
    std::vector<std::string> found;
    const std::string method = record.at("method").get<std::string>();
    const std::string target = record.at("target").get<std::string>();
    const Operation* operation = spec.match(method, target);
    if (operation == nullptr) {
        return {"no operation of the contract is " + method + " " + target};
    }
    const auto question = target.find('?');
    if (question != std::string::npos) {
        const auto declared = query_parameters(spec, *operation);
        httplib::Params params;
        httplib::detail::parse_query_text(target.substr(question + 1), params);
        for (const auto& [name, value] : params) {
            if (declared.count(name) == 0) {
                found.push_back(
                    fmt::format("query parameter '{}' is not declared by {}", name, operation->id));
            }
        }
    }
    const std::string body = record.at("body").get<std::string>();
    const std::string content_type = record.at("contentType").get<std::string>();
    const auto request_body = operation->node->find("requestBody");
    if (request_body == operation->node->end()) {
        if (!body.empty() || !content_type.empty()) {
            found.push_back(fmt::format("{} defines no request body, but one was sent ({} bytes, "
                                        "Content-Type '{}')",
                                        operation->id, body.size(), content_type));
        }
        return found;
    }
    const json& declared = spec.resolve(*request_body);
    if (body.empty()) {
        const auto required = declared.find("required");
        if (required != declared.end() && *required == true) {
            found.push_back(operation->id + " requires a request body, and none was sent");
        }
        return found;
    }
    if (content_type.rfind("application/json", 0) != 0) {
        found.push_back(fmt::format("{} takes application/json, but Content-Type was '{}'",
                                    operation->id, content_type));
    }
    const json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        found.push_back(operation->id + ": the body is not JSON");
        return found;
    }
    const json& schema = declared.at("content").at("application/json").at("schema");
    for (const auto& mismatch : spec.validate(schema, parsed)) {
        found.push_back(
            fmt::format("{}: body{}: {}", operation->id, mismatch.pointer, mismatch.reason));
    }
    return found;
}

} // namespace

TEST_CASE("the CLI's recorded requests follow the contract" * doctest::skip()) {
    const char* dir = std::getenv("TECHPASS_RECORD_REQUESTS");
    REQUIRE_MESSAGE(dir != nullptr, "TECHPASS_RECORD_REQUESTS names no directory");
    REQUIRE(std::filesystem::is_directory(dir));
    const Spec& spec = spec_from_environment();
    std::size_t checked = 0;
    std::set<std::string> operations;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line)) {
            const json record = json::parse(line);
            const int status = record.at("status").get<int>();
            // What the emulator refused is the emulator's to judge (and
            // tests send wrong requests on purpose); what it accepted must
            // be what the contract defines.
            if (status < 200 || status >= 300) {
                continue;
            }
            ++checked;
            if (const Operation* operation = spec.match(record.at("method").get<std::string>(),
                                                        record.at("target").get<std::string>())) {
                operations.insert(operation->id);
            }
            for (const auto& violation : violations(spec, record)) {
                FAIL_CHECK(violation << " (" << record.at("method").get<std::string>() << " "
                                     << record.at("target").get<std::string>() << ", recorded in "
                                     << entry.path().filename().string() << ")");
            }
        }
    }
    MESSAGE(checked << " accepted requests checked, covering " << operations.size()
                    << " operations");
    // Nothing recorded would pass without checking anything. CI runs the
    // whole e2e suite, which exercises far more than this; a developer's
    // run of a few e2e tests records less.
    CHECK(checked >= 1);
    if (const char* ci = std::getenv("CI"); ci != nullptr && *ci != '\0') {
        CHECK(checked >= 200);
        CHECK(operations.size() >= 20);
    }
}

} // namespace test_conformance_requests
