// The test corpus as inputs for each parse entry point: the whole messages
// in tests/data (RFC 4475 torture messages, the seed REGISTERs), every
// header value in them (raw: line folds and LWS kept), the Request-URIs and
// the URIs inside <> of those values, and the values of
// tests/data/seed/fragments.tsv. Used by the seed-corpus tool, the
// guard-page test, the linear-time test and tests/test_format.cpp.
// Test code: it may allocate.
#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <sipview/headers.hpp>

#include "../support.hpp"

namespace sipview_corpus {

/// The parse entry points a value is meant for.
enum class entry { uri, name_addr, contact, route, via, credentials, challenge, message };

inline char const* to_string(entry e) {
    switch (e) {
    case entry::uri: return "uri";
    case entry::name_addr: return "name_addr";
    case entry::contact: return "contact";
    case entry::route: return "route";
    case entry::via: return "via";
    case entry::credentials: return "credentials";
    case entry::challenge: return "challenge";
    case entry::message: return "message";
    }
    return "?";
}

struct item {
    entry kind;
    std::string origin;  ///< "wsinv.dat: Via #2", for reports
    std::string text;
};

// read_bytes (a path converts to std::string) and iequals: tests/support.hpp's.
using sipview_test::read_bytes;
using sipview_test::iequals;

/// The files of `dir` ending in `suffix`, sorted by name.
inline std::vector<std::filesystem::path> files(std::filesystem::path const& dir, std::string_view suffix) {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (auto const& e : std::filesystem::directory_iterator(dir, ec)) {
        std::string const name = e.path().filename().string();
        if (e.is_regular_file() && name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

struct header {
    std::string name;
    std::string value;  ///< raw: leading and trailing whitespace removed, folds kept
};

/// The start line (without its line end).
inline std::string start_line(std::string_view msg) {
    std::size_t e = msg.find('\n');
    if (e == std::string_view::npos) e = msg.size();
    std::string_view l = msg.substr(0, e);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return std::string(l);
}

/// The header lines of a message (CRLF or LF line ends; a line starting
/// with SP/HTAB continues the previous one), up to the empty line.
inline std::vector<header> split_headers(std::string_view msg) {
    std::vector<header> out;
    std::size_t p = msg.find('\n');
    if (p == std::string_view::npos) return out;
    ++p;
    std::string cur;
    auto flush = [&] {
        if (cur.empty()) return;
        std::size_t const colon = cur.find(':');
        if (colon != std::string::npos) {
            std::string name = cur.substr(0, colon);
            while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
            std::size_t b = colon + 1;
            auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
            while (b < cur.size() && ws(cur[b])) ++b;
            std::size_t e = cur.size();
            while (e > b && ws(cur[e - 1])) --e;
            out.push_back({name, cur.substr(b, e - b)});
        }
        cur.clear();
    };
    while (p < msg.size()) {
        std::size_t e = msg.find('\n', p);
        std::size_t const next = e == std::string_view::npos ? msg.size() : e + 1;
        std::string_view line = msg.substr(p, next - p);  // with its line end
        std::string_view bare = line;
        if (!bare.empty() && bare.back() == '\n') bare.remove_suffix(1);
        if (!bare.empty() && bare.back() == '\r') bare.remove_suffix(1);
        if (bare.empty()) break;  // the empty line
        if (line[0] == ' ' || line[0] == '\t') {
            cur.append(line.data(), line.size());
        } else {
            flush();
            cur.assign(line.data(), line.size());
        }
        p = next;
    }
    flush();
    return out;
}

/// What a header (by name, long or compact form) is parsed as, through its
/// row of sipview's header registry (by the row's parse function); false
/// when it is no value entry point of its own.
inline bool entry_for_header(std::string_view name, entry& e) {
    bool found = false;
    sipview::visit_header(sipview::lookup_header(name), [&](auto tag) {
        std::string_view const parser = decltype(tag)::parser;
        struct row {
            std::string_view parser;
            entry kind;
        };
        static constexpr row rows[] = {
            {"parse_name_addr", entry::name_addr}, {"parse_contact_list", entry::contact}, {"parse_route_list", entry::route},
            {"parse_via_list", entry::via},        {"parse_credentials", entry::credentials}, {"parse_challenge", entry::challenge},
        };
        for (auto const& r : rows)
            if (r.parser == parser) {
                e = r.kind;
                found = true;
            }
    });
    return found;
}

/// A header value for the registry-wide harness (fuzz_header.cpp): the
/// header's id and its value.
struct header_value {
    sipview::header_id id;
    std::string origin;
    std::string value;
};

/// The text between each '<' and the next '>' (URIs inside name-addrs).
inline std::vector<std::string> bracketed_uris(std::string_view v) {
    std::vector<std::string> out;
    for (std::size_t i = v.find('<'); i != std::string_view::npos; i = v.find('<', i + 1)) {
        std::size_t const e = v.find('>', i + 1);
        if (e == std::string_view::npos) break;
        out.emplace_back(v.substr(i + 1, e - i - 1));
    }
    return out;
}

/// Everything in tests/data, typed by entry point.
inline std::vector<item> load(std::filesystem::path const& data) {
    std::vector<item> out;
    auto add_message = [&](std::filesystem::path const& p) {
        std::string const bytes = read_bytes(p);
        std::string const file = p.filename().string();
        out.push_back({entry::message, file, bytes});
        // Request-URI: the second SP-separated word of a request line
        std::string const sl = start_line(bytes);
        std::size_t const a = sl.find(' ');
        if (a != std::string::npos && sl.compare(0, 4, "SIP/") != 0) {
            std::size_t const b = sl.find(' ', a + 1);
            out.push_back({entry::uri, file + ": Request-URI", sl.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1)});
        }
        std::size_t n = 0;
        for (auto const& h : split_headers(bytes)) {
            ++n;
            entry e{};
            if (!entry_for_header(h.name, e)) continue;
            std::string const origin = file + ": " + h.name + " (header " + std::to_string(n) + ")";
            out.push_back({e, origin, h.value});
            if (e == entry::name_addr || e == entry::contact || e == entry::route)
                for (auto const& u : bracketed_uris(h.value)) out.push_back({entry::uri, origin + " <uri>", u});
        }
    };
    for (auto const& p : files(data / "rfc4475", ".dat")) add_message(p);
    for (auto const& p : files(data / "seed", ".sip")) add_message(p);
    // fragments.tsv: header TAB value TAB expect TAB offset TAB note
    std::string const tsv = read_bytes(data / "seed" / "fragments.tsv");
    std::istringstream lines(tsv);
    std::string line;
    std::size_t row = 0;
    while (std::getline(lines, line)) {
        ++row;
        if (line.empty() || line[0] == '#') continue;
        std::size_t const t1 = line.find('\t');
        if (t1 == std::string::npos) continue;
        std::size_t const t2 = line.find('\t', t1 + 1);
        std::string const name = line.substr(0, t1);
        std::string const value = line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1);
        entry e{};
        if (!entry_for_header(name, e)) continue;
        std::string const origin = "fragments.tsv row " + std::to_string(row) + " (" + name + ")";
        out.push_back({e, origin, value});
        if (e == entry::name_addr || e == entry::contact || e == entry::route)
            for (auto const& u : bracketed_uris(value)) out.push_back({entry::uri, origin + " <uri>", u});
    }
    return out;
}

/// Every value of a header sipview knows in tests/data (messages and
/// fragments.tsv), and every registry row's example value.
inline std::vector<header_value> header_values(std::filesystem::path const& data) {
    std::vector<header_value> out;
    auto add = [&](std::string_view name, std::string origin, std::string value) {
        sipview::header_id const id = sipview::lookup_header(name);
        if (id != sipview::header_id::other) out.push_back({id, std::move(origin), std::move(value)});
    };
    for (auto const& dir : {data / "rfc4475", data / "seed"})
        for (auto const& p : files(dir, dir.filename() == "seed" ? ".sip" : ".dat"))
            for (auto const& h : split_headers(read_bytes(p))) add(h.name, p.filename().string() + ": " + h.name, h.value);
    std::istringstream lines(read_bytes(data / "seed" / "fragments.tsv"));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::size_t const t1 = line.find('\t');
        if (t1 == std::string::npos) continue;
        std::size_t const t2 = line.find('\t', t1 + 1);
        add(line.substr(0, t1), "fragments.tsv (" + line.substr(0, t1) + ")",
            line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1));
    }
    sipview::for_each_header([&](auto tag) {
        using H = decltype(tag);
        out.push_back({H::id, "registry example (" + std::string(H::name) + ")", std::string(H::example)});
    });
    return out;
}

} // namespace sipview_corpus
