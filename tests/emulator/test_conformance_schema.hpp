#pragma once

// The OpenAPI side of the conformance test (test_conformance.cpp): the spec
// (docs/api/openapi.yaml, converted to JSON by tests/spec/conformance.sh), its
// operations, and a validator for the subset of JSON Schema (OpenAPI 3.0
// Schema Objects) the spec uses.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace conformance {

using nlohmann::json;

// One way a value breaks its schema: where (a JSON pointer into the body) and why.
struct Mismatch {
    std::string pointer;
    std::string reason;
};

struct Operation {
    std::string id;     // operationId
    std::string method; // upper case
    std::string path;   // the template, e.g. /iam/namespace/{namespace}/groups
    const json* node = nullptr;
};

class Spec {
public:
    explicit Spec(json document);
    // Reads the JSON form of the spec from path; throws when it cannot.
    static Spec load(const std::string& path);

    const std::vector<Operation>& operations() const { return m_operations; }
    // The operation a request hits (path without the query), preferring
    // literal segments over parameters; nullptr when none does.
    const Operation* match(const std::string& method, const std::string& path) const;

    // How a response breaks the operation's contract: an undocumented status,
    // a body (or its absence) the spec does not declare, a declared header with
    // a bad value, or a body that breaks the status's schema.
    std::vector<Mismatch> check_response(const Operation& operation, int status,
                                         const httplib::Headers& headers,
                                         const std::string& body) const;

    // How value breaks schema (a Schema Object, $ref allowed); pointer is where
    // value sits.
    std::vector<Mismatch> validate(const json& schema, const json& value,
                                   const std::string& pointer = "") const;

    // The node a "$ref" points to (the node itself when it has none).
    const json& resolve(const json& node) const;
    // The schema of a named component ("#/components/schemas/<name>").
    const json& schema(const std::string& name) const;

private:
    void check(const json& schema, const json& value, const std::string& pointer,
               std::vector<Mismatch>& out, int depth) const;
    void check_string(const json& schema, const std::string& value, const std::string& pointer,
                      std::vector<Mismatch>& out) const;
    const std::regex& regex(const std::string& pattern) const;

    json m_document;
    std::vector<Operation> m_operations;
    mutable std::map<std::string, std::unique_ptr<std::regex>> m_regexes;
};

// The spec named by TECHPASS_OPENAPI_JSON (set by tests/spec/conformance.sh),
// loaded once; throws when it is not set.
const Spec& spec_from_environment();

// "/a/b~1c" style JSON pointer: pointer + "/" + escaped token.
std::string pointer_append(const std::string& pointer, const std::string& token);

} // namespace conformance
