#pragma once
// Complaints about the hosting service (PRODUCT §8; service standard item 6,
// "Pengelolaan Pengaduan").  A complaint arrives by phone, e-mail, the
// website, Twitter, Instagram or in person; the technical officer responds
// until it is solved; what the officer cannot solve is escalated to the
// complaints official (pejabat_pengaduan), who resolves it.
//
// One YAML file per complaint at complaints/<year>/<id>.yaml, ids in the
// store's numbering.complaint_id format (ADU-{year}-{seq:4}).  Like a
// request, a complaint keeps an append-only event log and its status is
// derived from it.  Every write follows the store's rules: all input is
// validated first, checks and the write happen under the store lock, files
// are replaced atomically, and nothing is written when anything is refused.
#include "calendar/calendar.hpp"
#include "people/people.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hostingctl {

// Schema of a complaint file this build reads and writes.
inline constexpr int kComplaintSchema = 1;

// The store directory holding the complaints.
inline constexpr const char* kComplaintDir = "complaints";

// How a complaint reached the office: a name from complaints.channels of
// hostingctl.yaml (OfficeConfig::complaint_channels; by default the six of
// the standard and WhatsApp).  Stored complaints keep their channel even
// when the office later drops it from the list.

// Derived from the events: open -> responded -> escalated -> resolved.
// A response after escalation keeps the complaint escalated: it is then the
// official's to resolve.
enum class ComplaintStatus { none, open, responded, escalated, resolved };
const char* to_string(ComplaintStatus s);
std::optional<ComplaintStatus> parse_complaint_status(std::string_view s);
// The statuses a complaint can have (without none).
const std::vector<ComplaintStatus>& all_complaint_statuses();

enum class ComplaintStep {
    create,   // "new": the complaint is recorded
    respond,  // the complainant is answered (may repeat)
    escalate, // handed to the complaints official (once)
    resolve,  // solved; closes the complaint
    note,     // a remark; the status does not change
};

struct ComplaintStepRule {
    ComplaintStep step;
    const char* name;        // event action and CLI verb
    std::vector<Role> roles; // who may perform it (resolve: see complaint_step_roles)
    const char* task;        // for messages: "respond to a complaint"
};

// The steps, in the order they are shown.
const std::vector<ComplaintStepRule>& complaint_step_rules();
const ComplaintStepRule& complaint_rule(ComplaintStep s);
std::optional<ComplaintStep> parse_complaint_step(std::string_view name);

// Applies a step to a status; nullopt when the transition is not allowed.
std::optional<ComplaintStatus> apply_complaint_step(ComplaintStatus from, ComplaintStep step);

// Steps that may follow a status (without "note").
std::vector<ComplaintStep> allowed_complaint_steps(ComplaintStatus s);

// Who may take `step` when the complaint is `current`.  Resolving belongs
// to the technical officer, and once the complaint is escalated only to the
// complaints official.
std::vector<Role> complaint_step_roles(ComplaintStep step, ComplaintStatus current);

// Derives the status by replaying the log.  An unknown action or an
// impossible order throws Error(damaged) naming the event (1-based).
ComplaintStatus derive_complaint_status(const std::vector<Event>& events);

// Refuses (Error(refused)) a step not allowed from `current`; the message
// names the status, the allowed steps and who may take them.
void check_complaint_transition(const std::string& id, ComplaintStatus current, ComplaintStep step);

// Refuses (Error(refused)) a performer who holds none of `roles` for the
// action `what`, or who is not the Unix user running the command under the
// `self` recording policy.  The same rules as for request steps.
void check_performer_roles(const std::vector<Role>& roles, std::string_view what,
                           const StaffMember& performer, const std::string& unix_user,
                           RecordingPolicy policy);

struct Complaint {
    std::string id; // ADU-2026-0003
    std::string channel = "phone";
    std::string from;    // name of the complainant
    std::string contact; // phone number, e-mail, @handle or free text; may be empty
    std::string request; // related request id; may be empty
    std::string text;    // what the complaint says
    Timestamp received_at;
    std::vector<Event> events; // new, respond, escalate (data: to),
                               // resolve (data: solution), note
};

