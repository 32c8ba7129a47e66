// Must NOT compile: `->` on a temporary result. `top` would refer into the
// via_list inside a result destroyed at the end of the statement.
#include <sipview/via.hpp>

#include <string_view>

std::string_view top_branch_host(std::string_view value) {
    sipview::via const& top = sipview::parse_via_list(value)->front();  // EXPECTED-ERROR: deleted
    return top.host;
}
