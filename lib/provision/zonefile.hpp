#pragma once
// The DNS record of a site: in a zone file (bind-zonefile: the file is
// edited, its SOA serial raised, checked with named-checkzone and the zone
// reloaded, the old file put back when the reload fails), or by RFC 2136
// updates with a TSIG key (nsupdate: a dynamic zone's file must not be
// edited by hand).
#include "inventory/inventory.hpp"
#include "provision/plan.hpp"
#include "util/time.hpp"

#include <optional>
#include <string>

namespace hostingctl {

struct SoaSerial {
    unsigned long value = 0;
    size_t offset = 0, length = 0; // where it is written in the text
};

// The SOA serial of a zone file (comments, parentheses and line breaks
// inside the record allowed); nullopt when there is no SOA record.
std::optional<SoaSerial> find_soa_serial(const std::string& zone_text);

// The next serial in the YYYYMMDDnn convention: today's first (nn = 00)
// when the current one is older, else the current one plus 1.
unsigned long next_serial(unsigned long current, const Date& today);

// The records a zone file holds for `fqdn` (absolute, or relative to
// `zone`): each as its line, comments removed.
std::vector<std::string> records_of(const std::string& zone_text, const std::string& zone,
                                    const std::string& fqdn);

struct DnsName {
    std::string fqdn, ip, request;
};

// The A record of a site.  `today` dates the new serial.  In a batch, the
// pending records of one zone are merged into one change (one serial bump,
// one check, one reload; one nsupdate message).
PlanAction dns_record_action(const Zone& zone, const DnsName& name, const Date& today);
PlanAction dns_verify_action(const Zone& zone, const std::string& fqdn, const std::string& ip);

} // namespace hostingctl
