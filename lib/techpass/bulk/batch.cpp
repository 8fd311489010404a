#include "techpass/bulk/batch.hpp"

#include "techpass/error.hpp"

namespace techpass::bulk {

namespace {

using Json = nlohmann::ordered_json;

std::string string_at(const Json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::size_t entry_number_at(const Json& object) {
    const auto it = object.find("entryNumber");
    if (it == object.end() || !it->is_number_unsigned()) {
        throw Error(ErrorKind::Network,
                    "the portal's batch answer has an entry without a valid entryNumber");
    }
    return it->get<std::size_t>();
}

} // namespace

BatchResult parse_batch_response(const Json& body, std::string_view items_key,
                                 std::string_view object_key) {
    if (!body.is_object()) {
        throw Error(ErrorKind::Network, "the portal's batch answer is not a JSON object");
    }
    BatchResult result;
    const auto items = body.find(std::string(items_key));
    if (items != body.end() && items->is_array()) {
        for (const auto& item : *items) {
            EntryResult entry;
            entry.entry_number = entry_number_at(item);
            entry.status = 201;
            const Json* object = &item;
            if (!object_key.empty()) {
                const auto inner = item.find(std::string(object_key));
                object = inner != item.end() ? &*inner : nullptr;
            }
            if (object != nullptr && object->is_object()) {
                entry.id = string_at(*object, "id");
            }
            result.entries.push_back(std::move(entry));
        }
    }
    const auto errors = body.find("errors");
    if (errors != body.end() && errors->is_array()) {
        for (const auto& item : *errors) {
            EntryResult entry;
            entry.entry_number = entry_number_at(item);
            const auto status = item.find("status");
            entry.status =
                status != item.end() && status->is_number_integer() ? status->get<int>() : 0;
            entry.message = string_at(item, "message");
            entry.trace_id = string_at(item, "traceId");
            result.entries.push_back(std::move(entry));
        }
    }
    return result;
}

BatchResult EntryByEntrySender::send(const std::vector<Entry>& entries,
                                     const std::string& idempotency_key) {
    BatchResult result;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        EntryResult entry;
        entry.entry_number = i;
        try {
            entry.id = m_send_one(entries[i], idempotency_key + "-" + std::to_string(i));
            entry.status = 201;
        } catch (const Error& error) {
            const ErrorKind kind = error.kind();
            if (kind != ErrorKind::Conflict && kind != ErrorKind::Usage &&
                kind != ErrorKind::NotFound) {
                throw;
            }
            entry.status = kind == ErrorKind::Conflict ? 409
                           : error.portal_code() != 0  ? error.portal_code()
                                                       : 400;
            entry.message = error.what();
            entry.trace_id = error.trace_id();
        }
        result.entries.push_back(std::move(entry));
    }
    return result;
}

} // namespace techpass::bulk
