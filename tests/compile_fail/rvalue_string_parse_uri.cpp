// Must NOT compile: the URI's views would point into a std::string destroyed
// at the end of the statement. parse_uri takes a borrowed_text, whose
// constructor from a temporary std::string is deleted.
#include <sipview/uri.hpp>

#include <string>

std::string_view host_of_temporary() {
    auto u = sipview::parse_uri(std::string("sip:alice@atlanta.com"));  // EXPECTED-ERROR: deleted
    return u ? u->host : std::string_view();
}
