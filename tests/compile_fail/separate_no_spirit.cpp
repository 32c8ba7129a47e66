// Separate compilation (SIPVIEW_SEPARATE_COMPILATION, detail/config.hpp): a
// TU that includes every public header sees declarations only: no
// Boost.Spirit header, no grammar. Must compile (EXPECT=ok).
#ifndef SIPVIEW_SEPARATE_COMPILATION
#define SIPVIEW_SEPARATE_COMPILATION
#endif
#include <sipview/sipview.hpp>
#include <sipview/fuzz/mutator.hpp>

#include <iterator>
#include <string>

#if defined(BOOST_SPIRIT_X3_PARSER_OCTOBER_16_2008_0254PM) || defined(BOOST_SPIRIT_X3_CONTEXT_JAN_4_2012_1215PM) || \
    defined(SIPVIEW_DETAIL_X3_HPP) || defined(SIPVIEW_DETAIL_DIRECTIVES_HPP)
#error "separate compilation: a user TU included Boost.Spirit X3 or sipview's grammar headers"
#endif
#if SIPVIEW_HAS_GRAMMARS || SIPVIEW_HAS_DEFINITIONS
#error "separate compilation: grammars or definitions visible outside src.hpp"
#endif

// The public API is declared the same: these calls compile (they are not run).
int use(std::string& out) {
    sipview::header_field h[16];
    auto m = sipview::parse_message("OPTIONS sip:a@b SIP/2.0\r\n\r\n", h);
    auto u = sipview::parse_uri("sip:alice@atlanta.com");
    auto v = sipview::parse_via_list("SIP/2.0/UDP h;branch=z9hG4bK1");
    auto r = sipview::parse_reason_list("SIP;cause=200");
    int n = 0;
    if (v)
        for (sipview::via const& e : *v) n += static_cast<int>(e.host.size());
    if (r)
        for (sipview::reason const& e : *r) n += static_cast<int>(e.protocol.size());
    if (u) {
        sipview::format(*u, std::back_inserter(out));
        n += static_cast<int>(sipview::formatted_size(*u));
    }
    return n + (m ? 1 : 0);
}
