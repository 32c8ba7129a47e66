// sip-lint --compare A B: "why are these two messages different?" — the
// fields a registrar looks at, side by side, part by part.
#pragma once

#include "lint.hpp"

#include <sipview/message.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sip_lint {

/// One field of one message: its text, or why it is invalid.
struct field_value {
    std::optional<std::string> text;  ///< absent when the message has no such field
    std::string invalid;              ///< the error, when the field does not parse
};

struct compare_row {
    std::string label;
    field_value a, b;
};

namespace compare_detail {

inline field_value text(std::optional<std::string_view> v) {
    field_value f;
    if (v) f.text = std::string(*v);
    return f;
}
inline field_value invalid(sipview::parse_error const& e, std::optional<std::string_view> raw = std::nullopt) {
    field_value f;
    if (raw) f.text = std::string(*raw);
    f.invalid = "invalid at byte " + std::to_string(e.offset) + ": " + std::string(e.message);
    return f;
}

/// The rows of one message, in a fixed order; `labels` are filled on the first call.
class collector {
public:
    explicit collector(std::vector<compare_row>& rows, bool first) : rows_(rows), first_(first) {}
    void add(std::string const& label, field_value v) {
        if (first_) rows_.push_back(compare_row{label, std::move(v), {}});
        else rows_.at(index_).b = std::move(v);
        ++index_;
    }
    void add_uri(std::string const& label, sipview::uri const* u, sipview::parse_error const* e,
                 std::optional<std::string_view> raw = std::nullopt) {
        using compare_detail::text;
        if (e) add(label, invalid(*e, raw));
        else add(label, u ? text(u->text) : field_value{});
        bool const sip = u && u->is_sip();
        add("  user", sip ? text(u->user) : field_value{});
        add("  host", sip ? text(u->host) : field_value{});
        add("  port", sip ? text(u->port_text) : field_value{});
        add("  params", sip && !u->params_text.empty() ? text(u->params_text) : field_value{});
    }

private:
    std::vector<compare_row>& rows_;
    bool first_;
    std::size_t index_ = 0;
};

template <class R>
void add_name_addr(collector& c, std::string const& label, R const& r, std::optional<std::string_view> raw) {
    if (r) {
        c.add_uri(label + " URI", &r->uri, nullptr);
        c.add("  tag", text(r->tag()));
    } else {
        sipview::parse_error const e = r.error();
        bool const missing = e.id == sipview::diag::msg_no_such_header;  // absent, not malformed
        if (missing) c.add_uri(label + " URI", nullptr, nullptr);
        else c.add_uri(label + " URI", nullptr, &e, raw);
        c.add("  tag", {});
    }
}

inline void collect(sipview::message const* m, std::string_view raw_error, collector& c) {
    using namespace sipview;
    if (m == nullptr) {
        field_value f;
        f.invalid = std::string(raw_error);
        c.add("start line", f);
        return;
    }
    c.add("start line", text(m->start_line()));
    if (m->is_request()) c.add_uri("Request-URI", &m->request_uri(), nullptr);
    else c.add_uri("Request-URI", nullptr, nullptr);
    add_name_addr(c, "From", m->from(), m->value(header_id::from));
    add_name_addr(c, "To", m->to(), m->value(header_id::to));
    auto contacts = m->contacts();
    if (contacts && !contacts->empty()) {
        auto const first = contacts->front();
        c.add_uri("Contact URI", &first.uri, nullptr);
        c.add("  expires", text(first.param_value("expires")));
    } else if (!contacts && m->has(header_id::contact)) {
        parse_error const e = contacts.error();
        c.add_uri("Contact URI", nullptr, &e, m->value(header_id::contact));
        c.add("  expires", {});
    } else {
        c.add_uri("Contact URI", nullptr, nullptr);
        c.add("  expires", {});
    }
    if (auto v = m->top_via()) {
        c.add("Via (top)", text(v->text));
        c.add("  transport", text(v->transport));
        c.add("  sent-by", text(v->port_text ? std::string_view(v->host.data(), static_cast<std::size_t>(v->port_text->data() + v->port_text->size() - v->host.data())) : v->host));
        c.add("  rport", text(v->rport()));
    } else {
        c.add("Via (top)", m->has(header_id::via) ? invalid(v.error()) : field_value{});
        c.add("  transport", {});
        c.add("  sent-by", {});
        c.add("  rport", {});
    }
    auto unq = [](std::optional<auth_value> const& a) {
        return a ? std::optional<std::string_view>(a->text()) : std::nullopt;
    };
    if (auto a = m->authorization()) {
        c.add("Digest username", text(unq(a->username())));
        c.add("Digest realm", text(unq(a->realm())));
        c.add("Digest uri", text(unq(a->uri())));
        c.add("Digest algorithm", text(unq(a->algorithm())));
        c.add("Digest qop", text(unq(a->qop())));
    } else {
        field_value const bad = m->has(header_id::authorization) ? invalid(a.error()) : field_value{};
        c.add("Digest username", bad);
        for (char const* l : {"Digest realm", "Digest uri", "Digest algorithm", "Digest qop"}) c.add(l, {});
    }
    if (auto e = m->expires()) c.add("Expires", field_value{std::to_string(*e), {}});
    else c.add("Expires", m->has(header_id::expires) ? invalid(e.error()) : field_value{});
    c.add("User-Agent", text(m->value("User-Agent")));
}

/// A cell as the table shows it: input text through terminal_text().
inline std::string shown(field_value const& f) {
    if (!f.invalid.empty()) return f.text ? "INVALID " + terminal_text(*f.text) : "INVALID";
    if (!f.text) return "-";
    return f.text->empty() ? "(flag)" : terminal_text(*f.text);
}

} // namespace compare_detail

