// sip-lint --password: recompute each Digest response with OpenSSL's
// libcrypto as the hasher sipview's digest_response asks for.
#pragma once

#include <openssl/evp.h>

#include <sipview/auth.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sip_lint {

/// The EVP digest for a Digest algorithm name (RFC 7616 §3.3, RFC 8760), or null.
inline EVP_MD const* evp_for(std::string_view algorithm) {
    using sipview::iequals;
    if (algorithm.empty() || iequals(algorithm, "MD5") || iequals(algorithm, "MD5-sess")) return EVP_md5();
    if (iequals(algorithm, "SHA-256") || iequals(algorithm, "SHA-256-sess")) return EVP_sha256();
    if (iequals(algorithm, "SHA-512-256") || iequals(algorithm, "SHA-512-256-sess")) return EVP_sha512_256();
    return nullptr;
}

/// sipview's Hasher: hash the concatenated pieces, write lowercase hex.
struct evp_hasher {
    EVP_MD const* md;
    std::size_t operator()(sipview::digest_pieces parts, char* out, std::size_t cap) const noexcept {
        EVP_MD_CTX* ctx = EVP_MD_CTX_new();
        if (ctx == nullptr) return 0;
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        bool ok = EVP_DigestInit_ex(ctx, md, nullptr) == 1;
        for (std::string_view p : parts) ok = ok && EVP_DigestUpdate(ctx, p.data(), p.size()) == 1;
        ok = ok && EVP_DigestFinal_ex(ctx, digest, &len) == 1;
        EVP_MD_CTX_free(ctx);
        if (!ok || cap < 2 * std::size_t{len}) return 0;
        static constexpr char hex[] = "0123456789abcdef";
        for (unsigned i = 0; i < len; ++i) {
            out[2 * i] = hex[digest[i] >> 4];
            out[2 * i + 1] = hex[digest[i] & 15];
        }
        return 2 * std::size_t{len};
    }
};

struct digest_check {
    std::string header;     ///< Authorization or Proxy-Authorization
    std::string algorithm;  ///< as sent, MD5 when absent
    std::string method;     ///< the method the response was computed with here
    bool match = false;
    std::string expected;   ///< what the password gives (empty when it cannot be computed)
    std::string received;   ///< the response in the header
    std::vector<std::string> explanation;  ///< which inputs went into HA1, HA2 and the response
    std::string problem;    ///< why it could not be computed, or empty
};

inline std::string unq(std::optional<sipview::auth_value> const& v) {
    if (!v) return {};
    std::string buf(v->raw.size(), '\0');
    auto d = v->decode(buf.data(), buf.size());
    return d ? std::string(*d) : std::string(v->text());
}

inline digest_check check_digest(std::string_view header, sipview::credentials const& c, std::string_view password,
                                 std::string_view method, std::string_view body) {
    digest_check out;
    out.header = std::string(header);
    out.algorithm = c.algorithm() ? unq(c.algorithm()) : "MD5";
    out.method = std::string(method);
    out.received = unq(c.response());
    EVP_MD const* md = evp_for(out.algorithm);
    if (md == nullptr) {
        out.problem = "unknown algorithm " + out.algorithm;
        return out;
    }
    std::string scratch(c.text.size() + 1, '\0');
    auto in = sipview::make_digest_inputs(c, password, method, body, scratch.data(), scratch.size());
    if (!in) {
        out.problem = std::string(in.error().message);
        return out;
    }
    char buf[sipview::digest_buffer_size];
    auto r = sipview::digest_response(*in, evp_hasher{md}, buf, sizeof buf);
    if (!r) {
        out.problem = std::string(r.error().message);
        return out;
    }
    out.expected = std::string(r->response);
    out.match = out.received == out.expected;  // digests, not error text
    auto s = [](std::string_view v) { return std::string(v); };
    std::string const h = out.algorithm.empty() ? "MD5" : out.algorithm;
    // Neither HA1 (password-equivalent: it authenticates without the
    // password) nor anything about the password (not even its length).
    out.explanation.push_back("HA1 = " + h + "(username:realm:password) with username \"" + s(in->username) +
                              "\", realm \"" + s(in->realm) + "\"");
    if (r->session) out.explanation.push_back("HA1 (-sess) = " + h + "(HA1:nonce:cnonce)");
    if (!r->body_hash.empty())
        out.explanation.push_back("H(body) = " + s(r->body_hash) + " (" + std::to_string(body.size()) + " bytes)");
    out.explanation.push_back("HA2 = " + h + "(method:uri" + (r->body_hash.empty() ? "" : ":H(body)") + ") = " + h +
                              "(\"" + s(in->method) + ":" + s(in->digest_uri) + (r->body_hash.empty() ? "" : ":H(body)") +
                              "\") = " + s(r->ha2));
    if (r->with_qop)
        out.explanation.push_back("response = " + h + "(HA1:nonce:nc:cnonce:qop:HA2) with nonce " + s(in->nonce) +
                                  ", nc " + s(in->nc) + ", cnonce " + s(in->cnonce) + ", qop " + s(in->qop));
    else
        out.explanation.push_back("response = " + h + "(HA1:nonce:HA2) with nonce " + s(in->nonce));
    if (in->realm.find('@') != std::string_view::npos)
        out.explanation.push_back("the realm \"" + s(in->realm) +
                                  "\" holds '@': a realm is usually the server's domain; check what the phone was configured with");
    if (c.userhash() && unq(c.userhash()) == "true")
        out.explanation.push_back("userhash=true: the username field is H(user:realm), so HA1 used it as sent");
    return out;
}

} // namespace sip_lint
