// Must NOT compile: a list parser (parse_via_list) on a temporary std::string.
#include <sipview/via.hpp>

#include <string>

std::string via_header_value();

std::size_t count_vias_of_temporary() {
    auto vias = sipview::parse_via_list(via_header_value());  // EXPECTED-ERROR: deleted
    return vias ? vias->size() : 0;
}
