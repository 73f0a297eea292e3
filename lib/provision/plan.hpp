#pragma once
// The provisioning plan of a request (PRODUCT §6): an ordered list of
// idempotent actions on the servers of the inventory, each able to check
// whether it is done, to apply, and to undo.  Building a plan touches no
// server; every value that reaches a script, a config file or a zone is
// validated again here, from the request as it is now in its file (a hand
// edit can have put anything there).
#include "inventory/inventory.hpp"
#include "model/model.hpp"
#include "util/time.hpp"
#include "workflow/request_rows.hpp"

#include <any>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hostingctl {

class Store;

struct PlannedFile {
    std::string path;
    std::string content;
    std::optional<std::string> before; // what the file holds now, when it is there
};

enum class Outcome { pending, already, done, failed, undone, skipped };
const char* to_string(Outcome o);
// The same in the user's language, for tables.
const char* outcome_text(Outcome o);

// Where an action goes when the plans of several sites on one server run
// as one batch: every site's actions of a stage before the next stage, so
// the one reload of a server comes after every file it is to take in.
// The SFTP passwords of a server's new site users are set as one, after
// every user is made.
enum class Stage { site, password, php_pool, php_reload, vhost, web_reload, dns, verify };

struct PlanAction {
    std::string name;  // "site user hst-...", "nginx virtual host", ...: in
                       // English, as stored in the event and in --json
    std::string label; // the same for a person, in the user's language
    const std::string& shown_name() const { return label.empty() ? name : label; }
    std::string server; // the inventory server it runs on
    // Scripts for the batches (see ssh/shell.hpp).  check exits 0 when the
    // action is done already, 1 when it is to do; anything else fails.
    std::string check, apply, undo;
    // Called with the check's output (its exit status ignored), to decide
    // from what is there now — true: done already — and to build `apply`
    // and `undo` (the zone file, a file's previous content); may throw.
    std::function<bool(PlanAction&, const std::string& check_out)> prepare;
    // Runs only when an earlier action on the same server was applied in
    // this run (reloads); after an undo on that server it runs again.
    bool only_after_change = false;
    // For such an action: the stages whose change makes it due (a web
    // server's reload follows its virtual hosts, not a password); empty:
    // any change on the server.
    std::vector<Stage> after_stages;
    // Read-only checks run after everything (the site answers, the name
    // resolves): never undone, a failure fails the run.
    bool verify = false;
    Stage stage = Stage::site;
    // Pending actions with the same key in one batch are done as one: the
    // first is given the others (the DNS records of a zone, one serial
    // bump and one reload).  `data` is the action's own state for that.
    std::string merge_key;
    std::function<void(PlanAction& self, const std::vector<PlanAction*>& others)> merge;
    std::any data;
    // Checks that ask once for many sites (one getent for every site user of
    // a server, one stat for every directory, one dig for every name, one
    // curl for every site): the actions of one server with the same
    // `group_key` are asked in one step, whose script is
    // `group_check(members)` (and `check` is not used).  The script prints
    // what the members share, then each member's own part after a line
    // "@@hctl-part J" (J its place in `members`); a member's prepare, or
    // its verdict, gets the shared text, a newline and its own part.  The
    // builder reads what it needs of each member from its `data`.
    std::string group_key;
    std::function<std::string(const std::vector<const PlanAction*>& members)> group_check;
    // A verify action's judgement of its answer: empty when it passed,
    // else what failed.  Without it, a verify action passes on status 0.
    std::function<std::string(const std::string& answer)> verdict;
    std::vector<PlannedFile> files; // what apply writes, for --dry-run
    Outcome outcome = Outcome::pending;
    std::string detail; // why it failed, or what it found
};

// The verdict of a verify action asked in a group whose part is "ok" when
// it passed, else what went wrong.
std::string part_verdict(const std::string& answer);

struct Site {
    std::string request, domain, agency, agency_name;
    AppKind app = AppKind::static_site;
    std::string user, root, web_root, log_dir;
    std::string tmp_dir; // PHP's uploads and sessions, the site's own
    std::string vhost_file, pool_file, php_socket;
    std::string url;
    std::string server; // the web server
    std::string dns_server, zone;
    // The MariaDB database of a request that asks for one (provision/
    // database.hpp): its name, its user and the host the site connects to.
    std::string database, database_user, database_host;
};

struct Plan {
    Site site;
    std::vector<PlanAction> actions;
    // Generated secrets, given to the actions as standard input; shown to
    // the officer once, never stored.
    std::string sftp_password;
    std::string database_password; // of site.database_user
};

// Builds the plan of request `r` on web server `server`.  Error(invalid)
// when a value of the request would reach a server unchecked, Error(
// not_found) for an unknown server, Error(refused) for a server without a
// web server or a domain outside every zone of the inventory, and for a
// request that asks for a database on a server without one.
// `today` (the office's date) dates a zone's new serial.
// `all`, when given, is the store's request list (read once for a batch of
// plans); else it is read here.
Plan build_plan(const Store& store, const Request& r, const Agency& agency, const Inventory& inv,
                const std::string& server, const Date& today, const RequestList* all = nullptr);

} // namespace hostingctl
