#pragma once

// Email addresses: syntax for every request, and which onboarding path a
// domain may take (direct registration or invitation).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace techpass::validate {

// Why text is not a usable email address, or nullopt when it is. A pragmatic
// subset of RFC 5321 (dot-atom local part, LDH domain with at least two
// labels): the portal's directory accepts nothing more exotic.
std::optional<std::string> email_problem(std::string_view text);

// The form the portal stores and compares: trimmed and lower-cased (the
// portal matches email case-insensitively).
std::string normalise_email(std::string_view text);

// An email domain: labels of letters, digits and hyphens, not starting or
// ending with a hyphen, at least two of them, the last one alphabetic (a TLD),
// 253 characters at most.
bool valid_domain(std::string_view domain);

// The domain part of an address (after the last "@"), lower-cased.
std::string email_domain(std::string_view email);

// Government domains that cannot self-register and must be invited instead.
const std::vector<std::string>& excluded_government_domains();

// True when the domain is a personal mail provider's (gmail.com and the like).
bool is_personal_domain(std::string_view domain);

// Why an address cannot be registered directly as a public officer, saying
// which path applies instead, or nullopt when it is eligible. Assumes the
// syntax was checked.
std::optional<std::string> registration_problem(std::string_view email);

} // namespace techpass::validate
