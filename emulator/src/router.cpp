#include "api.hpp"
#include "resources/common.hpp"

#include <httplib.h>

#include <algorithm>
#include <stdexcept>

namespace emu {

std::optional<std::string> Request::query(const std::string& name) const {
    if (!http.has_param(name.c_str())) {
        return std::nullopt;
    }
    return http.get_param_value(name.c_str());
}

namespace {

// Splits at '/', keeping empty segments: "/a//b" is "", "a", "", "b".
template <typename Visit>
void for_each_segment(std::string_view path, Visit&& visit) {
    std::size_t begin = 0;
    while (true) {
        const std::size_t end = path.find('/', begin);
        visit(path.substr(begin, end == std::string_view::npos ? end : end - begin));
        if (end == std::string_view::npos) {
            return;
        }
        begin = end + 1;
    }
}

} // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
    Route route;
    route.method = std::move(method);
    route.pattern = pattern;
    for_each_segment(pattern, [&](std::string_view text) {
        Route::Segment segment;
        if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
            segment.is_name = true;
            route.names.emplace_back(text.substr(1, text.size() - 2));
        } else if (text.find_first_of("{}") != std::string_view::npos) {
            throw std::logic_error("route " + pattern + ": a placeholder must be a whole segment");
        } else {
            segment.literal = text;
        }
        route.segments.push_back(std::move(segment));
    });
    if (options.namespace_admin) {
        if (std::find(route.names.begin(), route.names.end(), "namespace") == route.names.end()) {
            throw std::logic_error("route " + pattern + ": namespace_admin needs {namespace}");
        }
        route.handler = [inner = std::move(handler)](Emulator& emulator, Request& request) {
            resources::require_admin(emulator, request, request.param("namespace"));
            return inner(emulator, request);
        };
    } else {
        route.handler = std::move(handler);
    }
    route.options = options;
    m_routes.push_back(std::move(route));
}

bool Router::Route::match(std::string_view path, std::vector<std::string_view>& values) const {
    values.clear();
    std::size_t index = 0;
    bool matched = true;
    for_each_segment(path, [&](std::string_view text) {
        if (!matched) {
            return;
        }
        if (index == segments.size()) {
            matched = false;
            return;
        }
        const Segment& segment = segments[index++];
        if (segment.is_name) {
            matched = !text.empty();
            values.push_back(text);
        } else {
            matched = text == segment.literal;
        }
    });
    return matched && index == segments.size();
}

} // namespace emu
