// sip-lint: sipview ASTs as JSON (nlohmann::ordered_json keeps the documented
// key order). Quoted values are decoded; absent parts are null.
#pragma once

#include <nlohmann/json.hpp>
#include <sipview/tel.hpp>

#include <sipview/sipview.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace sip_lint {

using json = nlohmann::ordered_json;

inline json text_or_null(std::optional<std::string_view> v) { return v ? json(std::string(*v)) : json(nullptr); }

/// A parameter value with its quotes removed and quoted-pairs resolved.
inline std::string decoded(std::string_view raw) {
    std::string buf(raw.size(), '\0');
    auto d = sipview::decode_quoted(raw, buf.data(), buf.size());
    return d ? std::string(*d) : std::string(raw);
}

inline json params_json(sipview::param_range const& params, bool decode_values) {
    json out = json::array();
    for (sipview::param const& p : params) {
        json v = nullptr;
        if (p.value) v = decode_values ? decoded(*p.value) : std::string(*p.value);
        out.push_back(json{{"name", std::string(p.name)}, {"value", v}});
    }
    return out;
}

/// A telephone number (tel.hpp): as written, global or local, its digits
/// without visual separators, and its parameters.
inline json tel_fields(json out, sipview::tel_uri const& t) {
    std::string digits(t.number.size(), '\0');
    auto d = t.digits(digits.data(), digits.size());
    out["number"] = std::string(t.number);
    out["global"] = t.global();
    out["digits"] = d ? json(std::string(*d)) : json(nullptr);
    out["phone_context"] = text_or_null(t.phone_context);
    out["isub"] = text_or_null(t.isub);
    out["ext"] = text_or_null(t.ext);
    out["params"] = params_json(t.params(), false);
    out["text"] = std::string(t.text);
    return out;
}

inline json uri_json(sipview::uri const& u) {
    if (u.is_tel()) {
        if (auto t = u.telephone_subscriber()) return tel_fields(json{{"scheme", std::string(u.scheme)}}, *t);
    }
    if (!u.is_sip()) return json{{"scheme", std::string(u.scheme)}, {"text", std::string(u.text)}};
    json port = nullptr;
    if (auto p = u.port()) port = *p;
    // RFC 3261 §19.1.6: with user=phone the user part is a telephone-subscriber
    json phone = nullptr;
    if (auto p = u.param_value("user"); p && sipview::iequals(*p, "phone"))
        if (auto t = u.telephone_subscriber()) phone = tel_fields(json::object(), *t);
    return json{{"scheme", std::string(u.scheme)},
                {"user", text_or_null(u.user)},
                {"password", text_or_null(u.password)},
                {"host", std::string(u.host)},
                {"host_type", std::string(to_string(u.host_kind))},
                {"port", port},
                {"params", params_json(u.params(), false)},
                {"headers", params_json(u.headers(), false)},
                {"telephone_subscriber", phone},
                {"text", std::string(u.text)}};
}

inline json name_addr_json(sipview::name_addr const& n) {
    json display = nullptr;
    if (n.display_name) {
        std::string buf(n.display_name->size(), '\0');
        if (auto d = n.decode_display_name(buf.data(), buf.size())) display = std::string(*d);
    }
    return json{{"display_name", display},
                {"uri", uri_json(n.uri)},
                {"params", params_json(n.params(), false)},
                {"tag", text_or_null(n.tag())}};
}

inline json name_addr_list_json(sipview::name_addr_list const& list) {
    json out = json::array();
    for (sipview::name_addr const& n : list) out.push_back(name_addr_json(n));
    return out;
}

inline json contact_json(sipview::name_addr_list const& list) {
    if (list.is_star()) return json{{"star", true}};
    return json{{"star", false}, {"contacts", name_addr_list_json(list)}};
}

inline json via_json(sipview::via const& v) {
    json port = nullptr;
    if (auto p = v.port()) port = *p;
    return json{{"protocol", std::string(v.protocol_name)},
                {"version", std::string(v.protocol_version)},
                {"transport", std::string(v.transport)},
                {"host", std::string(v.host)},
                {"host_type", std::string(to_string(v.host_kind))},
                {"port", port},
                {"params", params_json(v.params(), false)},
                {"branch", text_or_null(v.branch())},
                {"received", text_or_null(v.received())},
                {"rport", text_or_null(v.rport())}};
}

