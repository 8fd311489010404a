// techpass apps try-signin: signs a person in to an app through the sign-in
// page, as the app itself would (the authorization code flow with PKCE, on a
// loopback redirect URL the app already has), checks the ID token, and says
// whether that person is assigned, or what the platform refused and the
// command that fixes it.

#include "commands/apps/apps.hpp"
#include "commands/bulk/progress.hpp"
#include "commands/shared/naming.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/api/assignments.hpp"
#include "techpass/auth/oauth.hpp"
#include "techpass/auth/signin.hpp"
#include "techpass/error.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/crypto.hpp"
#include "techpass/util/jwt.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <microhttpd.h>
#include <netdb.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <regex>
#include <thread>

extern char** environ;

namespace techpass::cli {

namespace apps_try_signin_cmd {
namespace {

using Json = nlohmann::ordered_json;

// How long to wait for the sign-in when --timeout does not say.
constexpr double k_default_wait_seconds = 300;

struct TrySignInOptions {
    std::string app;
    std::string user;
    bool no_browser = false;
};

// A loopback redirect URL taken apart: where to listen, and how to name it.
struct Loopback {
    std::string url_host;  // as in the URL: localhost, 127.0.0.1 or [::1]
    std::string bind_host; // 127.0.0.1 or ::1
    int port = 0;          // 0: any free port (the platform ignores a loopback URL's port)
    std::string path;      // "/..." without the query
    std::string query;     // "?..." or ""
};

Loopback parse_loopback(const std::string& url) {
    static const std::regex k_parts(
        R"(http://(localhost|127\.0\.0\.1|\[::1\])(?::([0-9]{1,5}))?([^?#]*)(\?[^#]*)?)");
    std::smatch match;
    if (!std::regex_match(url, match, k_parts)) {
        throw Error(ErrorKind::Unexpected, "not a loopback URL: " + url);
    }
    Loopback loopback;
    loopback.url_host = match[1];
    loopback.bind_host = loopback.url_host == "[::1]" ? "::1" : "127.0.0.1";
    loopback.port = match[2].matched ? std::stoi(match[2]) : 0;
    loopback.path = match[3].length() == 0 ? "/" : std::string(match[3]);
    loopback.query = match[4];
    return loopback;
}

// A one-shot receiver on the loopback address: the first answer to the
// redirect path that carries this sign-in's state ends the wait.
class CallbackReceiver {
public:
    CallbackReceiver(const Loopback& loopback, std::string state)
        : m_loopback(loopback), m_state(std::move(state)) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
        addrinfo* found = nullptr;
        const std::string port = std::to_string(loopback.port);
        if (::getaddrinfo(loopback.bind_host.c_str(), port.c_str(), &hints, &found) != 0 ||
            found == nullptr) {
            throw Error(ErrorKind::Unexpected, "cannot resolve " + loopback.bind_host);
        }
        const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> address(found, &::freeaddrinfo);
        unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD;
        if (found->ai_family == AF_INET6) {
            flags |= MHD_USE_IPv6;
        }
        m_daemon = MHD_start_daemon(
            flags, static_cast<std::uint16_t>(loopback.port), nullptr, nullptr,
            &CallbackReceiver::on_request, this, MHD_OPTION_SOCK_ADDR, found->ai_addr,
            MHD_OPTION_NOTIFY_COMPLETED, &CallbackReceiver::on_completed, this, MHD_OPTION_END);
        if (m_daemon == nullptr) {
            throw Error(ErrorKind::Usage,
                        fmt::format("cannot listen on {}:{} for the sign-in: the port is in use",
                                    loopback.url_host, loopback.port),
                        "free the port, or give the app a redirect URL without a port (the "
                        "platform ignores the port of http://localhost URLs): techpass apps "
                        "update APP --add-redirect-url http://localhost/signin");
        }
        const MHD_DaemonInfo* info = MHD_get_daemon_info(m_daemon, MHD_DAEMON_INFO_BIND_PORT);
        m_port = info != nullptr ? info->port : loopback.port;
    }
    ~CallbackReceiver() { MHD_stop_daemon(m_daemon); }
    CallbackReceiver(const CallbackReceiver&) = delete;
    CallbackReceiver& operator=(const CallbackReceiver&) = delete;

