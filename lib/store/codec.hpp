#pragma once
// Converting store records to and from YAML text.  Decoding validates shape
// and schema and throws Error(damaged) naming the file and line.
#include "model/model.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace hostingctl {

std::string encode_request(const Request& r);
Request decode_request(const std::filesystem::path& path, const std::string& text,
                       const TimeZone& tz);

OfficeConfig decode_config(const std::filesystem::path& path, const std::string& text);

std::string encode_staff(const std::vector<StaffMember>& staff);
std::vector<StaffMember> decode_staff(const std::filesystem::path& path, const std::string& text);

std::string encode_agencies(const std::vector<Agency>& agencies);
std::vector<Agency> decode_agencies(const std::filesystem::path& path, const std::string& text);

} // namespace hostingctl
