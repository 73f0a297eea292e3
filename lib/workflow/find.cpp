#include "workflow/find.hpp"

#include "store/ids.hpp"
#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "workflow/workflow.hpp"

#include <algorithm>
#include <cctype>

namespace hostingctl {

namespace {

const RequestSummary* by_id(const RequestList& all, std::string_view id) {
    auto it =
        std::lower_bound(all.items.begin(), all.items.end(), id,
                         [](const RequestSummary& s, std::string_view v) { return s.id < v; });
    return it != all.items.end() && it->id == id ? &*it : nullptr;
}

bool names_domain(const RequestSummary& s, const std::string& word, const OfficeConfig& cfg) {
    if (s.domain == word)
        return true;
    if (word.find('.') != std::string::npos)
        return false;
    return std::any_of(cfg.zones.begin(), cfg.zones.end(),
                       [&](const std::string& z) { return s.domain == word + "." + z; });
}

bool live(const RequestSummary& s) {
    auto st = parse_status(s.status);
    return st && is_live(*st);
}

} // namespace

std::string resolve_request(const RequestList& all, const OfficeConfig& cfg, std::string_view typed,
                            int year) {
    const std::string t(text::trim(typed));
    if (by_id(all, t))
        return t;
    if (auto id = typed_id(cfg.request_id_format, t, year); id && by_id(all, *id))
        return *id;
    const std::string word = text::lower(t);
    std::vector<const RequestSummary*> named;
    for (const auto& s : all.items)
        if (names_domain(s, word, cfg))
            named.push_back(&s);
    if (named.size() > 1) {
        std::vector<const RequestSummary*> held;
        std::copy_if(named.begin(), named.end(), std::back_inserter(held),
                     [](const RequestSummary* s) { return live(*s); });
        if (held.size() == 1)
            named = held;
    }
    if (named.size() == 1)
        return named.front()->id;
    if (named.size() > 1) {
        std::vector<std::string> list;
        for (const auto* s : named)
            list.push_back(trf("{} ({})", s->id, s->status));
        throw Error(
            Exit::invalid,
            trf("'{}' names {} requests: {}", text::shown(t), named.size(), text::join(list, ", ")),
            tr("type the request number"));
    }
    std::vector<std::string> candidates;
    for (const auto& s : all.items) {
        candidates.push_back(s.id);
        candidates.push_back(s.domain);
        candidates.push_back(s.domain.substr(0, s.domain.find('.')));
    }
    const std::string c = text::closest(t, candidates);
    throw Error(Exit::not_found, trf("no request '{}'", text::shown(t)),
                c.empty() ? std::string(tr("look for it with 'hostingctl request find TEXT'"))
                          : trf("did you mean '{}'?", c));
}

std::vector<RequestSummary>
find_requests(const RequestList& all, const std::vector<Agency>& agencies, std::string_view text_) {
    const std::string needle = text::lower(text::trim(text_));
    auto has = [&](std::string_view hay) {
        return text::lower(hay).find(needle) != std::string::npos;
    };
    std::vector<RequestSummary> out;
    for (const auto& s : all.items) {
        bool hit = has(s.domain) || has(s.letter_number) || has(s.subject) || has(s.agency) ||
                   has(s.contact);
        if (!hit)
            for (const auto& a : agencies)
                if (a.code == s.agency && has(a.name))
                    hit = true;
        if (hit)
            out.push_back(s);
    }
    return out;
}

} // namespace hostingctl
