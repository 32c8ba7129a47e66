// sip-lint: a whole SIP message — diagnostics, the message as JSON, and the
// Digest checks of --password.
#pragma once

#include "digest_check.hpp"
#include "lint.hpp"

#include <sipview/message.hpp>
#include <sipview/multipart.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sip_lint {

inline constexpr std::size_t max_headers = 256;

/// The JSON of header H (a registry tag) in message m: a single-valued
/// header's value (null when absent or malformed); a list header's elements
/// over all its lines (empty when one is malformed); a header that repeats
/// one value per line, the values of the lines that parse.
template <class H>
json header_json(sipview::message const& m) {
    using sipview::header_arity;
    if constexpr (H::arity == header_arity::single) {
        auto r = m.get<H>();
        return r ? header_value_json(H{}, *r) : json(nullptr);
    } else if constexpr (H::arity == header_arity::list) {
        json list = json::array();
        if (auto r = m.get<H>())
            for (auto const& e : *r) list.push_back(header_value_json(H{}, e));
        return list;
    } else {
        json list = json::array();
        for (sipview::header_field const& h : m.all(H::id))
            if (auto r = m.parse_field(h, H::parse)) list.push_back(header_value_json(H{}, *r));
        return list;
    }
}

inline json message_json(sipview::message const& m) {
    using namespace sipview;
    json out;
    out["kind"] = m.is_request() ? "request" : "response";
    out["method"] = m.is_request() ? json(std::string(m.method())) : json(nullptr);
    out["request_uri"] = m.is_request() ? uri_json(m.request_uri()) : json(nullptr);
    out["version"] = std::string(m.version());
    out["status"] = m.is_response() ? json(m.status_code()) : json(nullptr);
    // the Reason-Phrase (the key "reason" is the Reason header's, by the registry)
    out["reason_phrase"] = m.is_response() ? json(std::string(m.reason())) : json(nullptr);
    json headers = json::array();
    for (header_field const& h : m.headers())
        headers.push_back(json{{"name", std::string(h.name)}, {"value", std::string(h.value)}});
    out["headers"] = headers;
    // Each header under its registry key (headers.hpp); a list with `*`
    // (Contact) also gets KEY_star. The keys sip-lint wrote before the
    // registry come first, in their documented order, even when absent.
    std::uint64_t written[2] = {0, 0};
    auto put = [&](auto tag) {
        using H = decltype(tag);
        unsigned const idx = static_cast<unsigned>(H::id);
        written[idx / 64] |= std::uint64_t{1} << (idx % 64);
        std::string const key(H::key);
        out[key] = header_json<H>(m);
        if constexpr (H::arity == header_arity::list) {
            if (auto r = m.get<H>(); r && r->is_star()) out[key + "_star"] = true;
        }
    };
    put(header::from{});
    put(header::to{});
    put(header::via{});
    put(header::contact{});
    put(header::cseq{});
    put(header::call_id{});
    put(header::max_forwards{});
    put(header::content_length{});
    out["body_length"] = m.body().size();
    put(header::authorization{});
    put(header::proxy_authorization{});
    put(header::www_authenticate{});
    put(header::proxy_authenticate{});
    // then every other header with a JSON form that the message has, in registry order
    for_each_header([&](auto tag) {
        using H = decltype(tag);
        unsigned const idx = static_cast<unsigned>(H::id);
        if constexpr (H::json) {
            if (!(written[idx / 64] & (std::uint64_t{1} << (idx % 64))) && m.has(H::id)) put(tag);
        }
    });
    return out;
}

/// The parts of a multipart body (RFC 5621), into the caller's arrays: the
/// multipart, or why it is not one (nullopt when the body is not multipart).
struct body_parts_storage {
    static constexpr std::size_t max_parts = 16;
    static constexpr std::size_t max_part_headers = 64;
    sipview::body_part parts[max_parts];
    sipview::header_field headers[max_part_headers];
};
inline std::optional<sipview::result<sipview::multipart>> body_parts(sipview::message const& m, body_parts_storage& st) {
    using namespace sipview;
    auto ct = m.content_type();
    if (!ct || !iequals(ct->type, "multipart")) return std::nullopt;
    auto boundary = multipart_boundary(*ct);
    if (!boundary) {
        parse_error e = boundary.error();
        e.offset += m.find(header_id::content_type)->value_offset;
        return result<multipart>(e);
    }
    auto mp = parse_multipart(m.body(), *boundary, st.parts, st.headers);
    if (!mp) {
        parse_error e = mp.error();
        e.offset += m.body_offset();
        return result<multipart>(e);
    }
    return mp;
}

/// `body_parts`: each part's header lines, typed Content-Type and
/// Content-Disposition, and where its body is in the message.
inline json body_parts_json(sipview::message const& m, sipview::multipart const& mp) {
    json parts = json::array();
    for (sipview::body_part const& p : mp) {
        json headers = json::array();
        for (sipview::header_field const& h : p.headers)
            headers.push_back(json{{"name", std::string(h.name)}, {"value", std::string(h.value)}});
        auto ct = p.content_type();
        auto disp = p.disposition();
        parts.push_back(json{{"headers", headers},
                             {"content_type", ct ? value_json(*ct) : json(nullptr)},
                             {"content_disposition", disp && *disp ? value_json(**disp) : json(nullptr)},
                             {"body_offset", m.body_offset() + p.body_offset},
                             {"body_length", p.body.size()}});
    }
    return parts;
}

