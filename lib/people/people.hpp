#pragma once
// People of the office and what they may do (PRODUCT §2): finding staff and
// agencies, who performs an action, whether they may, and the recording
// policy.  The one check behind workflow steps, complaints and survey entries.
#include "model/model.hpp"

#include <ctime>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl {

// Who runs the command, and its clock.  The command line fills it in (the
// Unix login and the system clock); the library never reads either itself,
// so tests can set both.  The clock is read when a time is needed, not once
// per run: a step recorded after waiting for the store lock is stamped with
// the time it was written, after the step of the writer that went first.
struct Caller {
    std::string login; // Unix user name, recorded as recorded_by
    std::function<int64_t()> clock = [] { return static_cast<int64_t>(::time(nullptr)); };
    int64_t now() const { return clock(); } // seconds since the epoch
};

// Finds a staff member by id, active or not; Error(not_found) with "did you
// mean".
const StaffMember& find_staff(const std::vector<StaffMember>& staff, std::string_view id);
// Finds an agency by code; Error(not_found) with "did you mean".
const Agency& find_agency(const std::vector<Agency>& agencies, std::string_view code);
// The staff member mapped to a login, or nullptr.
const StaffMember* staff_of_login(const std::vector<StaffMember>& staff, std::string_view login);

// The performer: `by` when given, else the staff member mapped to the
// caller's login; Error(not_found) when neither resolves, Error(refused)
// when that person is deactivated.
const StaffMember& resolve_performer(const std::vector<StaffMember>& staff, const std::string& by,
                                     const std::string& login);

// Refuses (Error(refused)) a performer who holds none of `roles` for the
// action `what` ("dispose", "record survey responses"), who is deactivated,
// or who is not the caller's login under the `self` recording policy.
void check_may(const StaffMember& performer, const std::vector<Role>& roles, std::string_view what,
               const std::string& login, RecordingPolicy policy);

// "kepala_dinas or kepala_bidang"
std::string roles_text(const std::vector<Role>& roles);

} // namespace hostingctl
