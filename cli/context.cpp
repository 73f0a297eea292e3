#include "context.hpp"

#include "calendar/calendar.hpp"
#include "complaint/complaint.hpp"
#include "store/ids.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "workflow/find.hpp"
#include "workflow/request_view.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fmt/format.h>
#include <iostream>
#include <pwd.h>
#include <unistd.h>

namespace hostingctl::cli {

Output::Output(const Globals& g) : g_(g) {}

bool Output::color() const {
    if (g_.no_color || g_.json)
        return false;
    if (terminal_ < 0) { // asked once: a table asks for every row
        const char* nc = std::getenv("NO_COLOR");
        const char* term = std::getenv("TERM");
        terminal_ = !(nc && *nc) && !(term && std::string_view(term) == "dumb") &&
                    ::isatty(STDOUT_FILENO) != 0;
    }
    return terminal_ == 1;
}

void Output::print_json(const Json& j) const {
    std::string s = j.dump(2);
    s += '\n';
    std::fwrite(s.data(), 1, s.size(), stdout);
}

void Output::raw(const std::string& s) const {
    std::fwrite(s.data(), 1, s.size(), stdout);
}

void Output::line(const std::string& s, bool even_quiet) const {
    if (g_.json || (g_.quiet && !even_quiet))
        return;
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fputc('\n', stdout);
}

void Output::verbose(const std::string& s) const {
    if (g_.verbose > 0)
        std::fprintf(stderr, "hostingctl: %s\n", s.c_str());
}

void Output::warn(const std::string& s) const {
    std::fprintf(stderr, "%s\n", trf("hostingctl: warning: {}", s).c_str());
}

void Output::note(const std::string& s) const {
    if (!g_.quiet)
        std::fprintf(stderr, "hostingctl: %s\n", s.c_str());
}

void Output::warn_provisional(const std::set<int>& years) const {
    if (years.empty() || warned_provisional_)
        return;
    warned_provisional_ = true;
    // TRANSLATORS: {} says which years' holiday lists are provisional.
    warn(trf("{}; import the official list with 'hostingctl calendar import-ics' (a list entered "
             "by hand counts once its year is in confirmed_years of calendar.yaml)",
             provisional_text({years.begin(), years.end()})));
}

std::string Output::bold(const std::string& s) const {
    return color() ? "\033[1m" + s + "\033[0m" : s;
}

std::string Output::dim(const std::string& s) const {
    return color() ? "\033[2m" + s + "\033[0m" : s;
}

std::string Output::status(const std::string& st) const {
    if (!color())
        return st;
    const char* code = "36"; // cyan: in progress
    if (st == "completed" || st == "delivered")
        code = "32"; // green
    else if (st == "rejected" || st == "cancelled")
        code = "31"; // red
    else if (st == "incomplete")
        code = "33"; // yellow
    return fmt::format("\033[{}m{}\033[0m", code, st);
}

const char* mark_text(const std::string& m) {
    // TRANSLATORS: marks of an SLA clock, shown in brackets after a due time.
    return m == "late"      ? tr("late")
           : m == "at risk" ? tr("at risk")
           : m == "paused"  ? tr("paused")
                            : m.c_str();
}

std::string Output::mark(const std::string& m) const {
    const char* shown = mark_text(m);
    if (!color())
        return fmt::format("[{}]", shown);
    const char* code = m == "late" ? "1;31" : m == "at risk" ? "33" : "2";
    return fmt::format("\033[{}m[{}]\033[0m", code, shown);
}

namespace {
// Width without ANSI escape sequences, counted in place (tables of
// thousands of rows measure every cell twice).
size_t visible_width(std::string_view s) {
    size_t w = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\033') {
            while (i < s.size() && s[i] != 'm')
                ++i;
            continue;
        }
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            ++w;
    }
    return w;
}
} // namespace

void Output::table(const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows, bool even_quiet) const {
    if (g_.json || (g_.quiet && !even_quiet))
        return;
    std::vector<size_t> width(header.size(), 0);
    for (size_t c = 0; c < header.size(); ++c)
        width[c] = text::display_width(header[c]);
    for (const auto& r : rows)
        for (size_t c = 0; c < r.size() && c < width.size(); ++c)
            width[c] = std::max(width[c], visible_width(r[c]));
    std::string out;
    out.reserve((rows.size() + 1) * 120);
    auto emit = [&](const std::vector<std::string>& r, bool head) {
        for (size_t c = 0; c < r.size(); ++c) {
            out += head ? bold(r[c]) : r[c];
            if (c + 1 < r.size())
                out.append(width[c] - visible_width(r[c]) + 2, ' ');
        }
        while (!out.empty() && out.back() == ' ') // empty last cells: no trailing blanks
            out.pop_back();
        out += '\n';
    };
    emit(header, true);
    for (const auto& r : rows)
        emit(r, false);
    std::fwrite(out.data(), 1, out.size(), stdout);
}

bool Output::confirm(const std::string& question) const {
    if (g_.yes)
        return true;
    if (!::isatty(STDIN_FILENO))
        throw Error(Exit::usage, trf("{}: confirmation needed", question),
                    tr("pass --yes to confirm when running without a terminal"));
    // TRANSLATORS: a yes/no question; the answer is 'y', 'yes' or 'ya'.
    std::fprintf(stderr, "%s ", trf("{} [y/N]", question).c_str());
    std::fflush(stderr);
    std::string answer;
    std::getline(std::cin, answer);
    answer = text::lower(text::trim(answer));
    return answer == "y" || answer == "yes" || answer == "ya";
}

