#include "techpass/output/jq.hpp"

#include "techpass/error.hpp"

extern "C" {
#include <jq.h>
#include <jv.h>
}

#include <fmt/format.h>

namespace techpass::output {

namespace {

using Json = nlohmann::ordered_json;

std::string message_text(jv message) {
    std::string text;
    if (jv_get_kind(message) == JV_KIND_STRING) {
        text = jv_string_value(message);
        jv_free(message);
    } else {
        jv dumped = jv_dump_string(message, 0);
        text = jv_string_value(dumped);
        jv_free(dumped);
    }
    for (const std::string_view prefix : {"jq: error: ", "jq: "}) {
        if (text.rfind(prefix, 0) == 0) {
            text.erase(0, prefix.size());
            break;
        }
    }
    return text;
}

} // namespace

struct JqProgram::Impl {
    jq_state* state = nullptr;
    std::vector<std::string> messages;
};

namespace {

void collect_error(void* data, jv message) {
    static_cast<std::vector<std::string>*>(data)->push_back(message_text(message));
}

} // namespace

JqProgram::JqProgram(const std::string& expr) : m_impl(std::make_unique<Impl>()) {
    m_impl->state = jq_init();
    if (m_impl->state == nullptr) {
        throw Error(ErrorKind::Unexpected, "cannot initialise libjq");
    }
    jq_set_error_cb(m_impl->state, collect_error, &m_impl->messages);
    if (jq_compile(m_impl->state, expr.c_str()) == 0) {
        std::string detail;
        for (const auto& message : m_impl->messages) {
            // jq ends with a count ("1 compile error"): the first lines say what.
            if (message.find("compile error") != std::string::npos && !detail.empty()) {
                continue;
            }
            detail += detail.empty() ? message : "; " + message;
        }
        jq_teardown(&m_impl->state);
        throw Error(ErrorKind::Usage, fmt::format("invalid --jq expression: {}", detail),
                    "see https://jqlang.github.io/jq/manual/v1.6/");
    }
}

JqProgram::~JqProgram() {
    if (m_impl && m_impl->state != nullptr) {
        jq_teardown(&m_impl->state);
    }
}

std::vector<Json> JqProgram::run(const Json& input) {
    const std::string text = input.dump(-1, ' ', false, Json::error_handler_t::replace);
    jv value = jv_parse_sized(text.data(), static_cast<int>(text.size()));
    if (!jv_is_valid(value)) {
        throw Error(ErrorKind::Unexpected, fmt::format("--jq: cannot load the input: {}",
                                                       message_text(jv_invalid_get_msg(value))));
    }
    m_impl->messages.clear();
    jq_start(m_impl->state, value, 0);
    std::vector<Json> results;
    for (;;) {
        jv result = jq_next(m_impl->state);
        if (!jv_is_valid(result)) {
            if (jv_invalid_has_msg(jv_copy(result))) {
                throw Error(ErrorKind::Usage,
                            fmt::format("--jq: {}", message_text(jv_invalid_get_msg(result))));
            }
            jv_free(result);
            break;
        }
        jv dumped = jv_dump_string(result, 0);
        results.push_back(Json::parse(jv_string_value(dumped)));
        jv_free(dumped);
    }
    return results;
}

} // namespace techpass::output
