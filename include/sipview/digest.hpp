// sipview — the Digest computation (RFC 2617 §3.2.2, RFC 7616 §3.4, RFC 8760):
// HA1, HA2 and the response from digest_inputs, with the hash function
// supplied by the caller, plus the algorithm facts (digest_is_session,
// digest_hex_length). No parsing and no X3 here: auth.hpp parses credentials
// and challenges, includes this header, and fills digest_inputs from parsed
// credentials (make_digest_inputs).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_DIGEST_HPP
#define SIPVIEW_DIGEST_HPP

#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <type_traits>

#include <sipview/error.hpp>
#include <sipview/text.hpp>

namespace sipview {

// ===========================================================================
// Digest algorithm facts

/// Whether `algorithm` is a session variant ("MD5-sess", "SHA-256-sess", ...).
inline constexpr bool digest_is_session(std::string_view algorithm) noexcept {
    return algorithm.size() >= 5 && iequals(algorithm.substr(algorithm.size() - 5), "-sess");
}

/// Hex digits of a digest for the algorithms of RFC 3261/7616/8760 (an empty
/// algorithm means MD5): 32 for MD5(-sess), 64 for SHA-256(-sess) and
/// SHA-512-256(-sess); 0 for an algorithm this library does not know.
inline constexpr std::size_t digest_hex_length(std::string_view algorithm) noexcept {
    if (digest_is_session(algorithm)) algorithm = algorithm.substr(0, algorithm.size() - 5);
    if (algorithm.empty() || iequals(algorithm, "MD5")) return 32;
    if (iequals(algorithm, "SHA-256") || iequals(algorithm, "SHA-512-256")) return 64;
    return 0;
}

// ===========================================================================
// Digest computation (RFC 2617 §3.2.2, RFC 7616 §3.4), hash supplied by the caller

/// Byte strings to be hashed as their concatenation: what a Hasher receives.
struct digest_pieces {
    std::string_view const* first = nullptr;
    std::size_t count = 0;
    constexpr std::string_view const* begin() const noexcept { return first; }
    constexpr std::string_view const* end() const noexcept { return first + count; }
    constexpr std::size_t size() const noexcept { return count; }
    constexpr std::string_view operator[](std::size_t i) const noexcept { return first[i]; }
};

/// Everything the response depends on. Values are unquoted and decoded
/// (unq(X) in RFC 7616): e.g. the realm company1, not "company1".
struct digest_inputs {
    std::string_view username;    ///< the real user name (also when userhash is used)
    std::string_view realm;
    std::string_view password;
    std::string_view method;      ///< REGISTER, INVITE, ... (the CSeq method)
    std::string_view digest_uri;  ///< the uri auth-param, as sent
    std::string_view nonce;
    std::string_view cnonce;      ///< needed with qop and for -sess
    std::string_view nc;          ///< 8 hex digits, needed with qop
    std::string_view qop;         ///< "", "auth" or "auth-int"
    std::string_view algorithm;   ///< only "-sess" matters here; pick the Hasher for the rest
    std::string_view body;        ///< the message body, for qop=auth-int
    bool userhash = false;        ///< also compute H(username:realm)
};

/// The computed strings, each a view of the caller's buffer (lowercase hex as
/// the hasher wrote it), so a tool can show what went into the response.
struct digest_result {
    std::string_view ha1_base;   ///< H(username:realm:password)
    std::string_view ha1;        ///< = ha1_base, or H(ha1_base:nonce:cnonce) for -sess
    std::string_view body_hash;  ///< H(body) for qop=auth-int, else empty
    std::string_view ha2;        ///< H(method:digest-uri) or H(method:digest-uri:H(body))
    std::string_view response;   ///< H(ha1:nonce:nc:cnonce:qop:ha2), or H(ha1:nonce:ha2) without qop
    std::string_view userhash;   ///< H(username:realm) when requested, else empty
    bool session = false;        ///< the algorithm is a -sess variant
    bool with_qop = false;       ///< qop was used (auth or auth-int)
};

/// Buffer size that holds every digest_result string for 64-hex algorithms.
inline constexpr std::size_t digest_buffer_size = 6 * 64;

/// Computes the Digest response. `hasher` is the hash function for the
/// algorithm (MD5 for "MD5"/"MD5-sess", SHA-256 for "SHA-256", ...), called as
///     std::size_t hasher(sipview::digest_pieces parts, char* out, std::size_t cap)
/// to hash the concatenation of `parts` and write it as lowercase hex into
/// [out, out + cap); it returns the number of characters written, or 0 when
/// it cannot (cap too small). It must not throw. Every result string is
/// written to [out, out + cap); digest_buffer_size always suffices.
/// Errors: errc::inconsistent for a qop other than auth/auth-int, or a
/// missing cnonce/nc; errc::too_large when the buffer or the hasher fails.
template <class Hasher>
inline result<digest_result> digest_response(digest_inputs const& in, Hasher&& hasher, char* out, std::size_t cap) noexcept {
    static_assert(std::is_invocable_r_v<std::size_t, Hasher&, digest_pieces, char*, std::size_t>,
                  "Hasher must be callable as std::size_t(sipview::digest_pieces, char*, std::size_t)");
    digest_result r;
    r.session = digest_is_session(in.algorithm);
    bool const auth_int = iequals(in.qop, "auth-int");
    r.with_qop = !in.qop.empty();
    if (r.with_qop && !auth_int && !iequals(in.qop, "auth"))
        return make_error(diag::auth_unsupported_qop, 0);
    if (r.with_qop && (in.cnonce.empty() || in.nc.empty()))
        return make_error(diag::auth_qop_needs_cnonce, 0);
    if (r.session && in.cnonce.empty())
        return make_error(diag::auth_sess_needs_cnonce, 0);

    std::size_t used = 0;
    bool ok = true;
    auto const hash = [&](std::initializer_list<std::string_view> parts) noexcept -> std::string_view {
        if (!ok) return {};
        std::size_t const n = hasher(digest_pieces{parts.begin(), parts.size()}, out + used, cap - used);
        if (n == 0 || n > cap - used) {
            ok = false;
            return {};
        }
        std::string_view const s(out + used, n);
        used += n;
        return s;
    };
    std::string_view const colon(":");
    r.ha1_base = hash({in.username, colon, in.realm, colon, in.password});
    r.ha1 = r.session ? hash({r.ha1_base, colon, in.nonce, colon, in.cnonce}) : r.ha1_base;
    if (auth_int) {
        r.body_hash = hash({in.body});
        r.ha2 = hash({in.method, colon, in.digest_uri, colon, r.body_hash});
    } else {
        r.ha2 = hash({in.method, colon, in.digest_uri});
    }
    r.response = r.with_qop ? hash({r.ha1, colon, in.nonce, colon, in.nc, colon, in.cnonce, colon, in.qop, colon, r.ha2})
                            : hash({r.ha1, colon, in.nonce, colon, r.ha2});
    if (in.userhash) r.userhash = hash({in.username, colon, in.realm});
    if (!ok) return make_error(diag::auth_hash_failed, used);
    return r;
}

} // namespace sipview

#endif
