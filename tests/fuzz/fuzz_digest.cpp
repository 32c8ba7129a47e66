// libFuzzer harness: make_digest_inputs and digest_response (auth.hpp).
//
// Input: four bytes, then the credentials, then password, method and body:
//   byte 0  flags: bit 0 decode_mode::octets (else text), bit 1 a 64-hex
//           hasher (else 32), bits 2-3 qop override (keep, "", "auth",
//           "auth-int"), bit 4 userhash on, bit 5 algorithm "MD5-sess",
//           bits 6-7 the hasher fails on its call 1-3 (0: never);
//   byte 1-3  lengths of password, method and body, taken from the end of
//           the input (body last), each cut to what is there;
//   the rest  the Authorization value, parsed with parse_credentials.
//
// Invariants (every buffer is an exact-size heap allocation, so ASan sees a
// read or write past it):
//   make_digest_inputs, for a sampled set of scratch capacities including
//   0, need - 1, need and need + 1 (need = the scratch a success uses):
//     * a capacity of the credentials' length always suffices (no too_large);
//     * a capacity below need is errc::too_large, never a partial success;
//       a capacity of need or more gives the same inputs as a large one;
//     * a failure fails at every capacity (same code, or too_large);
//       errc::inconsistent at every capacity; offsets inside the input/buffer;
//     * decoded fields lie inside the scratch, the others inside the input.
//   digest_response, for every output capacity 0..digest_buffer_size:
//     * digest_buffer_size always suffices (unless the hasher fails);
//     * the hasher is only ever given room inside the output buffer;
//     * a capacity below need is errc::too_large, a failing hasher too;
//       never a partial success; need or more gives the reference result;
//     * every result string lies inside the output buffer, has the hasher's
//       width, and is the hash of the pieces RFC 7616 names (recomputed).
#include "harness.hpp"

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

using namespace sipview;

namespace {

char const* const entry = "digest";

/// Exact-size heap buffer (a 0-byte one too: any access is an ASan report).
struct heap {
    std::unique_ptr<char[]> p;
    std::size_t n;
    explicit heap(std::size_t size) : p(new char[size]), n(size) {}
    char* data() const { return p.get(); }
    bool holds(std::string_view v) const {
        return v.empty() || (std::less_equal<char const*>()(p.get(), v.data()) &&
                             std::less_equal<char const*>()(v.data() + v.size(), p.get() + n));
    }
};

bool inside(std::string_view outer, std::string_view v) {
    return v.empty() || (std::less_equal<char const*>()(outer.data(), v.data()) &&
                         std::less_equal<char const*>()(v.data() + v.size(), outer.data() + outer.size()));
}

/// A deterministic stand-in for MD5/SHA-256: FNV-1a 64 over the concatenated
/// pieces, one seeded pass per 16 hex digits. Checks that it is given room
/// inside the buffer under test, and fails on call `fail_on` (1-based) when set.
struct fnv_hasher {
    std::size_t width = 32;
    unsigned fail_on = 0;
    char const* lo = nullptr;  // the output buffer under test
    char const* hi = nullptr;
    std::string_view input;
    unsigned calls = 0;

