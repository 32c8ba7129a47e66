// A user of sipview: parses a Contact value and prints its URI's host.
#include <sipview/name_addr.hpp>

#include <cstdio>

int main() {
    auto r = sipview::parse_contact_list("<sip:1001@192.0.2.10:49152;transport=TCP>;expires=3600");
    if (!r || r->size() != 1) return 1;
    auto const host = r->front().uri.host;
    std::printf("consumer: host %.*s, expires %u\n", int(host.size()), host.data(), unsigned(r->front().expires().value_or(0)));
    return 0;
}
