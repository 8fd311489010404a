#include "api.hpp"

#include <httplib.h>

namespace emu {

std::optional<std::string> Request::query(const std::string& name) const {
    if (!http.has_param(name.c_str())) {
        return std::nullopt;
    }
    return http.get_param_value(name.c_str());
}

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
    Route route;
    route.method = std::move(method);
    route.pattern = pattern;
    std::string regex = "^";
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '{') {
            const std::size_t end = pattern.find('}', i);
            route.names.push_back(pattern.substr(i + 1, end - i - 1));
            regex += "([^/]+)";
            i = end;
        } else if (c == '.' || c == '+' || c == '*' || c == '?' || c == '(' || c == ')' ||
                   c == '[' || c == ']' || c == '$' || c == '^' || c == '|' || c == '\\') {
            regex += '\\';
            regex += c;
        } else {
            regex += c;
        }
    }
    regex += "$";
    route.regex = std::move(regex);
    route.handler = std::move(handler);
    route.options = options;
    m_routes.push_back(std::move(route));
}

} // namespace emu
