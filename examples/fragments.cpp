// sipview_fragments: parses each header value of a fragments.tsv file (the
// seed's From/Contact/Via/Authorization values) and prints the typed fields,
// or the error with its offset, a caret under the byte and the hint.
// Exit status: 0 when every verdict and offset is the one the file states.
#include "fragment_check.hpp"

#include <cstdio>
#include <string>

namespace {
using namespace sipview;

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

void print_fields(std::string const& header, std::string_view value) {
    if (iequals(header, "From") || iequals(header, "To")) {
        if (auto r = parse_name_addr(value)) print_name_addr(*r);
    } else if (iequals(header, "Contact")) {
        if (auto r = parse_contact_list(value))
            for (name_addr const& n : *r) print_name_addr(n);
    } else if (iequals(header, "Via")) {
        if (auto r = parse_via_list(value))
            for (via const& v : *r)
                std::printf("    via %.*s/%.*s/%.*s sent-by %.*s port %s branch %s\n", int(v.protocol_name.size()),
                            v.protocol_name.data(), int(v.protocol_version.size()), v.protocol_version.data(),
                            int(v.transport.size()), v.transport.data(), int(v.host.size()), v.host.data(),
                            str(v.port_text).c_str(), str(v.branch()).c_str());
    } else if (iequals(header, "Authorization")) {
        if (auto r = parse_credentials(value)) {
            std::printf("    scheme %.*s\n", int(r->scheme.size()), r->scheme.data());
            for (param const& p : r->params()) {
                char buf[256];
                std::string shown = str(p.value);
                if (p.value)
                    if (auto d = decode_quoted(*p.value, buf, sizeof buf)) shown = std::string(*d);
                std::printf("    %.*s = %s\n", int(p.name.size()), p.name.data(), shown.c_str());
            }
        }
    }
}
} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s fragments.tsv\n", argv[0]);
        return 2;
    }
    auto rows = sipview_examples::read_fragments(argv[1]);
    if (rows.empty()) {
        std::fprintf(stderr, "%s: no rows\n", argv[1]);
        return 2;
    }
    int mismatches = 0;
    for (auto const& row : rows) {
        std::printf("%s: %s\n", row.header.c_str(), row.value.c_str());
        auto error = sipview_examples::check_header_value(row.header, row.value);
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
