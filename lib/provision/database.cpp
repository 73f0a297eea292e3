#include "provision/database.hpp"

#include "ssh/shell.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/shell.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace hostingctl {

namespace {

std::string str(std::string_view v) {
    return sql_quote(v, '\'');
}
std::string ident(std::string_view v) {
    return sql_quote(v, '`');
}

// The database as a GRANT names it: there '_' and '%' are wildcards, and
// GRANT ... ON `a_b`.* would also give `aXb`; "\_" is a plain '_'.
std::string grant_pattern(const std::string& db) {
    std::string p;
    for (char c : db) {
        if (c == '_' || c == '%')
            p += '\\';
        p += c;
    }
    return ident(p);
}

// A line "WHAT<TAB>N<TAB>M" of the check's output: {N, M}, or nullopt.
std::optional<std::pair<long, long>> counts(const std::string& out, std::string_view what) {
    for (const auto& line : text::split(out, '\n')) {
        auto f = text::split(std::string(text::trim(line)), '\t');
        if (f.size() != 3 || f[0] != what)
            continue;
        try {
            return std::make_pair(std::stol(f[1]), std::stol(f[2]));
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

} // namespace

DatabaseNames database_names(std::string_view site_user) {
    std::string name(site_user);
    std::replace(name.begin(), name.end(), '-', '_');
    const bool plain = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!plain)
        throw Error(Exit::invalid,
                    trf("the database name '{}' (from the site user '{}') may hold only "
                        "a-z, 0-9 and '_'",
                        text::shown(name), text::shown(site_user)));
    for (const auto& [message, max] :
         {std::pair<const char*, size_t>{
              N_("the database name '{}' has {} characters; MariaDB takes at most {}"),
              kMaxDatabaseName},
          {N_("the MariaDB user name '{}' has {} characters; MariaDB takes at most {}"),
           kMaxDatabaseUser}})
        if (name.size() > max)
            throw Error(Exit::invalid, trf(message, text::shown(name), name.size(), max),
                        tr("give the server a shorter site_user_prefix"));
    // MariaDB's own databases and accounts, and the test databases that old
    // installations open to anonymous users (grants on `test` and `test\_%`).
    static constexpr std::array<std::string_view, 7> reserved = {
        "mysql", "information_schema", "performance_schema", "sys", "root", "public", "test"};
    if (std::find(reserved.begin(), reserved.end(), name) != reserved.end() ||
        name.starts_with("test_"))
        throw Error(Exit::invalid, trf("the database name '{}' is one of MariaDB's own", name),
                    tr("give the server a site_user_prefix"));
    return {name, name};
}

void plan_database(Site& site, const Server& srv) {
    if (!srv.database)
        throw Error(
            Exit::refused,
            trf("{} asks for a database, and server {} has no database", site.request, srv.name),
            fmt::format("hostingctl server edit {} --database mariadb", srv.name));
    const DatabaseNames n = database_names(site.user);
    site.database = n.database;
    site.database_user = n.user;
    site.database_host = std::string(kAccountHost);
}

std::string sql_quote(std::string_view value, char quote) {
    if (quote != '\'' && quote != '`')
        throw Error(Exit::failure, fmt::format("sql_quote: {} is not an SQL quote", quote));
    if (quote == '`' && value.empty())
        throw Error(Exit::invalid, tr("an empty SQL name"));
    std::string out(1, quote);
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || (quote == '\'' && c == '\\'))
            throw Error(Exit::invalid,
                        trf("'{}' cannot be written safely in SQL", text::shown(value)));
        if (c == quote)
            out += quote;
        out += c;
    }
    out += quote;
    return out;
}

std::string database_mark(const std::string& request) {
    return "hostingctl " + request;
}

