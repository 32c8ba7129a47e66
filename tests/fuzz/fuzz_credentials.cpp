// libFuzzer harness: parse_credentials (Authorization, Proxy-Authorization). Invariants: see harness.hpp.
#include "harness.hpp"

using namespace sipview;

namespace {
result<credentials> parse_checked(std::string_view in) {
    auto r = parse_credentials(in);
    if (r) {
        for (auto const& v : {r->username(), r->realm(), r->nonce(), r->uri(), r->response(), r->algorithm(), r->cnonce(),
                              r->opaque(), r->qop(), r->nc(), r->userhash()}) {
            if (!v) continue;
            if (v->quoted != (!v->raw.empty() && v->raw.front() == '"')) sipview_fuzz::fail("credentials", "auth_value.quoted is wrong", in);
            sipview_fuzz::check_decode("credentials", in, v->raw, [&](char* out, std::size_t cap, decode_mode m) {
                return v->decode(out, cap, m);
            });
        }
        (void)r->is_digest();
    }
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    sipview_fuzz::check_value("parse_credentials", std::string_view(reinterpret_cast<char const*>(data), size), parse_checked);
    return 0;
}