// Validates a contact for its channel and returns it normalised: phone ->
// validate::phone, email -> validate::email, twitter/instagram -> "@handle"
// ([A-Za-z0-9_.]{1,30}; the '@' may be left out), web/direct -> one line of
// free text.  Empty stays empty.  Error(invalid) otherwise.
std::string validate_contact(std::string_view channel, std::string_view contact);

std::string encode_complaint(const Complaint& c);
// Throws Error(damaged) naming the file and line for anything malformed
// (including a log that does not replay), and for a schema newer than
// kComplaintSchema.
Complaint decode_complaint(const std::filesystem::path& path, const std::string& text,
                           const TimeZone& tz);

// The file of a complaint; Error(not_found) for an id of the wrong shape.
std::filesystem::path complaint_path(const Store& store, std::string_view id);
// Loads one complaint; Error(not_found) or Error(damaged).
Complaint load_complaint(const Store& store, std::string_view id);

struct NewComplaintInput {
    std::string channel; // phone, email, web, twitter, instagram, direct
    std::string from;    // complainant's name
    std::string contact; // validated by channel; optional
    std::string request; // related request id; optional, must exist
    std::string text;
    std::string received_at; // ISO 8601; empty = now
    std::string by;          // staff id; empty = the one mapped to the Unix user
};

// Records a new complaint.  Refuses: bad input (invalid), unknown request or
// staff member (not_found), a recorder without the admin or petugas_teknis
// role, or not the Unix user under the `self` policy (refused).
Complaint create_complaint(const Store& store, const NewComplaintInput& in, const Caller& caller);

struct ComplaintStepInput {
    ComplaintStep step = ComplaintStep::note;
    std::string id;
    std::string by; // staff id; empty = the one mapped to the Unix user
    std::string at; // ISO 8601; empty = now
    // respond: what the complainant was told; escalate: why (optional);
    // note: the remark.  Kept as the event's note.
    std::string text;
    std::string to;       // escalate: staff id of the complaints official
    std::string solution; // resolve
};

// Performs one step and returns the updated complaint.  Refuses: an
// illegal transition, a performer without the role, escalation to someone
// who is not a complaints official, resolving an escalated complaint by
// anyone but the official (refused); unknown ids (not_found); bad input or
// a time in the future or before the previous event (invalid).
Complaint perform_complaint_step(const Store& store, const ComplaintStepInput& in,
                                 const Caller& caller);

// What the reports and `complaint list` need of one complaint.  Times are
// measured in working hours of the store calendar (service hours only).
struct ComplaintSummary {
    std::string id;
    std::string channel = "phone";
    std::string from;
    std::string request; // empty when none
    std::string text;
    ComplaintStatus status = ComplaintStatus::open;
    Timestamp received_at;
    // The first answer to the complainant: the first respond event, or the
    // resolve event when the complaint was resolved without one.
    std::optional<Timestamp> first_response_at;
    std::optional<Timestamp> escalated_at;
    std::optional<Timestamp> resolved_at;
    bool escalated = false;
    std::string escalated_to; // staff id of the official; empty when not escalated
    // Working hours (2 decimals) from receipt to the first response and to
    // resolution; nullopt until that has happened.
    std::optional<double> response_working_hours;
    std::optional<double> resolution_working_hours;
};

ComplaintSummary summarize_complaint(const Complaint& c, const Calendar& cal);

struct ComplaintList {
    std::vector<ComplaintSummary> items; // sorted by received time, then id
    std::vector<std::string> problems;   // damaged files, one message each
};

// Every complaint in the store, or those numbered in `year` (ADU-<year>-…:
// the year of receipt).  Damaged files are skipped and listed in
// `problems`, never rewritten.
ComplaintList list_complaints(const Store& store, const Calendar& cal,
                              std::optional<int> year = std::nullopt);
// The same with the store's calendar.
ComplaintList list_complaints(const Store& store);

} // namespace hostingctl
