// Lesson links are read from any URL anyone sends a student: they must parse exactly what they
// say, refuse everything else with a reason, and never be half-applied.
#include <doctest/doctest.h>

#include "ui/lesson_link.h"
#include "ui/presets.h"

using namespace ll::ui;

TEST_CASE("lesson link: lab, settings, hide, percent-decoding") {
  const LessonLink l = parse_lesson_link("?lab=compression&hidden=16&optimizer=momentum&lr=0.5&seed=3&hide=lr,seed");
  CHECK(l.lab == "compression");
  CHECK(l.settings == KeyValues{{"hidden", "16"}, {"optimizer", "momentum"}, {"lr", "0.5"}, {"seed", "3"}});
  CHECK(l.hide == std::vector<std::string>{"lr", "seed"});
  CHECK(l.problems.empty());
  CHECK(parse_lesson_link("lab=gan&lr-d=2e-4&x=%41+b").settings == KeyValues{{"lr-d", "2e-4"}, {"x", "A b"}});
  CHECK(parse_lesson_link("embed=1&lab=pca").settings.empty());  // embed is the shell's
}

TEST_CASE("lesson link: presets expand, and the link's own keys win") {
  const LessonLink l = parse_lesson_link("preset=gan-k1&k=3");
  CHECK(l.lab == "gan");
  CHECK(l.settings == KeyValues{{"k", "1"}, {"k", "3"}});  // applied in order: 3 wins
  for (const Preset& p : presets()) CHECK(find_preset(p.name) == &p);
  CHECK(parse_lesson_link("preset=nope").problems.size() == 1);
  const LessonLink wrong = parse_lesson_link("lab=compression&preset=gan-k1");
  REQUIRE(wrong.problems.size() == 1);
  CHECK(wrong.problems[0].find("belongs to the gan lab") != std::string::npos);
  CHECK(wrong.settings.empty());
}

TEST_CASE("lesson link: hostile input is refused with a reason, never passed on") {
  const LessonLink l = parse_lesson_link("lab=%3Cscript%3Ealert(1)%3C/script%3E&%3Cimg%20src=x%3E=1&lr=1");
  CHECK(l.lab == "<script>alert(1)</script>");  // the App reports it as an unknown lab
  REQUIRE(l.problems.size() == 1);              // the key with markup is not a key
  CHECK(l.problems[0].find("ignored the link key") != std::string::npos);
  CHECK(l.settings == KeyValues{{"lr", "1"}});
  const LessonLink huge = parse_lesson_link(std::string(100000, 'a'));
  CHECK(huge.lab.empty());
  CHECK(huge.settings.empty());
  REQUIRE(huge.problems.size() == 1);
  CHECK(huge.problems[0].find("100000 characters") != std::string::npos);
  CHECK(parse_lesson_link("%").problems.size() == 1);  // a lone "%" is no key: reported
  CHECK(parse_lesson_link("&&=&a=").settings == KeyValues{{"a", ""}});
}

TEST_CASE("lesson link: a written link reads back the same") {
  const KeyValues kv = {{"hidden", "8"}, {"lr", "0.001"}, {"image", "moon & stars"}};
  const std::string q = lesson_link_query("compression", kv, {"seed", "batch"});
  CHECK(q == "lab=compression&hidden=8&lr=0.001&image=moon%20%26%20stars&hide=seed,batch");
  const LessonLink back = parse_lesson_link(q);
  CHECK(back.lab == "compression");
  CHECK(back.settings == kv);
  CHECK(back.hide == std::vector<std::string>{"seed", "batch"});
}

TEST_CASE("lesson link: bytes that are not UTF-8 come out as valid UTF-8 (issue 17)") {
  const std::string fffd = "\xef\xbf\xbd";
  CHECK(parse_lesson_link("lab=%ff").lab == fffd);
  const LessonLink seed = parse_lesson_link("lab=compression&seed=%ff");
  CHECK(seed.settings == KeyValues{{"seed", fffd}});
  CHECK(parse_lesson_link("hide=%ff").hide == std::vector<std::string>{fffd});
  CHECK(parse_lesson_link("preset=%c3%28").preset == fffd + "(");
  const LessonLink key = parse_lesson_link("lab=gan&%ff%fe=2");
  REQUIRE(key.problems.size() == 1);
  CHECK(key.problems[0] == "ignored the link key '" + fffd + fffd + "'");
  // A long key with a multi-byte character at the cut is shortened whole.
  const LessonLink cut = parse_lesson_link(std::string(23, 'a') + "%c3%a9%c3%a9=1");
  REQUIRE(cut.problems.size() == 1);
  CHECK(cut.problems[0] == "ignored the link key '" + std::string(23, 'a') + "\xc3\xa9...'");
}

TEST_CASE("lesson link: repeated keys and hide entries count once") {
  std::string q = "lab=compression&hide=";
  for (int i = 0; i < 900; ++i) q += "a,";
  const LessonLink l = parse_lesson_link(q.substr(0, kMaxLinkLength));
  CHECK(l.hide == std::vector<std::string>{"a"});
  const LessonLink twice = parse_lesson_link("lab=compression&lr=0.1&lr=0.2&lr=0.3");
  CHECK(twice.settings == KeyValues{{"lr", "0.3"}});
  REQUIRE(twice.problems.size() == 1);
  CHECK(twice.problems[0] == "the link key 'lr' was given more than once; the last value counts");
}

TEST_CASE("lesson link: maxdpr is for the page shell, a number from 1 to 4, never a page setting") {
  for (const char* good : {"lab=gan&maxdpr=3", "maxdpr=1", "maxdpr=1.5", "maxdpr=4"}) {
    CAPTURE(good);
    const LessonLink l = parse_lesson_link(good);
    CHECK(l.settings.empty());
    CHECK(l.problems.empty());
  }
  for (const char* bad : {"maxdpr=0", "maxdpr=5", "maxdpr=2x", "maxdpr=", "maxdpr=nan", "maxdpr=-1"}) {
    CAPTURE(bad);
    const LessonLink l = parse_lesson_link(bad);
    CHECK(l.settings.empty());
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].find("must be a number from 1 to 4") != std::string::npos);
  }
}

TEST_CASE("lesson link: threads=N is a whole number from 1 to 64, not a page setting") {
  const LessonLink two = parse_lesson_link("lab=gan&threads=2");
  CHECK(two.threads == 2);
  CHECK(two.settings.empty());
  CHECK(two.problems.empty());
  CHECK(parse_lesson_link("threads=1").threads == 1);
  for (const char* bad : {"threads=0", "threads=65", "threads=2x", "threads=", "threads=-1", "threads=%ff"}) {
    CAPTURE(bad);
    const LessonLink l = parse_lesson_link(bad);
    CHECK(l.threads == 0);
    REQUIRE(l.problems.size() == 1);
    CHECK(l.problems[0].find("must be a whole number from 1 to 64") != std::string::npos);
  }
}