/// The --compare table of messages `a` and `b` (named file_a and file_b).
inline std::string compare_messages(std::string const& file_a, std::string_view a, std::string const& file_b,
                                    std::string_view b) {
    using namespace sipview;
    std::string const name_a = terminal_text(file_a), name_b = terminal_text(file_b);
    using namespace compare_detail;
    header_field ha[256], hb[256];
    message_options relaxed;
    relaxed.validate = false;  // compare what is there, valid or not
    auto ma = parse_message(a, ha, relaxed);
    auto mb = parse_message(b, hb, relaxed);
    std::vector<compare_row> rows;
    {
        collector ca(rows, true);
        collect(ma ? &*ma : nullptr, ma ? "" : ma.error().message, ca);
        collector cb(rows, false);
        if (!ma && mb) {
            // the first message could not be split: give it the rows of the second
            rows.clear();
            collector fill(rows, true);
            collect(&*mb, "", fill);
            for (auto& r : rows) { r.b = r.a; r.a = field_value{}; }
            rows.front().a.invalid = std::string(ma.error().message);
        } else {
            collect(mb ? &*mb : nullptr, mb ? "" : mb.error().message, cb);
        }
    }
    std::size_t w_label = 5, w_a = name_a.size();
    for (auto const& r : rows) {
        w_label = std::max(w_label, r.label.size());
        w_a = std::max(w_a, std::min<std::size_t>(shown(r.a).size(), 60));
    }
    auto pad = [](std::string s, std::size_t w) {
        if (s.size() > w) s = s.substr(0, w - 3) + "...";
        return s + std::string(w - s.size() + 2, ' ');
    };
    std::string out = "  " + pad("field", w_label) + pad(name_a, w_a) + name_b + "\n";
    std::size_t differences = 0, invalid_fields = 0;
    std::vector<std::string> errors;
    for (auto const& r : rows) {
        bool const bad = !r.a.invalid.empty() || !r.b.invalid.empty();
        bool const differ = shown(r.a) != shown(r.b) || r.a.invalid != r.b.invalid;
        char const mark = bad ? '!' : differ ? '*' : ' ';
        differences += differ ? 1 : 0;
        invalid_fields += bad ? 1 : 0;
        out += std::string(1, mark) + " " + pad(r.label, w_label) + pad(shown(r.a), w_a) + shown(r.b) + "\n";
        if (!r.a.invalid.empty()) errors.push_back(name_a + ": " + r.label + ": " + r.a.invalid);
        if (!r.b.invalid.empty()) errors.push_back(name_b + ": " + r.label + ": " + r.b.invalid);
    }
    out += "\n* differs   ! invalid on at least one side\n";
    out += std::to_string(differences) + " fields differ, " + std::to_string(invalid_fields) + " are invalid on a side\n";
    for (auto const& e : errors) out += e + "\n";
    return out;
}

} // namespace sip_lint