    static std::uint64_t fnv(digest_pieces parts, std::uint64_t seed) noexcept {
        std::uint64_t h = 1469598103934665603ull ^ (seed * 0x9E3779B97F4A7C15ull);
        for (std::string_view p : parts)
            for (char c : p) {
                h ^= static_cast<unsigned char>(c);
                h *= 1099511628211ull;
            }
        return h;
    }
    std::size_t operator()(digest_pieces parts, char* out, std::size_t cap) noexcept {
        ++calls;
        if (lo != nullptr && cap != 0 &&
            (std::less<char const*>()(out, lo) || std::less<char const*>()(hi, out) ||
             cap > static_cast<std::size_t>(hi - out)))
            sipview_fuzz::fail(entry, "the hasher was given room outside the output buffer", input);
        if (calls == fail_on || cap < width) return 0;
        static constexpr char hex[] = "0123456789abcdef";
        for (std::size_t chunk = 0; chunk < width / 16; ++chunk) {
            std::uint64_t h = fnv(parts, chunk);
            for (std::size_t i = 0; i < 16; ++i, h >>= 4) out[chunk * 16 + i] = hex[h & 15];
        }
        return width;
    }
    /// The hash of `parts` as text (for recomputing what digest_response did).
    std::string of(std::initializer_list<std::string_view> parts) const {
        fnv_hasher h{width, 0, nullptr, nullptr, input, 0};
        std::string s(width, '\0');
        if (h(digest_pieces{parts.begin(), parts.size()}, s.data(), s.size()) != width) return {};
        return s;
    }
};

/// Capacities to try for a need of `need` bytes: every one up to 64, the
/// boundaries around need, and an even spread (all of them when few).
std::vector<std::size_t> capacities(std::size_t need, std::size_t limit) {
    std::vector<std::size_t> caps;
    if (limit <= 512) {
        for (std::size_t c = 0; c <= limit; ++c) caps.push_back(c);
        return caps;
    }
    for (std::size_t c = 0; c <= 64; ++c) caps.push_back(c);
    for (std::size_t c = need < 2 ? 0 : need - 2; c <= need + 2 && c <= limit; ++c) caps.push_back(c);
    for (std::size_t k = 1; k <= 32; ++k) caps.push_back(limit * k / 32);
    std::sort(caps.begin(), caps.end());
    caps.erase(std::unique(caps.begin(), caps.end()), caps.end());
    return caps;
}

bool same_inputs(digest_inputs const& a, digest_inputs const& b) {
    return a.username == b.username && a.realm == b.realm && a.password == b.password && a.method == b.method &&
           a.digest_uri == b.digest_uri && a.nonce == b.nonce && a.cnonce == b.cnonce && a.nc == b.nc && a.qop == b.qop &&
           a.algorithm == b.algorithm && a.body == b.body && a.userhash == b.userhash;
}

bool same_result(digest_result const& a, digest_result const& b) {
    return a.ha1_base == b.ha1_base && a.ha1 == b.ha1 && a.body_hash == b.body_hash && a.ha2 == b.ha2 &&
           a.response == b.response && a.userhash == b.userhash && a.session == b.session && a.with_qop == b.with_qop;
}

/// The inputs' views: decoded ones in the scratch, the rest where they came from.
void check_input_views(digest_inputs const& in, heap const& scratch, std::string_view text, std::string_view password,
                       std::string_view method, std::string_view body, std::string_view input) {
    for (std::string_view v : {in.username, in.realm, in.nonce, in.cnonce})
        if (!scratch.holds(v)) sipview_fuzz::fail(entry, "a decoded digest input lies outside the scratch buffer", input);
    for (std::string_view v : {in.digest_uri, in.nc, in.qop, in.algorithm})
        if (!inside(text, v)) sipview_fuzz::fail(entry, "a digest input lies outside the credentials", input);
    if (in.password.data() != password.data() || in.method.data() != method.data() || in.body.data() != body.data() ||
        in.password.size() != password.size() || in.method.size() != method.size() || in.body.size() != body.size())
        sipview_fuzz::fail(entry, "password, method or body is not the caller's", input);
}

/// Scratch bytes a successful make_digest_inputs used (its decoded fields are
/// written one after the other from the start).
std::size_t scratch_used(digest_inputs const& in) {
    return in.username.size() + in.realm.size() + in.nonce.size() + in.cnonce.size();
}

void check_digest_response(digest_inputs const& in, fnv_hasher const& proto, std::string_view input) {
    // reference: digest_buffer_size, exact size
    heap ref_buf(digest_buffer_size);
    fnv_hasher h = proto;
    h.lo = ref_buf.data();
    h.hi = ref_buf.data() + ref_buf.n;
    auto const ref = digest_response(in, h, ref_buf.data(), ref_buf.n);
    bool const hasher_fails = proto.fail_on != 0 && proto.fail_on <= h.calls;
    if (!ref) {
        errc const code = ref.error().code;
        if (code == errc::too_large && !hasher_fails)
            sipview_fuzz::fail(entry, "digest_buffer_size does not suffice", input);
        if (code != errc::too_large && code != errc::inconsistent)
            sipview_fuzz::fail(entry, "digest_response failed with an unexpected code", input);
        if (ref.error().offset > ref_buf.n) sipview_fuzz::fail(entry, "digest_response error offset past the buffer", input);
    } else {
        digest_result const& r = *ref;
        std::size_t need = 0;
        for (std::string_view v : {r.ha1_base, r.ha1, r.body_hash, r.ha2, r.response, r.userhash}) {
            if (!ref_buf.holds(v)) sipview_fuzz::fail(entry, "a digest result lies outside the output buffer", input);
            if (!v.empty() && v.size() != proto.width) sipview_fuzz::fail(entry, "a digest result is not the hasher's width", input);
            if (!v.empty()) need = std::max(need, static_cast<std::size_t>(v.data() + v.size() - ref_buf.data()));
        }
        // recompute RFC 7616 §3.4 with the same hash
        std::string_view const c(":");
        std::string const ha1_base = proto.of({in.username, c, in.realm, c, in.password});
        std::string const ha1 = r.session ? proto.of({ha1_base, c, in.nonce, c, in.cnonce}) : ha1_base;
        bool const auth_int = iequals(in.qop, "auth-int");
        std::string const body_hash = auth_int ? proto.of({in.body}) : std::string();
        std::string const ha2 = auth_int ? proto.of({in.method, c, in.digest_uri, c, body_hash}) : proto.of({in.method, c, in.digest_uri});
        std::string const response = !in.qop.empty() ? proto.of({ha1, c, in.nonce, c, in.nc, c, in.cnonce, c, in.qop, c, ha2})
                                                     : proto.of({ha1, c, in.nonce, c, ha2});
        std::string const userhash = in.userhash ? proto.of({in.username, c, in.realm}) : std::string();
        if (r.ha1_base != ha1_base || r.ha1 != ha1 || r.body_hash != body_hash || r.ha2 != ha2 || r.response != response ||
            r.userhash != userhash || r.session != digest_is_session(in.algorithm) || r.with_qop != !in.qop.empty())
            sipview_fuzz::fail(entry, "digest_response does not compute what RFC 7616 says", input);

        for (std::size_t cap : capacities(need, digest_buffer_size)) {
            heap buf(cap);
            fnv_hasher hc = proto;
            hc.lo = buf.data();
            hc.hi = buf.data() + cap;
            auto const got = digest_response(in, hc, buf.data(), cap);
            if (cap < need) {
                if (got) sipview_fuzz::fail(entry, "digest_response succeeded with less room than it needs", input);
                if (got.error().code != errc::too_large) sipview_fuzz::fail(entry, "a small output buffer is not errc::too_large", input);
                if (got.error().offset > cap) sipview_fuzz::fail(entry, "digest_response error offset past the buffer", input);
                continue;
            }
            if (!got) sipview_fuzz::fail(entry, "digest_response fails with enough room", input);
            for (std::string_view v : {got->ha1_base, got->ha1, got->body_hash, got->ha2, got->response, got->userhash})
                if (!buf.holds(v)) sipview_fuzz::fail(entry, "a digest result lies outside the output buffer", input);
            if (!same_result(*got, r)) sipview_fuzz::fail(entry, "digest_response with enough room differs from the reference", input);
        }
        return;
    }
    // A failure (inconsistent inputs or a failing hasher) fails at every capacity.
    errc const code = ref.error().code;
    for (std::size_t cap : capacities(0, digest_buffer_size)) {
        heap buf(cap);
        fnv_hasher hc = proto;
        hc.lo = buf.data();
        hc.hi = buf.data() + cap;
        auto const got = digest_response(in, hc, buf.data(), cap);
        if (got) sipview_fuzz::fail(entry, "digest_response succeeds at one capacity and fails at another", input);
        if (got.error().code != code && got.error().code != errc::too_large)
            sipview_fuzz::fail(entry, "digest_response fails differently at another capacity", input);
        if (code == errc::inconsistent && got.error().code != errc::inconsistent)
            sipview_fuzz::fail(entry, "inconsistent inputs are not errc::inconsistent at every capacity", input);
        if (got.error().offset > cap) sipview_fuzz::fail(entry, "digest_response error offset past the buffer", input);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size < 4) return 0;
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    std::uint8_t const flags = data[0];
    std::string_view rest = input.substr(4);
    auto const take_tail = [&rest](std::size_t n) {
        n = std::min(n, rest.size());
        std::string_view const t = rest.substr(rest.size() - n);
        rest.remove_suffix(n);
        return t;
    };
    std::string_view const body = take_tail(data[3]);
    std::string_view const method = take_tail(data[2]);
    std::string_view const password = take_tail(data[1]);
    std::string_view const text = rest;

    auto const c = parse_credentials(text);
    if (!c) return 0;
    decode_mode const mode = (flags & 0x01) != 0 ? decode_mode::octets : decode_mode::text;

    // --- make_digest_inputs ---------------------------------------------------
    heap ref_scratch(text.size());  // the credentials' length always suffices
    auto const ref = make_digest_inputs(*c, password, method, body, ref_scratch.data(), ref_scratch.n, mode);
    if (!ref) {
        parse_error const e = ref.error();
        if (e.code == errc::too_large) sipview_fuzz::fail(entry, "the credentials' length is not enough scratch", input);
        if (e.code != errc::inconsistent && e.code != errc::syntax)
            sipview_fuzz::fail(entry, "make_digest_inputs failed with an unexpected code", input);
        if (e.code == errc::syntax && (mode == decode_mode::octets || e.offset >= text.size()))
            sipview_fuzz::fail(entry, "a decode_mode::text error in octets mode, or outside the credentials", input);
        for (std::size_t cap : capacities(0, text.size())) {
            heap s(cap);
            auto const got = make_digest_inputs(*c, password, method, body, s.data(), cap, mode);
            if (got) sipview_fuzz::fail(entry, "make_digest_inputs succeeds at one capacity and fails at another", input);
            errc const g = got.error().code;
            if (g != e.code && g != errc::too_large)
                sipview_fuzz::fail(entry, "make_digest_inputs fails differently at another capacity", input);
            if (e.code == errc::inconsistent && g != errc::inconsistent)
                sipview_fuzz::fail(entry, "missing Digest fields are not errc::inconsistent at every capacity", input);
            if (g == errc::too_large && got.error().offset > cap)
                sipview_fuzz::fail(entry, "a too_large offset past the scratch", input);
            if (g == errc::syntax && (got.error().offset != e.offset))
                sipview_fuzz::fail(entry, "the syntax error moves with the scratch capacity", input);
        }
        return 0;
    }
    check_input_views(*ref, ref_scratch, text, password, method, body, input);
    std::size_t const need = scratch_used(*ref);
    for (std::size_t cap : capacities(need, text.size())) {
        heap s(cap);
        auto const got = make_digest_inputs(*c, password, method, body, s.data(), cap, mode);
        if (cap < need) {
            if (got) sipview_fuzz::fail(entry, "make_digest_inputs succeeded with less scratch than it needs", input);
            if (got.error().code != errc::too_large) sipview_fuzz::fail(entry, "a small scratch is not errc::too_large", input);
            if (got.error().offset > cap) sipview_fuzz::fail(entry, "a too_large offset past the scratch", input);
            continue;
        }
        if (!got) sipview_fuzz::fail(entry, "make_digest_inputs fails with enough scratch", input);
        check_input_views(*got, s, text, password, method, body, input);
        if (!same_inputs(*got, *ref)) sipview_fuzz::fail(entry, "make_digest_inputs with enough scratch differs from the reference", input);
    }
    if (mode == decode_mode::text)
        for (std::string_view v : {ref->username, ref->realm, ref->nonce, ref->cnonce})
            if (!check_text(v)) sipview_fuzz::fail(entry, "decode_mode::text let a non-text value through", input);

    // --- digest_response ------------------------------------------------------
    digest_inputs in = *ref;
    switch ((flags >> 2) & 3) {
    case 1: in.qop = ""; break;
    case 2: in.qop = "auth"; break;
    case 3: in.qop = "auth-int"; break;
    default: break;
    }
    if ((flags & 0x10) != 0) in.userhash = true;
    if ((flags & 0x20) != 0) in.algorithm = "MD5-sess";
    fnv_hasher proto;
    proto.width = (flags & 0x02) != 0 ? 64 : 32;
    proto.fail_on = static_cast<unsigned>(flags >> 6);
    proto.input = input;
    check_digest_response(in, proto, input);
    return 0;
}
