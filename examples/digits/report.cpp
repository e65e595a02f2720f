// SPDX-License-Identifier: Apache-2.0
#include "report.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace spikecore::digits {
namespace {

const char* decision_name(Decision d) {
  switch (d) {
    case Decision::Unique: return "unique";
    case Decision::TieByFirstSpike: return "tie-first-spike";
    case Decision::TieByIndex: return "tie-index";
    case Decision::NoSpike: return "no-spike";
  }
  return "?";
}

std::string pA(int raw, double w_lsb) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.9g", raw * w_lsb);
  return buf;
}

std::ofstream create(const std::filesystem::path& p) {
  std::ofstream f(p);
  if (!f) throw std::runtime_error(p.string() + ": cannot write");
  return f;
}

}  // namespace

std::string format_summary(const JobResult& r) {
  std::ostringstream o;
  const int n = r.confusion.total();
  int dec[4] = {0, 0, 0, 0};
  for (const auto& t : r.tests) ++dec[static_cast<int>(t.how)];
  char line[160];
  std::snprintf(line, sizeof line, "top-1 accuracy: %d / %d = %.2f %%\n", r.confusion.correct(), n,
                100.0 * r.accuracy());
  o << line;
  o << "decisions: " << dec[0] << " unique, " << dec[1] << " ties broken by first spike, " << dec[2]
    << " by lowest label, " << dec[3] << " without label spike\n";
  o << "confusion (rows: true digit, columns: predicted, -: no spike)\n     ";
  for (int k = 0; k < kClasses; ++k) o << "   " << k;
  o << "   -\n";
  for (int t = 0; t < kClasses; ++t) {
    std::snprintf(line, sizeof line, "  %d: ", t);
    o << line;
    for (int p = 0; p <= kClasses; ++p) {
      std::snprintf(line, sizeof line, "%4d", r.confusion.m[t][p]);
      o << line;
    }
    o << "\n";
  }
  return o.str();
}

void write_outputs(const std::string& dir, const JobResult& r) {
  namespace fs = std::filesystem;
  const fs::path d(dir);
  std::error_code ec;
  fs::create_directories(d, ec);
  if (ec) throw std::runtime_error(dir + ": cannot create directory: " + ec.message());

  {
    auto f = create(d / "spikes.csv");
    f << "# neurons " << r.input_first << ".." << r.input_first + kPixels - 1 << " = pixels 0..63, "
      << r.label_first << ".." << r.label_first + kClasses - 1 << " = labels 0..9\n";
    f << "phase,sample,image,step,neuron\n";
    for (const auto& s : r.spikes)
      f << (s.phase == 0 ? "train," : "test,") << s.sample << ',' << s.image << ',' << s.step << ',' << s.neuron
        << '\n';
  }
  {
    auto f = create(d / "weights.csv");
    f << "pixel";
    for (int k = 0; k < kClasses; ++k) f << ",w" << k;
    f << '\n';
    for (int j = 0; j < kPixels; ++j) {
      f << j;
      for (int k = 0; k < kClasses; ++k) f << ',' << pA(r.weights[j * kClasses + k], r.w_lsb);
      f << '\n';
    }
  }
  {
    auto f = create(d / "weights_8x8.csv");
    f << "class,row,c0,c1,c2,c3,c4,c5,c6,c7\n";
    for (int k = 0; k < kClasses; ++k)
      for (int row = 0; row < 8; ++row) {
        f << k << ',' << row;
        for (int col = 0; col < 8; ++col) f << ',' << pA(r.weights[(row * 8 + col) * kClasses + k], r.w_lsb);
        f << '\n';
      }
  }
  {
    auto f = create(d / "predictions.csv");
    f << "sample,image,label,predicted,decision";
    for (int k = 0; k < kClasses; ++k) f << ",count" << k;
    f << '\n';
    for (std::size_t i = 0; i < r.tests.size(); ++i) {
      const auto& t = r.tests[i];
      f << i << ',' << t.image << ',' << t.label << ',' << t.predicted << ',' << decision_name(t.how);
      for (int c : t.activity.count) f << ',' << c;
      f << '\n';
    }
  }
  {
    auto f = create(d / "confusion.csv");
    f << "true";
    for (int k = 0; k < kClasses; ++k) f << ",pred" << k;
    f << ",none\n";
    for (int t = 0; t < kClasses; ++t) {
      f << t;
      for (int v : r.confusion.m[t]) f << ',' << v;
      f << '\n';
    }
  }
}

}  // namespace spikecore::digits
