#include "techpass/api/whitelists.hpp"

#include "techpass/bulk/csv_reader.hpp"
#include "techpass/bulk/utf8.hpp"
#include "techpass/error.hpp"
#include "techpass/http/url.hpp"
#include "techpass/util/text.hpp"
#include "techpass/validate/email.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <unordered_map>

namespace techpass::api::whitelists {

namespace {

using api::Json;

// The CSV header names of the value column, lower case.
constexpr std::string_view k_value_columns[] = {"value",        "emaildomain", "useremail",
                                                "domain",       "email",       "whitelistvalue",
                                                "emaildomains", "useremails"};

std::string expiry_cell(const Json& entry) {
    const std::string expires = output::field_text(entry, "expiresAt");
    return expires.empty() ? std::string("never") : expires;
}

// Why a value cannot be whitelisted; nullopt when it can.
std::optional<std::string> value_problem(std::string_view value) {
    if (value.empty()) {
        return std::string("the value is empty");
    }
    if (kind_of(value) == "userEmail") {
        if (const auto problem = validate::email_problem(value)) {
            return *problem;
        }
        return std::nullopt;
    }
    if (!validate::valid_domain(value)) {
        return fmt::format("{} is neither an email domain (such as acme.com.sg) nor an email "
                           "address",
                           util::quoted(value));
    }
    return std::nullopt;
}

bool is_expiry_column(std::string_view name) {
    return name == "expiresat" || name == "expires_at" || name == "expiry";
}

// A first line with a comma that names a known column is a CSV header.
bool is_csv_header(const std::string& first_line) {
    if (first_line.find(',') == std::string::npos) {
        return false;
    }
    std::string_view rest = first_line;
    while (!rest.empty()) {
        const std::size_t comma = std::min(rest.find(','), rest.size());
        const std::string name = util::to_lower(util::trim(rest.substr(0, comma)));
        if (is_expiry_column(name) ||
            std::find(std::begin(k_value_columns), std::end(k_value_columns), name) !=
                std::end(k_value_columns)) {
            return true;
        }
        rest = comma < rest.size() ? rest.substr(comma + 1) : std::string_view();
    }
    return false;
}

std::vector<NewEntry> read_csv(std::istream& in, const std::string& path, std::size_t first_row) {
    bulk::CsvReader reader(in, path);
    bulk::CsvRecord record;
    reader.next(record);
    std::optional<std::size_t> value_column;
    std::optional<std::size_t> expiry_column;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        const std::string name = util::to_lower(util::trim(record.fields[i]));
        if (!value_column && std::find(std::begin(k_value_columns), std::end(k_value_columns),
                                       name) != std::end(k_value_columns)) {
            value_column = i;
        } else if (is_expiry_column(name)) {
            expiry_column = i;
        }
    }
    if (!value_column) {
        throw Error(ErrorKind::Usage, fmt::format("{}: the CSV header has no value column", path),
                    "name it value (or emailDomain, userEmail), with expiresAt optional");
    }
    std::vector<NewEntry> entries;
    while (reader.next(record)) {
        const auto field = [&](std::optional<std::size_t> column) {
            return column && *column < record.fields.size()
                       ? std::string(util::trim(record.fields[*column]))
                       : std::string();
        };
        entries.push_back({first_row + entries.size(), field(value_column), field(expiry_column)});
    }
    return entries;
}

// Reads one 207 kind section into the entries it answers (by entryNumber).
void record_kind(const Json& section, const std::vector<EntryOutcome*>& sent) {
    const auto entry_at = [&](const Json& item) -> EntryOutcome* {
        const Json number = output::field_value(item, "entryNumber");
        if (!number.is_number_unsigned() && !number.is_number_integer()) {
            return nullptr;
        }
        const auto index = number.get<long long>();
        return index >= 0 && static_cast<std::size_t>(index) < sent.size()
                   ? sent[static_cast<std::size_t>(index)]
                   : nullptr;
    };
    for (const Json& item : output::field_value(section, "whitelisted")) {
        if (EntryOutcome* entry = entry_at(item)) {
            entry->outcome = bulk::Outcome::Created;
            entry->id = output::field_text(item, "whitelistId");
            entry->expires_at = output::field_text(item, "expiresAt");
        }
    }
    for (const Json& item : output::field_value(section, "errors")) {
        if (EntryOutcome* entry = entry_at(item)) {
            const Json status = output::field_value(item, "status");
            const bool exists = status.is_number() && status.get<int>() == 409;
            entry->outcome = exists ? bulk::Outcome::AlreadyExists : bulk::Outcome::Failed;
            entry->message = output::field_text(item, "message");
            entry->trace_id = output::field_text(item, "traceId");
        }
    }
}

} // namespace

