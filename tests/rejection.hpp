// A test helper for value parsers: each malformed value fails at its byte
// with its diag id (the tests assert on ids and offsets, not on prose).
#pragma once

#include "catch.hpp"

#include <sipview/error.hpp>

#include <cstddef>
#include <initializer_list>
#include <string_view>

namespace sipview_test {

/// A value a parser must reject: at `offset`, with diag `id`.
struct bad_value {
    std::string_view text;
    std::size_t offset;
    sipview::diag id;
};

template <class Parse>
void check_rejected(Parse parse, std::initializer_list<bad_value> cases) {
    for (auto const& c : cases) {
        INFO(c.text);
        auto r = parse(c.text);
        REQUIRE_FALSE(r);
        CHECK(r.error().offset == c.offset);
        CHECK(r.error().id == c.id);
    }
}

} // namespace sipview_test
