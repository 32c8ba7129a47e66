// sipview — umbrella header: every concept. Include the per-concept headers
// (uri.hpp, name_addr.hpp, via.hpp, auth.hpp, message.hpp, format.hpp) to
// compile less, or build with SIPVIEW_SEPARATE_COMPILATION (link
// sipview::compiled, or include sipview/src.hpp in one .cpp): every header
// then only declares what runs a grammar, and includes no Boost.Spirit
// header (detail/config.hpp).
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_SIPVIEW_HPP
#define SIPVIEW_SIPVIEW_HPP

#include <sipview/auth.hpp>
#include <sipview/charging_vector.hpp>
#include <sipview/core.hpp>
#include <sipview/dialog_id.hpp>
#include <sipview/error.hpp>
#include <sipview/events.hpp>
#include <sipview/format.hpp>
#include <sipview/header_cache.hpp>
#include <sipview/identity.hpp>
#include <sipview/leniency.hpp>
#include <sipview/message.hpp>
#include <sipview/multipart.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/product.hpp>
#include <sipview/reason.hpp>
#include <sipview/stream.hpp>
#include <sipview/tel.hpp>
#include <sipview/token_list.hpp>
#include <sipview/uri.hpp>
#include <sipview/uri_compare.hpp>
#include <sipview/via.hpp>
#include <sipview/warning.hpp>

#endif
