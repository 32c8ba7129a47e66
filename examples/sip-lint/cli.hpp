// sip-lint: what main() does with one input, callable without main() (the
// fuzz harness tests/fuzz/fuzz_lint.cpp goes through the same functions):
// lint_to_streams() lints one input and writes its JSON line or its human
// output; compare_to_stream() writes the --compare table; read_input() reads
// a file or stdin with a size cap.
#pragma once

#include "compare.hpp"
#include "lint.hpp"
#include "message_lint.hpp"
#include "safe_text.hpp"

#include <sipview/headers.hpp>
#include <sipview/uri_compare.hpp>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sip_lint {

/// Exit statuses, everywhere: no input makes sip-lint exit with another.
enum exit_status : int { exit_valid = 0, exit_invalid = 1, exit_usage = 2 };

/// The input size cap when --max-input-bytes is not given: 1 MiB (a SIP
/// message over UDP is at most 64 KiB; over TCP, servers cap far lower).
inline constexpr std::size_t default_max_input_bytes = std::size_t{1} << 20;

/// What one input is linted as, and how it is written.
struct lint_options {
    bool json = false;
    bool uri = false;                                     ///< --uri
    std::optional<sipview::header_id> header;             ///< --header NAME (a registry id)
    std::optional<std::string> password;                  ///< --password, --password-file or SIP_LINT_PASSWORD
    sipview::leniency_set lenient{};                      ///< --lenient[=FLAG,...] (sipview's leniency.hpp)
};

/// Parses the value of --lenient=FLAG,FLAG... (names from sipview's leniency
/// table); false with `problem` naming the unknown flag and listing them all.
inline bool parse_leniency_list(std::string_view list, sipview::leniency_set& out, std::string& problem) {
    while (!list.empty()) {
        std::size_t const comma = list.find(',');
        std::string_view const name = list.substr(0, comma);
        sipview::leniency const l = sipview::leniency_from_string(name);
        if (l == sipview::leniency::none) {
            problem = "--lenient: unknown flag '" + std::string(name) + "' (";
            for (std::size_t i = 1; i <= sipview::leniency_count; ++i)
                problem += std::string(i > 1 ? ", " : "") + std::string(sipview::to_string(static_cast<sipview::leniency>(i)));
            problem += ")";
            return false;
        }
        out.add(l);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return true;
}

/// Writes human output: everything passes through terminal_text() (lines
/// and tabs kept), so no byte of the input reaches the terminal as a control.
inline void write_human(std::ostream& out, std::string_view text) { out << terminal_text(text, keep_newline | keep_tab); }

/// Lints `input` (named `file` in human output) and writes its JSON line or
/// its human output to `out`. Returns exit_valid or exit_invalid.
inline int lint_to_streams(std::string_view input, std::string const& file, lint_options const& o, std::ostream& out) {
    lint_result r;
    if (o.uri) r = lint_uri(input, o.lenient);
    else if (o.header) r = lint_header(*o.header, input, o.lenient);
    else r = lint_message(input, o.password, o.lenient);
    if (o.json) out << to_json_line(r, o.uri || o.header.has_value(), input) << '\n';
    else write_human(out, render_human(file, input, r));
    return r.valid ? exit_valid : exit_invalid;
}

/// Writes the --compare table of messages `a` and `b`. Returns exit_invalid
/// when either is not a valid message (as lint_to_streams would say),
/// else exit_valid.
inline int compare_to_stream(std::string const& file_a, std::string_view a, std::string const& file_b,
                             std::string_view b, std::ostream& out) {
    write_human(out, compare_messages(file_a, a, file_b, b));
    bool const valid = lint_message(a, std::nullopt).valid && lint_message(b, std::nullopt).valid;
    return valid ? exit_valid : exit_invalid;
}

/// --uri-equal A B: compares two URIs by RFC 3261 §19.1.4 (RFC 3966 §4 for
/// tel URIs). Writes `equal`, or `different: <rule>: <a part> vs <b part>`
/// and the explanation (JSON: one object). Returns exit_valid when equal,
/// exit_invalid when different, exit_usage when either is not a valid URI
/// (its diagnostic written as --uri writes it).
inline int uri_equal_to_stream(std::string_view a, std::string_view b, bool json_out, std::ostream& out) {
    auto const ua = sipview::parse_uri(a);
    auto const ub = sipview::parse_uri(b);
    if (!ua || !ub) {
        lint_options o;
        o.json = json_out;
        o.uri = true;
        if (!ua) lint_to_streams(a, "URI_A", o, out);
        if (!ub) lint_to_streams(b, "URI_B", o, out);
        return exit_usage;
    }
    sipview::uri_difference const d = sipview::compare_uris(*ua, *ub);
    std::string rule;
    d.write_rule_name(std::back_inserter(rule));
    auto part = [](std::optional<std::string_view> p) { return p ? std::string(*p) : std::string("(absent)"); };
    if (json_out) {
        auto opt = [](std::optional<std::string_view> p) { return p ? json(std::string(*p)) : json(nullptr); };
        json j{{"equal", d.equal()},
               {"rule", d.equal() ? json(nullptr) : json(rule)},
               {"a_part", d.equal() ? json(nullptr) : opt(d.a_part)},
               {"b_part", d.equal() ? json(nullptr) : opt(d.b_part)},
               {"explanation", d.equal() ? json(nullptr) : json(std::string(d.explanation))},
               {"a", uri_json(*ua)},
               {"b", uri_json(*ub)}};
        make_json_utf8(j);  // valid URIs are ASCII; kept for the one place every JSON string passes
        out << j.dump() << '\n';
    } else if (d.equal()) {
        write_human(out, "equal\n");
    } else {
        write_human(out, "different: " + rule + ": " + part(d.a_part) + " vs " + part(d.b_part) + "\n  " +
                             std::string(d.explanation) + "\n");
    }
    return d.equal() ? exit_valid : exit_invalid;
}

/// Reads `file` ("-": stdin) into `out`, at most `max_bytes` bytes. On
/// failure returns false and says why in `problem` (a directory, an I/O
/// error, or an input larger than the cap).
inline bool read_input(std::string const& file, std::size_t max_bytes, std::string& out, std::string& problem) {
    out.clear();
    int fd = 0;
    if (file != "-") {
        fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            problem = std::strerror(errno);
            return false;
        }
    }
    struct closer {
        int fd;
        ~closer() {
            if (fd > 0) ::close(fd);
        }
    } const close_it{fd};
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        problem = "is a directory";
        return false;
    }
    char buf[65536];
    for (;;) {
        ssize_t const n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            problem = std::strerror(errno);
            return false;
        }
        if (n == 0) return true;
        auto const got = static_cast<std::size_t>(n);
        if (got > max_bytes - out.size()) {
            problem = "larger than " + std::to_string(max_bytes) + " bytes (--max-input-bytes N raises the cap)";
            return false;
        }
        out.append(buf, got);
    }
}

} // namespace sip_lint