const output::Resource& whitelist_resource() {
    static const output::Resource resource{
        "whitelist entry",
        "whitelist entries",
        "whitelists",
        "whitelistValue",
        {
            {"whitelistId", "Entry id (uuid)"},
            {"whitelistValue", "The email domain or email address, lower case"},
            {"expiresAt", "When the entry stops applying (RFC 3339 UTC); empty for never"},
        },
        {{"VALUE", "whitelistValue"},
         {"KIND", "whitelistValue",
          [](const Json& entry) {
              return kind_of(output::field_text(entry, "whitelistValue")) == "userEmail"
                         ? std::string("email")
                         : std::string("domain");
          }},
         {"EXPIRES", "expiresAt", expiry_cell},
         {"ID", "whitelistId"}},
    };
    return resource;
}

const output::Resource& outcome_resource() {
    static const output::Resource resource{
        "whitelist entry",
        "whitelist entries",
        "entries",
        "value",
        {
            {"row", "Position of the entry in the input, from 1"},
            {"value", "The email domain or email address, lower case"},
            {"kind", "emailDomain or userEmail"},
            {"outcome", "created, already-exists, invalid, failed or pending"},
            {"whitelistId", "Id of the new entry (created only)"},
            {"expiresAt", "Its expiry, RFC 3339 UTC; empty for never"},
            {"message", "Why it was refused or not sent"},
            {"traceId", "The portal's traceId, to quote to support"},
        },
        {{"ROW", "row"},
         {"VALUE", "value"},
         {"OUTCOME", "outcome"},
         {"EXPIRES", "expiresAt", expiry_cell},
         {"MESSAGE", "message"}},
    };
    return resource;
}

std::string whitelists_path(const std::string& namespace_code, const std::string& app_id) {
    return "/otp/namespace/" + namespace_code + "/apps/" + http::path_segment(app_id, "app id") +
           "/whitelists";
}

std::string whitelist_path(const std::string& namespace_code, const std::string& app_id,
                           const std::string& entry) {
    return whitelists_path(namespace_code, app_id) + "/" +
           http::path_segment(entry, "whitelist entry");
}

std::string_view kind_of(std::string_view value) {
    return value.find('@') == std::string_view::npos ? "emailDomain" : "userEmail";
}

std::string whitelist_type(std::string_view text) {
    const std::string lower = util::to_lower(text);
    if (lower == "all" || lower.empty()) {
        return "all";
    }
    if (lower == "domain" || lower == "domains" || lower == "emaildomain") {
        return "emailDomain";
    }
    if (lower == "email" || lower == "emails" || lower == "useremail") {
        return "userEmail";
    }
    throw Error(ErrorKind::Usage,
                fmt::format("--type {}: unknown kind of entry", util::quoted(text)),
                "use all, domain or email");
}

Json list_entries(api::ApiClient& client, const std::string& namespace_code,
                  const std::string& app_id, const std::string& type,
                  std::optional<std::size_t> limit) {
    http::Query query;
    if (type != "all") {
        query.emplace_back("whitelistType", type);
    }
    return client.paginate(whitelists_path(namespace_code, app_id), std::move(query), "whitelists",
                           limit, k_page_size);
}