inline json via_list_json(sipview::via_list const& list) {
    json out = json::array();
    for (sipview::via const& v : list) out.push_back(via_json(v));
    return out;
}

inline json auth_json(std::optional<sipview::auth_value> const& v) {
    return v ? json(decoded(v->raw)) : json(nullptr);
}

inline json credentials_json(sipview::credentials const& c) {
    if (c.is_bearer())  // RFC 8898: one b64token
        return json{{"scheme", std::string(c.scheme)}, {"token", text_or_null(c.bearer_token())}, {"params", json::array()}};
    return json{{"scheme", std::string(c.scheme)},
                {"username", auth_json(c.username())},
                {"realm", auth_json(c.realm())},
                {"nonce", auth_json(c.nonce())},
                {"uri", auth_json(c.uri())},
                {"response", auth_json(c.response())},
                {"algorithm", auth_json(c.algorithm())},
                {"cnonce", auth_json(c.cnonce())},
                {"opaque", auth_json(c.opaque())},
                {"qop", auth_json(c.qop())},
                {"nc", auth_json(c.nc())},
                {"userhash", auth_json(c.userhash())},
                {"params", params_json(c.params(), true)}};
}

inline json challenge_json(sipview::challenge const& c) {
    if (c.is_bearer())  // RFC 8898 bearer-cln: realm, scope, authz_server, error
        return json{{"scheme", std::string(c.scheme)},
                    {"realm", auth_json(c.realm())},
                    {"scope", auth_json(c.scope())},
                    {"authz_server", auth_json(c.authz_server())},
                    {"error", auth_json(c.error())},
                    {"params", params_json(c.params(), true)}};
    json qop = json::array();
    for (auto q : c.qop_options()) qop.push_back(std::string(q));
    return json{{"scheme", std::string(c.scheme)},
                {"realm", auth_json(c.realm())},
                {"nonce", auth_json(c.nonce())},
                {"opaque", auth_json(c.opaque())},
                {"stale", auth_json(c.stale())},
                {"algorithm", auth_json(c.algorithm())},
                {"qop", qop},
                {"domain", auth_json(c.domain())},
                {"params", params_json(c.params(), true)}};
}

// ---------------------------------------------------------------------------
// Any value a header's registry row parses to (headers.hpp), as JSON: the
// ASTs above by their own shapes, numbers as numbers, text as strings, and
// every other AST by its visit_fields() (one key per field), so a header
// added to the registry needs nothing here.

inline json value_json(sipview::uri const& u) { return uri_json(u); }
inline json value_json(sipview::name_addr const& n) { return name_addr_json(n); }
/// A list value: its elements; Contact `*` is "*".
inline json value_json(sipview::name_addr_list const& l) { return l.is_star() ? json("*") : name_addr_list_json(l); }
inline json value_json(sipview::via const& v) { return via_json(v); }
inline json value_json(sipview::via_list const& l) { return via_list_json(l); }
inline json value_json(sipview::credentials const& c) { return credentials_json(c); }
inline json value_json(sipview::challenge const& c) { return challenge_json(c); }
inline json value_json(sipview::cseq const& c) { return json{{"number", c.number}, {"method", std::string(c.method)}}; }
inline json value_json(sipview::media_type const& m) {
    return json{{"type", std::string(m.type)}, {"subtype", std::string(m.subtype)}, {"params", params_json(m.params(), true)}};
}
/// Server, User-Agent (RFC 3261 §20.35, §20.41): a product is {"product",
/// "version"}, a comment {"comment"} (its text between the outer
/// parentheses, as written).
inline json value_json(sipview::product_item const& p) {
    if (p.is_comment()) return json{{"comment", text_or_null(p.comment)}};
    return json{{"product", std::string(p.name)}, {"version", text_or_null(p.version)}};
}
/// Authentication-Info (RFC 3261 §20.6, RFC 7616 §3.5): quoted values decoded.
inline json value_json(sipview::authentication_info const& a) {
    return json{{"nextnonce", auth_json(a.nextnonce())},
                {"qop", auth_json(a.qop())},
                {"rspauth", auth_json(a.rspauth())},
                {"cnonce", auth_json(a.cnonce())},
                {"nc", auth_json(a.nc())},
                {"params", params_json(a.params(), true)}};
}
inline json value_json(std::string_view v) { return std::string(v); }
inline json value_json(std::optional<std::string_view> const& v) { return text_or_null(v); }
inline json value_json(sipview::param_range const& r) { return params_json(r, false); }