    int port() const { return m_port; }

    // The answer, or nullopt when the deadline passed or stop was set. Once
    // there is one, it also waits (briefly) until the browser has its page:
    // stopping the listener earlier would cut that page off.
    std::optional<auth::Callback> wait(std::chrono::steady_clock::time_point deadline,
                                       const std::atomic<bool>& stop) {
        std::unique_lock lock(m_mutex);
        while (!m_answer && !stop && std::chrono::steady_clock::now() < deadline) {
            m_arrived.wait_for(lock, std::chrono::milliseconds(50));
        }
        if (m_answer) {
            m_arrived.wait_for(lock, std::chrono::seconds(2), [this] { return m_delivered; });
        }
        return m_answer;
    }

private:
    static MHD_Result on_request(void* self, MHD_Connection* connection, const char* url,
                                 const char* method, const char* /*version*/,
                                 const char* /*upload_data*/, std::size_t* upload_size,
                                 void** state) {
        if (*state == nullptr) {
            *state = connection; // the first call only announces the request
            return MHD_YES;
        }
        *upload_size = 0;
        unsigned int status = 200;
        std::string page;
        try {
            page = static_cast<CallbackReceiver*>(self)->answer(
                connection, url != nullptr ? url : "", method != nullptr ? method : "", status);
        } catch (const std::exception&) {
            status = 500;
            page = "techpass could not read this answer.";
        }
        const std::string body = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
                                 "techpass</title></head><body><p>" +
                                 page + "</p></body></html>\n";
        MHD_Response* response = MHD_create_response_from_buffer(
            body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
        MHD_add_response_header(response, "Content-Type", "text/html; charset=utf-8");
        MHD_add_response_header(response, "Cache-Control", "no-store");
        const MHD_Result queued = MHD_queue_response(connection, status, response);
        MHD_destroy_response(response);
        return queued;
    }

    // A request is over (its page sent, or the connection gone): once the
    // answer is in, the page that says so has been delivered.
    static void on_completed(void* self, MHD_Connection* /*connection*/, void** /*state*/,
                             MHD_RequestTerminationCode /*code*/) {
        auto* receiver = static_cast<CallbackReceiver*>(self);
        {
            const std::lock_guard lock(receiver->m_mutex);
            receiver->m_delivered = receiver->m_answer.has_value();
        }
        receiver->m_arrived.notify_all();
    }

    std::string answer(MHD_Connection* connection, std::string_view path, std::string_view method,
                       unsigned int& status) {
        if (method != "GET" || path != m_loopback.path) {
            status = 404;
            return "Nothing here: techpass is waiting for a sign-in answer.";
        }
        const auto argument = [connection](const char* name) {
            const char* value =
                MHD_lookup_connection_value(connection, MHD_GET_ARGUMENT_KIND, name);
            return std::string(value != nullptr ? value : "");
        };
        auth::Callback callback{argument("code"), argument("state"), argument("error"),
                                argument("error_description")};
        if (!util::constant_time_equal(callback.state, m_state)) {
            // Not this sign-in's answer (an old tab, or another program):
            // refused, and the wait goes on.
            status = 400;
            return "This answer is not for the sign-in techpass started (its state does not "
                   "match). Use the address techpass printed.";
        }
        const bool refused = callback.code.empty();
        {
            const std::lock_guard lock(m_mutex);
            if (!m_answer) {
                m_answer = std::move(callback);
            }
        }
        m_arrived.notify_all();
        return refused ? "The sign-in was refused. Return to your terminal for the reason."
                       : "Signed in. You can close this tab and return to your terminal.";
    }

    const Loopback& m_loopback;
    std::string m_state;
    MHD_Daemon* m_daemon = nullptr;
    int m_port = 0;
    std::mutex m_mutex;
    std::condition_variable m_arrived;
    std::optional<auth::Callback> m_answer;
    bool m_delivered = false;
};

// Starts the user's browser on url ($BROWSER, else xdg-open), without
// waiting; its output goes nowhere. The process id, or 0 when none started.
pid_t open_browser(const Environment& env, const std::string& url) {
    const std::string browser = env.get("BROWSER").value_or("xdg-open");
    if (browser.empty()) {
        return 0;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    std::string program = browser;
    std::string argument = url;
    char* argv[] = {program.data(), argument.data(), nullptr};
    pid_t pid = 0;
    const int failed = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    return failed != 0 ? 0 : pid;
}

// Whether and how the person is let in, from the app's assignments.
Json access_of(Factory& factory, const NamedApp& app, const std::string& email) {
    const bool required = output::field_value(app.object, "assignmentRequired") != Json(false);
    Json access = {{"assignmentRequired", required}, {"direct", false}, {"groups", Json::array()}};
    try {
        const Json assignments =
            api::assignments::list_assignments(factory.client(), app.namespace_code, app.id);
        for (const Json& assignment : assignments["assignments"]) {
            const Json signs_in = output::field_value(assignment, "signsIn");
            const bool reaches =
                signs_in.is_array() &&
                std::any_of(signs_in.begin(), signs_in.end(), [&](const Json& who) {
                    return who.is_string() &&
                           util::to_lower(who.get<std::string>()) == util::to_lower(email);
                });
            if (!reaches) {
                continue;
            }
            if (output::field_text(assignment, "principalType") == "user") {
                access["direct"] = true;
            } else {
                access["groups"].push_back(output::field_text(assignment, "principalName"));
            }
        }
    } catch (const Error& error) {
        access["unknown"] = error.what();
    }
    return access;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : ", ") + part;
    }
    return text;
}

std::string access_sentence(const Json& access) {
    if (access.contains("unknown")) {
        return "Access: could not be read (" + access["unknown"].get<std::string>() + ").";
    }
    std::vector<std::string> ways;
    if (access["direct"].get<bool>()) {
        ways.emplace_back("assigned directly");
    }
    for (const Json& group : access["groups"]) {
        ways.push_back("through group " + group.get<std::string>());
    }
    if (!access["assignmentRequired"].get<bool>()) {
        return ways.empty() ? "Access: the app does not require assignment: every TechPass user "
                              "can sign in."
                            : "Access: " + joined(ways) +
                                  " (the app does not require assignment: every TechPass user "
                                  "can sign in).";
    }
    return ways.empty() ? "Access: not assigned (the sign-in was let in all the same)."
                        : "Access: " + joined(ways) + ".";
}

void print_signed_in(Factory& factory, const NamedApp& app, const Json& claims, const Json& access,
                     const std::string& kid) {
    std::ostream& out = factory.terminal().out;
    const std::string email = claims.value("email", "");
    out << fmt::format("Signed in to app {} as {} <{}>.\n", app.name, claims.value("name", ""),
                       email);
    out << fmt::format("The ID token is valid: signature (key {}), issuer, audience, nonce and "
                       "expiry checked.\n",
                       kid);
    out << access_sentence(access) << "\n\nClaims:\n";
    std::size_t width = 0;
    for (const auto& item : claims.items()) {
        width = std::max(width, item.key().size());
    }
    for (const auto& item : claims.items()) {
        const std::string value =
            item.value().is_string() ? item.value().get<std::string>() : item.value().dump();
        out << fmt::format("  {:<{}}  {}\n", item.key(), width, util::printable(value, false));
    }
}

void try_signin(Factory& factory, const TrySignInOptions& options) {
    const NamedApp app = resolve_app(factory, options.app);
    const config::Profile& profile = factory.profile();
    if (profile.directory_id().empty()) {
        throw Error(ErrorKind::Config,
                    "the profile has no directory_id: the sign-in page is "
                    "under the directory",
                    "set it: techpass profile set directory_id ID");
    }
    std::vector<std::string> urls;
    for (const Json& url : output::field_value(app.object, "redirectUrls")) {
        if (url.is_string()) {
            urls.push_back(url.get<std::string>());
        }
    }
    const std::string registered = auth::loopback_redirect(urls);
    if (registered.empty()) {
        throw Error(ErrorKind::Usage,
                    fmt::format("app {} has no redirect URL on this machine to receive the "
                                "sign-in (http://localhost, 127.0.0.1 or [::1]); techpass "
                                "changes nothing on the app by itself",
                                app.name),
                    fmt::format("add one (any port: the platform ignores the port of localhost "
                                "URLs): techpass apps update {} --add-redirect-url "
                                "http://localhost:8400/signin",
                                app.name));
    }
    const Loopback loopback = parse_loopback(registered);
    const auth::Pkce pkce = auth::make_pkce();
    const std::string state = util::random_token(32);
    const std::string nonce = util::random_token(32);
    CallbackReceiver receiver(loopback, state);
    const std::string redirect_uri = fmt::format("http://{}:{}{}{}", loopback.url_host,
                                                 receiver.port(), loopback.path, loopback.query);
    const auth::OAuthEndpoint endpoint{profile.authority(), profile.directory_id(), app.id, ""};
    const std::string url =
        auth::authorize_url({auth::authorize_endpoint(endpoint), app.id, redirect_uri, state, nonce,
                             pkce.challenge, options.user});

    std::ostream& err = factory.terminal().err;
    err << fmt::format("Signing in to app {} ({}) as its users do, through {}.\n", app.name, app.id,
                       registered);
    err << "Open this address in a browser and sign in"
        << (options.user.empty() ? "" : " as " + options.user) << ":\n  " << url << "\n";
    pid_t browser = 0;
    if (!options.no_browser && factory.interactivity().prompts) {
        browser = open_browser(factory.env(), url);
        err << (browser != 0 ? "(opened in your browser)\n"
                             : "(no browser could be opened: copy the address)\n");
    }
    const double wait_seconds = factory.globals().timeout_seconds.value_or(k_default_wait_seconds);
    err << fmt::format("Waiting up to {:g} s for the sign-in on {} (Ctrl-C to stop)...\n",
                       wait_seconds, redirect_uri);
    err.flush();

    std::optional<auth::Callback> callback;
    {
        InterruptGuard guard;
        callback = receiver.wait(
            std::chrono::steady_clock::now() +
                std::chrono::milliseconds(static_cast<std::int64_t>(wait_seconds * 1000)),
            guard.stop_requested());
        if (!callback && guard.stop_requested()) {
            throw Error(ErrorKind::Interrupted, "stopped before the sign-in came back");
        }
    }
    if (browser != 0) {
        ::waitpid(browser, nullptr, WNOHANG);
    }
    if (!callback) {
        throw Error(ErrorKind::Network,
                    fmt::format("no sign-in came back within {:g} s", wait_seconds),
                    "run it again and sign in in the browser, or give more time: --timeout 600");
    }

    auth::RefusalContext context{app.name, app.namespace_code, options.user, redirect_uri};
    if (!callback->error.empty()) {
        const std::string description = auth::without_trace(callback->error_description);
        const int code = auth::aadsts_code(description);
        static const std::regex k_user(R"(user '([^']+)')");
        std::smatch user;
        if (std::regex_search(description, user, k_user)) {
            context.user = user[1];
        }
        const auth::Explanation why = auth::explain(code, context);
        if (!factory.printer().options().human_table()) {
            factory.printer().print_document(Json{{"signedIn", false},
                                                  {"app", app.name},
                                                  {"appId", app.id},
                                                  {"error", callback->error},
                                                  {"code", code},
                                                  {"description", description},
                                                  {"explanation", why.plain},
                                                  {"fix", why.fix}});
        }
        err << "The platform refused the sign-in: " << util::printable(description, false) << "\n";
        throw Error(ErrorKind::Auth,
                    fmt::format("sign-in to app {} refused ({}{}){}", app.name, callback->error,
                                code != 0 ? fmt::format(", AADSTS{}", code) : "",
                                why.plain.empty() ? "" : ": " + why.plain),
                    why.fix.empty() ? "" : "fix: " + why.fix);
    }

    auth::OAuthClient oauth(factory.transport(), factory.clock(), endpoint, factory.debug_stream());
    auth::TokenResponse tokens;
    try {
        tokens = oauth.with_authorization_code(callback->code, redirect_uri, pkce.verifier);
    } catch (const Error& error) {
        const std::string_view what = error.what();
        const auto at = what.find("AADSTS");
        const int code = at == std::string_view::npos ? 0 : auth::aadsts_code(what.substr(at));
        const auth::Explanation why = auth::explain(code, context);
        throw Error(error.kind(),
                    fmt::format("the token endpoint refused the sign-in's code: {}", error.what()),
                    why.fix.empty() ? error.hint() : "fix: " + why.fix);
    }
    if (tokens.id_token.empty()) {
        throw Error(ErrorKind::Auth, "the token endpoint answered without an ID token",
                    "check that the profile's authority is the TechPass identity platform");
    }
    const Json claims =
        auth::verify_id_token(tokens.id_token, oauth.signing_keys(),
                              {profile.authority() + "/" + profile.directory_id() + "/v2.0", app.id,
                               nonce, factory.clock().now()});
    const std::string kid = util::decode_jwt(tokens.id_token).header.value("kid", "");
    const std::string email = claims.value("email", claims.value("preferred_username", ""));
    const Json access = access_of(factory, app, email);
    if (factory.printer().options().human_table()) {
        print_signed_in(factory, app, claims, access, kid);
    } else {
        factory.printer().print_document(
            Json{{"signedIn", true},
                 {"app", app.name},
                 {"appId", app.id},
                 {"redirectUri", redirect_uri},
                 {"user",
                  {{"email", email},
                   {"name", claims.value("name", "")},
                   {"username", claims.value("preferred_username", "")},
                   {"id", claims.value("oid", "")}}},
                 {"access", access},
                 {"claims", claims}});
    }
    if (!options.user.empty() && util::to_lower(options.user) != util::to_lower(email)) {
        err << fmt::format("Note: --user was {}, but {} signed in.\n", options.user, email);
    }
}

} // namespace
} // namespace apps_try_signin_cmd

