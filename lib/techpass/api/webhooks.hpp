#pragma once

// The webhooks of a namespace over the Automation API (docs/api: webhooks).
// A webhook's signing secret is in the answer that creates it and nowhere
// else; creating one, or changing its URL, makes the portal challenge the
// receiver first.

#include "techpass/api/client.hpp"
#include "techpass/output/resource.hpp"

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::api::webhooks {

// The events a webhook can subscribe to (docs/api: WebhookEvent).
inline constexpr std::array<std::string_view, 8> k_events{
    "user-invited",  "user-registered",    "user-updated",       "user-deleted",
    "user-disabled", "invitation-expired", "group-member-added", "group-member-removed"};
// The events, comma-separated, for help and messages.
std::string events_text();
// The most custom headers a webhook may carry.
inline constexpr std::size_t k_max_headers = 5;

const output::Resource& webhook_resource();

std::string webhooks_path(const std::string& namespace_code);
std::string webhook_path(const std::string& namespace_code, const std::string& id);

// Checks, before anything is sent (Error(Usage) saying what to do; the
// receiver URL is checked by apps::check_url):
// events (known, at least one; duplicates dropped, order kept),
std::vector<std::string> checked_events(const std::vector<std::string>& events);
// custom headers given as "Name: value" (at most 5; HTTP token names, not
// Host, Content-Type, Content-Length, Connection, Transfer-Encoding or
// X-TECHPASS-*; values 1 to 1024 visible ASCII characters or spaces),
api::Json checked_headers(const std::vector<std::string>& headers);
// and a description (256 characters at most).
void check_description(std::string_view description);

api::Json list_webhooks(api::ApiClient& client, const std::string& namespace_code,
                        std::optional<std::size_t> limit);
// The webhook a command line names: its id, or its exact URL when only one
// webhook has it (NotFound, with a hint, otherwise).
api::Json find_webhook(api::ApiClient& client, const std::string& namespace_code,
                       const std::string& text);
// Registers a webhook (the portal challenges the receiver first); the answer
// holds its secret.
api::Json create_webhook(api::ApiClient& client, const std::string& namespace_code,
                         const api::Json& body);
api::Json update_webhook(api::ApiClient& client, const std::string& namespace_code,
                         const std::string& id, const api::Json& changes);
void delete_webhook(api::ApiClient& client, const std::string& namespace_code,
                    const std::string& id);
// Queues a webhook-test delivery; its delivery id.
std::string test_webhook(api::ApiClient& client, const std::string& namespace_code,
                         const std::string& id);

} // namespace techpass::api::webhooks
