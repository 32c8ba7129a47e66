// The seed's header values (tests/data/seed/fragments.tsv): each must get the
// stated verdict and, when invalid, stop at the stated byte offset.
#include "catch.hpp"

#include "../examples/fragment_check.hpp"

TEST_CASE("every seed fragment gets its stated verdict and error offset", "[seed]") {
    auto const rows = sipview_examples::read_fragments(SIPVIEW_TEST_DATA "/seed/fragments.tsv");
    REQUIRE(rows.size() == 7);
    for (auto const& row : rows) {
        INFO(row.header << ": " << row.value);
        auto const error = sipview_examples::check_header_value(row.header, row.value);
        CHECK(error.has_value() == !row.expect_valid);
        if (error && row.error_offset) {
            CHECK(error->offset == *row.error_offset);
            CHECK_FALSE(error->message.empty());
        }
    }
}

TEST_CASE("the seed's two-@ From value tells the user to escape @ as %40", "[seed]") {
    auto const error = sipview_examples::check_header_value("From", "<sip:1001@domain@fqdn.tld:5080>;tag=829762152");
    REQUIRE(error);
    CHECK(error->message.find("second unescaped '@'") != std::string_view::npos);
    CHECK(error->hint.find("%40") != std::string_view::npos);
    CHECK(error->hint.find("host") != std::string_view::npos);
}

TEST_CASE("the seed's Via without sent-by names what is missing", "[seed]") {
    auto const error = sipview_examples::check_header_value("Via", "SIP/2.0/TCP;branch=z9hG4bK128604767;rport");
    REQUIRE(error);
    CHECK(error->offset == 11);
    CHECK(std::string(error->expected).find("sent-by") != std::string::npos);
}