std::string checked_expiry(std::string_view text, std::chrono::system_clock::time_point now) {
    const std::string_view trimmed = util::trim(text);
    if (trimmed.empty()) {
        return {};
    }
    const auto at = util::parse_rfc3339(trimmed);
    if (!at) {
        throw Error(ErrorKind::Usage,
                    fmt::format("expiry {} is not an RFC 3339 time", util::quoted(trimmed)),
                    "write it with a time and an offset, e.g. 2027-06-30T23:59:59+08:00 or "
                    "2027-06-30T15:59:59Z");
    }
    if (*at <= now) {
        throw Error(ErrorKind::Usage,
                    fmt::format("expiry {} is not in the future", util::quoted(trimmed)));
    }
    return util::rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(*at));
}

std::vector<NewEntry> read_entries(const std::string& path, std::size_t first_row) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Usage, fmt::format("cannot read {}", path),
                    "give a file of one domain or email per line, or a CSV with a value column");
    }
    std::string first;
    std::getline(in, first);
    if (first.rfind("\xEF\xBB\xBF", 0) == 0) {
        first.erase(0, 3);
    }
    in.clear();
    in.seekg(0);
    if (is_csv_header(first)) {
        return read_csv(in, path, first_row);
    }
    std::vector<NewEntry> entries;
    std::string line;
    bool at_start = true;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (at_start && line.rfind("\xEF\xBB\xBF", 0) == 0) {
            line.erase(0, 3);
        }
        at_start = false;
        if (bulk::invalid_utf8_offset(line) != std::string::npos) {
            throw Error(ErrorKind::Usage, fmt::format("{}:{}: invalid UTF-8", path, number),
                        "save the file as UTF-8");
        }
        const std::string_view value = util::trim(line);
        if (value.empty() || value.front() == '#') {
            continue;
        }
        entries.push_back({first_row + entries.size(), std::string(value), {}});
    }
    return entries;
}

std::vector<EntryOutcome> check_entries(const std::vector<NewEntry>& entries,
                                        std::string_view default_expiry,
                                        std::chrono::system_clock::time_point now) {
    std::vector<EntryOutcome> checked;
    checked.reserve(entries.size());
    std::unordered_map<std::string, std::size_t> first_row;
    for (const NewEntry& entry : entries) {
        EntryOutcome outcome;
        outcome.row = entry.row;
        outcome.value = util::to_lower(util::trim(entry.value));
        outcome.kind = std::string(kind_of(outcome.value));
        if (const auto problem = value_problem(outcome.value)) {
            outcome.outcome = bulk::Outcome::Invalid;
            outcome.message = *problem;
        } else {
            try {
                outcome.expires_at = checked_expiry(
                    entry.expires_at.empty() ? default_expiry : entry.expires_at, now);
                const auto [earlier, added] = first_row.emplace(outcome.value, entry.row);
                if (!added) {
                    outcome.outcome = bulk::Outcome::Invalid;
                    outcome.message = fmt::format("{} repeats row {}", util::quoted(outcome.value),
                                                  earlier->second);
                }
            } catch (const Error& error) {
                outcome.outcome = bulk::Outcome::Invalid;
                outcome.message = error.what();
            }
        }
        checked.push_back(std::move(outcome));
    }
    return checked;
}

