#include "commands/shared/principals.hpp"

#include "techpass/api/naming.hpp"
#include "techpass/error.hpp"

namespace techpass::cli {

using api::groups::MemberSpec;

std::vector<MemberSpec> PrincipalArgs::specs(const std::string& namespace_code) const {
    std::vector<MemberSpec> result;
    for (const auto& text : names) {
        result.push_back(api::groups::parse_member(text, namespace_code));
    }
    for (const auto& id : users) {
        result.push_back({"user", id});
    }
    for (const auto& text : groups) {
        // An id as given; a name (or NAMESPACE:NAME) checked like an argument.
        std::string id = text;
        if (!api::looks_like_id(text)) {
            id = api::groups::parse_member(text, namespace_code).id;
        }
        result.push_back({"group", std::move(id)});
    }
    if (result.empty()) {
        throw Error(ErrorKind::Usage, "no member given",
                    "name a user by email, or a group by name");
    }
    return result;
}

} // namespace techpass::cli
