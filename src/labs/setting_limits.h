// The allowed range of every numeric setting that both a lab page (its control and lesson-link
// key, ui/widgets/controls.h) and the CLI (the flag of the same name) take, in one place, so a value
// refused in a link is refused by the CLI too, with a message, instead of silently falling back
// to a default or dying in std::bad_alloc (issue 17: `gan --latent 100000000`).
// Counts that depend on the data set (pca --k, pretrain --labels, deep-ae --code) are checked
// against the data set by the CLI itself; the pages offer the built-in sets' ranges.
#pragma once

namespace ll::limits {

struct Range {
  double lo, hi;
};

// compress (Compression lab)
inline constexpr Range kCompressHidden{1, 64};
inline constexpr Range kCompressLr{1e-7, 10};
inline constexpr Range kCompressBatch{1, 512};
inline constexpr Range kCompressNoiseBits{0, 8};
inline constexpr Range kCompressSamples{1, 1e9};
// deep-ae (Deep autoencoder and 2-D maps tabs)
inline constexpr Range kDeepAeRbmEpochs{0, 50};
inline constexpr Range kDeepAeEpochs{0, 200};
inline constexpr Range kDeepAeBatch{1, 256};
inline constexpr Range kDeepAeLr{1e-6, 1};
inline constexpr Range kRbmLr{1e-6, 10};
// pretrain (Pretraining lab)
inline constexpr Range kPretrainRbmEpochs{0, 20};
inline constexpr Range kPretrainSteps{0, 100000};
inline constexpr Range kPretrainLr{1e-5, 10};
inline constexpr Range kPretrainBatch{1, 512};
// gan (GAN lab)
inline constexpr Range kGanK{1, 10};
inline constexpr Range kGanLatent{1, 128};
inline constexpr Range kGanHidden{16, 1024};
inline constexpr Range kGanLr{1e-7, 10};
inline constexpr Range kGanBatch{8, 256};
inline constexpr Range kGanIterations{1, 1e8};

}  // namespace ll::limits
