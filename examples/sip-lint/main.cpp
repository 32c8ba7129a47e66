// sip-lint: check SIP messages, URIs and header values with sipview, as a
// compiler checks code.
//
//   sip-lint [--json] [--uri | --header NAME] [--password PW | --password-file FILE]
//            [--max-input-bytes N] FILE...   (FILE '-' = stdin)
//   sip-lint [--json] [--password PW | --password-file FILE] [--call-id ID] [--errors-only]
//            CAPTURE.pcap|CAPTURE.pcapng...   (a capture is known by its magic number)
//   sip-lint --compare [--max-input-bytes N] FILE_A FILE_B
//   sip-lint [--json] --uri-equal URI_A URI_B
//
// The password may also come from the environment variable SIP_LINT_PASSWORD.
// Exit status: 0 when every input is valid (warnings allowed), 1 when any has
// an error, 2 for usage or I/O errors; never anything else. --uri-equal: 0
// equal, 1 different, 2 when either is not a valid URI.
#include "capture_lint.hpp"
#include "cli.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr char usage[] =
    "usage: sip-lint [--json] [--uri | --header NAME] [--password PW | --password-file FILE]\n"
    "                [--lenient[=FLAG,...]] [--max-input-bytes N] FILE...   (FILE '-' = stdin)\n"
    "       sip-lint [--json] [--password PW | --password-file FILE] [--call-id ID] [--errors-only]\n"
    "                CAPTURE...   (pcap or pcapng, known by its magic number: every SIP message in it)\n"
    "       sip-lint --compare [--max-input-bytes N] FILE_A FILE_B\n"
    "       sip-lint [--json] --uri-equal URI_A URI_B   (the URIs themselves, not files)\n"
    "The password may also come from the environment variable SIP_LINT_PASSWORD.\n"
    "--lenient accepts every real-world deviation sipview knows, each reported as a warning naming\n"
    "the rule it breaks; --lenient=FLAG,... only those (--lenient=list names them).\n";

struct options {
    sip_lint::lint_options lint;
    std::optional<std::string> header;
    std::optional<std::string> password_file;
    sip_lint::capture_options capture;  ///< --call-id, --errors-only (captures only)
    bool compare = false;
    bool uri_equal = false;
    bool list_leniency = false;  ///< --lenient=list
    std::size_t max_input_bytes = sip_lint::default_max_input_bytes;
    std::vector<std::string> files;
};

/// A positive decimal number of bytes, or nullopt.
std::optional<std::size_t> parse_size(std::string const& s) {
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    std::size_t const n = std::stoull(s);
    return n == 0 ? std::nullopt : std::optional<std::size_t>(n);
}

std::optional<options> parse_args(int argc, char** argv, std::string& problem) {
    options o;
    std::optional<std::string> password;
    for (int i = 1; i < argc; ++i) {
        std::string const a = argv[i];
        if (a == "--json") o.lint.json = true;
        else if (a == "--lenient") o.lint.lenient = sipview::leniency_set::all();
        else if (a == "--lenient=list") {
            o.list_leniency = true;
            return o;
        }
        else if (a.rfind("--lenient=", 0) == 0) {
            if (!sip_lint::parse_leniency_list(std::string_view(a).substr(10), o.lint.lenient, problem)) return std::nullopt;
        }
        else if (a == "--uri") o.lint.uri = true;
        else if (a == "--compare") o.compare = true;
        else if (a == "--uri-equal") o.uri_equal = true;
        else if (a == "--errors-only") o.capture.errors_only = true;
        else if (a == "--call-id") {
            if (i + 1 == argc) { problem = a + " needs a value"; return std::nullopt; }
            o.capture.call_id = argv[++i];
        }
        else if (a == "--header" || a == "--password" || a == "--password-file" || a == "--max-input-bytes") {
            if (i + 1 == argc) { problem = a + " needs a value"; return std::nullopt; }
            std::string const v = argv[++i];
            if (a == "--header") o.header = v;
            else if (a == "--password") password = v;
            else if (a == "--password-file") o.password_file = v;
            else if (auto n = parse_size(v)) o.max_input_bytes = *n;
            else { problem = "--max-input-bytes needs a positive number of bytes"; return std::nullopt; }
        } else if (a == "-h" || a == "--help") { problem = ""; return std::nullopt; }
        else if (a.size() > 1 && a[0] == '-' && a != "-") { problem = "unknown option " + a; return std::nullopt; }
        else o.files.push_back(a);
    }
    if (o.uri_equal) {  // the two URIs are arguments
        if (o.files.size() != 2 || o.lint.uri || o.header || o.compare || password || o.password_file ||
            o.capture.call_id || o.capture.errors_only) {
            problem = "--uri-equal takes exactly two URIs and no other option but --json";
            return std::nullopt;
        }
        return o;
    }
    if (o.files.empty()) { problem = "no input file"; return std::nullopt; }
    if ((o.capture.call_id || o.capture.errors_only) && (o.compare || o.lint.uri || o.header)) {
        problem = "--call-id and --errors-only apply to captures only";
        return std::nullopt;
    }
    if (o.lint.uri && o.header) { problem = "--uri and --header exclude each other"; return std::nullopt; }
    if (o.header) {
        sipview::header_id const id = sipview::lookup_header(*o.header);
        if (id == sipview::header_id::other) {
            problem = "--header " + *o.header + ": not a header sipview knows (";
            sipview::for_each_header([&](auto tag) {
                if (decltype(tag)::id != sipview::header_id::accept) problem += ", ";
                problem += decltype(tag)::name;
            });
            problem += ", or a compact form)";
            return std::nullopt;
        }
        o.lint.header = id;
    }
    if (password && o.password_file) { problem = "--password and --password-file exclude each other"; return std::nullopt; }
    if (o.compare && (o.files.size() != 2 || o.lint.uri || o.header || o.lint.json || password || o.password_file)) {
        problem = "--compare takes exactly two message files and no other option but --max-input-bytes";
        return std::nullopt;
    }
    if ((password || o.password_file) && (o.lint.uri || o.header)) {
        problem = "--password checks whole messages only";
        return std::nullopt;
    }
    o.lint.password = password;
    return o;
}

