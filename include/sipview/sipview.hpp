// sipview — umbrella header: every concept. Include the per-concept headers
// (uri.hpp, name_addr.hpp, via.hpp, auth.hpp, message.hpp, format.hpp) to
// compile less.
// Distributed under the Boost Software License, Version 1.0.
#ifndef SIPVIEW_SIPVIEW_HPP
#define SIPVIEW_SIPVIEW_HPP

#include <sipview/auth.hpp>
#include <sipview/core.hpp>
#include <sipview/error.hpp>
#include <sipview/format.hpp>
#include <sipview/message.hpp>
#include <sipview/name_addr.hpp>
#include <sipview/stream.hpp>
#include <sipview/uri.hpp>
#include <sipview/via.hpp>

#endif