PlanAction database_action(const Site& site, const Server& srv, const std::string& password) {
    if (!srv.database || site.database.empty())
        throw Error(Exit::failure, "database_action: no database planned");
    // The password travels inside a string literal: letters and digits only.
    if (password.size() < 16 || !std::all_of(password.begin(), password.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }))
        throw Error(Exit::failure, "database_action: the generated password is not alphanumeric");

    CommandLine client = srv.database->client;
    client.insert(client.end(), {"--batch", "--skip-column-names"});
    // One client run, the statements on its standard input.
    auto sql = [&](const std::string& statements) {
        return ssh::command_script(client, statements);
    };
    const std::string db = ident(site.database);
    const std::string account = fmt::format("{}@{}", str(site.database_user), str(kAccountHost));
    const std::string mark = database_mark(site.request);

    PlanAction a;
    a.name = "database " + site.database;
    a.label = trf("database {}", site.database);
    a.server = srv.name;
    // Prints "database<TAB>there<TAB>marked" and "user<TAB>any host<TAB>localhost".
    a.check = fmt::format(
        "if ! {}then exit 2; fi\n",
        sql(fmt::format("SELECT 'database', COUNT(*), COALESCE(MAX(BINARY SCHEMA_COMMENT = {}), 0) "
                        "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = {};\n"
                        "SELECT 'user', COUNT(*), COALESCE(SUM(Host = {}), 0) FROM mysql.user "
                        "WHERE User = {};\n",
                        str(mark), str(site.database), str(kAccountHost),
                        str(site.database_user))));

    const std::string create_db =
        sql(fmt::format("CREATE DATABASE {} CHARACTER SET utf8mb4 COMMENT {};\n", db, str(mark)));
    const std::string create_user =
        sql(fmt::format("CREATE USER {} IDENTIFIED BY {};\n", account, str(password)));
    const std::string grant = sql(fmt::format("GRANT ALL PRIVILEGES ON {}.* TO {};\n",
                                              grant_pattern(site.database), account));
    const std::string drop_user = sql(fmt::format("DROP USER IF EXISTS {};\n", account));
    const std::string drop_db = sql(fmt::format("DROP DATABASE IF EXISTS {};\n", db));

    a.prepare = [=, site_name = site.database, user = site.database_user,
                 server = srv.name](PlanAction& self, const std::string& out) {
        const auto d = counts(out, "database");
        const auto u = counts(out, "user");
        if (!d || !u)
            throw Error(Exit::remote, trf("the database check on {} answered '{}'", server,
                                          text::shown(std::string(text::trim(out)))));
        const bool there = d->first > 0, ours = d->second > 0;
        const long users = u->first, local = u->second;
        if (there && !ours)
            throw Error(Exit::refused,
                        trf("database {} on {} is there already and was not made by "
                            "hostingctl for this request; it is left as it is",
                            site_name, server),
                        trf("see what it is (SHOW CREATE DATABASE {}); drop or rename it "
                            "if nothing uses it, then run again",
                            site_name));
        if (users > 0 && (!there || local == 0))
            throw Error(Exit::refused,
                        trf("MariaDB user {} on {} is there already and was not made by "
                            "hostingctl for this request; it is left as it is",
                            user, server),
                        trf("see what it is (SELECT user, host FROM mysql.user WHERE user = "
                            "'{}'); drop it if nothing uses it, then run again",
                            user));
        if (there && ours && local > 0)
            return true;
        // To do: the user and its grant, and the database unless a run
        // before this one made it.  A step that fails takes back what the
        // steps before it made, since a failed action is not undone.  An
        // error of the client may quote the statement: not this one's.
        const std::string made_db = there ? "" : drop_db;
        self.apply = fmt::format(
            "{0}"
            "if ! __o=$( {{ {1}}} 2>&1 ); then\n"
            "  printf '%s\\n' \"$__o\" |\n"
            "    sed -E \"/ near '/{{s/ near '.*/ (the statement holds the password)/;q;}}\" >&2\n"
            "  {2}  exit 1\nfi\n"
            "if ! {3}then\n  {4}  {2}  exit 1\nfi\n",
            there ? "" : fmt::format("if ! {}then exit 1; fi\n", create_db), create_user, made_db,
            grant, drop_user);
        self.undo = drop_user + made_db;
        return false;
    };
    return a;
}

} // namespace hostingctl
