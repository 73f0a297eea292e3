#pragma once
// A site's MariaDB database and user (a request with `database: true`):
// their names, derived from the site's Unix user, and the plan action that
// makes them on the web server's MariaDB.  Every statement reaches the
// client on its standard input (ssh::command_script), never on a command
// line; so does the generated password, which is shown to the officer once
// and never stored or logged.
//
// The database carries a COMMENT, "hostingctl REQUEST-ID" (MariaDB 10.5 or
// later): the mark that it was made by hostingctl for this request.  A
// database of that name without the mark, or a MariaDB user of that name
// without the marked database, is someone else's and is never taken over.
#include "inventory/inventory.hpp"
#include "provision/plan.hpp"

#include <string>
#include <string_view>

namespace hostingctl {

// MariaDB's limits on names (characters).
inline constexpr size_t kMaxDatabaseName = 64;
inline constexpr size_t kMaxDatabaseUser = 80;

struct DatabaseNames {
    std::string database, user;
};

// The host of the site's MariaDB account, and what the site connects to:
// "localhost" is the server's Unix socket, both for MariaDB (an account
// 'u'@'localhost' matches socket logins, whatever the name resolution) and
// for PHP's mysqli and PDO (the socket of their default_socket setting,
// /run/mysqld/mysqld.sock on Debian, where Debian's MariaDB listens).
inline constexpr std::string_view kAccountHost = "localhost";

// The database and the MariaDB user of a site whose Unix user is
// `site_user`: that name with '-' written '_'.  Error(invalid) for a name
// with anything but [a-z0-9_], longer than MariaDB takes, or one of
// MariaDB's own (mysql, sys, root, ...).
DatabaseNames database_names(std::string_view site_user);

// Fills in the database, its user and host of `site` (its user is set) on
// server `srv`; Error(refused) when the server has no database.
void plan_database(Site& site, const Server& srv);

// `value` as an SQL string literal (quote '\'') or identifier (quote '`'),
// the quote doubled.  What would mean different things under different
// sql_modes is refused (Error(invalid)), not escaped: a backslash in a
// string, and control characters in either.  No value hostingctl sends has
// them.
std::string sql_quote(std::string_view value, char quote);

// The mark in the COMMENT of the database made for `request`.
std::string database_mark(const std::string& request);

// The action "database NAME" on the web server (see the top of this file).
// `password` is made of letters and digits only (checked).
PlanAction database_action(const Site& site, const Server& srv, const std::string& password);

} // namespace hostingctl
