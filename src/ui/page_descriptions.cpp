// What each page shows, said in a few sentences for screen readers (LabPage::describe). The App
// puts the lab's title in front and the web page reads it out through an aria-live region, at
// most every 2 s, so the text names the key numbers, rounded as the page shows them, and the
// state (training, paused, finished), not everything on screen.
#include <cctype>
#include <cstdio>
#include <string>

#include "ui/pages/compression_page.h"
#include "ui/pages/deep_ae_panel.h"
#include "ui/pages/gan_page.h"
#include "ui/pages/pca_page.h"
#include "ui/pages/placeholder_page.h"
#include "ui/pages/pretrain_page.h"

namespace ll::ui {

namespace {
std::string fmt(const char* f, double a, double b = 0, double c = 0, double d = 0) {
  char buf[240];
  std::snprintf(buf, sizeof buf, f, a, b, c, d);
  return buf;
}

// "pretraining RBM 1 of 2" -> "Pretraining RBM 1 of 2": phase names start sentences here.
std::string capitalized(std::string s) {
  if (!s.empty()) s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

const char* state(bool done, bool playing) { return done ? "finished" : playing ? "training" : "paused"; }

// "Loading the mnist dataset, 40%." or its error, while a page waits for its data.
std::string dataset_state(DatasetStore& store, const std::string& name) {
  const DatasetStore::Entry& e = store.request(name);
  if (e.state == DatasetStore::Entry::Failed) return "The " + name + " dataset could not be loaded: " + e.message;
  return "Loading the " + name + " dataset" + fmt(", %.0f%%.", 100 * e.progress);
}

std::string bit_rate(double bpp) { return fmt("%.2g bit", bpp) + (bpp == 1.0 ? "" : "s") + " per pixel"; }

// One image's row of the Compression lab: the method's three panels with PSNR and bit rate.
std::string coded(const std::string& name, const char* method, const Panel& plain, const Panel& q6, const Panel& q4) {
  return name + ", " + method + fmt(": plain code %.1f dB, 6-bit code %.1f dB at ", plain.psnr_db, q6.psnr_db) +
         bit_rate(q6.bpp) + fmt(", 4-bit code %.1f dB at ", q4.psnr_db) + bit_rate(q4.bpp) + ".";
}
}  // namespace

std::string CompressionPage::describe() const {
  if (!lab()) return "Preparing the images and the baselines.";
  const CompressionSettings& s = lab()->settings();
  std::string out = fmt("Training %.2f of %.2f million frames, ", lab()->samples() / 1e6, s.samples / 1e6) +
                    state(lab()->done(), runner_.playing()) + ".";
  if (lab()->samples() == 0) return out + " Nothing trained yet.";
  if (!lab()->status().empty()) out += " " + lab()->status();
  const ImageResults& t = lab()->trained_results();
  const ImageResults& n = lab()->new_results();
  if (method_ == PCA) {
    out += " Trained image " + coded(lab()->trained_image().name, "PCA", t.pca.plain, t.pca.q6, t.pca.q4);
    out += " New image " + coded(lab()->new_image().name, "PCA", n.pca.plain, n.pca.q6, n.pca.q4);
  } else {  // the autoencoder, also when the panels show JPEG: it is what this lab trains
    out += " Trained image " + coded(lab()->trained_image().name, "autoencoder", t.ae.plain, t.ae.q6, t.ae.q4);
    out += " New image " + coded(lab()->new_image().name, "autoencoder", n.ae.plain, n.ae.q6, n.ae.q4);
  }
  if (method_ == JPEG)
    out += fmt(" JPEG at the same rates: %.1f dB and %.1f dB.", t.jpeg_q6.panel.psnr_db, t.jpeg_q4.panel.psnr_db);
  return out;
}

std::string PcaPage::describe() const {
  if (!pca_tab_) return deep_.active ? deep_.describe() : map_.describe();
  if (!runner_.error().empty()) return "PCA tab. " + runner_.error();
  if (!lab()) return "PCA tab. " + dataset_state(datasets_, dataset_);
  if (!lab()->ready()) return "PCA tab. " + fmt("Fitting PCA, %.0f%%.", 100 * lab()->progress());
  const Dataset& d = lab()->dataset();
  return "PCA tab, " + d.name +
         fmt(": %.0f components of %.0f pixels. Test error per image %.2f, explained variance %.1f%%.", k_, d.dims(),
             lab()->test_error_per_image(k_), 100 * lab()->explained_variance(k_));
}

std::string DeepAePanel::describe() const {
  std::string out = std::string(pending_.code == 2 ? "2-D maps tab, " : "Deep autoencoder tab, ") + dataset_ + ". ";
  if (!runner_.error().empty()) return out + runner_.error();
  if (!lab()) return out + dataset_state(datasets_, dataset_);
  out += capitalized(lab()->phase_name()) + fmt(", %.0f%% done, ", 100 * lab()->progress()) + state(lab()->done(), runner_.playing()) + ".";
  if (!lab()->status().empty()) out += " " + lab()->status();
  const int code = lab()->settings().code;
  if (lab()->pca().ready())
    out += fmt(" Test error per image: PCA-%.0f %.2f", code, lab()->pca().test_error_per_image(code));
  if (lab()->deep_test_error() >= 0 && lab()->has_logistic_pca())
    out += fmt(", deep autoencoder %.2f, logistic PCA %.2f", lab()->deep_test_error(), lab()->logistic_test_error());
  else if (lab()->deep_test_error() >= 0)
    out += fmt(", deep autoencoder %.2f (standardised faces)", lab()->deep_test_error());
  out += ".";
  if (code == 2 && lab()->deep_knn_accuracy() >= 0)
    out += fmt(" 5-NN accuracy in the plane: deep autoencoder %.1f%%, PCA %.1f%%.", 100 * lab()->deep_knn_accuracy(),
               100 * lab()->pca_knn_accuracy());
  return out;
}

std::string GanPage::describe() const {
  if (tab_ == Plane) {
    const nlohmann::json m = toy_->metrics();
    if (toy_->empty_target()) return "2-D tab: no target yet, click on the plane to draw one.";
    return fmt("2-D tab: iteration %.0f, ", double(toy_->run().iteration())) +
           state(toy_->done(), playing2_ && !slow_) + (slow_ ? " in slow motion" : "") +
           fmt(". %.0f%% of G's samples on a target mode, %.0f of %.0f modes covered.",
               100.0 * m["samples_on_target"].get<double>(), m["modes_covered"].get<double>(), m["modes"].get<double>());
  }
  if (!lab()) return "Digits tab. " + dataset_state(datasets_, dataset_);
  const GanRun& run = lab()->run();
  std::string out = "Digits tab, " + dataset_ +
                    fmt(": iteration %.0f of %.0f, ", double(run.iteration()), double(lab()->settings().max_iterations)) +
                    state(lab()->done(), runner_.playing()) + (slow_ ? " in slow motion" : "") + ".";
  if (!run.curve().empty()) {
    const GanCurvePoint& p = run.curve().back();
    out += fmt(" E_D %.3f, E_G %.3f, mean D(x) %.2f, mean D(G(z)) %.2f.", p.d_loss, p.g_loss, p.d_real, p.d_fake);
  }
  if (!lab()->scores().empty()) {
    const ScoreReport& r = lab()->scores().back().report;
    out += fmt(" Samples show %.0f of 10 classes, class entropy %.2f nats, Frechet distance %.1f.",
               r.classes_present, r.class_entropy, r.frechet);
  }
  if (!lab()->mode_collapse().empty()) out += " " + lab()->mode_collapse();
  return out;
}

std::string PretrainPage::describe() const {
  if (!runner_.error().empty()) return runner_.error();
  if (!lab()) return dataset_state(datasets_, "mnist");
  std::string out = capitalized(lab()->phase_name()) + fmt(", %.0f%% done, ", 100 * lab()->progress()) +
                    state(lab()->done(), runner_.playing()) + ".";
  if (!lab()->curve().empty()) {
    const AccuracyPoint& p = lab()->curve().back();
    out += fmt(" Test accuracy after %.0f of %.0f fine-tuning steps with %.0f labels: pretrained encoder %.1f%%, ",
               p.step, lab()->settings().steps, lab()->settings().labels, 100 * p.pretrained) +
           fmt("random init %.1f%%.", 100 * p.random);
  }
  return out;
}

std::string PlaceholderPage::describe() const { return "Not built yet. " + info_.summary; }

}  // namespace ll::ui
