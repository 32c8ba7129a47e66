// sip-lint: what one input yields — validity, diagnostics, and the parsed
// value as JSON.
#pragma once

#include "diagnostics.hpp"
#include "to_json.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sip_lint {

struct lint_result {
    bool valid = false;
    std::vector<diagnostic> diagnostics;  ///< errors first; the first error is where parsing stopped
    json value;                           ///< the parsed value or message, or null
    bool has_value = false;
    json digest_checks;                   ///< with --password: one entry per Digest credential header
    std::vector<std::string> summary;     ///< human output: what was parsed / checked, one line each
};

/// Makes every string of `j` (values and keys) valid UTF-8 with
/// utf8_replaced(): the one place input text passes through on its way into
/// the JSON output. True when it replaced a byte.
inline bool make_json_utf8(json& j) {
    if (j.is_string()) return utf8_replaced(j.get_ref<std::string&>());
    bool changed = false;
    if (j.is_array()) {
        for (json& e : j) changed = make_json_utf8(e) || changed;
    } else if (j.is_object()) {
        bool bad_key = false;
        for (auto it = j.begin(); it != j.end(); ++it) {
            bad_key = bad_key || first_invalid_utf8(it.key()) != std::string::npos;
            changed = make_json_utf8(it.value()) || changed;
        }
        if (bad_key) {  // keys are sip-lint's own; rebuilt only if one ever is not
            json fixed = json::object();
            for (auto it = j.begin(); it != j.end(); ++it) {
                std::string key = it.key();
                utf8_replaced(key);
                fixed[key] = std::move(it.value());
            }
            j = std::move(fixed);
            changed = true;
        }
    }
    return changed;
}

inline json diagnostic_json(diagnostic const& d) {
    return json{{"severity", d.severity},
                {"offset", d.offset},
                {"line", d.line},
                {"column", d.column},
                {"message", d.message},
                {"hint", d.hint.empty() ? json(nullptr) : json(d.hint)},
                {"would_accept", d.would_accept.empty() ? json(nullptr) : json(d.would_accept)}};
}

/// One JSON object for one input `text`: valid, diagnostics, and `value`
/// (for --uri and --header) or `message`; `digest_checks` with --password.
/// Every string is made UTF-8 (make_json_utf8); when a byte was replaced a
/// json_not_utf8 warning at the first byte of `text` that is not UTF-8 ends
/// the diagnostics.
inline std::string to_json_line(lint_result const& r, bool is_value, std::string_view text) {
    json out;
    out["valid"] = r.valid;
    json diags = json::array();
    for (diagnostic const& d : r.diagnostics) diags.push_back(diagnostic_json(d));
    out["diagnostics"] = diags;
    if (r.has_value) out[is_value ? "value" : "message"] = r.value;
    if (!r.digest_checks.is_null()) out["digest_checks"] = r.digest_checks;
    if (make_json_utf8(out)) {
        std::size_t at = first_invalid_utf8(text);
        if (at == std::string_view::npos) at = 0;  // not reached: every string comes from `text` or is sip-lint's ASCII
        out["diagnostics"].push_back(diagnostic_json(make_diagnostic(text, lint_diag::json_not_utf8, at)));
    }
    return out.dump();
}

/// Compiler-style output for one input. The caller writes it through
/// terminal_text() (see write_human in cli.hpp); source lines are already
/// escaped by render().
inline std::string render_human(std::string const& file, std::string_view text, lint_result const& r) {
    std::string out;
    std::string const name = terminal_text(file);
    for (diagnostic const& d : r.diagnostics) out += render(file, text, d);
    for (std::string const& line : r.summary) out += name + ": " + terminal_text(line) + "\n";
    if (r.valid && r.diagnostics.empty()) out += name + ": valid\n";
    return out;
}

/// The text of a --uri / --header file: its final line ending is not part of it.
inline std::string_view strip_final_newline(std::string_view text) {
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    return text;
}

template <class Result, class ToJson>
lint_result from_result(std::string_view text, Result const& r, sipview::warning_list const& accepted, ToJson&& to_json) {
    lint_result out;
    out.valid = r.has_value();
    if (r) {
        for (sipview::parse_error const& w : accepted) out.diagnostics.push_back(make_diagnostic(text, w, "warning"));
        out.value = to_json(*r);
        out.has_value = true;
    } else {
        out.diagnostics.push_back(make_diagnostic(text, r.error()));
    }
    return out;
}

/// A --uri text, under the leniency flags `lenient` (what they accept is a warning).
inline lint_result lint_uri(std::string_view text, sipview::leniency_set lenient = {}) {
    sipview::warning_list accepted;
    sipview::parse_options o;
    o.lenient = lenient;
    o.warnings = &accepted;
    return from_result(text, sipview::parse_uri(strip_final_newline(text), o), accepted, uri_json);
}

/// A --header value, parsed with the registry row of header `id` (headers.hpp)
/// under the leniency flags `lenient`.
inline lint_result lint_header(sipview::header_id id, std::string_view text, sipview::leniency_set lenient = {}) {
    std::string_view const value = strip_final_newline(text);
    lint_result out;
    sipview::visit_header(id, [&](auto tag) {
        sipview::warning_list accepted;
        sipview::parse_options o;
        o.lenient = lenient;
        o.warnings = &accepted;
        out = from_result(text, decltype(tag)::parse_with(value, o), accepted,
                          [&](auto const& v) { return header_value_json(tag, v); });
    });
    return out;
}

} // namespace sip_lint
