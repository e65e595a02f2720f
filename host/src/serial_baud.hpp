// SPDX-License-Identifier: Apache-2.0
// Non-standard serial rates (e.g. 12 Mbaud on an FT2232H) through Linux termios2 + BOTHER, which Asio and
// <termios.h> cannot express. Kept in its own translation unit because <asm/termbits.h> clashes with <termios.h>.
#pragma once

namespace spikecore::detail {

/// Sets input and output rate of the tty `fd` to `baud`; returns 0 or the errno of the failing ioctl.
int set_custom_baud(int fd, unsigned baud);
/// The output rate the driver reports (termios2 c_ospeed), or 0 if it cannot be read.
unsigned get_custom_baud(int fd);

}  // namespace spikecore::detail
