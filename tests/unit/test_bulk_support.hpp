#pragma once

// Helpers shared by the bulk import tests: a fake portal behind the
// BatchSender seam, and sample rows.

#include "techpass/bulk/batch.hpp"
#include "techpass/error.hpp"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bulktest {

inline constexpr const char* k_header =
    "email,first_name,last_name,mobile,company,department,sponsoring_agency,business_operation,"
    "offshore_development_centre,offshore_company,seed,account_type\n";

// A valid onshore vendor row for person n (distinct email and mobile).
inline std::string vendor_row(std::size_t n) {
    return fmt::format("vendor{}@acme.com.sg,Wei Ling,Tan,9{:07},Acme Pte Ltd,Engineering,GovTech,"
                       "onshore,,,no,vendor\n",
                       n, n);
}

// A CSV of `valid` valid rows, with an invalid row (bad mobile) after every
// `bad_every` rows when bad_every > 0.
inline std::string vendor_csv(std::size_t valid, std::size_t bad_every = 0) {
    std::string csv = k_header;
    for (std::size_t i = 1; i <= valid; ++i) {
        csv += vendor_row(i);
        if (bad_every > 0 && i % bad_every == 0) {
            csv += fmt::format(
                "bad{}@acme.com.sg,Bad,Row,12345,Acme Pte Ltd,Ops,MOM,onshore,,,no,\n", i);
        }
    }
    return csv;
}

// A stand-in for the portal's batch endpoint that honours Idempotency-Key
// like the real one: a key seen before replays its first answer.
class FakePortal : public techpass::bulk::BatchSender {
public:
    struct Call {
        std::vector<std::size_t> rows;
        std::string key;
        bool replayed = false;
    };

    // Emails that already have an account (answer 409).
    std::set<std::string> existing;
    // Emails the portal refuses (answer 400 for that entry).
    std::set<std::string> refused;
    // Throw this error on the given 1-based call, before the portal sees the batch.
    std::optional<std::pair<std::size_t, techpass::ErrorKind>> fail_before;
    // Throw a network error on the given 1-based call, after the portal processed
    // it (the answer was lost): only the idempotency key saves a double invite.
    std::optional<std::size_t> lose_answer;
    // Runs at the start of each call (1-based), e.g. to press Ctrl-C.
    std::function<void(std::size_t)> on_call;

    techpass::bulk::BatchResult send(const std::vector<techpass::bulk::Entry>& entries,
                                     const std::string& key) override {
        std::unique_lock lock(m_mutex);
        const std::size_t number = ++m_count;
        Call call;
        call.key = key;
        for (const auto& entry : entries) {
            call.rows.push_back(entry.row);
        }
        const auto replay = m_answers.find(key);
        call.replayed = replay != m_answers.end();
        calls.push_back(call);
        if (on_call) {
            lock.unlock();
            on_call(number);
            lock.lock();
        }
        if (fail_before && fail_before->first == number) {
            throw techpass::Error(fail_before->second, "the portal is unavailable")
                .with_portal(503, "trace-fail");
        }
        if (replay != m_answers.end()) {
            return replay->second;
        }
        techpass::bulk::BatchResult result;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const std::string email = entries[i].body.at("email").get<std::string>();
            ++processed[email];
            techpass::bulk::EntryResult item;
            item.entry_number = i;
            if (refused.count(email) != 0) {
                item.status = 400;
                item.message = "the sponsoring agency is unknown";
                item.trace_id = fmt::format("trace-{}", entries[i].row);
            } else if (existing.count(email) != 0 || created.count(email) != 0) {
                item.status = 409;
                item.message = "this person already has an account or a pending invitation";
                item.trace_id = fmt::format("trace-{}", entries[i].row);
            } else {
                item.status = 201;
                item.id = fmt::format("inv-{}", entries[i].row);
                ++created[email];
            }
            result.entries.push_back(item);
        }
        m_answers[key] = result;
        if (lose_answer && *lose_answer == number) {
            throw techpass::Error(techpass::ErrorKind::Network, "connection reset by peer");
        }
        return result;
    }

    std::vector<Call> calls;
    // Emails invited (once each: a second attempt answers 409).
    std::map<std::string, int> created;
    // How often the portal processed each email afresh (replays excluded); an
    // import that reuses its keys correctly leaves every count at 1.
    std::map<std::string, int> processed;

private:
    std::mutex m_mutex;
    std::size_t m_count = 0;
    std::map<std::string, techpass::bulk::BatchResult> m_answers;
};

} // namespace bulktest
