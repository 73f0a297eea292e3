#pragma once
// The records the store holds: office configuration, staff, agencies and
// hosting requests.  Plain values; reading and writing them is lib/store.
#include "util/json.hpp"
#include "util/time.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hostingctl {

// Schema versions this build reads and writes.  A file with a higher number
// is refused (never rewritten) so an older tool cannot damage newer data.
// Files of an older schema are read as they are and written in the current
// one the next time they change.
inline constexpr int kSchemaVersion = 1; // hostingctl.yaml, agencies, calendar, complaints, surveys
inline constexpr int kStaffSchema = 2;   // 2: people are deactivated, never deleted
// 2: record-only events and structured event data; 3: revert, amend and
// attach.  A request file is written with the lowest schema its events
// need, so a store read by an older release stays readable where it can.
inline constexpr int kRequestSchema = 3;

enum class Role { kepala_dinas, kepala_bidang, petugas_teknis, admin, pejabat_pengaduan };
const char* to_string(Role r);
std::optional<Role> parse_role(std::string_view s);
const std::vector<Role>& all_roles();
// Human title of a role, e.g. "Head of Office (Kepala Dinas)".
const char* role_title(Role r);

struct StaffMember {
    std::string id;    // short handle, e.g. "budi"
    std::string name;  // full name with degrees
    std::string nip;   // 18-digit civil servant number (may be empty for contract staff)
    std::string title; // job title
    std::vector<Role> roles;
    std::string unix_user; // login name mapped to this person (may be empty)
    bool active = true;    // a deactivated person cannot act but stays in the records
    bool has(Role r) const;
};

struct Agency {
    std::string code; // e.g. "dinkes"
    std::string name; // e.g. "Dinas Kesehatan"
    std::string head; // head of the agency
    std::string phone;
    std::string email;
    std::string address;
};

enum class RecordingPolicy { proxy, self };

// How documents are made (hostingctl.yaml `documents:`).
struct DocumentsConfig {
    std::string language = "id"; // id or en
    bool generate = true;        // make each step's document when the step is recorded
    std::vector<std::string> pdf_command = {"weasyprint"}; // then the input and output paths
    bool pdf_at_steps = true;                              // also a PDF of each step's document
    std::vector<std::string> divisions = {"Sekretariat", "Bidang Infrastruktur dan Statistik",
                                          "Bidang Aplikasi Informatika",
                                          "Bidang Informasi dan Komunikasi Publik"};
    std::string division = "Bidang Infrastruktur dan Statistik"; // where a disposition goes
    // Number format per document kind: {seq} or {seq:N}, and {year}.
    std::vector<std::pair<std::string, std::string>> numbers = {
        {"disposition", "{seq}/Disp/Diskominfo/{year}"},
        {"hosting", "000.8/{seq}/Hosting/Diskominfo/{year}"},
        {"approval", "000.8/{seq}/Setuju/Diskominfo/{year}"},
        {"access", "000.8/{seq}/BAST/Diskominfo/{year}"},
        {"receipt", "000.8/{seq}/Terima/Diskominfo/{year}"},
    };
    std::string number_format(std::string_view kind) const;
};

struct OfficeConfig {
    std::string
        government; // letterhead line, e.g. "PEMERINTAH KOTA PEKALONGAN" (default from city)
    std::string name = "Dinas Komunikasi dan Informatika";
    std::string short_name = "Diskominfo";
    std::string city;
    std::string address;
    std::string phone;
    std::string email;
    std::string website;
    std::string postal_code;
    std::string logo;                        // image file for the letterhead, relative to the store
    std::vector<std::string> zones;          // parent zones, e.g. pekalongankota.go.id
    std::vector<std::string> reserved_names; // labels never handed out
    RecordingPolicy recording = RecordingPolicy::proxy;
    int lock_timeout_seconds = 10;
    std::string request_id_format = "HST-{year}-{seq:4}";
    std::string complaint_id_format = "ADU-{year}-{seq:4}";
    std::string survey_id_format = "IKM-{year}-{seq:4}";
    std::string time_zone = "Asia/Jakarta";
    // How complaints may arrive (complaints.channels): the six channels of
    // the standard and WhatsApp.  phone, whatsapp and sms take a phone
    // number as the contact, email an address, twitter and instagram a
    // handle; any other channel a free text.
    std::vector<std::string> complaint_channels = {"phone",   "whatsapp",  "email", "web",
                                                   "twitter", "instagram", "direct"};
    std::string language; // of messages: "id", "en", or "" for the user's locale
    DocumentsConfig documents;
};

enum class AppKind { static_site, php, proxy };
const char* to_string(AppKind k);
std::optional<AppKind> parse_app_kind(std::string_view s);

struct Attachment {
    std::string name;  // original file name
    std::string path;  // relative to the store root
    uint64_t size = 0; // bytes
};

struct Letter {
    std::string number;  // e.g. 400.7/123/Dinkes/2026
    Date date;           // date written on the letter
    std::string subject; // perihal
    Timestamp received_at;
    std::vector<Attachment> attachments;
};

struct Contact {
    std::string name;
    std::string phone;
    std::string email;
};

struct HostingSpec {
    std::string domain; // FQDN, lowercase ASCII (punycode for IDN)
    AppKind app = AppKind::static_site;
    std::string php_version; // php only, e.g. "8.2"
    int upstream_port = 0;   // proxy only
    bool database = false;
    int disk_quota_mb = 1024;
};

// Details of an event: a text, a list of values or a map of named values.
// Texts are kept as typed (never reinterpreted as numbers or booleans), so
// a value reads back exactly as it was written.  Lists and maps need
// request schema 2; schema 1 held texts only.
struct Value {
    using List = std::vector<Value>;
    using Map = std::vector<std::pair<std::string, Value>>; // in insertion order

    Value() = default;
    Value(std::string s) : text(std::move(s)) {}
    Value(const char* s) : text(s) {}
    static Value list(List items);
    static Value map(Map entries);

    enum class Kind { text, list, map } kind = Kind::text;
    std::string text; // Kind::text
    List items;       // Kind::list
    Map entries;      // Kind::map

    bool is_text() const { return kind == Kind::text; }
    // The text of entry `key` of a map (empty when absent or not a text).
    std::string get(std::string_view key) const;
    // One line for people: texts as they are, lists "a, b", maps "k=v ...".
    std::string display() const;
    bool operator==(const Value&) const = default;
};

// The JSON form of a value: texts as strings, lists as arrays, maps as
// objects in their order.
Json to_json(const Value& v);

// One entry in a record's append-only log: a workflow step, or for requests
// a record-only action (see model/action.hpp).
struct Event {
    std::string action;      // e.g. "dispose"; for requests a name from model/action.hpp
    Timestamp at;            // when it was performed
    std::string by;          // staff id of the performer
    std::string recorded_by; // Unix user who recorded it
    std::string note;
    Value::Map data; // the action's details
    int line = 0;    // where the event starts in its file (0: not read from a file)
    // The text of a data entry; empty when absent or not a text.
    std::string get(std::string_view key) const;
};

struct Request {
    std::string id;
    std::string agency; // agency code
    Letter letter;
    Contact contact;
    HostingSpec hosting;
    std::vector<Event> events;
};

} // namespace hostingctl
