// techpass api METHOD PATH: a raw call with authentication, pacing and retries.

#include "commands/commands.hpp"
#include "commands/shared/verb.hpp"
#include "techpass/auth/authenticator.hpp"
#include "techpass/config/profile.hpp"
#include "techpass/http/url.hpp"
#include "techpass/output/printer.hpp"
#include "techpass/util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <sstream>

namespace techpass::cli {

namespace api_cmd {
namespace {

constexpr const char* k_methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

struct ApiOptions {
    std::string method;
    std::string path;
    std::string data;
    std::vector<std::string> headers;
    bool paginate = false;
};

// --data: @FILE, - (standard input) or the JSON itself; checked to be JSON
// before anything is sent.
std::string read_body(Factory& factory, const std::string& data) {
    std::string body;
    std::ostringstream content;
    if (data == "-") {
        content << factory.terminal().in.rdbuf();
        body = content.str();
    } else if (!data.empty() && data[0] == '@') {
        std::ifstream in(data.substr(1), std::ios::binary);
        if (!in) {
            throw Error(ErrorKind::Usage,
                        fmt::format("cannot read --data file {}", data.substr(1)));
        }
        content << in.rdbuf();
        body = content.str();
    } else {
        body = data;
    }
    if (!body.empty() && !api::Json::accept(body)) {
        throw Error(ErrorKind::Usage, "--data is not valid JSON", "check it with: jq . FILE");
    }
    return body;
}

http::Headers parse_headers(const std::vector<std::string>& lines) {
    http::Headers headers;
    for (const auto& line : lines) {
        const auto colon = line.find(':');
        if (colon == std::string::npos || colon == 0) {
            throw Error(ErrorKind::Usage, fmt::format("invalid header \"{}\"", line),
                        "write it as -H 'Name: value'");
        }
        headers.emplace_back(std::string(util::trim(line.substr(0, colon))),
                             std::string(util::trim(line.substr(colon + 1))));
    }
    return headers;
}

// {namespace} in a path stands for the run's namespace (-n, else the profile's).
std::string expand_path(Factory& factory, std::string path) {
    if (path.empty() || path[0] != '/') {
        throw Error(ErrorKind::Usage, fmt::format("the path \"{}\" must start with /", path),
                    "e.g. techpass api GET /iam/namespaces");
    }
    const std::string placeholder = "{namespace}";
    for (auto at = path.find(placeholder); at != std::string::npos;
         at = path.find(placeholder, at)) {
        path.replace(at, placeholder.size(), factory.namespace_code());
    }
    return path;
}

// The array of a list page: the one member that is an array.
std::string items_field(const api::Json& page) {
    if (page.is_object()) {
        for (const auto& [key, value] : page.items()) {
            if (value.is_array()) {
                return key;
            }
        }
    }
    return {};
}

api::Json get_all_pages(api::ApiClient& client, const std::string& target) {
    // The client adds lastKey to the query, so a query in the path is split off.
    const auto question = target.find('?');
    const std::string path = target.substr(0, question);
    const http::Query query = question == std::string::npos
                                  ? http::Query{}
                                  : http::form_decode(target.substr(question + 1));
    const api::Json first = client.get(path, query);
    const std::string field = items_field(first);
    const bool more = first.is_object() && first.contains("lastKey") &&
                      first["lastKey"].is_string() && !first["lastKey"].get<std::string>().empty();
    if (field.empty() || !more) {
        return first;
    }
    return client.paginate(path, query, field);
}

void run_api(Factory& factory, const ApiOptions& options) {
    const std::string method = util::to_upper(options.method);
    if (std::find(std::begin(k_methods), std::end(k_methods), method) == std::end(k_methods)) {
        throw Error(ErrorKind::Usage, fmt::format("unsupported method \"{}\"", options.method),
                    "use GET, POST, PUT, PATCH or DELETE");
    }
    if (options.paginate && method != "GET") {
        throw Error(ErrorKind::Usage, "--paginate works with GET only");
    }
    const std::string path = expand_path(factory, options.path);
    const std::string body = read_body(factory, options.data);
    const http::Headers headers = parse_headers(options.headers);
    output::Printer& printer = factory.printer();
    if (method != "GET" &&
        dry_run(factory, {method, path, body.empty() ? api::Json() : api::Json::parse(body)})) {
        return;
    }
    if (options.paginate) {
        printer.print_document(get_all_pages(factory.client(), path));
        return;
    }
    // Piped and unfiltered, a success streams to stdout as it arrives, of
    // any size; otherwise it is read (up to 16 MiB) to be formatted.
    const GlobalOptions& globals = factory.globals();
    const bool filtered = !globals.jq.empty() || !globals.fields.empty() || !globals.output.empty();
    std::ostream& out = factory.terminal().out;
    bool streamed_newline = true;
    std::function<void(std::string_view)> sink;
    if (!filtered && !factory.terminal().out_tty) {
        sink = [&out, &streamed_newline](std::string_view chunk) {
            out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            streamed_newline = chunk.back() == '\n';
        };
    }
    const api::RawResponse response =
        factory.client().raw(method, path, body, headers, false, sink);
    if (response.status >= 300 && response.status < 400) {
        throw api::error_from_redirect(http::Response{response.status, response.headers, {}},
                                       method, path);
    }
    const bool failed = response.status >= 400;
    if (sink && !failed) {
        if (!streamed_newline) {
            out << "\n";
        }
    } else if (!response.body.empty()) {
        // An error body is shown as sent: a --jq filter written for the
        // success shape would only print nulls (gh does the same).
        if (!failed && api::Json::accept(response.body)) {
            printer.print_document(api::Json::parse(response.body));
        } else if (!failed && filtered) {
            const std::string type = http::Response{response.status, response.headers, {}}
                                         .header("Content-Type")
                                         .value_or("no Content-Type");
            throw Error(ErrorKind::Unexpected,
                        fmt::format("the answer to {} {} is not JSON ({}), so --jq, --fields and "
                                    "-o cannot apply",
                                    method, path, util::printable(type)),
                        "run it without --jq, --fields and -o to see the answer as sent");
        } else {
            out << response.body << (response.body.back() == '\n' ? "" : "\n");
        }
    }
    if (failed) {
        const http::Response failure{response.status, response.headers, response.body};
        const api::ErrorContext context{method, path, factory.profile().namespace_code(),
                                        factory.authenticator().identity_summary()};
        throw api::error_from_response(failure, context);
    }
}

} // namespace
} // namespace api_cmd

void register_api(Application& app) {
    using namespace api_cmd;
    auto options = std::make_shared<ApiOptions>();
    CommandDoc doc{
        "Make an authenticated request to the Automation API",
        "Sends one request to the Automation API with the profile's token and API key, at\n"
        "the profile's pace, retrying as other commands do, and prints the response body.\n"
        "{namespace} in PATH stands for the run's namespace. An error status prints the body\n"
        "and exits with the status's code (4 for 401/403, 5 for 404, ...). Piped without\n"
        "--jq, --fields or -o, the body streams to stdout as it arrives, whatever its size;\n"
        "otherwise it must be JSON and at most 16 MiB. A redirect is never followed: it is an\n"
        "error naming the status and the Location (exit status 8).",
        {{"", "techpass api GET /iam/namespaces"},
         {"every page of a list",
          "techpass api GET '/iam/namespace/{namespace}/groups/billing/members' --paginate"},
         {"create from a file",
          "techpass api POST '/iam/namespace/{namespace}/groups' --data @group.json"},
         {"from standard input", "echo '{\"description\": \"\"}' | techpass api PATCH "
                                 "/iam/namespace/SHIP/groups/billing --data -"}},
        {}};
    CLI::App& command =
        app.tree().add_command(app.tree().root(), "api", std::move(doc),
                               [&app, options] { run_api(app.factory(), *options); });
    auto* method = command.add_option("method", options->method, "GET, POST, PUT, PATCH or DELETE")
                       ->required();
    app.tree().set_choices(*method, {std::begin(k_methods), std::end(k_methods)});
    command.add_option("path", options->path, "API path, e.g. /iam/namespaces")->required();
    auto* data = command
                     .add_option("-d,--data", options->data,
                                 "Request body: JSON, @FILE, or - for standard input")
                     ->type_name("DATA");
    app.tree().set_takes_path(*data);
    command.add_option("-H,--header", options->headers, "Add a request header (repeatable)")
        ->type_name("'NAME: VALUE'")
        ->allow_extra_args(false); // one value per -H: `-H 'a: b' GET /x` keeps its arguments
    command.add_flag("--paginate", options->paginate,
                     "Follow lastKey and merge every page into one document");
}

} // namespace techpass::cli
