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

/// One JSON object for one input: valid, diagnostics, and `value` (for --uri
/// and --header) or `message`; `digest_checks` with --password.
inline std::string to_json_line(lint_result const& r, bool is_value) {
    json out;
    out["valid"] = r.valid;
    json diags = json::array();
    for (diagnostic const& d : r.diagnostics)
        diags.push_back(json{{"severity", d.severity}, {"offset", d.offset}, {"line", d.line}, {"column", d.column},
                             {"message", d.message}, {"hint", d.hint.empty() ? json(nullptr) : json(d.hint)}});
    out["diagnostics"] = diags;
    if (r.has_value) out[is_value ? "value" : "message"] = r.value;
    if (!r.digest_checks.is_null()) out["digest_checks"] = r.digest_checks;
    return out.dump();
}

/// Compiler-style output for one input.
inline std::string render_human(std::string const& file, std::string_view text, lint_result const& r) {
    std::string out;
    for (diagnostic const& d : r.diagnostics) out += render(file, text, d);
    for (std::string const& line : r.summary) out += file + ": " + line + "\n";
    if (r.valid && r.diagnostics.empty()) out += file + ": valid\n";
    return out;
}

/// The text of a --uri / --header file: its final line ending is not part of it.
inline std::string_view strip_final_newline(std::string_view text) {
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    return text;
}

template <class Result, class ToJson>
lint_result from_result(std::string_view text, Result const& r, ToJson&& to_json) {
    lint_result out;
    out.valid = r.has_value();
    if (r) {
        out.value = to_json(*r);
        out.has_value = true;
    } else {
        out.diagnostics.push_back(make_diagnostic(text, r.error()));
    }
    return out;
}

inline lint_result lint_uri(std::string_view text) {
    return from_result(text, sipview::parse_uri(strip_final_newline(text)), uri_json);
}

/// A --header value, parsed with the registry row of header `id` (headers.hpp).
inline lint_result lint_header(sipview::header_id id, std::string_view text) {
    std::string_view const value = strip_final_newline(text);
    lint_result out;
    sipview::visit_header(id, [&](auto tag) {
        out = from_result(text, decltype(tag)::parse(value), [](auto const& v) { return value_json(v); });
    });
    return out;
}

} // namespace sip_lint
