// The challenge a webhook receiver must pass before it is saved:
// GET <url>?challengeToken=<random> answered by 2xx {"challengeToken": same}.

#include "resources/webhooks.hpp"

#include <techpass/util/crypto.hpp>
#include <techpass/util/encoding.hpp>

#include <fmt/format.h>
#include <httplib.h>

namespace emu::resources {

namespace {

constexpr int k_timeout_seconds = 10; // openapi.yaml: "within 10 seconds"
constexpr std::size_t k_quoted_body = 200;

std::string quoted(const std::string& body) {
    return body.size() > k_quoted_body ? body.substr(0, k_quoted_body) + "..." : body;
}

} // namespace

void challenge_receiver(const std::string& url, const json& headers) {
    const auto target = parse_url(url);
    if (!target) {
        throw ApiError(400, fmt::format("field 'url': '{}' is not an absolute URL", url));
    }
    const std::string token = techpass::util::random_token(32);
    const std::string path = target->target +
                             (target->target.find('?') == std::string::npos ? "?" : "&") +
                             "challengeToken=" + techpass::util::url_encode(token);

    httplib::Client client(fmt::format("{}://{}:{}", target->scheme, target->host, target->port));
    client.set_connection_timeout(k_timeout_seconds);
    client.set_read_timeout(k_timeout_seconds);
    client.set_write_timeout(k_timeout_seconds);
    // Receivers must present a certificate the system trusts (as the real
    // service requires); OpenSSL's SSL_CERT_FILE can add a test CA.
    client.enable_server_certificate_verification(true);
    httplib::Headers sent = {{"User-Agent", "TechPass-Webhooks/1.0"}};
    for (const auto& [name, value] : headers.items()) {
        sent.emplace(name, value.get<std::string>());
    }

    const auto fail = [&url](const std::string& what) {
        throw ApiError(422, fmt::format("the webhook challenge to {} failed: {}", url, what));
    };
    const auto result = client.Get(path, sent);
    if (!result) {
        fail(fmt::format("the request did not complete ({})", httplib::to_string(result.error())));
    }
    if (result->status < 200 || result->status > 299) {
        fail(fmt::format("the receiver answered HTTP {} (expected 2xx)", result->status));
    }
    const json answer = json::parse(result->body, nullptr, false);
    const auto echoed = answer.is_object() ? answer.find("challengeToken") : answer.end();
    if (answer.is_discarded() || !answer.is_object()) {
        fail(fmt::format("the answer is not a JSON object but '{}'", quoted(result->body)));
    }
    if (echoed == answer.end() || !echoed->is_string()) {
        fail(fmt::format("the answer {} has no \"challengeToken\" string", quoted(answer.dump())));
    }
    if (echoed->get<std::string>() != token) {
        fail(fmt::format("the answer's challengeToken '{}' is not the one sent",
                         quoted(echoed->get<std::string>())));
    }
}

} // namespace emu::resources
