// techpass plan | apply | export against the emulator: the example tenant
// file applied to the seeded namespace, then checked through the API itself
// (not through the planner), re-applied without a changing request, changed
// by one field, exported, pruned, interrupted by a fault and resumed.

#include "cli_fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace test_provision {

using e2e::Cli;
using e2e::contains;
using nlohmann::json;

namespace {

// The example tenant file and its certificate in a directory of their own,
// the webhook's receiver a `techpass webhooks listen` on loopback (the
// example's https host does not exist here; the listener answers the
// portal's challenge before it has the secret).
struct Workspace {
    testsupport::TempDir dir;
    std::unique_ptr<testsupport::Process> receiver;
    std::string file;

    explicit Workspace(const Cli& cli)
        : receiver(cli.start(
              {"webhooks", "listen", "--port", "0", "--secret-file", dir.file("hook.secret")})) {
        const std::string receiver_url = e2e::listener_url(*receiver);
        std::filesystem::create_directories(dir.file("certs"));
        std::filesystem::copy_file(testsupport::source_path("examples/certs/ship-automation.crt"),
                                   dir.file("certs/ship-automation.crt"));
        std::string text = testsupport::read_file(testsupport::source_path("examples/tenant.toml"));
        replace(text, "https://hooks.ship.example.gov.sg/techpass", receiver_url);
        file = dir.write("tenant.toml", text);
    }

    static void replace(std::string& text, const std::string& from, const std::string& to) {
        const auto at = text.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, from);
        text.replace(at, from.size(), to);
    }

    // Rewrites the tenant file with one replacement.
    void edit(const std::string& from, const std::string& to) const {
        std::string text = testsupport::read_file(file);
        replace(text, from, to);
        dir.write("tenant.toml", text);
    }
};

// GET path through `techpass api`, every page merged.
json api_get(const Cli& cli, const std::string& path) {
    const auto result = cli.run({"api", "GET", path, "--paginate"});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    return json::parse(result.out);
}

std::set<std::string> names_of(const json& items, const std::string& field) {
    std::set<std::string> names;
    for (const json& item : items) {
        names.insert(item[field].get<std::string>());
    }
    return names;
}

// The requests of a settled log that change something in the API (the
// token endpoint and the test controls left out).
std::vector<std::string> changing_requests(const std::string& log) {
    std::vector<std::string> found;
    std::istringstream lines(log);
    for (std::string line; std::getline(lines, line);) {
        for (const char* method : {"POST ", "PUT ", "PATCH ", "DELETE "}) {
            if (line.rfind(method, 0) == 0 &&
                (contains(line, " /iam/") || contains(line, " /otp/"))) {
                found.push_back(line);
            }
        }
    }
    return found;
}

// How many lines after the first `before` lines of log.
std::vector<std::string> since(const std::vector<std::string>& before,
                               const std::vector<std::string>& after) {
    return {after.begin() + static_cast<std::ptrdiff_t>(before.size()), after.end()};
}

std::string app_id(const Cli& cli, const std::string& name) {
    const json apps = api_get(cli, "/iam/namespace/SHIP/apps"); // kept: the loop reads into it
    for (const json& app : apps["apps"]) {
        if (app["name"] == name) {
            return app["appId"].get<std::string>();
        }
    }
    FAIL("no app " << name);
    return {};
}

// The schema check of docs/tenant-plan.schema.json, by Python's jsonschema
// (an implementation independent of techpass).
void check_against_schema(const std::string& document, const testsupport::TempDir& dir) {
    const std::string instance = dir.write("plan.json", document);
    const auto result = testsupport::run(
        {"/usr/bin/python3", "-c",
         "import json, sys, jsonschema\n"
         "schema = json.load(open(sys.argv[1]))\n"
         "jsonschema.Draft202012Validator.check_schema(schema)\n"
         "jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))\n",
         testsupport::source_path("docs/tenant-plan.schema.json"), instance});
    CHECK_MESSAGE(result.exit_code == 0, result.err);
}

} // namespace

