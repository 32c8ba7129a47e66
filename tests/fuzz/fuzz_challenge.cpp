// libFuzzer harness: parse_challenge (WWW-Authenticate, Proxy-Authenticate). Invariants: see harness.hpp.
#include "harness.hpp"

using namespace sipview;

namespace {
result<challenge> parse_checked(std::string_view in) {
    auto r = parse_challenge(in);
    if (r) {
        for (auto const& v : {r->realm(), r->nonce(), r->opaque(), r->stale(), r->algorithm(), r->domain(), r->charset(),
                              r->userhash(), r->qop()}) {
            if (!v) continue;
            if (v->quoted != (!v->raw.empty() && v->raw.front() == '"')) sipview_fuzz::fail("challenge", "auth_value.quoted is wrong", in);
            sipview_fuzz::check_decode("challenge", in, v->raw, [&](char* out, std::size_t cap, decode_mode m) {
                return v->decode(out, cap, m);
            });
        }
        sipview_fuzz::buffer const b{in.data(), in.data() + in.size()};
        for (std::string_view q : r->qop_options())
            if (q.empty() || !b.in(q)) sipview_fuzz::fail("challenge", "a qop option is empty or outside the input", in);
        (void)r->is_stale();
    }
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const in(reinterpret_cast<char const*>(data), size);
    sipview_fuzz::check_value("parse_challenge", in, parse_checked);
    sipview_fuzz::check_leniency("parse_challenge", in, [](std::string_view t, parse_options const& o) { return parse_challenge(t, o); });
    return 0;
}
