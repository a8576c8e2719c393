#include "ui/pages/lab_help.h"

#include <imgui.h>

#include <map>

namespace ll::ui {

namespace {

struct Help {
  const char* shows;
  const char* try_this;
  const char* watch;
};

const std::map<std::string, Help>& helps() {
  static const std::map<std::string, Help> h = {
      {"compression",
       {"A small network squeezes every 8x8 patch of a photo (64 pixels) into 16 numbers and rebuilds the "
        "patch from them. (B) keeps the 16 numbers exact, (C) and (D) round them to 6 and 4 bits.",
        "lower the code size and press Reset; choose PCA or JPEG under Show; open a photo of your own as "
        "the new image.",
        "the loss falling; the new image, never seen in training, compressing almost as well as the "
        "trained one; the table comparing quality (PSNR) at the same number of bits."}},
      {"pca",
       {"PCA finds the directions in which the images differ most. Keeping the top k directions "
        "describes every image with k numbers instead of one per pixel.",
        "drag k from 1 to 200; switch the dataset, or open your own (IDX, .npy or a zip of images); draw a "
        "digit at the bottom.",
        "how few numbers already give recognisable images; the components (eigen-images) going from "
        "blobs to strokes; test error staying close to training error."}},
      {"deep-ae",
       {"A deep autoencoder (784-1000-500-250-30) against logistic PCA and PCA with the same 30 numbers "
        "per image. The deep net is first pretrained layer by layer as RBMs, then fine-tuned "
        "(Hinton & Salakhutdinov 2006).",
        "turn RBM pretraining off and press Reset: the same net from random weights; change the code size; "
        "pick Faces for the lecture's faces slide; draw a digit at the bottom.",
        "each RBM's error falling in turn; the deep net's test error going below the dashed PCA line; its "
        "reconstructions in the rows below."}},
      {"deep-ae-faces",
       {"The lecture's faces slide: a deep autoencoder (625-2000-1000-500-30) against PCA with the same 30 "
        "numbers per 25x25 face. Every face is standardised (mean 0, variance 1), so the first RBM has "
        "Gaussian visible units; 80 training faces are grown to 10,000 by small shifts, turns, scalings and "
        "mirrors. The 20 test faces are other people, never trained on.",
        "more fine-tuning epochs; RBM pretraining off; compare with the MNIST choice.",
        "the deep net's error against the dashed PCA-30 line: with only 80 people to learn from it stays "
        "above it here (README, \"Faces\"); the paper's deep net won with 165,600 faces."}},
      {"map",
       {"Every test image placed at its 2-number code, coloured by its class: PCA's best 2 directions "
        "against a deep autoencoder with a 2-unit code.",
        "click or drag in a map to turn that point back into an image; draw a digit at the bottom and find it "
        "on both maps.",
        "classes forming separate clusters in the deep map while they overlap in PCA's; the 5-NN accuracy "
        "under each map."}},
      {"gan",
       {"A generator G turns random numbers z into images; a discriminator D learns to tell them from "
        "real digits while G learns to fool D (Goodfellow et al. 2014).",
        "switch between the minimax and non-saturating losses; Step D and Step G one move at a time; raise k; "
        "draw a digit at the bottom and ask D about it.",
        "noise turning into digits; mean D(x) and D(G(z)) moving towards 1/2; the class bars: if only a "
        "few classes appear, G has collapsed onto a few modes."}},
      {"gan-2d",
       {"The same game on points in a plane. The colour is D's belief that a point is real (red) or fake "
        "(blue); green dots are real samples, black dots G's, and each arrow shows where G's next step pulls "
        "its dot.",
        "pick another target, or draw your own by clicking on the plane; slow motion shows each step.",
        "G's points following the arrows up D's slope to the red regions, and D fading to white (1/2) where "
        "they match the target."}},
      {"pretraining",
       {"An encoder pretrained on all the images without labels, then fine-tuned with only N labelled "
        "ones, against the same network trained from random weights on the same N.",
        "set N to 10 or 100 labels and compare; then raise it to 8000; draw a digit at the bottom and see "
        "what each classifier calls it.",
        "the gap between the two accuracy curves: widest with few labels, closing as N grows."}},
  };
  return h;
}

void line(const char* head, const char* text) {
  ImGui::TextUnformatted(head);
  ImGui::SameLine(0, 6);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
}

}  // namespace

void lab_help(const std::string& view) {
  const auto it = helps().find(view);
  if (it == helps().end()) return;
  ImGui::PushID(view.c_str());
  ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  if (ImGui::TreeNodeEx("About this lab, and what to try", ImGuiTreeNodeFlags_NoTreePushOnOpen)) {
    line("Shows:", it->second.shows);
    line("Try:", it->second.try_this);
    line("Watch:", it->second.watch);
    ImGui::Spacing();
  }
  ImGui::PopID();
}

}  // namespace ll::ui
