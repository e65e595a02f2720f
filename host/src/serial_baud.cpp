// SPDX-License-Identifier: Apache-2.0
// termios2/BOTHER: linux/drivers/tty/tty_ioctl.c (TCGETS2/TCSETS2); the driver rounds to what it can divide.
#include "serial_baud.hpp"

#include <asm/ioctls.h>     // TCGETS2, TCSETS2
#include <asm/termbits.h>   // struct termios2, BOTHER -- must not meet <termios.h>
#include <cerrno>

extern "C" int ioctl(int fd, unsigned long request, ...);   // <sys/ioctl.h> would pull in the clashing termio types

namespace spikecore::detail {

int set_custom_baud(int fd, unsigned baud) {
  struct termios2 t {};
  if (ioctl(fd, TCGETS2, &t) != 0) return errno;
  t.c_cflag &= ~CBAUD;
  t.c_cflag |= BOTHER;
  t.c_cflag &= ~(CBAUD << IBSHIFT);
  t.c_cflag |= BOTHER << IBSHIFT;
  t.c_ispeed = baud;
  t.c_ospeed = baud;
  if (ioctl(fd, TCSETS2, &t) != 0) return errno;
  return 0;
}

unsigned get_custom_baud(int fd) {
  struct termios2 t {};
  if (ioctl(fd, TCGETS2, &t) != 0) return 0;
  return t.c_ospeed;
}

}  // namespace spikecore::detail
