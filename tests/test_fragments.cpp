// The seed's header values (tests/data/seed/fragments.tsv): each must get the
// stated verdict and, when invalid, stop at the stated byte offset. (The
// fragments demo, examples/fragments.cpp, prints the same verdicts; this test
// reads the file and picks the parser through the header registry.)
#include "catch.hpp"

#include <sipview/sipview.hpp>

#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

struct fragment_row {
    std::string header;
    std::string value;
    bool expect_valid = false;
    std::optional<std::size_t> error_offset;
};

/// Rows of a fragments.tsv file: header, value, "valid"/"invalid", error
/// offset or "-", what a user must be told; '#' lines are comments.
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
        rows.push_back(std::move(r));
    }
    return rows;
}

/// `value` parsed as the value of header `header` (long or compact name)
/// with its row of the header registry: the error, or nothing when it is valid.
std::optional<sipview::parse_error> check_header_value(std::string_view header, std::string_view value) {
    using namespace sipview;
    std::optional<parse_error> error = parse_error{0, "a known header name", "sipview does not know this header", "", errc::syntax};
    visit_header(lookup_header(header), [&](auto tag) {
        auto r = decltype(tag)::parse(value);
        if (r) error.reset();
        else error = r.error();
    });
    return error;
}

} // namespace

TEST_CASE("every seed fragment gets its stated verdict and error offset", "[seed]") {
    auto const rows = read_fragments(SIPVIEW_TEST_DATA "/seed/fragments.tsv");
    REQUIRE(rows.size() == 7);
    for (auto const& row : rows) {
        INFO(row.header << ": " << row.value);
        auto const error = check_header_value(row.header, row.value);
        CHECK(error.has_value() == !row.expect_valid);
        if (error && row.error_offset) {
            CHECK(error->offset == *row.error_offset);
            CHECK_FALSE(error->message.empty());
        }
    }
}

TEST_CASE("the seed's two-@ From value tells the user to escape @ as %40", "[seed]") {
    auto const error = check_header_value("From", "<sip:1001@domain@fqdn.tld:5080>;tag=829762152");
    REQUIRE(error);
    CHECK(error->message.find("second unescaped '@'") != std::string_view::npos);
    CHECK(error->hint.find("%40") != std::string_view::npos);
    CHECK(error->hint.find("host") != std::string_view::npos);
}

TEST_CASE("the seed's Via without sent-by names what is missing", "[seed]") {
    auto const error = check_header_value("Via", "SIP/2.0/TCP;branch=z9hG4bK128604767;rport");
    REQUIRE(error);
    CHECK(error->offset == 11);
    CHECK(std::string(error->expected).find("sent-by") != std::string::npos);
}
