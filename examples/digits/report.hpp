// SPDX-License-Identifier: Apache-2.0
// Text output of the digits job: confusion matrix for the terminal, CSV files for analysis.
#pragma once

#include <string>

#include "job.hpp"

namespace spikecore::digits {

/// Accuracy line, decision statistics and the confusion matrix (rows = true digit, columns = predicted,
/// "-" = no label spike).
std::string format_summary(const JobResult& r);

/// Writes into `dir` (created if missing):
///   spikes.csv       phase,sample,image,step,neuron   (phase train|test; neuron = device index, see header)
///   weights.csv      64 rows pixel,w0..w9 in pA (input -> label weights after training)
///   weights_8x8.csv  per class 8 rows class,row,c0..c7 in pA (the learned template as an image)
///   predictions.csv  sample,image,label,predicted,decision,count0..count9
///   confusion.csv    true,pred0..pred9,none
/// Throws std::runtime_error naming the file that cannot be written.
void write_outputs(const std::string& dir, const JobResult& r);

}  // namespace spikecore::digits
