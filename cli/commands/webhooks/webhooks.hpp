#pragma once

// What the verbs of `techpass webhooks` share: the registration of listen and
// verify, and where both read a webhook's signing secret.

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace techpass::cli {

class Application;
class Factory;

// techpass webhooks listen (listen.cpp).
void register_webhook_listen(Application& app, CLI::App& webhooks);
// techpass webhooks verify (verify.cpp).
void register_webhook_verify(Application& app, CLI::App& webhooks);

// The variable that may hold the signing secret instead of --secret-file.
inline constexpr const char* k_secret_variable = "TECHPASS_WEBHOOK_SECRET";

// Adds --secret-file FILE to command.
void add_secret_file_flag(CLI::App& command, std::string& path);

// The signing secret: the first line of path ("-": standard input), else
// $TECHPASS_WEBHOOK_SECRET; nullopt when path is set but does not exist yet
// (listen waits for webhooks create --out to write it). Error(Usage) when
// neither is given or the secret is empty.
std::optional<std::string> read_secret(Factory& factory, const std::string& path);

} // namespace techpass::cli