const Store& Context::store() {
    if (!store_) {
        store_ = std::make_unique<Store>(Store::locate(globals.store));
        out.verbose(trf("store {}", store_->root().string()));
    }
    return *store_;
}

std::string event_details(const Event& e) {
    std::vector<std::string> parts;
    for (const auto& [k, v] : e.data) {
        if (e.action == "amend" && v.kind == Value::Kind::map) {
            // letter.number: 400.7/1/2026 → 400.7/12/2026
            auto shown = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
            parts.push_back(
                fmt::format("{}: {} → {}", k, shown(v.get("before")), shown(v.get("after"))));
            continue;
        }
        parts.push_back(k + "=" + v.display());
    }
    if (!e.note.empty())
        parts.push_back("\"" + e.note + "\"");
    std::string s = text::join(parts, " ");
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    return s;
}

void print_event_log(const Output& out, const std::vector<Event>& events,
                     const std::vector<bool>& back) {
    auto taken_back = [&](size_t i) {
        return i < back.size() && back[i] && events[i].action != "revert";
    };
    if (out.json()) {
        Json arr = Json::array();
        for (size_t i = 0; i < events.size(); ++i) {
            Json j = event_json(events[i]);
            if (!back.empty())
                j["taken_back"] = taken_back(i);
            arr.push(j);
        }
        out.print_json(arr);
        return;
    }
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        rows.push_back({e.at.iso(), taken_back(i) ? e.action + " " + tr("(taken back)") : e.action,
                        e.by, e.recorded_by, event_details(e)});
    }
    out.table({tr("AT"), tr("ACTION"), tr("BY"), tr("RECORDED BY"), tr("DETAILS")}, rows);
}

void warn_unreadable(const Output& out, const std::vector<std::string>& problems) {
    for (const auto& p : problems)
        out.warn(p);
}

void fail_if_unreadable(const std::vector<std::string>& problems, std::string_view what,
                        std::string_view also) {
    if (problems.empty())
        return;
    // The kinds of files the callers name, translated here.
    static const char* const kinds[] = {N_("request file(s)"), N_("complaint file(s)"),
                                        N_("survey file(s)"), N_("file(s)")};
    std::string shown_what(what);
    for (const char* k : kinds)
        if (what == k)
            shown_what = tr(k);
    if (std::all_of(problems.begin(), problems.end(),
                    [](const std::string& p) { return fs::access_denied(p); }))
        // TRANSLATORS: {0} is a number, {1} what could not be read, e.g.
        // "request file(s)"; {2} is empty or a further clause starting with ";".
        throw Error(Exit::failure,
                    trf("{} {} could not be read for want of permission; what was shown "
                        "leaves them out{}",
                        problems.size(), shown_what, also),
                    tr("the files may be fine: give this login read access to them (ls -l; a store "
                       "shared by a group is made with 'hostingctl init --group', and its members "
                       "need to be in that group)"));
    // TRANSLATORS: {0} is a number, {1} what could not be read, e.g.
    // "request file(s)"; {2} is empty or a further clause starting with ";".
    throw Error(Exit::damaged,
                trf("{} {} could not be read; what was shown leaves them out{}", problems.size(),
                    shown_what, also),
                tr("the files were left untouched; fix them by hand or restore them from a backup "
                   "('hostingctl store check' lists every problem of the store)"));
}

const Caller& Context::caller() {
    if (!caller_) {
        Caller c;
        if (struct passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name)
            c.login = pw->pw_name;
        else
            c.login = fmt::format("uid{}", ::geteuid());
        caller_ = std::move(c);
    }
    return *caller_;
}

RequestList Context::requests() {
    RequestList list = list_requests(store(), caller().now());
    out.verbose(trf("{} request(s): {} from the index cache, {} file(s) parsed",
                    list.items.size() + list.problems.size(),
                    list.items.size() + list.problems.size() - list.parsed, list.parsed));
    return list;
}

std::string Context::request_id(const std::string& typed) {
    const OfficeConfig& cfg = store().config();
    // A number, in full or short, needs no listing of the store; its file
    // is read as it is (a damaged one is reported as damaged, not missing).
    const int year = now(store().tz()).local_date().year;
    if (auto id = typed_id(cfg.request_id_format, typed, year)) {
        std::error_code ec;
        if (std::filesystem::exists(store().request_path(*id), ec)) {
            if (*id != typed) {
                std::string domain;
                try {
                    domain = store().load_request(*id).hosting.domain;
                } catch (const Error&) {
                    // Damaged: the command that reads it says so.
                }
                out.note(trf("'{}' is request {} ({})", text::shown(typed), *id,
                             domain.empty() ? "?" : domain));
            }
            return *id;
        }
    }
    RequestList all = requests();
    std::string id = resolve_request(all, cfg, typed, year);
    if (id != typed) {
        auto it = std::find_if(all.items.begin(), all.items.end(),
                               [&](const RequestSummary& s) { return s.id == id; });
        out.note(trf("'{}' is request {} ({})", text::shown(typed), id,
                     it == all.items.end() ? std::string() : it->domain));
    }
    return id;
}

std::string Context::complaint_id(const std::string& typed) {
    const std::string& format = store().config().complaint_id_format;
    auto id = typed_id(format, typed, now(store().tz()).local_date().year);
    if (!id || *id == typed)
        return typed;
    // Said only of a complaint that is there; the command names a missing
    // one in full.
    std::error_code ec;
    if (std::filesystem::exists(complaint_path(store(), *id), ec))
        out.note(trf("'{}' is complaint {}", text::shown(typed), *id));
    return *id;
}

} // namespace hostingctl::cli