TEST_CASE("apply: the example tenant file makes the namespace, and a second apply sends nothing") {
    const Cli cli;
    const Workspace work(cli);
    const std::string secrets = work.dir.file("new-secrets.jsonl");

    auto result = cli.run({"apply", "-f", work.file, "--yes", "--secrets-out", secrets});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    CHECK(contains(result.out, "Plan: 17 to create, 1 to update, 0 to delete."));
    CHECK(contains(result.out, "Applied: 17 created, 1 updated, 0 deleted in namespace SHIP."));
    CHECK(contains(result.err, "create group portal-ops: done"));

    // The live state, read through the API, is what the file says.
    const json ns = api_get(cli, "/iam/namespace/SHIP");
    CHECK(ns["displayName"] == "Ship Registry");
    CHECK(ns["description"] == "Registration of ships and their crews");
    const json billing = api_get(cli, "/iam/namespace/SHIP/groups/billing");
    CHECK(billing["description"] == "Billing officers");
    std::set<std::string> members;
    for (const json& member : billing["members"]) {
        members.insert(member["type"] == "group" ? "group " + member["name"].get<std::string>()
                                                 : member["email"].get<std::string>());
    }
    CHECK(members == std::set<std::string>{"alex.wong@acme-consulting.com", "group portal-ops"});
    const std::string portal = app_id(cli, "ship-portal");
    const json app = api_get(cli, "/iam/namespace/SHIP/apps/" + portal);
    CHECK(app["redirectUrls"] == json::array({"https://ship.example.gov.sg/auth/callback",
                                              "http://localhost:3000/callback"}));
    CHECK(app["homepageUrl"] == "https://ship.example.gov.sg");
    CHECK(app["assignmentRequired"] == true);
    CHECK(
        names_of(api_get(cli, "/iam/namespace/SHIP/apps/" + portal + "/assignments")["assignments"],
                 "principalName") ==
        std::set<std::string>{"siti.rahman@mom.gov.sg", "billing", "portal-ops"});
    CHECK(names_of(
              api_get(cli, "/iam/namespace/SHIP/apps/" + portal + "/certificates")["certificates"],
              "thumbprint") == std::set<std::string>{"0C2121D7396907CB437728849A24019ADCE18599"});
    CHECK(names_of(api_get(cli, "/iam/namespace/SHIP/apps/" + portal + "/secrets")["secrets"],
                   "description") == std::set<std::string>{"portal production"});
    CHECK(names_of(api_get(cli, "/iam/namespace/SHIP/apikeys")["apiKeys"], "name") ==
          std::set<std::string>{"demo", "ci-2027"});
    const json hooks = api_get(cli, "/iam/namespace/SHIP/webhooks")["webhooks"];
    REQUIRE(hooks.size() == 1);
    CHECK(hooks[0]["events"].size() == 3);
    CHECK(hooks[0]["headers"] == json{{"X-Ship-Env", "production"}});
    const json entries = api_get(cli, "/otp/namespace/SHIP/apps/" + app_id(cli, "ship-otp") +
                                          "/whitelists?size=50")["whitelists"];
    CHECK(names_of(entries, "whitelistValue") ==
          std::set<std::string>{"acme.example.sg", "ahmad@initech.example"});

    // The three one-time secrets went to the file (0600), and nowhere else.
    struct stat info {};
    REQUIRE(::stat(secrets.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    std::istringstream lines(testsupport::read_file(secrets));
    std::vector<json> kept;
    for (std::string line; std::getline(lines, line);) {
        kept.push_back(json::parse(line));
    }
    REQUIRE(kept.size() == 3);
    CHECK(kept[0]["type"] == "secret");
    CHECK(kept[0]["app"] == "ship-portal");
    CHECK(kept[1]["type"] == "apikey");
    CHECK(kept[2]["type"] == "webhook");
    for (const json& secret : kept) {
        const std::string value = secret.contains("key") ? secret["key"].get<std::string>()
                                                         : secret["secret"].get<std::string>();
        REQUIRE(value.size() >= 16);
        CHECK_FALSE(contains(result.out + result.err, value));
    }

    // Applying it again changes nothing and sends no changing request.
    const auto before = changing_requests(cli.emulator_log());
    result = cli.run({"apply", "-f", work.file, "--yes", "--secrets-out", secrets});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    CHECK(contains(result.out, "No changes: namespace SHIP is as"));
    CHECK(since(before, changing_requests(cli.emulator_log())).empty());
    result = cli.run({"plan", "-f", work.file, "--detailed-exitcode"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
}

TEST_CASE("plan: one field changed is planned alone, -o json follows its schema, exit 10") {
    const Cli cli;
    const Workspace work(cli);
    REQUIRE(cli.run({"apply", "-f", work.file, "--yes", "--secrets-out", work.dir.file("s.jsonl")})
                .exit_code == 0);
    work.edit("description = \"Billing officers\"", "description = \"Billing and refunds\"");

    auto result = cli.run({"plan", "-f", work.file, "--detailed-exitcode"});
    CHECK(result.exit_code == 10);
    CHECK(result.err.empty());
    CHECK(contains(result.out,
                   "~ group billing\n"
                   "    description: \"Billing officers\" -> \"Billing and refunds\"\n"));
    CHECK(contains(result.out, "Plan: 0 to create, 1 to update, 0 to delete."));
    result = cli.run({"diff", "-f", work.file, "-o", "json"});
    REQUIRE(result.exit_code == 0);
    const json plan = json::parse(result.out);
    CHECK(plan["changes"] ==
          json::array({json{{"action", "update"},
                            {"type", "group"},
                            {"name", "billing"},
                            {"fields", json::array({json{{"field", "description"},
                                                         {"before", "Billing officers"},
                                                         {"after", "Billing and refunds"}}})}}}));
    check_against_schema(result.out, work.dir);

    // The example's plan against the seeded namespace (every kind of
    // creation) follows the schema too.
    const Cli fresh;
    result = fresh.run({"plan", "-f", work.file, "-o", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(json::parse(result.out)["summary"] == json{{"create", 17}, {"update", 1}, {"delete", 0}});
    check_against_schema(result.out, work.dir);
}

TEST_CASE("export: the namespace written as a tenant file plans nothing") {
    const Cli cli;
    const Workspace work(cli);
    REQUIRE(cli.run({"apply", "-f", work.file, "--yes", "--secrets-out", work.dir.file("s.jsonl")})
                .exit_code == 0);
    const std::string exported = work.dir.file("exported.toml");
    auto result = cli.run({"export", "-n", "SHIP", "--out", exported});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    const std::string text = testsupport::read_file(exported);
    CHECK(contains(text, "name = \"ship-automation\""));
    CHECK(contains(text, "# certificate 0C2121D7396907CB437728849A24019ADCE18599"));
    CHECK_FALSE(contains(text, "demo-api-key"));
    CHECK_FALSE(contains(text, "demo-secret"));
    result = cli.run({"plan", "-f", exported, "--detailed-exitcode"});
    CHECK_MESSAGE(result.exit_code == 0, (result.out + result.err));
    CHECK(contains(result.out, "No changes"));
    // To standard output, the same file.
    result = cli.run({"export"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.substr(result.out.find("namespace =")) ==
          text.substr(text.find("namespace =")));
}

TEST_CASE("apply --prune deletes only what the file does not mention") {
    const Cli cli;
    const Workspace work(cli);
    REQUIRE(cli.run({"apply", "-f", work.file, "--yes", "--secrets-out", work.dir.file("s.jsonl")})
                .exit_code == 0);
    REQUIRE(cli.run({"groups", "create", "extra", "--description", "not in the file"}).exit_code ==
            0);
    REQUIRE(
        cli.run({"groups", "members", "add", "portal-ops", "siti.rahman@mom.gov.sg"}).exit_code ==
        0);

    // Without --prune: nothing to do.
    auto result = cli.run({"plan", "-f", work.file, "--detailed-exitcode"});
    CHECK(result.exit_code == 0);
    result = cli.run({"plan", "-f", work.file, "--prune"});
    REQUIRE(result.exit_code == 0);
    CHECK(contains(result.out, "- group extra"));
    CHECK(contains(result.out, "- member user siti.rahman@mom.gov.sg"));
    // The seeded automation app and its API key are what the run signs in
    // with: kept, and said so.
    CHECK(contains(result.out, "Note: app ship-automation is not in the file but is the app this "
                               "run signs in as: kept"));
    CHECK(contains(result.out,
                   "Note: API key demo is not in the file but is the key this run uses: kept"));
    CHECK(contains(result.out, "Plan: 0 to create, 0 to update, 2 to delete."));

    const auto before = changing_requests(cli.emulator_log());
    result = cli.run({"apply", "-f", work.file, "--prune", "--yes"});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    const auto sent = since(before, changing_requests(cli.emulator_log()));
    REQUIRE(sent.size() == 2);
    CHECK(sent[0].rfind("DELETE /iam/namespace/SHIP/groups/portal-ops/members/", 0) == 0);
    CHECK(sent[1].rfind("DELETE /iam/namespace/SHIP/groups/", 0) == 0);
    CHECK(names_of(api_get(cli, "/iam/namespace/SHIP/groups")["groups"], "name") ==
          std::set<std::string>{"billing", "portal-ops"});
}

TEST_CASE("apply: a fault midway stops it with an account, and a re-run completes it once") {
    const Cli cli;
    const Workspace work(cli);
    // Every request adding a member to billing fails (after the client's retries).
    cli.control("PUT", "faults",
                {{"fraction", 1},
                 {"kinds", {"503"}},
                 {"paths", "/iam/namespace/SHIP/groups/billing/members"}});
    const std::string secrets = work.dir.file("s.jsonl");
    auto result = cli.run({"apply", "-f", work.file, "--yes", "--secrets-out", secrets});
    CHECK(result.exit_code == 8);
    CHECK(
        contains(result.err, "create member user jane.tan@tech.gov.sg of group portal-ops: done"));
    CHECK(contains(result.err,
                   "Apply stopped: 5 of 18 changes done. Not done:\n"
                   "  create member user alex.wong@acme-consulting.com of group billing\n"));
    CHECK_MESSAGE(contains(result.err, "fix the cause and run the same apply again"), result.err);
    CHECK_FALSE(std::filesystem::exists(secrets)); // no secret was created yet

    cli.control("DELETE", "faults");
    result = cli.run({"apply", "-f", work.file, "--yes", "--secrets-out", secrets});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    CHECK(contains(result.out, "Plan: 13 to create, 0 to update, 0 to delete."));
    // Nothing twice: one of each group, each member once.
    CHECK(api_get(cli, "/iam/namespace/SHIP/groups")["groups"].size() == 2);
    CHECK(api_get(cli, "/iam/namespace/SHIP/groups/portal-ops")["members"].size() == 2);
    CHECK(api_get(cli, "/iam/namespace/SHIP/groups/billing")["members"].size() == 2);
    CHECK(cli.run({"plan", "-f", work.file, "--detailed-exitcode"}).exit_code == 0);
}

TEST_CASE("apply: one-time secrets with nowhere to go are refused before anything changes") {
    const Cli cli;
    const Workspace work(cli);
    const auto before = changing_requests(cli.emulator_log());
    const auto result = cli.run({"apply", "-f", work.file, "--yes"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "the plan creates 3 one-time secrets, and there is nowhere to keep "
                               "them; nothing was changed:\n"
                               "  create secret portal production of app ship-portal\n"
                               "  create apikey ci-2027\n"));
    CHECK(contains(result.err, "hint: add --secrets-out FILE"));
    CHECK(since(before, changing_requests(cli.emulator_log())).empty());
    // A secrets file others can read is refused before anything is read.
    const std::string open_file = work.dir.write("open.jsonl", "", 0644);
    const auto refused = cli.run({"apply", "-f", work.file, "--yes", "--secrets-out", open_file});
    CHECK(refused.exit_code == 2);
    CHECK(contains(refused.err, "can be read or written by others than its owner"));
    CHECK(contains(refused.err, "hint: chmod 600 " + open_file));
}

TEST_CASE("plan: every problem of a tenant file is reported with its line, and nothing is sent") {
    const Cli cli;
    const testsupport::TempDir dir;
    std::string text = R"(namespace = "SHIP"
admin = ["jane.tan@tech.gov.sg"]

[[apps]]
name = "ship-portal"
redirect_urls = ["http://ship.example.gov.sg/callback"]
assign_groups = ["biling"]
)";
    for (int i = 0; i < 51; ++i) {
        text += fmt::format("\n[[groups]]\nname = \"group-{:02}\"\n", i);
    }
    text += "\n[[groups]]\nname = \"billing\"\n";
    const std::string file = dir.write("tenant.toml", text);
    const auto group_50_line =
        1 + std::count(text.begin(),
                       text.begin() + static_cast<std::ptrdiff_t>(
                                          text.find("[[groups]]\nname = \"group-50\"")),
                       '\n');
    const std::size_t before = e2e::requests_in(cli.emulator_log());
    for (const char* verb : {"plan", "apply"}) {
        const auto result = cli.run({verb, "-f", file, "--yes"});
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "tenant.toml has 4 problems; nothing was sent:"));
        CHECK(contains(result.err, "tenant.toml:2: unknown key 'admin' in the tenant file (did you "
                                   "mean 'admins'?)"));
        CHECK(contains(result.err, "tenant.toml:4: app ship-portal (assign_groups) names group "
                                   "biling, which the file does not declare (did you mean "
                                   "billing?)"));
        CHECK(contains(result.err, "tenant.toml:6: redirect URL"));
        CHECK(contains(result.err, fmt::format("tenant.toml:{}: group group-50 is the 51st: a "
                                               "namespace holds at most 50 groups",
                                               group_50_line)));
        CHECK(result.out.empty());
    }
    CHECK(e2e::requests_in(cli.emulator_log()) == before);
}

namespace {

// The script lines of the CI examples' plan and apply jobs, in the order
// they run: GitLab's `script` lines, GitHub's `run` steps that call
// tenant-pipeline.sh (the other steps check out code or install techpass).
std::vector<std::string> ci_steps(const std::string& example, const std::string& job) {
    const auto result = testsupport::run(
        {"/usr/bin/python3", "-c",
         "import sys, yaml\n"
         "doc = yaml.safe_load(open(sys.argv[1]))\n"
         "job = (doc.get('jobs') or doc)[sys.argv[2]]\n"
         "lines = job.get('script') or [s['run'] for s in job['steps'] if 'run' in s]\n"
         "print('\\0'.join(l for l in lines if 'tenant-pipeline.sh' in l), end='')\n",
         testsupport::source_path("examples/ci/" + example), job});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    std::vector<std::string> steps;
    std::istringstream in(result.out);
    for (std::string step; std::getline(in, step, '\0');) {
        steps.push_back(step);
    }
    REQUIRE_MESSAGE(!steps.empty(),
                    example << " has no step calling tenant-pipeline.sh in " << job);
    return steps;
}

// Runs a CI step as the CI system would: bash in the checkout, credentials
// in the environment only (no config file), CI=true.
testsupport::RunResult run_step(const Cli& cli, const Workspace& work, const std::string& step) {
    testsupport::RunOptions options;
    options.cwd = work.dir.path();
    options.unset_env = {"TECHPASS_PROFILE", "TECHPASS_CONFIG", "NO_COLOR"};
    options.env = {{"CI", "true"},
                   {"HOME", work.dir.file("home")},
                   {"XDG_CONFIG_HOME", work.dir.file("home/.config")},
                   {"XDG_CACHE_HOME", work.dir.file("cache")},
                   {"TECHPASS", TECHPASS_CLI_PATH},
                   {"TECHPASS_API_URL", cli.url()},
                   {"TECHPASS_AUTHORITY", cli.url()},
                   {"TECHPASS_DIRECTORY_ID", e2e::k_directory_id},
                   {"TECHPASS_CLIENT_ID", e2e::k_client_id},
                   {"TECHPASS_CLIENT_SECRET", e2e::k_client_secret},
                   {"TECHPASS_API_KEY", e2e::k_api_key},
                   {"TECHPASS_NAMESPACE", "SHIP"},
                   {"TENANT_FILE", "tenant.toml"},
                   {"GITHUB_STEP_SUMMARY", work.dir.file("step-summary.md")}};
    return testsupport::run({"/bin/bash", "-c", step}, options);
}

} // namespace

TEST_CASE("examples/ci: the GitLab and GitHub pipelines' steps plan and apply the example") {
    for (const std::string example : {"gitlab-ci.yml", "github-actions.yml"}) {
        CAPTURE(example);
        const Cli cli;
        const Workspace work(cli);
        std::filesystem::copy_file(testsupport::source_path("examples/ci/tenant-pipeline.sh"),
                                   work.dir.file("tenant-pipeline.sh"));
        const std::string summary =
            work.dir.file(std::string(example) == "gitlab-ci.yml" ? "plan.md" : "step-summary.md");

        // A merge request: the plan, as the job summary and as JSON.
        for (const std::string& step : ci_steps(example, "plan")) {
            const auto result = run_step(cli, work, step);
            REQUIRE_MESSAGE(result.exit_code == 0, result.err);
            CHECK(contains(result.out, "Plan: 17 to create, 1 to update, 0 to delete."));
        }
        const std::string markdown = testsupport::read_file(summary);
        CHECK(contains(markdown, "### techpass plan for `tenant.toml`"));
        CHECK(contains(markdown, "Merging this applies the changes below."));
        CHECK(contains(markdown, "```diff\nPlan for namespace SHIP from tenant.toml:\n"));
        CHECK(json::parse(
                  testsupport::read_file(work.dir.file("plan.json")))["summary"]["create"] == 17);

        // The main branch: apply, secrets to the file only.
        for (const std::string& step : ci_steps(example, "apply")) {
            const auto result = run_step(cli, work, step);
            REQUIRE_MESSAGE(result.exit_code == 0, result.err);
            CHECK(contains(result.out, "Applied: 17 created, 1 updated, 0 deleted"));
            CHECK_FALSE(contains(result.out + result.err, "tpk_"));
        }
        CHECK(contains(testsupport::read_file(work.dir.file("new-secrets.jsonl")), "\"tpk_"));

        // The next merge request with no change to the file.
        std::filesystem::remove(summary);
        for (const std::string& step : ci_steps(example, "plan")) {
            REQUIRE(run_step(cli, work, step).exit_code == 0);
        }
        CHECK(contains(testsupport::read_file(summary),
                       "No changes: the namespace already matches the file."));

        // A broken tenant file fails the plan job with techpass's exit code.
        work.edit("admins =", "admin =");
        const auto result = run_step(cli, work, ci_steps(example, "plan").front());
        CHECK(result.exit_code == 2);
        CHECK(contains(result.err, "unknown key 'admin'"));
    }
}

TEST_CASE("apply on a terminal: the plan, then a question, and no changes nothing") {
    const Cli cli;
    const Workspace work(cli);
    const std::string secrets = work.dir.file("s.jsonl");
    const auto before = changing_requests(cli.emulator_log());
    auto result = cli.run_tty({"apply", "-f", work.file, "--secrets-out", secrets}, {{}, "n\n"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.out, "Plan: 17 to create, 1 to update, 0 to delete."));
    CHECK(contains(result.out, "? Apply these changes to namespace SHIP? [y/N]"));
    CHECK(contains(result.out, "cancelled; nothing was applied"));
    CHECK(since(before, changing_requests(cli.emulator_log())).empty());

    // Piped without --yes: refused, nothing changed.
    result = cli.run({"apply", "-f", work.file, "--secrets-out", secrets});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "refusing to apply without --yes when not on a terminal"));
    CHECK(since(before, changing_requests(cli.emulator_log())).empty());

    // Yes: applied; the plan's + ~ - are coloured on a terminal.
    result = cli.run_tty({"apply", "-f", work.file, "--secrets-out", secrets}, {{}, "y\n"});
    CHECK_MESSAGE(result.exit_code == 0, result.out);
    CHECK(contains(result.out, "\x1b[32m+ group portal-ops\x1b[0m"));
    CHECK(contains(result.out, "Applied: 17 created, 1 updated, 0 deleted in namespace SHIP."));
}

TEST_CASE("apply --dry-run is plan: the plan shown, nothing changed") {
    const Cli cli;
    const Workspace work(cli);
    const auto before = changing_requests(cli.emulator_log());
    const auto result = cli.run({"apply", "-f", work.file, "--dry-run"});
    CHECK(result.exit_code == 0);
    CHECK(contains(result.out, "Plan: 17 to create, 1 to update, 0 to delete."));
    CHECK(contains(result.err, "Nothing was changed (--dry-run)."));
    CHECK(since(before, changing_requests(cli.emulator_log())).empty());
}

TEST_CASE(
    "apply: a whitelist entry's expiry changed and removed in the file follows on the portal") {
    const Cli cli;
    const Workspace work(cli);
    REQUIRE(cli.run({"apply", "-f", work.file, "--yes", "--secrets-out", work.dir.file("s.jsonl")})
                .exit_code == 0);
    const auto expiry_of = [&](const std::string& value) {
        const json entries = api_get(cli, "/otp/namespace/SHIP/apps/" + app_id(cli, "ship-otp") +
                                              "/whitelists?size=50");
        for (const json& entry : entries["whitelists"]) {
            if (entry["whitelistValue"] == value) {
                return entry["expiresAt"].get<std::string>();
            }
        }
        FAIL("no entry " << value);
        return std::string();
    };
    CHECK(expiry_of("ahmad@initech.example") == "2030-03-31T15:59:59Z");

    work.edit("expires_at = \"2030-03-31T23:59:59+08:00\"",
              "expires_at = \"2031-01-01T00:00:00Z\"");
    auto result = cli.run({"apply", "-f", work.file, "--yes"});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    CHECK(contains(result.out, "expires_at: \"2030-03-31T15:59:59Z\" -> \"2031-01-01T00:00:00Z\""));
    CHECK(expiry_of("ahmad@initech.example") == "2031-01-01T00:00:00Z");

    // The entry written without an expiry: the portal's entry loses its own.
    work.edit("{ value = \"ahmad@initech.example\", expires_at = \"2031-01-01T00:00:00Z\" }",
              "\"ahmad@initech.example\"");
    result = cli.run({"apply", "-f", work.file, "--yes"});
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    CHECK(contains(result.out, "expires_at: \"2031-01-01T00:00:00Z\" -> (none)"));
    CHECK(expiry_of("ahmad@initech.example").empty());
    CHECK(cli.run({"plan", "-f", work.file, "--detailed-exitcode"}).exit_code == 0);
}

} // namespace test_provision