SendResult send_entries(api::ApiClient& client, const std::string& namespace_code,
                        const std::string& app_id, std::vector<EntryOutcome>& entries,
                        const std::function<void(std::size_t, std::size_t)>& progress,
                        const std::function<api::IdempotencyKey(const Json&)>& key_for) {
    std::vector<EntryOutcome*> pending;
    for (EntryOutcome& entry : entries) {
        if (entry.outcome == bulk::Outcome::Pending) {
            pending.push_back(&entry);
        }
    }
    SendResult result;
    const std::string path = whitelists_path(namespace_code, app_id);
    for (std::size_t start = 0; start < pending.size(); start += k_max_per_request) {
        const std::size_t end = std::min(pending.size(), start + k_max_per_request);
        Json domains = Json::array();
        Json emails = Json::array();
        std::vector<EntryOutcome*> sent_domains;
        std::vector<EntryOutcome*> sent_emails;
        for (std::size_t i = start; i < end; ++i) {
            EntryOutcome& entry = *pending[i];
            const bool domain = entry.kind == "emailDomain";
            Json item = {{entry.kind, entry.value}};
            if (!entry.expires_at.empty()) {
                item["expiresAt"] = entry.expires_at;
            }
            (domain ? domains : emails).push_back(std::move(item));
            (domain ? sent_domains : sent_emails).push_back(&entry);
        }
        Json body = Json::object();
        if (!domains.empty()) {
            body["emailDomains"] = std::move(domains);
        }
        if (!emails.empty()) {
            body["userEmails"] = std::move(emails);
        }
        ++result.requests;
        try {
            const Json answer =
                client.post(path, body, key_for ? key_for(body) : api::IdempotencyKey::generate());
            record_kind(output::field_value(answer, "emailDomains"), sent_domains);
            record_kind(output::field_value(answer, "userEmails"), sent_emails);
            for (std::size_t i = start; i < end; ++i) {
                if (pending[i]->outcome == bulk::Outcome::Pending) {
                    pending[i]->outcome = bulk::Outcome::Failed;
                    pending[i]->message = "the portal's answer did not mention this entry";
                }
            }
        } catch (const Error& error) {
            const bool refused = error.kind() == ErrorKind::Usage ||
                                 error.kind() == ErrorKind::NotFound ||
                                 error.kind() == ErrorKind::Conflict;
            if (!refused) {
                result.stopped = error;
                return result;
            }
            for (std::size_t i = start; i < end; ++i) {
                pending[i]->outcome = bulk::Outcome::Failed;
                pending[i]->message = error.what();
                pending[i]->trace_id = error.trace_id();
            }
        }
        if (progress) {
            progress(end, pending.size());
        }
    }
    return result;
}

Json outcome_json(const EntryOutcome& entry) {
    return {{"row", entry.row},         {"value", entry.value},
            {"kind", entry.kind},       {"outcome", bulk::outcome_name(entry.outcome)},
            {"whitelistId", entry.id},  {"expiresAt", entry.expires_at},
            {"message", entry.message}, {"traceId", entry.trace_id}};
}

Json find_entry(api::ApiClient& client, const std::string& namespace_code,
                const std::string& app_id, const std::string& entry) {
    const std::string wanted = util::to_lower(util::trim(entry));
    http::Query query;
    // An id names either kind; a value says which kind to look through.
    if (wanted.find('.') != std::string::npos) {
        query.emplace_back("whitelistType", std::string(kind_of(wanted)));
    }
    Json found;
    client.for_each_item(
        whitelists_path(namespace_code, app_id), std::move(query), "whitelists",
        [&](const Json& item) {
            if (output::field_text(item, "whitelistId") == wanted ||
                output::field_text(item, "whitelistValue") == wanted) {
                found = item;
                return false;
            }
            return true;
        },
        k_page_size);
    if (found.is_null()) {
        throw Error(
            ErrorKind::NotFound,
            fmt::format("no live whitelist entry {} on app {}", util::quoted(entry), app_id),
            "list them: techpass whitelists list APP");
    }
    return found;
}

void update_entry(api::ApiClient& client, const std::string& namespace_code,
                  const std::string& app_id, const std::string& entry, const std::string& value,
                  const std::string& expires_at) {
    client.put(whitelist_path(namespace_code, app_id, entry),
               Json{{"whitelistValue", value}, {"expiresAt", expires_at}});
}

void delete_entry(api::ApiClient& client, const std::string& namespace_code,
                  const std::string& app_id, const std::string& entry) {
    client.del(whitelist_path(namespace_code, app_id, entry));
}

} // namespace techpass::api::whitelists
