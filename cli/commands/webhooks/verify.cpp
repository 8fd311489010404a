// techpass webhooks verify: checks one captured delivery offline.

#include "commands/shared/verb.hpp"
#include "commands/webhooks/webhooks.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"
#include "techpass/webhook/signature.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace techpass::cli {

namespace webhooks_verify_cmd {
namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point at) {
    return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

std::string read_all(std::istream& in) {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// The raw bytes of the body file ("-": standard input), exactly.
std::string read_body(Factory& factory, const std::string& path) {
    if (path == "-") {
        return read_all(factory.terminal().in);
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Usage, fmt::format("cannot read the body file {}", path),
                    "save the delivery's raw body to a file, byte for byte");
    }
    return read_all(in);
}

struct VerifyOptions {
    std::string secret_file;
    std::vector<std::string> headers;
    std::string body;
    bool ignore_age = false;
};

// The value of the header named name among "Name: value" lines; "" when absent.
std::string header_value(const std::vector<std::string>& headers, std::string_view name) {
    for (const std::string& header : headers) {
        const std::size_t colon = header.find(':');
        if (colon != std::string::npos &&
            util::to_lower(util::trim(std::string_view(header).substr(0, colon))) ==
                util::to_lower(name)) {
            return std::string(util::trim(std::string_view(header).substr(colon + 1)));
        }
    }
    return {};
}

void run_verify(Factory& factory, const VerifyOptions& options) {
    const std::string signature = header_value(options.headers, webhook::k_signature_header);
    if (signature.empty()) {
        throw Error(ErrorKind::Usage,
                    fmt::format("no {} header among --header", webhook::k_signature_header),
                    fmt::format("pass the delivery's headers as --header '{}: t=...,v1=...'",
                                webhook::k_signature_header));
    }
    const std::string body = read_body(factory, options.body);
    const std::optional<std::string> secret = read_secret(factory, options.secret_file);
    if (!secret) {
        throw Error(ErrorKind::Usage,
                    fmt::format("the secret file {} does not exist", options.secret_file));
    }
    const std::int64_t now = unix_seconds(factory.clock().now());
    webhook::Verdict verdict = webhook::verify(*secret, signature, body, now);
    std::string hint;
    if (!verdict.signature_ok && !body.empty() && body.back() == '\n' &&
        webhook::verify(*secret, signature, std::string_view(body).substr(0, body.size() - 1), now)
            .signature_ok) {
        hint = "the signature matches the body without its final newline: the portal signs the "
               "exact bytes, so the capture added it (save the body with printf '%s', not echo)";
    }
    const bool valid = verdict.signature_ok && (verdict.fresh || options.ignore_age);
    if (verdict.signature_ok && !verdict.fresh) {
        hint = "the signature itself matches; --ignore-age checks it alone";
    }
    const std::string event = header_value(options.headers, webhook::k_event_header);
    const std::string delivery = header_value(options.headers, webhook::k_delivery_header);
    const std::string signed_at = verdict.timestamp
                                      ? util::rfc3339(std::chrono::system_clock::time_point(
                                            std::chrono::seconds(*verdict.timestamp)))
                                      : std::string();
    if (!factory.printer().options().human_table()) {
        factory.printer().print_document({{"valid", valid},
                                          {"signatureValid", verdict.signature_ok},
                                          {"fresh", verdict.fresh},
                                          {"signedAt", signed_at},
                                          {"event", event},
                                          {"deliveryId", delivery},
                                          {"reason", valid ? std::string() : verdict.reason}});
    } else if (valid) {
        factory.terminal().out << fmt::format(
            "valid: the signature matches; signed at {}{}\n", signed_at,
            verdict.fresh ? "" : " (older than 5 minutes: a receiver would reject it)");
    }
    if (!valid) {
        throw Error(ErrorKind::Usage, "the delivery does not verify: " + verdict.reason,
                    hint.empty() && !verdict.signature_ok
                        ? "check that --secret-file holds this webhook's secret and that the body "
                          "file holds the raw body, byte for byte"
                        : hint);
    }
}

} // namespace
} // namespace webhooks_verify_cmd

void register_webhook_verify(Application& app, CLI::App& webhooks) {
    using namespace webhooks_verify_cmd;
    auto options = std::make_shared<VerifyOptions>();
    CommandDoc doc{
        "Check the signature and age of a captured delivery",
        "Checks a delivery your receiver captured, offline, the way a receiver must: the\n"
        "HMAC-SHA256 of \"<t>:<raw body>\" keyed by the webhook's secret, compared in constant\n"
        "time with X-TECHPASS-SIGNATURE's v1, and t no more than 5 minutes old (--ignore-age\n"
        "checks the signature only, for an old capture). The body file must hold the raw\n"
        "bytes, exactly as received. The secret comes from --secret-file or\n"
        "$TECHPASS_WEBHOOK_SECRET, never from the command line. Exit status 0 when the\n"
        "delivery verifies, 2 when it does not (the reason is on stderr).",
        {{"", "techpass webhooks verify --secret-file hook.secret --header 'X-TECHPASS-SIGNATURE: "
              "t=1795772400,v1=25cd...' --body delivery.json"},
         {"an old capture, signature only",
          "techpass webhooks verify --secret-file hook.secret --header \"$(grep -i "
          "x-techpass-signature headers.txt)\" --body delivery.json --ignore-age"}},
        {}};
    CLI::App& command = app.tree().add_command(webhooks, "verify", std::move(doc), [&app, options] {
        run_verify(app.factory(), *options);
    });
    add_secret_file_flag(command, options->secret_file);
    command
        .add_option("-H,--header", options->headers,
                    "A header of the delivery, 'Name: value' (X-TECHPASS-SIGNATURE at least)")
        ->required();
    command.add_option("--body", options->body, "The raw body, as received ('-': stdin)")
        ->required();
    command.add_flag("--ignore-age", options->ignore_age,
                     "Check the signature only, not the 5-minute limit");
}

void add_secret_file_flag(CLI::App& command, std::string& path) {
    command.add_option("--secret-file", path,
                       "File holding the webhook's signing secret (else $TECHPASS_WEBHOOK_SECRET)");
}

std::optional<std::string> read_secret(Factory& factory, const std::string& path) {
    std::string text;
    if (path.empty()) {
        const auto variable = factory.env().get(k_secret_variable);
        if (!variable || variable->empty()) {
            throw Error(ErrorKind::Usage, "no signing secret",
                        fmt::format("pass --secret-file FILE (as written by techpass webhooks "
                                    "create --out FILE) or set {}",
                                    k_secret_variable));
        }
        text = *variable;
    } else if (path == "-") {
        std::getline(factory.terminal().in, text);
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::error_code ignored;
            if (!std::filesystem::exists(path, ignored)) {
                return std::nullopt;
            }
            throw Error(ErrorKind::Usage, fmt::format("cannot read the secret file {}", path));
        }
        std::getline(in, text);
    }
    const std::string secret(util::trim(text));
    if (secret.empty()) {
        throw Error(ErrorKind::Usage, "the signing secret is empty",
                    path.empty() ? std::string("set ") + k_secret_variable
                                 : "check " + path + ": its first line is the secret");
    }
    return secret;
}

} // namespace techpass::cli