// The generic forms, declared first so that each can use the others (a
// field of an AST may be a list of ASTs, an optional number...).
struct fields_json;
template <class T, class = void>
struct has_fields : std::false_type {};
template <class T>
struct has_fields<T, std::void_t<decltype(visit_fields(std::declval<T const&>(), std::declval<fields_json&>()))>> : std::true_type {};
/// A range (begin/end) that is not text: a list value.
template <class T, class = void>
struct is_list : std::false_type {};
template <class T>
struct is_list<T, std::void_t<decltype(std::declval<T const&>().begin()), decltype(std::declval<T const&>().end())>>
    : std::bool_constant<!std::is_convertible_v<T const&, std::string_view> && !has_fields<T>::value> {};

template <class T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
json value_json(T v);
/// An optional value: null when absent.
template <class T>
json value_json(std::optional<T> const& v);
/// Any other AST: one key per field of its visit_fields().
template <class T, std::enable_if_t<has_fields<T>::value, int> = 0>
json value_json(T const& v);
/// A list (option-tags, methods, Reason values...): an array of its elements.
template <class T, std::enable_if_t<is_list<T>::value, int> = 0>
json value_json(T const& v);

/// visit_fields(ast, f) calls f(name, value) for each field: one key each.
struct fields_json {
    json* out;
    template <class V>
    void operator()(char const* name, V const& v) const {
        (*out)[name] = value_json(v);
    }
};

template <class T, std::enable_if_t<std::is_integral_v<T>, int>>
json value_json(T v) {
    if constexpr (std::is_same_v<T, bool>) return v;
    else if constexpr (std::is_signed_v<T>) return static_cast<std::int64_t>(v);
    else return static_cast<std::uint64_t>(v);
}

template <class T>
json value_json(std::optional<T> const& v) {
    return v ? value_json(*v) : json(nullptr);
}

template <class T, std::enable_if_t<has_fields<T>::value, int>>
json value_json(T const& v) {
    // a name-addr with its header's own parameters as fields (Diversion's
    // reason and counter, History-Info's index): the name-addr object, then those
    json out = json::object();
    if constexpr (std::is_base_of_v<sipview::name_addr, T>) out = name_addr_json(v);
    fields_json f{&out};
    visit_fields(v, f);
    return out;
}

template <class T, std::enable_if_t<is_list<T>::value, int>>
json value_json(T const& v) {
    json out = json::array();
    for (auto const& e : v) out.push_back(value_json(e));
    return out;
}

// ---------------------------------------------------------------------------
// A header's value as JSON: its AST's value_json(), except where the header
// says more than its AST. Refer-To (RFC 3515 §2.1) is a name-addr plus
// "replaces": the Replaces header its URI carries (`?Replaces=...`, RFC 3891
// §7) decoded into {call_id, to_tag, from_tag, early_only}, or null when
// there is none (or it does not parse).

template <class H, class V>
json header_value_json(H, V const& v) {
    return value_json(v);
}

inline json embedded_replaces_json(sipview::uri const& u) {
    std::string buf(u.text.size(), '\0');  // decoding only shrinks the text
    auto r = sipview::embedded_replaces(u, buf.data(), buf.size());
    if (!r || !*r) return nullptr;
    sipview::replaces const& rep = **r;
    return json{{"call_id", std::string(rep.call_id)},
                {"to_tag", text_or_null(rep.to_tag())},
                {"from_tag", text_or_null(rep.from_tag())},
                {"early_only", rep.early_only()}};
}

inline json header_value_json(sipview::header::refer_to, sipview::name_addr const& n) {
    json out = name_addr_json(n);
    out["replaces"] = embedded_replaces_json(n.uri);
    return out;
}

} // namespace sip_lint
