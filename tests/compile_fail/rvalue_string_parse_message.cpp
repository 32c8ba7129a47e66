// Must NOT compile: parse_message (the header_field array form) on a
// temporary std::string; the message's views would dangle.
#include <sipview/message.hpp>

#include <string>

std::string read_datagram();

std::string_view method_of_temporary() {
    sipview::header_field headers[16];
    auto m = sipview::parse_message(read_datagram(), headers);  // EXPECTED-ERROR: deleted
    return m ? m->method() : std::string_view();
}
