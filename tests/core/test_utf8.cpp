#include <doctest/doctest.h>

#include <string>

#include "core/utf8.h"

TEST_CASE("valid_utf8 keeps valid text and replaces every invalid byte") {
  CHECK(ll::valid_utf8("plain ascii") == "plain ascii");
  CHECK(ll::valid_utf8("caf\xc3\xa9 \xf0\x9f\x98\x80") == "caf\xc3\xa9 \xf0\x9f\x98\x80");
  const std::string fffd = "\xef\xbf\xbd";
  CHECK(ll::valid_utf8("\xff") == fffd);                             // ?lab=%ff
  CHECK(ll::valid_utf8("\xc3\x28") == fffd + "(");                    // &preset=%c3%28
  CHECK(ll::valid_utf8("\xc0\xaf") == fffd + fffd);                   // overlong '/'
  CHECK(ll::valid_utf8("\xed\xa0\x80") == fffd + fffd + fffd);       // a UTF-16 surrogate
  CHECK(ll::valid_utf8("\xf4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // above U+10FFFF
  CHECK(ll::valid_utf8("ab\xe2\x82") == "ab" + fffd + fffd);          // cut at the end
  CHECK(ll::valid_utf8(std::string("a\0b", 3)) == std::string("a\0b", 3));
}

TEST_CASE("utf8_shortened counts code points and never cuts one") {
  CHECK(ll::utf8_shortened("abcdef", 3) == "abc...");
  CHECK(ll::utf8_shortened("abc", 3) == "abc");
  CHECK(ll::utf8_shortened("\xc3\xa9\xc3\xa9\xc3\xa9", 2) == "\xc3\xa9\xc3\xa9...");
  CHECK(ll::utf8_shortened(std::string(5000, 'x'), 40).size() == 43);
}
