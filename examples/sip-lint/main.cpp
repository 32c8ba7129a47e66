// sip-lint: check SIP messages, URIs and header values with sipview, as a
// compiler checks code.
//
//   sip-lint [--json] [--uri | --header NAME] [--password PW] FILE...   (FILE '-' = stdin)
//   sip-lint --compare FILE_A FILE_B
//
// Exit status: 0 when every input is valid (warnings allowed), 1 when any has
// an error, 2 for usage or I/O errors.
#include "compare.hpp"
#include "lint.hpp"
#include "message_lint.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr char usage[] =
    "usage: sip-lint [--json] [--uri | --header NAME] [--password PW] FILE...   (FILE '-' = stdin)\n"
    "       sip-lint --compare FILE_A FILE_B\n";

struct options {
    bool json = false;
    bool uri = false;
    std::optional<std::string> header;
    std::optional<std::string> password;
    bool compare = false;
    std::vector<std::string> files;
};

bool read_input(std::string const& file, std::string& out) {
    if (file == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        out = ss.str();
        return !std::cin.bad();
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad();
}

std::optional<options> parse_args(int argc, char** argv, std::string& problem) {
    options o;
    for (int i = 1; i < argc; ++i) {
        std::string const a = argv[i];
        if (a == "--json") o.json = true;
        else if (a == "--uri") o.uri = true;
        else if (a == "--compare") o.compare = true;
        else if (a == "--header" || a == "--password") {
            if (i + 1 == argc) { problem = a + " needs a value"; return std::nullopt; }
            (a == "--header" ? o.header : o.password) = argv[++i];
        } else if (a == "-h" || a == "--help") { problem = ""; return std::nullopt; }
        else if (a.size() > 1 && a[0] == '-' && a != "-") { problem = "unknown option " + a; return std::nullopt; }
        else o.files.push_back(a);
    }
    if (o.files.empty()) { problem = "no input file"; return std::nullopt; }
    if (o.uri && o.header) { problem = "--uri and --header exclude each other"; return std::nullopt; }
    if (o.header && sipview::lookup_header(*o.header) == sipview::header_id::other) {
        problem = "--header " + *o.header + ": not a header sipview knows (";
        sipview::for_each_header([&](auto tag) {
            if (decltype(tag)::id != sipview::header_id::accept) problem += ", ";
            problem += decltype(tag)::name;
        });
        problem += ", or a compact form)";
        return std::nullopt;
    }
    if (o.compare && (o.files.size() != 2 || o.uri || o.header || o.json || o.password)) {
        problem = "--compare takes exactly two message files and no other option";
        return std::nullopt;
    }
    if (o.password && (o.uri || o.header)) { problem = "--password checks whole messages only"; return std::nullopt; }
    return o;
}

} // namespace

int main(int argc, char** argv) {
    std::string problem;
    auto opts = parse_args(argc, argv, problem);
    if (!opts) {
        if (!problem.empty()) std::fprintf(stderr, "sip-lint: %s\n", problem.c_str());
        std::fputs(usage, stderr);
        return 2;
    }
    std::vector<std::string> texts(opts->files.size());
    for (std::size_t i = 0; i < opts->files.size(); ++i) {
        if (!read_input(opts->files[i], texts[i])) {
            std::fprintf(stderr, "sip-lint: cannot read %s\n", opts->files[i].c_str());
            return 2;
        }
    }
    if (opts->compare) {
        std::fputs(sip_lint::compare_messages(opts->files[0], texts[0], opts->files[1], texts[1]).c_str(), stdout);
        return 0;
    }

    bool any_error = false;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        std::string const& file = opts->files[i] == "-" ? std::string("<stdin>") : opts->files[i];
        sip_lint::lint_result r;
        if (opts->uri) r = sip_lint::lint_uri(texts[i]);
        else if (opts->header) r = sip_lint::lint_header(sipview::lookup_header(*opts->header), texts[i]);
        else r = sip_lint::lint_message(texts[i], opts->password);
        any_error = any_error || !r.valid;
        if (opts->json) {
            std::puts(sip_lint::to_json_line(r, opts->uri || opts->header.has_value()).c_str());
        } else {
            std::fputs(sip_lint::render_human(file, texts[i], r).c_str(), stdout);
        }
    }
    return any_error ? 1 : 0;
}
