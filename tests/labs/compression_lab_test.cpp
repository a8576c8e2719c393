#include <doctest/doctest.h>

#include <cmath>

#include "labs/compression_lab.h"
#include "labs/image_io.h"
#include "labs/patches.h"

using namespace ll;

namespace {
CompressionSettings small_run(int64_t samples) {
  CompressionSettings s;
  s.samples = samples;
  return s;
}
}  // namespace

TEST_CASE("tiles round-trip: tile_frames then untile_frames gives the image back") {
  const LabImage cam = builtin_lab_image("camera");
  REQUIRE(cam.image.width == 256);
  const Matrix X = tile_frames(cam.image);
  CHECK(X.rows() == 64);
  CHECK(X.cols() == 1024);
  CHECK(X.minCoeff() >= -1.0f);
  CHECK(X.maxCoeff() <= 1.0f);
  const GrayImage back = untile_frames(X, 256, 256);
  for (size_t i = 0; i < back.pixels.size(); i += 97)
    CHECK(back.pixels[i] == doctest::Approx(cam.image.pixels[i]).epsilon(1e-5));
}

TEST_CASE("lab images: camera comes from 512x512 by 2x2 averaging, tiny images are refused") {
  const LabImage cam = builtin_lab_image("camera");
  CHECK(cam.note == "512x512 -> 256x256 by 2x2 area averaging");
  const GrayImage raw = load_builtin_image("camera");
  const float avg = (raw.at(10, 20) + raw.at(11, 20) + raw.at(10, 21) + raw.at(11, 21)) / 4.0f;
  CHECK(cam.image.at(5, 10) == std::round(avg));
  CHECK_THROWS_WITH_AS(prepare_lab_image(GrayImage(40, 300, 0.0f), "strip.png"),
                       "strip.png is 40x300 pixels; the lab needs at least 64x64", ImageError);
  const LabImage wide = prepare_lab_image(GrayImage(600, 300, 100.0f), "wide.png");
  CHECK(wide.image.width == 256);
  CHECK(wide.note.find("centre-cropped") != std::string::npos);
}

TEST_CASE("PCA-16 on camera reaches the known optimum of about 30.2 dB") {
  CompressionLab lab(small_run(64), builtin_lab_image("camera"), builtin_lab_image("moon"));
  const ImageResults& r = lab.trained_results();
  CHECK(r.pca.plain.psnr_db == doctest::Approx(30.2).epsilon(0.005));
  CHECK(r.pca.plain.psnr_db > r.pca.q6.psnr_db);  // rounding can only cost
  CHECK(r.pca.q6.psnr_db > r.pca.q4.psnr_db);
  CHECK(r.pca.q6.bpp == doctest::Approx(1.5));
  CHECK(r.pca.q4.bpp == doctest::Approx(1.0));
  CHECK(r.pca.q4.entropy_bpp > 0.0);
  CHECK(r.pca.q4.entropy_bpp <= 1.0);  // entropy never exceeds the fixed-length rate
}

TEST_CASE("JPEG baseline stays at or under the matched rate") {
  CompressionLab lab(small_run(64), builtin_lab_image("camera"), builtin_lab_image("moon"));
  for (const JpegPanel* j : {&lab.trained_results().jpeg_q6, &lab.trained_results().jpeg_q4}) {
    CHECK(j->panel.bpp <= j->target_bpp);
    CHECK(j->panel.bpp > 0.5 * j->target_bpp);
    CHECK(j->quality >= 1);
    CHECK(j->panel.psnr_db > 25.0);
  }
  CHECK(lab.trained_results().jpeg_q6.quality > lab.trained_results().jpeg_q4.quality);
}

TEST_CASE("training improves the code, and the same seed gives the same numbers") {
  CompressionLab a(small_run(64000), builtin_lab_image("camera"), builtin_lab_image("moon"));
  const double before = a.trained_results().ae.plain.psnr_db;
  a.train_batches(1 << 30);
  a.evaluate();
  CHECK(a.done());
  CHECK(a.samples() == 64000);
  const ImageResults& r = a.trained_results();
  CHECK(r.ae.plain.psnr_db > before + 5.0);
  CHECK(r.ae.plain.psnr_db > 23.0);
  CHECK(r.ae.plain.psnr_db >= r.ae.q6.psnr_db - 0.05);
  CHECK(r.ae.q6.psnr_db > r.ae.q4.psnr_db);
  CHECK(a.loss_curve().size() >= 5);
  CHECK(a.loss_curve().back().mse < a.loss_curve().front().mse);
  MESSAGE("64k frames: (B) " << r.ae.plain.psnr_db << " dB, (C) " << r.ae.q6.psnr_db
                             << " dB, (D) " << r.ae.q4.psnr_db << " dB");

  CompressionLab b(small_run(64000), builtin_lab_image("camera"), builtin_lab_image("moon"));
  b.train_batches(1 << 30);
  b.evaluate();
  CHECK(b.trained_results().ae.plain.psnr_db == r.ae.plain.psnr_db);
  CHECK(b.new_results().ae.q4.psnr_db == a.new_results().ae.q4.psnr_db);
}

TEST_CASE("train further: a finished run trains on and its loss keeps falling") {
  CompressionLab a(small_run(64000), builtin_lab_image("camera"), builtin_lab_image("moon"));
  a.train_batches(1 << 30);
  a.evaluate();
  const double at_done = a.trained_results().ae.plain.psnr_db;
  const double loss_at_done = a.loss_curve().back().mse;
  a.extend(64000);
  CHECK(!a.done());
  a.train_batches(1 << 30);
  a.evaluate();
  CHECK(a.done());
  CHECK(a.samples() == 128000);
  MESSAGE("64k frames " << at_done << " dB, +64k further " << a.trained_results().ae.plain.psnr_db << " dB; loss "
                        << loss_at_done << " -> " << a.loss_curve().back().mse);
  CHECK(a.trained_results().ae.plain.psnr_db > at_done);
  CHECK(a.loss_curve().back().mse < loss_at_done);
}

TEST_CASE("a diverging learning rate is caught and the last good results are kept") {
  CompressionSettings s = small_run(200000);
  // Adam moves each weight by about lr per step whatever the gradient's size: the first step takes
  // the weights to about 3e38 and the second past the float maximum. (With plain SGD the weights
  // stopped just below it, after which tanh saturated, the gradients were exactly zero and only
  // the summation order of a GEMM decided whether a NaN ever appeared.)
  s.optimizer = OptimizerKind::Adam;
  s.lr = 3e38f;
  CompressionLab lab(s, builtin_lab_image("camera"), builtin_lab_image("moon"));
  const double before = lab.trained_results().ae.plain.psnr_db;
  lab.train_batches(1000);
  lab.evaluate();
  CHECK(lab.diverged());
  CHECK(lab.done());
  CHECK(lab.status().find("diverged") != std::string::npos);
  CHECK(lab.encoder().params_finite());
  CHECK(lab.decoder().params_finite());
  CHECK(std::isfinite(lab.trained_results().ae.plain.psnr_db));
  CHECK(lab.trained_results().ae.plain.psnr_db == before);
}

TEST_CASE("bad settings are refused with a reason") {
  CompressionSettings s;
  s.hidden = 0;
  CHECK_THROWS_WITH_AS(CompressionLab(s, builtin_lab_image("camera"), builtin_lab_image("moon")),
                       "code size must be 1..64", std::invalid_argument);
  CHECK_THROWS_WITH(optimizer_from_key("rmsprop"), "unknown optimizer 'rmsprop' (sgd, momentum, adam)");
}
