// Must NOT compile: frame_result::message() returns a view of the buffer it
// is given, so a temporary std::string buffer would dangle.
#include <sipview/stream.hpp>

#include <string>

std::string received_bytes();

std::string_view framed(sipview::frame_result const& r) {
    return r.message(received_bytes());  // EXPECTED-ERROR: deleted
}
