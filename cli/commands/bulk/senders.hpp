#pragma once

// The BatchSenders of `import`: invitations go to the batch endpoint in one
// call per batch; registrations, which have no batch endpoint, one call per
// row. With --concurrency N each worker thread gets its own connection and
// API client, sharing one sign-in.

#include "techpass/bulk/batch.hpp"
#include "techpass/bulk/columns.hpp"

#include <memory>

namespace techpass::cli {

class Factory;

// The sender for kind: POST /iam/invitations/batch or
// POST /iam/users/registrations. Nothing is loaded or sent until the first
// batch, so a dry run needs no profile. concurrency > 1 makes it safe to
// call from that many threads.
std::unique_ptr<bulk::BatchSender> make_sender(Factory& factory, bulk::Kind kind,
                                               std::size_t concurrency);

} // namespace techpass::cli
