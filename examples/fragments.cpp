// sipview_fragments: parses each header value of a fragments.tsv file (the
// seed's From/Contact/Via/Authorization values) and prints the typed fields,
// or the error with its offset, a caret under the byte and the hint.
// Exit status: 0 when every verdict and offset is the one the file states.
// (tests/test_fragments.cpp pins the same verdicts and offsets in the unit tests.)
#include <sipview/sipview.hpp>

#include <cstddef>
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {
using namespace sipview;

struct fragment_row {
    std::string header;
    std::string value;
    bool expect_valid = false;
    std::optional<std::size_t> error_offset;
    std::string told;  ///< what a user must be told
};

/// Rows of a fragments.tsv file (header, value, expect, error-offset, told);
/// '#' lines are comments.
std::vector<fragment_row> read_fragments(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<fragment_row> rows;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::stringstream ss(line);
        std::string col;
        while (std::getline(ss, col, '\t')) cols.push_back(col);
        if (cols.size() < 5) continue;
        fragment_row r;
        r.header = cols[0];
        r.value = cols[1];
        r.expect_valid = cols[2] == "valid";
        if (cols[3] != "-") r.error_offset = static_cast<std::size_t>(std::stoul(cols[3]));
        r.told = cols[4];
        rows.push_back(std::move(r));
    }
    return rows;
}

/// Parses `value` as the value of header `header` (long or compact name)
/// with its row of sipview's header registry; returns the error, or nothing
/// when it is valid.
std::optional<sipview::parse_error> check_header_value(std::string_view header, std::string_view value) {
    std::optional<parse_error> error = parse_error{0, "a known header name", "sipview does not know this header", "", errc::syntax};
    visit_header(lookup_header(header), [&](auto tag) {
        auto r = decltype(tag)::parse(value);
        if (r) error.reset();
        else error = r.error();
    });
    return error;
}

std::string str(std::optional<std::string_view> v) { return v ? std::string(*v) : std::string("-"); }

void print_uri(uri const& u) {
    std::printf("    uri %.*s: scheme %.*s, user %s, host %.*s (%.*s), port %s\n", int(u.text.size()), u.text.data(),
                int(u.scheme.size()), u.scheme.data(), str(u.user).c_str(), int(u.host.size()), u.host.data(),
                int(to_string(u.host_kind).size()), to_string(u.host_kind).data(), str(u.port_text).c_str());
    if (u.user && u.user->find('%') != std::string_view::npos) {
        char buf[256];
        if (auto d = decode_percent(*u.user, buf, sizeof buf))
            std::printf("    user decoded: %.*s\n", int(d->size()), d->data());
    }
}

void print_name_addr(name_addr const& n) {
    char buf[256];
    auto dn = n.decode_display_name(buf, sizeof buf);
    std::printf("    display name %s\n", n.display_name && dn ? ("\"" + std::string(*dn) + "\"").c_str() : "-");
    print_uri(n.uri);
    for (param const& p : n.params())
        std::printf("    param %.*s = %s\n", int(p.name.size()), p.name.data(), str(p.value).c_str());
}

// The typed fields of each kind of value (by AST type; other values print nothing).
void print_value(name_addr const& n) { print_name_addr(n); }
void print_value(name_addr_list const& l) {
    for (name_addr const& n : l) print_name_addr(n);
}
void print_value(via_list const& l) {
    for (via const& v : l)
        std::printf("    via %.*s/%.*s/%.*s sent-by %.*s port %s branch %s\n", int(v.protocol_name.size()), v.protocol_name.data(),
                    int(v.protocol_version.size()), v.protocol_version.data(), int(v.transport.size()), v.transport.data(),
                    int(v.host.size()), v.host.data(), str(v.port_text).c_str(), str(v.branch()).c_str());
}
void print_value(credentials const& c) {
    std::printf("    scheme %.*s\n", int(c.scheme.size()), c.scheme.data());
    for (param const& p : c.params()) {
        char buf[256];
        std::string shown = str(p.value);
        if (p.value)
            if (auto d = decode_quoted(*p.value, buf, sizeof buf)) shown = std::string(*d);
        std::printf("    %.*s = %s\n", int(p.name.size()), p.name.data(), shown.c_str());
    }
}
template <class Other>
void print_value(Other const&) {}

void print_fields(std::string const& header, std::string_view value) {
    visit_header(lookup_header(header), [&](auto tag) {
        if (auto r = decltype(tag)::parse(value)) print_value(*r);
    });
}
} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s fragments.tsv\n", argv[0]);
        return 2;
    }
    auto rows = read_fragments(argv[1]);
    if (rows.empty()) {
        std::fprintf(stderr, "%s: no rows\n", argv[1]);
        return 2;
    }
    int mismatches = 0;
    for (auto const& row : rows) {
        std::printf("%s: %s\n", row.header.c_str(), row.value.c_str());
        auto error = check_header_value(row.header, row.value);
        bool const as_stated = error ? (!row.expect_valid && row.error_offset == error->offset) : row.expect_valid;
        if (error) {
            std::printf("  error at offset %zu: %.*s (expected %.*s)\n", error->offset, int(error->message.size()),
                        error->message.data(), int(error->expected.size()), error->expected.data());
            std::printf("    %s\n    %*s^\n", row.value.c_str(), int(error->offset), "");
            if (!error->hint.empty()) std::printf("  hint: %.*s\n", int(error->hint.size()), error->hint.data());
        } else {
            std::printf("  valid\n");
            print_fields(row.header, row.value);
        }
        std::printf("  %s (stated: %s%s)\n\n", as_stated ? "as stated" : "MISMATCH", row.expect_valid ? "valid" : "invalid",
                    row.error_offset ? (" at " + std::to_string(*row.error_offset)).c_str() : "");
        mismatches += as_stated ? 0 : 1;
    }
    std::printf("%zu fragments, %d mismatches\n", rows.size(), mismatches);
    return mismatches == 0 ? 0 : 1;
}
