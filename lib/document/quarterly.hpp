#pragma once
// The quarterly evaluation as the office's document: the report of
// report/quarterly.hpp in the words of documents.language, made from the
// templates quarterly.html and quarterly.md (overridable like the step
// documents), with the letterhead, a summary in words, tables and bar
// charts, and the signature block of the head of division who reviews it.
// The JSON and CSV forms of the report stay in report/.
#include "calendar/calendar.hpp"
#include "document/documents.hpp"
#include "report/quarterly.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace hostingctl::document {

// The values quarterly.html and quarterly.md see (the man page, QUARTERLY
// REPORT): numbers already written the way the language writes them,
// chart bars with their widths in percent, and `empty` for a quarter that
// received no request.
Node quarterly_values(const Store& store, const Calendar& cal, const QuarterlyReport& r);

// The report as HTML or Markdown from its template (`format` pdf is HTML).
std::string render_quarterly(const Store& store, const Calendar& cal, const QuarterlyReport& r,
                             OutFormat format);

// The report as a PDF at `pdf`, through html_to_pdf; the file appears
// whole or not at all.
void quarterly_pdf(const Store& store, const Calendar& cal, const QuarterlyReport& r,
                   const std::filesystem::path& pdf);

// `template check` of quarterly.html and quarterly.md against a sample
// quarter: unknown names and syntax, with file and line.
std::vector<Problem> check_quarterly_templates(const Store& store, const Calendar& cal);

} // namespace hostingctl::document
