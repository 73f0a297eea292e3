#include "check/store_check.hpp"

#include "calendar/calendar.hpp"
#include "complaint/complaint.hpp"
#include "store/codec.hpp"
#include "store/documents.hpp"
#include "store/ids.hpp"
#include "store/row_cache.hpp"
#include "store/yaml_io.hpp"
#include "survey/survey.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "workflow/request_rows.hpp"
#include "workflow/service.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <map>
#include <set>
#include <tuple>

namespace hostingctl {

const char* to_string(StoreProblemKind k) {
    switch (k) {
    case StoreProblemKind::damaged:
        return "damaged";
    case StoreProblemKind::unreadable:
        return "unreadable";
    case StoreProblemKind::orphan_documents:
        return "orphan_documents";
    case StoreProblemKind::staged_documents:
        return "staged_documents";
    case StoreProblemKind::duplicate_domain:
        return "duplicate_domain";
    case StoreProblemKind::event_order:
        return "event_order";
    case StoreProblemKind::missing_attachment:
        return "missing_attachment";
    case StoreProblemKind::cache:
        return "cache";
    case StoreProblemKind::temp_file:
        return "temp_file";
    }
    return "?";
}

namespace {

using K = StoreProblemKind;

class Checker {
  public:
    explicit Checker(const Store& store) : store_(store), root_(store.root()) {}

    StoreCheck run() {
        config_files();
        requests();
        complaints();
        surveys();
        documents();
        cache();
        temp_files();
        std::sort(out_.problems.begin(), out_.problems.end(),
                  [](const StoreProblem& a, const StoreProblem& b) {
                      return std::tuple(a.path, a.line.value_or(0), a.kind) <
                             std::tuple(b.path, b.line.value_or(0), b.kind);
                  });
        return std::move(out_);
    }

  private:
    const Store& store_;
    const stdfs::path& root_;
    StoreCheck out_;
    std::set<std::string> request_files_; // ids of every requests/*/<id>.yaml

    std::string rel(const stdfs::path& p) const {
        std::string r = p.lexically_relative(root_).string();
        return r.empty() || r.starts_with("..") ? p.string() : r;
    }

    void add(K kind, const stdfs::path& file, std::string message,
             std::optional<int> line = std::nullopt, bool repairable = false) {
        out_.problems.push_back({kind, rel(file), line, std::move(message), repairable, {}});
    }

