#pragma once

// The pieces every route of the emulator uses: the caller, the request as a
// handler sees it, the response it returns, and the router that binds them.
// The server (server.cpp) owns the cross-cutting work around each handler:
// trace ids, authentication, JSON parsing, body limits, the transaction,
// idempotency, the error envelope and the request log.

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace httplib {
struct Request;
}

namespace emu {

class Emulator;

// A failure a handler reports to the client: HTTP status and message, sent
// as {"error": {"code": status, "message": ..., "traceId": ...}}.
class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string message,
             std::vector<std::pair<std::string, std::string>> headers = {})
        : std::runtime_error(std::move(message)), m_status(status), m_headers(std::move(headers)) {}
    int status() const { return m_status; }
    const std::vector<std::pair<std::string, std::string>>& headers() const { return m_headers; }

private:
    int m_status;
    std::vector<std::pair<std::string, std::string>> m_headers;
};

// Who is calling, established from a verified access token.
struct Caller {
    enum class Kind { App, User };
    Kind kind = Kind::App;
    std::string id;                      // the app's client id, or the user's id (oid)
    std::string name;                    // the app's name or the user's email, for messages
    std::string home_namespace;          // apps: the namespace the app belongs to; users: empty
    std::vector<std::string> namespaces; // namespaces the caller administers
    std::string account_type;            // users: "account:public_officer", "account:vendor", ...
    std::string status;                  // users: their account status

    bool administers(std::string_view ns) const {
        for (const auto& n : namespaces) {
            if (n == ns) {
                return true;
            }
        }
        return false;
    }
    bool is_app() const { return kind == Kind::App; }
    // A person who may register officers and invite vendors: an active public officer.
    bool is_active_officer() const {
        return kind == Kind::User && account_type == "account:public_officer" && status == "active";
    }
};

// A request as handlers see it.
struct Request {
    const httplib::Request& http;
    const Caller* caller = nullptr;            // null on unauthenticated routes
    std::string trace_id;                      // fresh per request
    std::map<std::string, std::string> params; // {name} placeholders of the route pattern
    nlohmann::json body;                       // parsed JSON body, or null when there is none

    // The value of a query parameter, or nullopt when absent.
    std::optional<std::string> query(const std::string& name) const;
    const std::string& param(const std::string& name) const { return params.at(name); }
    const Caller& who() const { return *caller; }
};

// What a handler answers. A null body with status 202/204 sends no body.
struct Response {
    int status = 200;
    nlohmann::json body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string content_type = "application/json";
    std::string raw; // used instead of body when content_type is not JSON
};

using Handler = std::function<Response(Emulator&, Request&)>;

// A 200 answer with a JSON body.
inline Response ok(nlohmann::json body) {
    Response response;
    response.body = std::move(body);
    return response;
}

struct RouteOptions {
    bool authenticated = true; // needs x-api-key and a bearer token
    bool creation = false;     // honours Idempotency-Key
    bool json_body = true;     // parse the body as JSON (when there is one)
    // Commit the transaction even when the handler answers an error status:
    // the token endpoint records device-code polls while it answers 400.
    bool commit_on_error = false;
    // The route's scope: the caller must administer the path's {namespace}
    // (a tenant admin of it, or its own automation app with Namespace.Admin),
    // checked before the handler runs: 404 for an unknown namespace, else 403.
    bool namespace_admin = false;
};

// Routes are written with {name} placeholders, e.g.
// "/iam/namespace/{namespace}/groups/{identifier}"; a placeholder matches one
// whole, non-empty path segment, and its (percent-decoded) value lands in
// Request::params.
class Router {
public:
    struct Route {
        std::string method;
        std::string pattern;
        // The pattern split at '/': a literal, or a placeholder's name (the
        // index of the name in names) when is_name says so.
        struct Segment {
            std::string literal;
            bool is_name = false;
        };
        std::vector<Segment> segments;
        std::vector<std::string> names;
        Handler handler;
        RouteOptions options;

        // Whether the raw path matches; if so, values gets the raw text of
        // each placeholder, in the order of names.
        bool match(std::string_view path, std::vector<std::string_view>& values) const;
    };

    void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
    const std::vector<Route>& routes() const { return m_routes; }

private:
    std::vector<Route> m_routes;
};

// Each group of routes registers itself here (see resources/*.cpp and the
// platform's identity.cpp and controls.cpp).
void register_identity_routes(Router& router);
void register_control_routes(Router& router);
void register_user_routes(Router& router);
void register_invitation_routes(Router& router);
void register_vendor_routes(Router& router);
void register_tenant_routes(Router& router);
void register_namespace_routes(Router& router);
void register_app_routes(Router& router);
void register_group_routes(Router& router);
void register_apikey_routes(Router& router);
void register_webhook_routes(Router& router);
void register_whitelist_routes(Router& router);

} // namespace emu
