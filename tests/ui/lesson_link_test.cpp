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
