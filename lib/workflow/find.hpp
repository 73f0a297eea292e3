#pragma once
// Finding requests by what people remember of them: the number as typed
// (any case, without its zeros, or the sequence alone), the domain, or a
// word of the letter, the agency or the contact.
#include "model/model.hpp"
#include "workflow/request_rows.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hostingctl {

// The request number `typed` stands for, among `all`:
// - a number in the office's format, in any letter case and with or
//   without the zeros of its sequence (hst-2026-7 -> HST-2026-0007);
// - the sequence alone (7 or 0007): that number of `year`;
// - a domain, whole or as its label under a parent zone (simpus ->
//   simpus.pekalongankota.go.id).  When several requests had the domain,
//   the one live request holding it (at most one exists); a domain only
//   rejected or cancelled requests had is ambiguous when more than one had it.
// Error(not_found) when nothing matches, with the closest number or domain
// as a hint; Error(invalid) when a domain names several requests, listing them.
std::string resolve_request(const RequestList& all, const OfficeConfig& cfg, std::string_view typed,
                            int year);

// The requests whose domain, letter number, subject, agency (code or name),
// or contact (name, phone, e-mail) contain `text`, ignoring letter case; in
// the order of `all`.
std::vector<RequestSummary>
find_requests(const RequestList& all, const std::vector<Agency>& agencies, std::string_view text);

} // namespace hostingctl
