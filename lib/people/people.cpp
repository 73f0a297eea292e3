#include "people/people.hpp"

#include "util/error.hpp"
#include "util/i18n.hpp"
#include "util/text.hpp"
#include "validate/validate.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace hostingctl {

namespace {

// The name among `items` closest to `wanted`, or "" when none is close.
template <typename T, typename Key>
std::string closest_of(const std::vector<T>& items, std::string_view wanted, Key key) {
    std::vector<std::string> names;
    for (const auto& i : items)
        names.push_back(key(i));
    return text::closest(wanted, names);
}

} // namespace

const StaffMember& find_staff(const std::vector<StaffMember>& staff, std::string_view id) {
    for (const auto& s : staff)
        if (s.id == id)
            return s;
    const std::string c = closest_of(staff, id, [](const StaffMember& s) { return s.id; });
    throw Error(Exit::not_found, trf("no staff member '{}'", text::shown(id)),
                c.empty() ? std::string(tr("see 'hostingctl staff list'"))
                          : trf("did you mean '{}'? see 'hostingctl staff list'", c));
}

const Agency& find_agency(const std::vector<Agency>& agencies, std::string_view code) {
    for (const auto& a : agencies)
        if (a.code == code)
            return a;
    const std::string c = closest_of(agencies, code, [](const Agency& a) { return a.code; });
    throw Error(Exit::not_found, trf("no agency '{}'", text::shown(code)),
                c.empty() ? std::string(tr("see 'hostingctl agency list', or add it with "
                                           "'hostingctl agency add'"))
                          : trf("did you mean '{}'? see 'hostingctl agency list', or add it "
                                "with 'hostingctl agency add'",
                                c));
}

const StaffMember* staff_of_login(const std::vector<StaffMember>& staff, std::string_view login) {
    for (const auto& s : staff)
        if (!s.unix_user.empty() && s.unix_user == login)
            return &s;
    return nullptr;
}

const StaffMember& resolve_performer(const std::vector<StaffMember>& staff, const std::string& by,
                                     const std::string& login) {
    const StaffMember* who = nullptr;
    if (!by.empty())
        who = &find_staff(staff, validate::identifier("--by", by));
    else
        who = staff_of_login(staff, login);
    if (!who)
        throw Error(Exit::not_found, trf("no staff member is mapped to Unix user '{}'", login),
                    tr("pass --by STAFF, or map the login with 'hostingctl staff edit ID "
                       "--unix-user LOGIN'"));
    if (!who->active)
        throw Error(
            Exit::refused, trf("{} ({}) is deactivated and cannot act", who->id, who->name),
            trf("ask an admin to reactivate them with 'hostingctl staff activate {}', or name "
                "someone else with --by",
                who->id));
    return *who;
}

std::string roles_text(const std::vector<Role>& roles) {
    std::vector<std::string> names;
    for (Role r : roles)
        names.emplace_back(to_string(r));
    return text::or_list(names);
}

void check_may(const StaffMember& performer, const std::vector<Role>& roles, std::string_view what,
               const std::string& login, RecordingPolicy policy) {
    if (!performer.active)
        throw Error(Exit::refused,
                    trf("{} ({}) is deactivated and cannot {}", performer.id, performer.name, what),
                    tr("name an active staff member with --by (see 'hostingctl staff list')"));
    if (std::none_of(roles.begin(), roles.end(), [&](Role r) { return performer.has(r); }))
        throw Error(
            Exit::refused,
            trf("{} ({}) may not {}: that needs the role {}", performer.id, performer.name, what,
                roles_text(roles)),
            tr("pass --by with a staff member who holds that role (see 'hostingctl staff list')"));
    if (policy == RecordingPolicy::self && performer.unix_user != login)
        throw Error(Exit::refused,
                    trf("the recording policy is 'self': {} must record this as Unix user "
                        "'{}', but the current user is '{}'",
                        performer.id,
                        performer.unix_user.empty() ? tr("(none mapped)") : performer.unix_user,
                        login),
                    tr("ask that person to run the command, or set policy.recording: proxy in "
                       "hostingctl.yaml"));
}

} // namespace hostingctl