    // A loader's message, "<file>[:<line>]: <what>", as a damaged-file
    // problem: the path and line apart, the rest as the loader said it.
    void damaged(const stdfs::path& file, std::string_view message) {
        std::optional<int> line;
        const std::string f = file.string();
        if (message.starts_with(f) && message.size() > f.size() && message[f.size()] == ':') {
            std::string_view rest = message.substr(f.size() + 1);
            size_t digits = 0;
            while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])))
                ++digits;
            if (digits > 0 && digits < 9 && digits < rest.size() && rest[digits] == ':') {
                line = std::stoi(std::string(rest.substr(0, digits)));
                rest.remove_prefix(digits + 1);
                // YAML syntax errors also name the column: <line>:<column>:
                size_t column = 0;
                while (column < rest.size() &&
                       std::isdigit(static_cast<unsigned char>(rest[column])))
                    ++column;
                if (column > 0 && column < rest.size() && rest[column] == ':')
                    rest.remove_prefix(column + 1);
            }
            while (rest.starts_with(' '))
                rest.remove_prefix(1);
            message = rest;
        }
        add(fs::access_denied(message) ? K::unreadable : K::damaged, file, std::string(message),
            line);
    }

    // A problem of Store::scan_records, "<path>: <what>".
    void scan_problem(const std::string& message) {
        size_t colon = message.find(": ", root_.string().size());
        damaged(colon == std::string::npos ? root_ : stdfs::path(message.substr(0, colon)),
                message);
    }

    void config_files() {
        auto load = [&](const char* name, auto&& read) {
            try {
                read();
            } catch (const Error& e) {
                if (e.code() != Exit::not_found)
                    damaged(root_ / name, e.what());
            }
        };
        load("staff.yaml", [&] { store_.staff(); });
        load("agencies.yaml", [&] { store_.agencies(); });
        load("calendar.yaml", [&] { store_calendar(store_); });
        load("servers.yaml", [&] { server_names(store_); });
    }

    // Events dated before the one above them, with the line of each.
    void event_order(const stdfs::path& file, const std::string& text,
                     const std::vector<Event>& events) {
        for (size_t i = 1; i < events.size(); ++i) {
            if (!(events[i].at < events[i - 1].at))
                continue;
            std::optional<int> line;
            try {
                YamlReader rd(file, text);
                const YAML::Node log = rd.root()["events"];
                if (log.IsSequence() && i < log.size() && !log[i].Mark().is_null())
                    line = log[i].Mark().line + 1;
            } catch (const std::exception&) {
                // the line is a courtesy; the problem stands without it
            }
            add(K::event_order, file,
                // TRANSLATORS: the number, action and time of an event, then
                // those of the event above it in the log.
                trf("event {} ({} at {}) is dated before event {} ({} at {}); correct it by "
                    "hand or restore the file",
                    i + 1, events[i].action, events[i].at.iso(), i, events[i - 1].action,
                    events[i - 1].at.iso()),
                line);
        }
    }

    void requests() {
        const OfficeConfig& cfg = store_.config();
        RecordScan scan = store_.scan_records("requests", cfg.request_id_format);
        for (const auto& p : scan.problems)
            scan_problem(p);
        std::error_code ec;
        for (auto y = stdfs::directory_iterator(root_ / "requests", ec);
             !ec && y != stdfs::directory_iterator(); y.increment(ec)) {
            std::error_code ec2;
            for (auto f = stdfs::directory_iterator(y->path(), ec2);
                 !ec2 && f != stdfs::directory_iterator(); f.increment(ec2))
                if (f->path().extension() == ".yaml")
                    request_files_.insert(f->path().stem().string());
        }
        std::map<std::string, std::vector<std::string>> live; // domain -> "id (status)"
        std::map<std::string, stdfs::path> last_file;         // domain -> file of the last id
        for (const auto& id : scan.ids) {
            const stdfs::path file = store_.request_path(id);
            std::string text;
            Request r;
            RequestSummary s;
            try {
                text = fs::read_file(file);
                r = decode_request(file, text, store_.tz());
                check_record_id(file, r.id, id);
            } catch (const Error& e) {
                if (e.code() != Exit::not_found)
                    damaged(file, e.what());
                continue;
            }
            try {
                s = summarize(r, rel(file));
            } catch (const Error& e) {
                damaged(file, trf("damaged: {}", e.what()));
                continue;
            }
            ++out_.requests;
            event_order(file, text, r.events);
            for (const auto& a : r.letter.attachments) {
                std::error_code fec;
                auto size = stdfs::file_size(root_ / a.path, fec);
                if (fec)
                    add(K::missing_attachment, file, trf("attachment {} is missing", a.path));
                else if (size != a.size)
                    add(K::missing_attachment, file,
                        trf("attachment {} is {} bytes, the record says {}", a.path, size, a.size));
            }
            auto st = parse_status(s.status);
            if (st && is_live(*st)) {
                live[s.domain].push_back(fmt::format("{} ({})", id, s.status));
                last_file[s.domain] = file;
            }
        }
        for (const auto& [domain, holders] : live)
            if (holders.size() > 1)
                add(K::duplicate_domain, last_file[domain],
                    trf("{} is held by {} live requests: {}; cancel or reject all but one", domain,
                        holders.size(), text::join(holders, ", ")));
    }

    void complaints() {
        RecordScan scan = store_.scan_records(kComplaintDir, store_.config().complaint_id_format);
        for (const auto& p : scan.problems)
            scan_problem(p);
        for (const auto& id : scan.ids) {
            const stdfs::path file = complaint_path(store_, id);
            try {
                std::string text = fs::read_file(file);
                Complaint c = decode_complaint(file, text, store_.tz());
                check_record_id(file, c.id, id);
                ++out_.complaints;
                event_order(file, text, c.events);
            } catch (const Error& e) {
                if (e.code() != Exit::not_found)
                    damaged(file, e.what());
            }
        }
    }

    void surveys() {
        const std::string& format = store_.config().survey_id_format;
        RecordScan scan = store_.scan_records(kSurveyDir, format);
        for (const auto& p : scan.problems)
            scan_problem(p);
        for (const auto& id : scan.ids) {
            const stdfs::path file = store_.record_path(kSurveyDir, format, id);
            try {
                SurveyResponse s = decode_survey(file, fs::read_file(file), store_.tz());
                check_record_id(file, s.id, id);
                ++out_.surveys;
            } catch (const Error& e) {
                if (e.code() != Exit::not_found)
                    damaged(file, e.what());
            }
        }
    }

    void documents() {
        const std::string& format = store_.config().request_id_format;
        std::error_code ec;
        for (auto it = stdfs::directory_iterator(root_ / kDocumentsDir, ec);
             !ec && it != stdfs::directory_iterator(); it.increment(ec)) {
            const std::string name = it->path().filename().string();
            std::error_code dec;
            // Only folders named like a request are a request's; a file
            // requests/<year>/<id>.yaml, even a damaged or misfiled one,
            // keeps its documents.
            if (name.starts_with(".") || !it->is_directory(dec) || !parse_id(format, name) ||
                request_files_.contains(name))
                continue;
            add(K::orphan_documents, it->path(),
                trf("no request {} holds these documents (left by an interrupted 'request "
                    "new'); --repair moves them to {}/",
                    name, kTrashDir),
                std::nullopt, true);
        }
        for (const auto& p : abandoned_staging(root_))
            add(K::staged_documents, root_ / p,
                trf("attachments of a 'request new' that did not finish (its process is "
                    "gone); no request names them; --repair moves them to {}/",
                    kTrashDir),
                std::nullopt, true);
    }

    // Temp files killed writers left that no write has swept yet (a write
    // sweeps its own folder at once, the whole store every ten minutes, the
    // documents daily).  The .trash/ is left alone: what is there is kept on
    // purpose.
    void temp_files() {
        for (const auto& p : fs::find_stale_temp_files(root_, fs::kStaleTempAge, {kTrashDir}))
            add(K::temp_file, p,
                tr("temporary file of a write that was killed (its process is gone and it is "
                   "older than 10 minutes); --repair deletes it"),
                std::nullopt, true);
    }

    void cache() {
        for (const auto& stale : verify_rows(root_, request_row_source(store_)))
            add(K::cache, root_ / ".cache/requests.idx",
                trf("{}: {}; --repair deletes the cache (listings rebuild it)", stale.rel,
                    stale.message),
                std::nullopt, true);
    }
};

} // namespace

