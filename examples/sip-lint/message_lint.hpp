// sip-lint: a whole SIP message — diagnostics, the message as JSON, and the
// Digest checks of --password.
#pragma once

#include "digest_check.hpp"
#include "lint.hpp"

#include <sipview/message.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sip_lint {

inline constexpr std::size_t max_headers = 256;

/// A typed header's JSON, or null when it is absent or does not parse.
template <class Result, class ToJson>
json json_or_null(Result const& r, ToJson&& to_json) {
    return r ? json(to_json(*r)) : json(nullptr);
}

inline json message_json(sipview::message const& m) {
    using namespace sipview;
    json out;
    out["kind"] = m.is_request() ? "request" : "response";
    out["method"] = m.is_request() ? json(std::string(m.method())) : json(nullptr);
    out["request_uri"] = m.is_request() ? uri_json(m.request_uri()) : json(nullptr);
    out["version"] = std::string(m.version());
    out["status"] = m.is_response() ? json(m.status_code()) : json(nullptr);
    out["reason"] = m.is_response() ? json(std::string(m.reason())) : json(nullptr);
    json headers = json::array();
    for (header_field const& h : m.headers())
        headers.push_back(json{{"name", std::string(h.name)}, {"value", std::string(h.value)}});
    out["headers"] = headers;
    out["from"] = json_or_null(m.from(), name_addr_json);
    out["to"] = json_or_null(m.to(), name_addr_json);
    json vias = json::array();
    if (auto v = m.vias())
        for (via const& e : *v) vias.push_back(via_json(e));
    out["via"] = vias;
    json contacts = json::array();
    bool star = false;
    if (auto c = m.contacts()) {
        star = c->is_star();
        for (name_addr const& n : *c) contacts.push_back(name_addr_json(n));
    }
    out["contact"] = contacts;
    if (star) out["contact_star"] = true;
    out["cseq"] = json_or_null(m.cseq(), [](cseq const& c) {
        return json{{"number", c.number}, {"method", std::string(c.method)}};
    });
    out["call_id"] = json_or_null(m.call_id(), [](std::string_view v) { return std::string(v); });
    out["max_forwards"] = json_or_null(m.max_forwards(), [](std::uint8_t v) { return unsigned{v}; });
    out["content_length"] = json_or_null(m.content_length(), [](std::uint32_t v) { return v; });
    out["body_length"] = m.body().size();
    auto all_of = [&](header_id id, auto parse, auto to_json) {
        json list = json::array();
        for (header_field const& h : m.all(id))
            if (auto r = m.parse_field(h, parse)) list.push_back(to_json(*r));
        return list;
    };
    out["authorization"] = all_of(header_id::authorization, parse_credentials, credentials_json);
    out["proxy_authorization"] = all_of(header_id::proxy_authorization, parse_credentials, credentials_json);
    out["www_authenticate"] = all_of(header_id::www_authenticate, parse_challenge, challenge_json);
    out["proxy_authenticate"] = all_of(header_id::proxy_authenticate, parse_challenge, challenge_json);
    return out;
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
        digest_check const d = check_digest(h.canonical_name(), *c, password, method, m.body());
        json entry{{"header", d.header},
                   {"algorithm", d.algorithm},
                   {"match", d.match},
                   {"expected", d.expected.empty() ? json(nullptr) : json(d.expected)},
                   {"received", d.received}};
        if (!d.problem.empty()) entry["problem"] = d.problem;
        out.digest_checks.push_back(entry);
        std::string line = d.header + " Digest response " + (d.match ? "matches" : "does NOT match") + " the password";
        if (!d.problem.empty()) line = d.header + " Digest response cannot be checked: " + d.problem;
        out.summary.push_back(line);
        if (!d.expected.empty() && !d.match)
            out.summary.push_back("  expected " + d.expected + ", received " + d.received);
        for (std::string const& e : d.explanation) out.summary.push_back("  " + e);
    }
}

inline lint_result lint_message(std::string_view text, std::optional<std::string> const& password) {
    using namespace sipview;
    lint_result out;
    header_field headers[max_headers];
    auto r = parse_message(text, headers);
    if (r) {
        out.valid = true;
        for (parse_error const& w : r->warnings()) out.diagnostics.push_back(make_diagnostic(text, w, "warning"));
        out.value = message_json(*r);
        out.has_value = true;
        out.summary.push_back(describe_message(*r));
        if (password) check_digests(*r, *password, out);
        return out;
    }
    out.diagnostics.push_back(make_diagnostic(text, r.error()));
    // Show as much as was read: the split without the strict checks.
    message_options relaxed;
    relaxed.validate = false;
    if (auto partial = parse_message(text, headers, relaxed)) {
        for (parse_error const& w : partial->warnings()) out.diagnostics.push_back(make_diagnostic(text, w, "warning"));
        out.value = message_json(*partial);
        out.has_value = true;
        if (password) check_digests(*partial, *password, out);
    }
    return out;
}

} // namespace sip_lint
