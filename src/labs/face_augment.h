// The faces slide's data: "165,600 images from Olivetti's 400, using standard transformations",
// each with mean intensity 0 and variance 1 (Hinton & Salakhutdinov 2006, the deep autoencoder
// on faces). Here: skimage's 100 faces, split by face first (labs/datasets.h), and only the
// training faces grown by small similarity transforms (shift, rotation, scaling, mirror), so no
// copy of a test face ever reaches training. Images are columns of row-major pixels (tensor.h).
#pragma once
#include "core/rng.h"
#include "core/tensor.h"

namespace ll {

// One transform about the image centre: output pixel p reads the source at
// centre + R(-degrees) (p - centre - shift) / scale, mirrored left-right first when `mirror`.
struct Similarity {
  float dx = 0, dy = 0;   // pixels; +x to the right, +y down
  float degrees = 0;      // clockwise on screen
  float scale = 1;
  bool mirror = false;
};

// The ranges the random transforms are drawn from (uniform; mirror with probability 1/2).
// Small enough that a 25x25 face stays a face: +-2 px, +-10 degrees, 0.9 to 1.1.
struct AugmentRange {
  float max_shift = 2.0f, max_degrees = 10.0f, min_scale = 0.9f, max_scale = 1.1f;
};

// `image` (width*height values, row-major) under t, sampled bilinearly; points outside the
// image take the nearest edge pixel (a face's background continues instead of turning black).
Vector transform_image(const Vector& image, int width, int height, const Similarity& t);

// `count` images: column j is a random column of `faces` under a random transform, both from
// rng, in order (same seed, same images).
Matrix augment_faces(const Matrix& faces, int width, int height, int count, const AugmentRange& range, Rng& rng);

// Each column to mean 0 and variance 1 (population variance, over its pixels); a flat column
// becomes all zeros.
void standardize_columns(Matrix& X);

// Standardised pixels as gray on [0,1] for showing: v at 0.5 + v / 6, so -3 to +3 standard
// deviations span black to white (one fixed scale, so the rows of a comparison read alike).
Matrix standardized_to_gray(const Matrix& X);

}  // namespace ll
