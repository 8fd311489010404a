#pragma once

// Test controls under /_emulator/ (only with --test-controls; no auth).
// controls.cpp: clock, lifecycle sweep, outbox, webhook deliveries, rate
// limit, faults, state; controls_operator.cpp: the TechPass team's and the
// users' own actions that the API does not offer.

#include "api.hpp"

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string_view>

namespace emu {

// Registers the operator actions (called by register_control_routes).
void register_operator_routes(Router& router);

// The options of every control route: no authentication, JSON bodies.
RouteOptions control_options();

// One field a control's body may hold.
struct ControlField {
    enum class Kind { String, Integer, Boolean };
    std::string_view name;
    Kind kind;
    bool required;
};
// Throws ApiError 400 naming the first unknown, missing or mistyped field;
// a missing body counts as {}.
void check_control_body(const nlohmann::json& body, std::initializer_list<ControlField> fields);

} // namespace emu
