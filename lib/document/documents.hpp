#pragma once
// The documents of a request's steps, made from templates/documents/ (or
// the store's templates/documents/ where the office overrides one):
//
//   disposition  at dispose   the head of office's disposition sheet
//   hosting      at submit    the technical data sheet, for approval
//   approval     at approve   the same, approved: number, date and signer
//   access       at deliver   the handover of access rights to the agency
//                             (its passwords when hostingctl made them; the
//                             file is mode 0600)
//   receipt      at complete  the agency's confirmation of receipt
//
// A document gets its number when first made: a per-year sequence of its
// kind, allocated under the store lock from numbers/<year>.yaml and
// recorded as a `document` event in the request's log; it is never reused.
// Made again later (`doc render`), it keeps its number.  Files live in
// documents/<id>/issued/<kind>.{html,md,pdf}.
#include "calendar/calendar.hpp"
#include "document/template.hpp"
#include "model/action.hpp"
#include "people/people.hpp"
#include "store/store.hpp"
#include "util/locale.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hostingctl::document {

enum class Kind { disposition, hosting, approval, access, receipt };

struct KindInfo {
    Kind kind;
    const char* name;
    Action step; // the step that makes it
};
const std::vector<KindInfo>& kinds();
const KindInfo& info(Kind k);
std::optional<Kind> parse_kind(std::string_view s);
// Error(usage) naming the kinds.
Kind kind_or_throw(std::string_view s);
std::optional<Kind> kind_at_step(Action step);

enum class OutFormat { html, md, pdf };
std::optional<OutFormat> parse_format(std::string_view s);
const char* extension(OutFormat f);

// --- templates -----------------------------------------------------------

struct TemplateEntry {
    std::string name;        // e.g. "access.html"
    bool builtin = false;    // hostingctl ships one
    bool overridden = false; // the store has its own
    std::string path;        // the store's file when overridden
};
// Every template: the built-in ones, and the store's own (overrides, and
// partials or labels an office added).
std::vector<TemplateEntry> template_list(const Store& store);
// The text of template `name`: the store's override, else the built-in
// one; Error(not_found) when neither exists.
TemplateText load_template(const Store& store, const std::string& name);
// Copies built-in `name` to the store's templates/documents/ for editing;
// Error(conflict) when the store has one.  Returns the new file's path.
std::filesystem::path export_template(const Store& store, const std::string& name);
// Renders every document template against a sample request, in both
// languages; the problems found (unknown names, syntax, blank values)
// with file and line.
std::vector<Problem> check_templates(const Store& store, const Calendar& cal);

// {{>name}} of a template with extension `ext` ("html", "md"): the
// template _name.<ext>, the store's override first.
PartialSource partials_of(const Store& store, const std::string& ext);

// --- what every document shows -------------------------------------------

// documents.language of hostingctl.yaml; Indonesian when unset.
locale::Lang language(const Store& store);
// The values every document starts from: `lang`, `l` (the words of
// labels.yaml in that language) and `office` (the letterhead).
Node common_values(const Store& store, locale::Lang lang);
// A person who signs: id, name, nip (grouped 8-6-1-3), title, and the
// position in capitals as a signature block prints it; all blank for none.
// A person with no title on record signs as `as` ("Kepala Dinas").
Node signer(const StaffMember* s, const OfficeConfig& cfg, std::string_view as = {});
// What the head of a division signs as without a title on record:
// "Kepala Bidang Infrastruktur dan Statistik" (a division that is no
// "Bidang ...": "Kepala Bidang").
std::string head_of_division(std::string_view division);
// The first active staff member with `role`, or nullptr.
const StaffMember* first_active(const std::vector<StaffMember>& staff, Role role);
// A date in every form the templates print: iso, long, day, words, time,
// date_time, place_date ("Pekalongan, 28 November 2026").
Node date_values(const Timestamp& t, locale::Lang lang, const std::string& city);

// --- numbers -------------------------------------------------------------

struct Number {
    std::string text; // as printed, e.g. 000.8/12/BAST/Diskominfo/2026
    int year = 0;
    int seq = 0;
};
// The next number of `kind` in `year`, written to numbers/<year>.yaml when
// `commit` (else only worked out, to render with before it is taken).
// Caller holds the store lock.
Number allocate_number(const Store& store, Kind kind, int year, bool commit = true);
// The number a request's log holds for `kind`, if any.
std::optional<Number> recorded_number(const Request& r, Kind kind);

// --- making documents ----------------------------------------------------

// The values a template of `kind` sees for request `r` (documented in the
// man page, TEMPLATE VALUES).
Node values_for(const Store& store, const Calendar& cal, const Request& r, Kind kind,
                const std::optional<Number>& number,
                const std::map<std::string, std::string>& passwords = {});

// The passwords provisioning made for a request, kept (mode 0600, in
// documents/<id>/issued/.passwords) until its access document takes them.
void keep_passwords(const Store& store, const std::string& id,
                    const std::map<std::string, std::string>& passwords);

struct MadeFile {
    std::string kind, number, format;
    std::filesystem::path path;
};

// The document of a step, made while the step is recorded: prepare() runs
// under the store lock before the request is written (allocates the number,
// adds the `document` event, renders the HTML, so a template that cannot
// render leaves the step recorded without it, and finish() says what it
// lacks); finish() writes the files once the request is written, and the
// PDF when documents.pdf_at_steps and the PDF program is there.  A step without a document, or
// `documents.generate: false`, does nothing.
class StepDocument {
  public:
    StepDocument(const Store& store, const Calendar& cal, Action step);
    void prepare(Request& r);
    // The files written; warnings (PDF program missing or failing) in
    // `warnings`.
    std::vector<MadeFile> finish(std::vector<std::string>& warnings);

  private:
    const Store& store_;
    const Calendar& cal_;
    std::optional<Kind> kind_;
    std::string id_;
    std::optional<Number> number_;
    std::string html_;
    std::string problem_; // why the document was not made
    bool had_passwords_ = false;
};

struct RenderInput {
    std::string id;
    Kind kind = Kind::disposition;
    OutFormat format = OutFormat::html;
    std::string out; // a path; empty: the request's documents folder; "-": standard output
};

struct RenderResult {
    std::string number;
    bool numbered_now = false; // the number was allocated by this render
    std::optional<std::filesystem::path> path;
    std::string content; // when out is "-" (not for pdf)
};

// `doc render`: the document of a step that has been recorded, numbered
// when it has no number yet.  Error(refused) before its step.
RenderResult render_document(const Store& store, const Calendar& cal, const RenderInput& in,
                             const Caller& caller);

// The documents a request has: numbered kinds and the files there are.
struct Listed {
    std::string kind, number, format, path, made_at;
};
std::vector<Listed> list_documents(const Store& store, const Request& r);

// HTML to PDF with documents.pdf_command (the default, weasyprint, is
// Debian's WeasyPrint loading nothing but data: URLs), written as a new file
// (0600 when `secret`, else 0644) renamed over `pdf`.  Error(failure) with
// what to install when the program is missing, Error(failure) with its
// output when it fails or makes no PDF.
void html_to_pdf(const Store& store, const std::filesystem::path& html,
                 const std::filesystem::path& pdf, bool secret = false);
// The same from HTML text, written to a temp file (0600) beside `pdf`.
void html_text_to_pdf(const Store& store, const std::string& html, const std::filesystem::path& pdf,
                      bool secret = false);

} // namespace hostingctl::document