/// The password: --password, else --password-file (its final line ending
/// removed), else SIP_LINT_PASSWORD (whole messages only).
bool resolve_password(options& o, std::string& problem) {
    if (o.lint.password || o.compare || o.lint.uri || o.lint.header) return true;
    if (o.password_file) {
        std::string pw;
        if (!sip_lint::read_input(*o.password_file, o.max_input_bytes, pw, problem)) {
            problem = "cannot read password file " + sip_lint::terminal_text(*o.password_file) + ": " + problem;
            return false;
        }
        if (!pw.empty() && pw.back() == '\n') pw.pop_back();
        if (!pw.empty() && pw.back() == '\r') pw.pop_back();
        o.lint.password = std::move(pw);
    } else if (char const* env = std::getenv("SIP_LINT_PASSWORD")) {
        o.lint.password = std::string(env);
    }
    return true;
}

int run(int argc, char** argv) {
    std::string problem;
    auto opts = parse_args(argc, argv, problem);
    if (!opts) {
        if (!problem.empty()) std::cerr << "sip-lint: " << sip_lint::terminal_text(problem) << "\n";
        std::cerr << usage;
        return sip_lint::exit_usage;
    }
    if (opts->list_leniency) {  // the leniency table, one flag per line
        for (std::size_t k = 1; k <= sipview::leniency_count; ++k) {
            auto const& row = sipview::info(static_cast<sipview::leniency>(k));
            std::cout << row.name << ": " << sipview::info(row.warning).message << " [" << row.applies_to << "]\n";
        }
        return std::cout ? sip_lint::exit_valid : sip_lint::exit_usage;
    }
    if (opts->uri_equal) {
        int const status = sip_lint::uri_equal_to_stream(opts->files[0], opts->files[1], opts->lint.json, std::cout);
        std::cout.flush();
        return std::cout ? status : sip_lint::exit_usage;
    }
    if (!resolve_password(*opts, problem)) {
        std::cerr << "sip-lint: " << problem << "\n";
        return sip_lint::exit_usage;
    }
    std::vector<std::string> texts(opts->files.size());
    std::vector<bool> captures(opts->files.size(), false);  // pcap/pcapng by magic number, read by lint_capture
    for (std::size_t i = 0; i < opts->files.size(); ++i) {
        if (!opts->compare && sip_lint::is_capture_file(opts->files[i])) {
            if (opts->lint.uri || opts->lint.header) {
                std::cerr << "sip-lint: " << sip_lint::terminal_text(opts->files[i])
                          << " is a packet capture: --uri and --header take a value\n";
                return sip_lint::exit_usage;
            }
            captures[i] = true;
            continue;
        }
        if (opts->capture.call_id || opts->capture.errors_only) {
            std::cerr << "sip-lint: " << sip_lint::terminal_text(opts->files[i] == "-" ? "<stdin>" : opts->files[i])
                      << " is not a packet capture: --call-id and --errors-only apply to captures only\n";
            return sip_lint::exit_usage;
        }
        if (!sip_lint::read_input(opts->files[i], opts->max_input_bytes, texts[i], problem)) {
            std::string const name = opts->files[i] == "-" ? std::string("<stdin>") : opts->files[i];
            std::cerr << "sip-lint: cannot read " << sip_lint::terminal_text(name) << ": " << problem << "\n";
            return sip_lint::exit_usage;
        }
        if (opts->files[i] == "-" && !opts->compare && sip_lint::capture::is_capture(texts[i])) {
            std::cerr << "sip-lint: <stdin> is a packet capture: give it as a file (sip-lint FILE.pcap)\n";
            return sip_lint::exit_usage;
        }
    }
    int status = sip_lint::exit_valid;
    if (opts->compare) {
        status = sip_lint::compare_to_stream(opts->files[0], texts[0], opts->files[1], texts[1], std::cout);
    } else {
        for (std::size_t i = 0; i < texts.size(); ++i) {
            std::string const file = opts->files[i] == "-" ? std::string("<stdin>") : opts->files[i];
            if (captures[i]) {
                int const s = sip_lint::lint_capture(file, file, opts->lint, opts->capture, std::cout, problem);
                if (s == sip_lint::exit_usage) {
                    std::cout.flush();
                    std::cerr << "sip-lint: cannot read " << sip_lint::terminal_text(file) << " as a capture: "
                              << sip_lint::terminal_text(problem) << "\n";
                    return sip_lint::exit_usage;
                }
                if (s != sip_lint::exit_valid) status = sip_lint::exit_invalid;
                continue;
            }
            if (sip_lint::lint_to_streams(texts[i], file, opts->lint, std::cout) != sip_lint::exit_valid)
                status = sip_lint::exit_invalid;
        }
    }
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "sip-lint: cannot write the output\n";
        return sip_lint::exit_usage;
    }
    return status;
}

} // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a closed pipe is a write error (exit 2), not a signal
    try {
        return run(argc, argv);
    } catch (std::exception const& e) {
        std::cerr << "sip-lint: internal error: " << sip_lint::terminal_text(e.what()) << "\n";
    } catch (...) {
        std::cerr << "sip-lint: internal error\n";
    }
    return sip_lint::exit_usage;
}
