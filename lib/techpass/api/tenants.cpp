#include "techpass/api/tenants.hpp"

#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"
#include "techpass/validate/email.hpp"

#include <fmt/format.h>

#include <regex>

namespace techpass::api::tenants {

namespace {

using api::Json;

void check_text(std::string_view value, std::size_t max, const char* flag) {
    if (value.empty() || value.size() > max || util::trim(value).size() != value.size()) {
        throw Error(ErrorKind::Usage,
                    fmt::format("{} must be 1 to {} characters, without leading or trailing "
                                "spaces",
                                flag, max));
    }
}

} // namespace

const output::Resource& tenant_request_resource() {
    static const output::Resource resource{
        "tenant request",
        "tenant requests",
        "requests",
        "id",
        {
            {"id", "Request id (uuid)"},
            {"namespace", "The namespace code asked for"},
            {"serviceName", "Name of the service"},
            {"description", "What the service does"},
            {"contactEmail", "Contact of the requester's team"},
            {"status", "pending, approved or rejected"},
            {"requestedBy", "Who sent it: {type, id, name}"},
            {"createdAt", "When it was sent (RFC 3339)"},
            {"decidedAt", "When the TechPass team decided; null while pending"},
            {"decisionReason", "The reason given with a rejection; null otherwise"},
        },
        {{"NAMESPACE", "namespace"},
         {"SERVICE", "serviceName"},
         {"STATUS", "status"},
         {"REQUESTED", "createdAt"},
         {"DECIDED", "decidedAt"},
         {"ID", "id"}},
    };
    return resource;
}

void TenantRequestSpec::check() {
    namespace_code = util::to_upper(namespace_code);
    static const std::regex k_code("[A-Z][A-Z0-9]{1,15}");
    if (!std::regex_match(namespace_code, k_code)) {
        throw Error(ErrorKind::Usage,
                    fmt::format("invalid namespace code {}", util::quoted(namespace_code)),
                    "use 2 to 16 letters and digits, starting with a letter, e.g. SHIP");
    }
    check_text(service_name, 100, "--service");
    check_text(description, 1000, "--description");
    if (const auto problem = validate::email_problem(contact_email)) {
        throw Error(ErrorKind::Usage,
                    fmt::format("--contact {}: {}", util::quoted(contact_email), *problem));
    }
}

Json TenantRequestSpec::body() const {
    return Json{{"namespace", namespace_code},
                {"serviceName", service_name},
                {"description", description},
                {"contactEmail", contact_email}};
}

Json request_tenant(api::ApiClient& client, const TenantRequestSpec& spec) {
    try {
        return client.post(k_requests_path, spec.body(), api::IdempotencyKey::generate());
    } catch (Error& error) {
        // A 403 here means the caller is not a person (an automation app) or lacks the role.
        if (error.kind() == ErrorKind::Auth &&
            std::string_view(error.what()).find("Tenants.Request") != std::string_view::npos) {
            error.with_hint("a tenant is requested by a person: sign in as yourself with a "
                            "profile whose auth is device_code (techpass auth login)");
        }
        throw;
    }
}

Json list_requests(api::ApiClient& client, const std::string& status,
                   std::optional<std::size_t> limit) {
    http::Query query;
    if (!status.empty()) {
        query.emplace_back("status", status);
    }
    return client.paginate(k_requests_path, std::move(query), "requests", limit, 100);
}

Json get_request(api::ApiClient& client, const std::string& id) {
    return client.get(std::string(k_requests_path) + "/" +
                      http::path_segment(id, "tenant request"));
}

} // namespace techpass::api::tenants
