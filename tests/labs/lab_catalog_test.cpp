#include <doctest/doctest.h>

#include "labs/lab_catalog.h"

TEST_CASE("the four lecture labs are in the catalog, compression first") {
  CHECK(ll::default_lab().key == "compression");
  CHECK(ll::lab_keys_list() == "compression, pca, pretraining, gan");
  REQUIRE(ll::find_lab("gan") != nullptr);
  CHECK(ll::find_lab("gan")->title == "GAN");
  CHECK(ll::find_lab("GAN") == nullptr);  // keys are exact, like the CLI subcommands
  CHECK(ll::find_lab("") == nullptr);
}