void register_app_try_signin(Application& app, CLI::App& apps) {
    using namespace apps_try_signin_cmd;
    auto options = std::make_shared<TrySignInOptions>();
    CommandDoc doc{
        "Try \"Sign in with TechPass\" on an app, as one of its users would",
        "Signs a person in to the app through the sign-in page, as the app does: the\n"
        "authorization code flow with PKCE, answered to one of the app's own redirect URLs\n"
        "on this machine (http://localhost, 127.0.0.1 or [::1]; the port may differ, the\n"
        "platform ignores it there). techpass registers nothing: when the app has no such\n"
        "URL it says which to add. It prints the sign-in address and opens it in the\n"
        "browser on a terminal ($BROWSER, else xdg-open; --no-browser to only print it),\n"
        "waits for the answer (--timeout SECONDS, default 300; Ctrl-C stops), redeems the\n"
        "code, checks the ID token against the directory's published keys (signature,\n"
        "issuer, audience, nonce, expiry), and prints who signed in, the token's claims,\n"
        "and whether that person is assigned directly, through which group, or not at all.\n"
        "When the platform refuses (a user not assigned, no consent, a disabled account,\n"
        "sign-in turned off), it says why in plain words and prints the command that\n"
        "fixes it; the exit status is then 4.",
        {{"", "techpass apps try-signin ship-portal"},
         {"as a given user (fills in the sign-in page)",
          "techpass apps try-signin ship-portal --user mei.lim@tech.gov.sg"},
         {"on a machine without a browser: open the printed address elsewhere",
          "techpass apps try-signin ship-portal --no-browser --timeout 600"},
         {"the claims for a script", "techpass apps try-signin ship-portal -o json --jq .claims"}},
        {}};
    CLI::App& command = app.tree().add_command(apps, "try-signin", std::move(doc), [&app, options] {
        try_signin(app.factory(), *options);
    });
    add_app_argument(app.tree(), command, options->app);
    command
        .add_option("--user", options->user,
                    "Who is expected to sign in (fills in the sign-in page), by email")
        ->type_name("EMAIL");
    command.add_flag("--no-browser", options->no_browser,
                     "Only print the sign-in address; do not open a browser");
}

} // namespace techpass::cli
