// Reading ../shared/corpus/seed/fragments.tsv (copied to tests/data/seed/) and
// checking one header value by header name. Shared by the fragments demo and
// the test that pins its verdicts and offsets.
#pragma once

#include <sipview/sipview.hpp>

#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace sipview_examples {

struct fragment_row {
    std::string header;
    std::string value;
    bool expect_valid = false;
    std::optional<std::size_t> error_offset;
    std::string told;  ///< what a user must be told
};

/// Rows of a fragments.tsv file (header, value, expect, error-offset, told);
/// '#' lines are comments.
inline std::vector<fragment_row> read_fragments(std::string const& path) {
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

/// Parses `value` as the value of header `header` (long or compact name);
/// returns the error, or nothing when it is valid.
inline std::optional<sipview::parse_error> check_header_value(std::string_view header, std::string_view value) {
    using namespace sipview;
    auto err = [](auto const& r) -> std::optional<parse_error> {
        if (r) return std::nullopt;
        return r.error();
    };
    if (iequals(header, "Via") || iequals(header, "v")) return err(parse_via_list(value));
    if (iequals(header, "Contact") || iequals(header, "m")) return err(parse_contact_list(value));
    if (iequals(header, "From") || iequals(header, "f") || iequals(header, "To") || iequals(header, "t"))
        return err(parse_name_addr(value));
    if (iequals(header, "Route") || iequals(header, "Record-Route")) return err(parse_route_list(value));
    if (iequals(header, "Authorization") || iequals(header, "Proxy-Authorization"))
        return err(parse_credentials(value));
    if (iequals(header, "WWW-Authenticate") || iequals(header, "Proxy-Authenticate"))
        return err(parse_challenge(value));
    return parse_error{0, "a known header name", "no typed grammar for this header", "", errc::syntax};
}

} // namespace sipview_examples