/// One line saying what the message is.
inline std::string describe_message(sipview::message const& m) {
    std::string s = m.is_request() ? std::string(m.method()) + " request to " + std::string(m.request_uri().text)
                                   : std::to_string(m.status_code()) + " response";
    s += ", " + std::to_string(m.header_count()) + " headers, body " + std::to_string(m.body().size()) + " bytes";
    return s;
}

inline void check_digests(sipview::message const& m, std::string_view password, lint_result& out) {
    using namespace sipview;
    out.digest_checks = json::array();
    // The method a credential is computed for is the request's (RFC 3261 §22.4);
    // for a response it can only be the CSeq method.
    std::string_view method = m.method();
    auto cs = m.cseq();
    if (method.empty() && cs) method = cs->method;
    for (header_field const& h : m.headers()) {
        if (!h.is(header_id::authorization) && !h.is(header_id::proxy_authorization)) continue;
        auto c = m.parse_field(h, parse_credentials);
        if (!c || !c->is_digest()) continue;
        digest_check d = check_digest(h.canonical_name(), *c, password, method, m.body());
        // RFC 3261 §13.2.2.4: the ACK for a 2xx carries the INVITE's
        // credentials (linphone, twinkle), so its response was computed with
        // method INVITE; others (baresip) compute fresh ones with ACK.
        bool const ack = m.is_request() && method == "ACK";
        bool const tried_invite = ack && !d.match && d.problem.empty();
        std::string invite_expected;  // what INVITE gives, when neither matched
        if (tried_invite) {
            digest_check as_invite = check_digest(h.canonical_name(), *c, password, "INVITE", m.body());
            if (as_invite.match) d = std::move(as_invite);
            else invite_expected = as_invite.expected;
        }
        json entry{{"header", d.header},
                   {"algorithm", d.algorithm},
                   {"method", d.method},
                   {"match", d.match},
                   {"expected", d.expected.empty() ? json(nullptr) : json(d.expected)},
                   {"received", d.received}};
        if (ack && d.problem.empty())
            entry["methods_checked"] = tried_invite ? json::array({"ACK", "INVITE"}) : json::array({"ACK"});
        if (!invite_expected.empty()) entry["expected_with_invite"] = invite_expected;
        if (!d.problem.empty()) entry["problem"] = d.problem;
        out.digest_checks.push_back(entry);
        std::string line = d.header + " Digest response " + (d.match ? "matches" : "does NOT match") + " the password";
        if (ack && d.match && d.method == "INVITE")
            line += " with method INVITE: the ACK of a 2xx carries the INVITE's credentials (RFC 3261 §13.2.2.4)";
        else if (ack && d.match)
            line += " with method ACK";
        else if (ack)
            line += " (checked with method ACK and with INVITE)";
        if (!d.problem.empty()) line = d.header + " Digest response cannot be checked: " + d.problem;
        out.summary.push_back(line);
        if (!d.expected.empty() && !d.match)
            out.summary.push_back("  expected " + d.expected + (ack ? " (with ACK)" : "") +
                                  (invite_expected.empty() ? "" : " or " + invite_expected + " (with INVITE)") +
                                  ", received " + d.received);
        for (std::string const& e : d.explanation) out.summary.push_back("  " + e);
    }
}

/// A message, under the leniency flags `lenient` (what they accept is a warning).
inline lint_result lint_message(std::string_view text, std::optional<std::string> const& password,
                                sipview::leniency_set lenient = {}) {
    using namespace sipview;
    lint_result out;
    header_field headers[max_headers];
    message_options strict;
    strict.lenient = lenient;
    auto r = parse_message(text, headers, strict);
    if (r) {
        out.valid = true;
        for (parse_error const& w : r->warnings()) out.diagnostics.push_back(make_diagnostic(text, w, "warning"));
        out.value = message_json(*r);
        out.has_value = true;
        out.summary.push_back(describe_message(*r));
        body_parts_storage st;
        if (auto mp = body_parts(*r, st)) {
            if (*mp) {
                out.value["body_parts"] = body_parts_json(*r, **mp);
                for (body_part const& p : **mp) {
                    auto ct = p.content_type();
                    out.summary.push_back("  body part: " + (ct ? std::string(ct->type) + "/" + std::string(ct->subtype) : std::string("(malformed Content-Type)")) +
                                          ", " + std::to_string(p.body.size()) + " bytes at offset " + std::to_string(r->body_offset() + p.body_offset));
                }
            } else {
                out.diagnostics.push_back(make_diagnostic(text, mp->error(), "warning"));
            }
        }
        if (password) check_digests(*r, *password, out);
        return out;
    }
    out.diagnostics.push_back(make_diagnostic(text, r.error()));
    // Show as much as was read: the split without the strict checks.
    message_options relaxed;
    relaxed.validate = false;
    relaxed.lenient = lenient;
    if (auto partial = parse_message(text, headers, relaxed)) {
        for (parse_error const& w : partial->warnings()) out.diagnostics.push_back(make_diagnostic(text, w, "warning"));
        out.value = message_json(*partial);
        out.has_value = true;
        if (password) check_digests(*partial, *password, out);
    }
    return out;
}

} // namespace sip_lint
