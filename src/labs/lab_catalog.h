// The lecture's experiments, as the app and the CLI name them. The key is the same everywhere:
// the web URL (?lab=compression), the desktop flag (--lab compression) and the CLI subcommand.
#pragma once
#include <string>
#include <vector>

namespace ll {

struct LabInfo {
  std::string key;      // "compression", "pca", "pretraining", "gan"
  std::string title;    // shown in the lab selector
  std::string summary;  // one sentence for the lab's page
  std::string issue;    // where its work is tracked while it is not built yet
  bool built = false;   // false: the page says plainly that the lab is not built yet
};

const std::vector<LabInfo>& lab_catalog();
// nullptr when no lab has this key.
const LabInfo* find_lab(const std::string& key);
// The lab that opens when nothing is asked for.
const LabInfo& default_lab();
// "compression, pca, pretraining, gan": for messages about an unknown key.
std::string lab_keys_list();

}  // namespace ll
