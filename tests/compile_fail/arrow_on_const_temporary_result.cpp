// Must NOT compile: `->` on a const temporary result (the const&& overload;
// without it a const rvalue would bind to operator->() const&).
#include <sipview/uri.hpp>

sipview::result<sipview::uri> const cached_uri();

std::size_t host_length() {
    std::string_view const& host = cached_uri()->host;  // EXPECTED-ERROR: deleted
    return host.size();
}
