#pragma once

// A --jq filter (libjq 1.6), compiled once and run on documents.

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace techpass::output {

class JqProgram {
public:
    // Compiles expr; Error(Usage) "invalid --jq expression: <jq's message>".
    explicit JqProgram(const std::string& expr);
    ~JqProgram();
    JqProgram(const JqProgram&) = delete;
    JqProgram& operator=(const JqProgram&) = delete;

    // Every result of the filter on input; Error(Usage) "--jq: <jq's message>" on a runtime error.
    std::vector<nlohmann::ordered_json> run(const nlohmann::ordered_json& input);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace techpass::output
