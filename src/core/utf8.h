// Text that came from outside (link parameters, file names, model metadata, messages from a host
// page) may be any bytes. Everything that reaches JSON (window.latentlab, the CLI's --json) or
// the screen goes through these first: nlohmann::json throws on invalid UTF-8, and an exception
// there once took the whole page API down (issue 17).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace ll {

// `s` with every byte that does not start or continue a valid UTF-8 sequence (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF) replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

// valid_utf8(s), cut to at most `max_chars` code points with "..." appended when cut: for names
// and values echoed in messages, which must stay one readable line.
std::string utf8_shortened(std::string_view s, size_t max_chars);

}  // namespace ll
