// The emulator's building blocks on their own: the database's statement
// cache and the router's path matching.

#include "api.hpp"
#include "db.hpp"
#include "emulator.hpp"
#include "resources/invitations.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace test_internals {

namespace {

const emu::Handler handler = [](emu::Emulator&, emu::Request&) {
    return emu::Response{};
};

} // namespace

TEST_CASE("db: the same SQL can be in use twice at once") {
    emu::Db db(":memory:");
    db.exec("CREATE TABLE numbers (n INTEGER PRIMARY KEY)");
    db.exec("INSERT INTO numbers VALUES (1), (2), (3)");
    constexpr std::string_view sql = "SELECT n FROM numbers WHERE n >= ? ORDER BY n";
    std::vector<std::string> pairs;
    auto outer = db.prepare(sql);
    outer.bind(1, 2);
    while (outer.step()) {
        auto inner = db.prepare(sql);
        inner.bind(1, 1);
        while (inner.step()) {
            pairs.push_back(std::to_string(outer.integer(0)) + std::to_string(inner.integer(0)));
        }
    }
    CHECK(pairs == std::vector<std::string>{"21", "22", "23", "31", "32", "33"});
}

TEST_CASE("db: a statement used again starts afresh") {
    emu::Db db(":memory:");
    db.exec("CREATE TABLE numbers (n INTEGER PRIMARY KEY, name TEXT)");
    db.exec("INSERT INTO numbers VALUES (1, 'one'), (2, NULL), (3, 'three')");
    constexpr std::string_view sql = "SELECT n FROM numbers WHERE name IS ? OR n > 2 ORDER BY n";
    {
        // Left after one row, with a parameter bound.
        auto stmt = db.prepare(sql);
        stmt.bind(1, "one");
        REQUIRE(stmt.step());
        CHECK(stmt.integer(0) == 1);
    }
    // The next borrower runs from the first row, its parameter unbound (NULL).
    auto stmt = db.prepare(sql);
    REQUIRE(stmt.step());
    CHECK(stmt.integer(0) == 2);
    REQUIRE(stmt.step());
    CHECK(stmt.integer(0) == 3);
    CHECK_FALSE(stmt.step());
}

TEST_CASE("db: a failed statement is reported, and its SQL works afterwards") {
    emu::Db db(":memory:");
    db.exec("CREATE TABLE names (name TEXT NOT NULL UNIQUE)");
    constexpr std::string_view sql = "INSERT INTO names VALUES (?)";
    db.run(sql, "one");
    CHECK_THROWS_WITH_AS(db.run(sql, "one"), doctest::Contains("UNIQUE"), std::runtime_error);
    db.run(sql, "two");
    auto count = db.prepare("SELECT count(*) FROM names");
    REQUIRE(count.step());
    CHECK(count.integer(0) == 2);
}

TEST_CASE("db: a transaction rolls back unless committed, with cached statements") {
    emu::Db db(":memory:");
    db.exec("CREATE TABLE names (name TEXT NOT NULL)");
    for (int round = 0; round < 3; ++round) {
        {
            emu::Transaction tx(db);
            db.run("INSERT INTO names VALUES (?)", "kept");
            tx.commit();
        }
        {
            emu::Transaction tx(db);
            db.run("INSERT INTO names VALUES (?)", "undone");
        }
    }
    auto stmt = db.prepare("SELECT group_concat(name) FROM names");
    REQUIRE(stmt.step());
    CHECK(stmt.text(0) == "kept,kept,kept");
}

TEST_CASE("router: a placeholder matches one whole, non-empty segment") {
    emu::Router router;
    router.add("GET", "/iam/namespace/{namespace}/groups/{identifier}", handler);
    const auto& route = router.routes().front();
    CHECK(route.names == std::vector<std::string>{"namespace", "identifier"});

    std::vector<std::string_view> values;
    REQUIRE(route.match("/iam/namespace/SHIP/groups/ops%20team", values));
    CHECK(values == std::vector<std::string_view>{"SHIP", "ops%20team"});

    for (const std::string_view path :
         {"/iam/namespace/SHIP/groups", "/iam/namespace/SHIP/groups/", "/iam/namespace//groups/a",
          "/iam/namespace/SHIP/groups/a/b", "/iam/namespace/SHIP/groups/a/",
          "iam/namespace/S/groups/a", "/iam/namespaces/SHIP/groups/a",
          "/iam/namespace/SHIP/group/a", ""}) {
        CAPTURE(path);
        CHECK_FALSE(route.match(path, values));
    }
}

TEST_CASE("router: literal routes match exactly") {
    emu::Router router;
    router.add("GET", "/tenants", handler);
    const auto& route = router.routes().front();
    std::vector<std::string_view> values;
    CHECK(route.match("/tenants", values));
    CHECK(values.empty());
    CHECK_FALSE(route.match("/tenants/", values));
    CHECK_FALSE(route.match("/tenant", values));
    CHECK_FALSE(route.match("/tenantsx", values));
    CHECK_FALSE(route.match("/", values));
}

TEST_CASE("router: a placeholder inside a segment is a programming error") {
    emu::Router router;
    CHECK_THROWS_AS(router.add("GET", "/files/{name}.json", handler), std::logic_error);
    CHECK_THROWS_AS(router.add("GET", "/files/{name", handler), std::logic_error);
}

namespace {

// The steps of SQLite's plan for sql that read a whole table ("SCAN ...").
std::vector<std::string> table_scans(emu::Db& db, const std::string& sql) {
    std::vector<std::string> scans;
    auto plan = db.prepare("EXPLAIN QUERY PLAN " + sql);
    while (plan.step()) {
        const std::string detail = plan.text(3);
        if (detail.rfind("SCAN", 0) == 0) {
            scans.push_back(detail);
        }
    }
    return scans;
}

} // namespace

TEST_CASE("schema: loading an invitation reads no whole table") {
    // Each invitation created or listed is loaded with the invitation that
    // replaced it: without an index that was a scan of every invitation, and
    // importing 10,000 vendors slowed down as the table grew.
    emu::Db db(":memory:");
    emu::create_schema(db);
    const std::string sql = std::string(emu::resources::k_invitation_select) + " WHERE id = ?";
    CHECK(table_scans(db, sql) == std::vector<std::string>{});
}

} // namespace test_internals
