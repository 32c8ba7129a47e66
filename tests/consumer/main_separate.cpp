// A user of sipview in separate compilation mode: the same calls as
// main.cpp, from a TU that must see no Boost.Spirit header (the grammars are
// in sipview::compiled, or in the project's own src.cpp).
#include <sipview/sipview.hpp>

#include <cstdio>

#if !defined(SIPVIEW_SEPARATE_COMPILATION)
#error "this consumer builds in separate compilation mode: SIPVIEW_SEPARATE_COMPILATION was not defined"
#endif
#if defined(BOOST_SPIRIT_X3_PARSER_OCTOBER_16_2008_0254PM) || defined(SIPVIEW_DETAIL_X3_HPP)
#error "separate compilation: sipview.hpp included Boost.Spirit X3"
#endif

int main() {
    auto r = sipview::parse_contact_list("<sip:1001@192.0.2.10:49152;transport=TCP>;expires=3600");
    if (!r || r->size() != 1) return 1;
    auto const host = r->front().uri.host;
    sipview::header_field h[8];
    auto m = sipview::parse_message("OPTIONS sip:b@example.com SIP/2.0\r\nCSeq: 7 OPTIONS\r\nContent-Length: 0\r\n\r\n", h);
    if (!m) return 1;
    auto const cseq = m->cseq();
    if (!cseq || cseq->number != 7) return 1;
    std::printf("consumer (separate): host %.*s, expires %u\n", int(host.size()), host.data(),
                unsigned(r->front().expires().value_or(0)));
    return 0;
}
