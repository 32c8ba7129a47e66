// sip-lint FILE.pcap / FILE.pcapng: lints every SIP message of a packet
// capture (capture.hpp decodes it) with the per-message lint of
// message_lint.hpp, and ends with a summary per dialog (Call-ID).
//
// Human output, per message: a line with the frame, time, endpoints and
// transport, then the usual output under the name FILE#FRAME. JSON: the
// usual object per message plus "frame", "time", "src", "dst", "transport"
// (and, with --password, each digest check's "challenge"), then one
// {"summary": ...} object.
#pragma once

#include "capture.hpp"
#include "cli.hpp"

#include <sipview/auth.hpp>
#include <sipview/message.hpp>

#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <exception>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace sip_lint {

/// What is shown of a capture.
struct capture_options {
    std::optional<std::string> call_id;  ///< --call-id ID: only that dialog (exact, as RFC 3261 §20.8 compares)
    bool errors_only = false;            ///< --errors-only: only messages with an error or warning
};

/// The first bytes of `path` (up to 16), to look for a capture's magic
/// number; empty when it cannot be opened or read (read_input says why).
inline std::string file_head(std::string const& path) {
    std::string head;
    int const fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return head;
    char buf[16];
    ssize_t n = 0;
    do n = ::read(fd, buf, sizeof buf);
    while (n < 0 && errno == EINTR);
    if (n > 0) head.assign(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return head;
}

/// True when `path` (not stdin) is a pcap or pcapng file, by its magic number.
inline bool is_capture_file(std::string const& path) {
    if (path == "-") return false;
    std::string const head = file_head(path);
    return !head.empty() && capture::is_capture(head);
}

namespace capture_detail {

/// "127.0.0.1:5060", "[2001:db8::1]:5060".
inline std::string endpoint_text(capture::endpoint const& e) {
    bool const v6 = e.address.find(':') != std::string::npos;
    return (v6 ? "[" + e.address + "]" : e.address) + ":" + std::to_string(e.port);
}

/// "2026-11-30 12:00:01.123456 UTC" (microseconds), or the seconds as a
/// number when they do not make a date.
inline std::string time_text(double t) {
    if (!std::isfinite(t) || t < 0 || t > 253402300799.0) return std::to_string(t) + " s";
    double whole = std::floor(t);
    auto micro = static_cast<long>(std::lround((t - whole) * 1e6));
    if (micro >= 1000000) {
        whole += 1;
        micro -= 1000000;
    }
    auto const secs = static_cast<std::time_t>(whole);
    std::tm tm{};
    if (::gmtime_r(&secs, &tm) == nullptr) return std::to_string(t) + " s";
    char buf[64];
    std::size_t const n = std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    char frac[32];
    std::snprintf(frac, sizeof frac, ".%06ld", micro);
    return std::string(buf, n) + frac + " UTC";
}

/// A Digest challenge (WWW-Authenticate or Proxy-Authenticate) or credential
/// (Authorization or Proxy-Authorization): its realm and nonce.
struct digest_params {
    bool proxy = false;
    std::string realm, nonce;
};

/// What the summary and the challenge matching need of one message.
struct message_facts {
    bool parsed = false;  ///< at least the relaxed split worked
    bool request = false;
    std::string method;
    unsigned status = 0;
    std::optional<std::string> call_id;
    std::optional<std::uint32_t> cseq;
    std::vector<digest_params> challenges;  ///< Digest challenges of a 401/407, in header order
    std::vector<digest_params> digests;     ///< Digest credentials, in the order of lint_result::digest_checks
};

inline message_facts facts_of(std::string_view text, sipview::leniency_set lenient) {
    using namespace sipview;
    message_facts f;
    header_field headers[max_headers];
    message_options strict;  // as lint_message parses it
    strict.lenient = lenient;
    auto r = parse_message(text, headers, strict);
    message_options relaxed;
    relaxed.validate = false;
    relaxed.lenient = lenient;
    if (!r) r = parse_message(text, headers, relaxed);
    if (!r) return f;
    message const& m = *r;
    f.parsed = true;
    f.request = m.is_request();
    f.method = std::string(m.method());
    f.status = m.status_code();
    if (auto c = m.call_id()) f.call_id = std::string(*c);
    else if (header_field const* h = m.find(header_id::call_id)) f.call_id = std::string(h->value);  // as written
    if (auto c = m.cseq()) f.cseq = c->number;
    for (header_field const& h : m.headers()) {
        bool const www = h.is(header_id::www_authenticate), pa = h.is(header_id::proxy_authenticate);
        bool const auth = h.is(header_id::authorization), pz = h.is(header_id::proxy_authorization);
        if (www || pa) {
            auto c = m.parse_field(h, parse_challenge);
            if (c && c->is_digest()) f.challenges.push_back({pa, unq(c->realm()), unq(c->nonce())});
        } else if (auth || pz) {  // the same filter as check_digests
            auto c = m.parse_field(h, parse_credentials);
            if (c && c->is_digest()) f.digests.push_back({pz, unq(c->realm()), unq(c->nonce())});
        }
    }
    return f;
}

/// A 401/407 seen in a dialog: what a later retry is matched with.
struct challenge_seen {
    std::size_t frame = 0;
    unsigned status = 0;
    std::uint32_t cseq = 0;
    std::vector<digest_params> challenges;
};

struct flagged {
    std::size_t frame = 0;
    std::string severity, message;
};

struct dialog {
    std::string call_id;  ///< "" for messages without one
    std::vector<std::string> sequence;  ///< methods and status codes in capture order
    std::vector<std::size_t> frames;
    std::vector<flagged> problems;      ///< messages with an error or warning: the first diagnostic
    std::vector<challenge_seen> challenge_list;
};

/// How a credential relates to the challenge it answers: the latest 401
/// (Authorization) or 407 (Proxy-Authorization) of the same Call-ID with a
/// lower CSeq number (a retry increments CSeq, RFC 3261 §22.2), its
/// challenge of the same realm (else its first).
struct challenge_match {
    bool found = false;
    std::size_t frame = 0;
    unsigned status = 0;
    std::uint32_t cseq = 0;
    std::string realm, nonce;  ///< what the challenge sent
    bool realm_matches = false, nonce_matches = false;
};

inline challenge_match match_challenge(dialog const& d, std::optional<std::uint32_t> cseq, digest_params const& cred) {
    challenge_match out;
    for (auto it = d.challenge_list.rbegin(); it != d.challenge_list.rend(); ++it) {
        if (cseq && it->cseq >= *cseq) continue;
        digest_params const* pick = nullptr;
        for (digest_params const& c : it->challenges) {
            if (c.proxy != cred.proxy) continue;
            if (pick == nullptr || (c.realm == cred.realm && pick->realm != cred.realm)) pick = &c;
        }
        if (pick == nullptr) continue;
        out.found = true;
        out.frame = it->frame;
        out.status = it->status;
        out.cseq = it->cseq;
        out.realm = pick->realm;
        out.nonce = pick->nonce;
        out.realm_matches = pick->realm == cred.realm;
        out.nonce_matches = pick->nonce == cred.nonce;
        return out;
    }
    return out;
}

/// A value from the input, quoted and escaped for the terminal.
inline std::string quoted(std::string const& s) { return "\"" + terminal_text(s) + "\""; }

} // namespace capture_detail

/// Lints every SIP message of the capture `path` (shown as `file`) and
/// writes the messages and the dialog summary to `out`. Returns
/// exit_valid, exit_invalid (a message shown in the summary has an error),
/// or exit_usage when the file cannot be read as a capture (`error` says
/// why; what was read before is still written).
inline int lint_capture(std::string const& path, std::string const& file, lint_options const& o,
                        capture_options const& co, std::ostream& out, std::string& error) {
    using namespace capture_detail;
    std::vector<dialog> dialogs;
    std::vector<capture::capture_problem> problems;
    std::size_t messages = 0, with_errors = 0, with_warnings = 0, shown = 0;
    std::exception_ptr failure;  // an exception of ours is not thrown through the decoder

    std::unordered_map<std::string, std::size_t> dialog_index;  // Call-ID -> dialogs[i], in order of appearance
    auto dialog_of = [&](std::string const& id) -> dialog& {
        auto const [it, added] = dialog_index.emplace(id, dialogs.size());
        if (added) {
            dialogs.push_back(dialog{});
            dialogs.back().call_id = id;
        }
        return dialogs[it->second];
    };

    auto on_message = [&](capture::captured_message const& cm) {
        if (failure) return;
        try {
            message_facts const f = facts_of(cm.text, o.lenient);
            if (co.call_id && (!f.call_id || *f.call_id != *co.call_id)) return;
            ++messages;
            lint_result r = lint_message(cm.text, o.password, o.lenient);
            bool const has_error = !r.valid;
            bool const has_warning = !r.diagnostics.empty() && r.valid;
            with_errors += has_error ? 1 : 0;
            with_warnings += has_warning ? 1 : 0;

            dialog& d = dialog_of(f.call_id.value_or(""));
            d.sequence.push_back(!f.parsed ? std::string("?") : f.request ? f.method : std::to_string(f.status));
            d.frames.push_back(cm.frame);
            if (!r.diagnostics.empty())
                d.problems.push_back({cm.frame, r.diagnostics.front().severity, r.diagnostics.front().message});

            // --password: the challenge each Digest credential answers
            std::vector<challenge_match> matches;
            if (o.password && f.request) {
                for (digest_params const& cred : f.digests) matches.push_back(match_challenge(d, f.cseq, cred));
                std::size_t i = 0;
                for (json& entry : r.digest_checks) {
                    if (i >= matches.size()) break;
                    challenge_match const& c = matches[i];
                    digest_params const& cred = f.digests[i++];
                    entry["realm"] = cred.realm;
                    entry["nonce"] = cred.nonce;
                    entry["challenge"] = c.found ? json{{"frame", c.frame},
                                                        {"status", c.status},
                                                        {"cseq", c.cseq},
                                                        {"realm", c.realm},
                                                        {"nonce", c.nonce},
                                                        {"realm_matches", c.realm_matches},
                                                        {"nonce_matches", c.nonce_matches}}
                                                 : json(nullptr);
                }
            }
            if (f.parsed && !f.request && (f.status == 401 || f.status == 407) && !f.challenges.empty())
                d.challenge_list.push_back({cm.frame, f.status, f.cseq.value_or(0), f.challenges});

            if (co.errors_only && r.diagnostics.empty()) return;
            ++shown;
            if (o.json) {
                json j = json::parse(to_json_line(r, false, cm.text));
                j["frame"] = cm.frame;
                j["time"] = std::isfinite(cm.time) ? json(cm.time) : json(nullptr);
                j["src"] = json{{"address", cm.src.address}, {"port", cm.src.port}};
                j["dst"] = json{{"address", cm.dst.address}, {"port", cm.dst.port}};
                j["transport"] = capture::transport_name(cm.via);
                make_json_utf8(j);
                out << j.dump() << '\n';
                return;
            }
            // each challenge line goes right after the first line of its
            // digest check ("Authorization Digest response matches ...")
            std::size_t check = 0;
            for (std::size_t i = 0; i < r.summary.size() && check < matches.size(); ++i) {
                std::string const head = f.digests[check].proxy ? "Proxy-Authorization" : "Authorization";
                if (r.summary[i].rfind(head + " Digest response", 0) != 0) continue;
                challenge_match const& c = matches[check];
                digest_params const& cred = f.digests[check++];
                std::string line = "  answers realm " + quoted(cred.realm) + ", nonce " + quoted(cred.nonce);
                if (!c.found) {
                    line += ": no " + std::string(cred.proxy ? "407" : "401") +
                            " challenge of this Call-ID with a lower CSeq in the capture";
                } else {
                    line += " of the " + std::to_string(c.status) + " in frame " + std::to_string(c.frame) +
                            " (CSeq " + std::to_string(c.cseq) + "): ";
                    line += c.nonce_matches ? "the nonce that challenge sent"
                                            : "NOT the nonce that challenge sent (" + quoted(c.nonce) + ")";
                    if (!c.realm_matches) line += "; its realm was " + quoted(c.realm);
                }
                r.summary.insert(r.summary.begin() + static_cast<std::ptrdiff_t>(i) + 1, line);
                ++i;
            }
            std::string const name = file + "#" + std::to_string(cm.frame);
            std::string text = terminal_text(file) + ": frame " + std::to_string(cm.frame) + ", " + time_text(cm.time) +
                               ", " + terminal_text(endpoint_text(cm.src)) + " -> " +
                               terminal_text(endpoint_text(cm.dst)) + ", " + capture::transport_name(cm.via) + "\n";
            text += render_human(name, cm.text, r);
            out << terminal_text(text, keep_newline | keep_tab);
        } catch (...) {
            failure = std::current_exception();
        }
    };
    auto on_problem = [&](capture::capture_problem const& p) {
        if (failure) return;
        try {
            problems.push_back(p);
            if (!o.json)
                out << terminal_text(file) + ": " + (p.frame ? "frame " + std::to_string(p.frame) + ": " : std::string()) +
                                     "capture problem: " + terminal_text(p.what) + "\n";
        } catch (...) {
            failure = std::current_exception();
        }
    };
    bool const ok = capture::read_capture(path, on_message, on_problem, error);
    if (failure) std::rethrow_exception(failure);
    if (!ok && messages == 0 && problems.empty()) return exit_usage;  // not a capture after all: no summary

    // the summary
    if (o.json) {
        json ds = json::array();
        for (dialog const& d : dialogs) {
            json flags = json::array();
            for (flagged const& p : d.problems)
                flags.push_back(json{{"frame", p.frame}, {"severity", p.severity}, {"message", p.message}});
            ds.push_back(json{{"call_id", d.call_id.empty() ? json(nullptr) : json(d.call_id)},
                              {"sequence", d.sequence},
                              {"frames", d.frames},
                              {"problems", flags}});
        }
        json ps = json::array();
        for (capture::capture_problem const& p : problems) ps.push_back(json{{"frame", p.frame}, {"what", p.what}});
        json s{{"file", file},          {"messages", messages},       {"shown", shown},
               {"with_errors", with_errors}, {"with_warnings", with_warnings}, {"dialogs", ds},
               {"capture_problems", ps}, {"complete", ok}};
        json j{{"summary", s}};
        make_json_utf8(j);
        out << j.dump() << '\n';
    } else {
        std::string const fname = terminal_text(file);
        std::string s = fname + ": " + std::to_string(messages) + " SIP message" + (messages == 1 ? "" : "s") +
                        (co.call_id ? " with Call-ID " + terminal_text(*co.call_id) : std::string()) + " in " +
                        std::to_string(dialogs.size()) + " dialog" + (dialogs.size() == 1 ? "" : "s") + ", " +
                        std::to_string(with_errors) + " with an error, " + std::to_string(with_warnings) +
                        " with a warning";
        if (!problems.empty()) s += ", " + std::to_string(problems.size()) + " capture problem" + (problems.size() == 1 ? "" : "s");
        s += "\n";
        for (dialog const& d : dialogs) {
            s += fname + ": dialog " + (d.call_id.empty() ? std::string("(no Call-ID)") : terminal_text(d.call_id)) + ":";
            for (std::string const& t : d.sequence) s += " " + t;
            s += "\n";
            for (flagged const& p : d.problems)
                s += fname + ":   frame " + std::to_string(p.frame) + ": " + p.severity + ": " + terminal_text(p.message) + "\n";
        }
        out << s;
    }
    if (!ok) return exit_usage;
    return with_errors > 0 ? exit_invalid : exit_valid;
}

} // namespace sip_lint
