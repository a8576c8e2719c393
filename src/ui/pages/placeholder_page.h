// The page of a lab whose issue has not landed: says so plainly, with what the lab will do.
#pragma once
#include "labs/lab_catalog.h"
#include "ui/lab_page.h"

namespace ll::ui {

class PlaceholderPage : public LabPage {
 public:
  explicit PlaceholderPage(const LabInfo& info) : info_(info) {}
  void update(double) override {}
  bool busy() const override { return false; }
  void draw() override;
  nlohmann::json metrics() const override { return {{"built", false}}; }
  std::string describe() const override;
  std::string load_file(std::string_view, const std::string& name, const std::string&) override {
    return "The " + info_.title + " lab is not built yet, so " + name + " was not loaded.";
  }

 private:
  LabInfo info_;
};

}  // namespace ll::ui