StoreCheck check_store(const Store& store, int64_t) {
    return Checker(store).run();
}

StoreCheck repair_store(const Store& store, int64_t now) {
    auto lock = store.lock();
    StoreCheck c = check_store(store, now);
    const Date today = Timestamp::at(now, store.tz()).local_date();
    std::vector<StoreProblem> remaining;
    bool cache_rebuilt = false;
    for (StoreProblem& p : c.problems) {
        if (!p.repairable) {
            remaining.push_back(std::move(p));
            continue;
        }
        try {
            switch (p.kind) {
            case K::orphan_documents:
            case K::staged_documents:
                p.action = trf("moved to {}", move_to_trash(store.root(), p.path, today).string());
                break;
            case K::cache:
                if (!cache_rebuilt) {
                    std::error_code ec;
                    stdfs::remove(store.root() / p.path, ec);
                    if (ec)
                        throw Error(Exit::failure,
                                    trf("cannot delete {}: {}", p.path, ec.message()));
                    list_requests(store, now);
                    cache_rebuilt = true;
                }
                p.action = tr("deleted the cache and rebuilt it from the files");
                break;
            case K::temp_file: {
                std::error_code ec;
                stdfs::remove(store.root() / p.path, ec);
                if (ec)
                    throw Error(Exit::failure, trf("cannot delete {}: {}", p.path, ec.message()));
                // TRANSLATORS: what the repair did with a temp file.
                p.action = tr("deleted");
                break;
            }
            default:
                remaining.push_back(std::move(p));
                continue;
            }
            c.repaired.push_back(std::move(p));
        } catch (const Error& e) {
            p.message = trf("{} (the repair failed: {})", p.message, e.what());
            remaining.push_back(std::move(p));
        }
    }
    c.problems = std::move(remaining);
    return c;
}

} // namespace hostingctl
