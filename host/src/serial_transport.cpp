// SPDX-License-Identifier: Apache-2.0
// SerialTransport on Boost.Asio serial_port (toolchain.md §4); rates Asio lacks go through serial_baud.cpp.
#include "spikecore/serial_transport.hpp"

#include <termios.h>

#include <algorithm>
#include <cerrno>

#include "asio_io.hpp"
#include "serial_baud.hpp"

namespace spikecore {

namespace asio = boost::asio;

const std::vector<unsigned>& standard_bauds() {
  // The cases of boost/asio/impl/serial_port_base.ipp that glibc defines, from 300 up.
  static const std::vector<unsigned> v{300,    600,    1200,   1800,    2400,    4800,    9600,    19200,
                                       38400,  57600,  115200, 230400,  460800,  500000,  576000,  921600,
                                       1000000, 1152000, 2000000, 3000000, 3500000, 4000000};
  return v;
}

namespace {
std::string baud_range_text() {
  return "expected " + std::to_string(MIN_BAUD) + ".." + std::to_string(MAX_BAUD) +
         " (standard: 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600, 1000000, 2000000, 3000000, "
         "4000000; others via termios2 if the adapter supports them)";
}
}  // namespace

struct SerialTransport::Impl {
  asio::io_context io;
  asio::serial_port port{io};
  std::string path, who;
  bool custom = false;
  std::chrono::milliseconds write_timeout{};
};

SerialTransport::SerialTransport(const std::string& path, unsigned baud, std::chrono::milliseconds write_timeout)
    : impl_(std::make_unique<Impl>()) {
  if (baud < MIN_BAUD || baud > MAX_BAUD)
    throw TransportError(path + ": baud = " + std::to_string(baud) + ": " + baud_range_text());
  impl_->path = path;
  impl_->who = path + "@" + std::to_string(baud);
  impl_->write_timeout = write_timeout;
  boost::system::error_code ec;
  impl_->port.open(path, ec);
  if (ec) {
    if (ec.value() == ENOENT || ec.value() == ENXIO || ec.value() == ENODEV)
      throw TransportError("no device at " + path);
    if (ec.value() == EACCES || ec.value() == EPERM)
      throw TransportError("permission denied on " + path +
                           " (add your user to the group owning it, usually 'dialout', then log in again)");
    if (ec.value() == ENOTTY || ec.value() == EINVAL) throw TransportError(path + " is not a serial port");
    if (ec.value() == EBUSY) throw TransportError(path + " is busy (another program has it open?)");
    throw TransportError("cannot open " + path + ": " + ec.message());
  }
  auto& p = impl_->port;
  const auto& std_rates = standard_bauds();
  if (std::find(std_rates.begin(), std_rates.end(), baud) != std_rates.end()) {
    p.set_option(asio::serial_port_base::baud_rate(baud), ec);
  } else {
    impl_->custom = true;
    if (const int err = detail::set_custom_baud(p.native_handle(), baud))
      ec = boost::system::error_code(err, boost::system::system_category());
  }
  if (ec) throw TransportError(path + ": baud = " + std::to_string(baud) + " refused by the driver (" + ec.message() +
                               "): " + baud_range_text());
  // Raw 8N1 without flow control: the protocol has its own framing, CRC and retransmission (docs/protocol.md).
  p.set_option(asio::serial_port_base::character_size(8), ec);
  if (!ec) p.set_option(asio::serial_port_base::parity(asio::serial_port_base::parity::none), ec);
  if (!ec) p.set_option(asio::serial_port_base::stop_bits(asio::serial_port_base::stop_bits::one), ec);
  if (!ec) p.set_option(asio::serial_port_base::flow_control(asio::serial_port_base::flow_control::none), ec);
  if (ec) throw TransportError(path + ": cannot set 8N1 without flow control: " + ec.message());
  // Bytes left over from a board reset or an earlier session would only cost a resync; drop them now.
  ::tcflush(p.native_handle(), TCIOFLUSH);
}

SerialTransport::~SerialTransport() = default;

void SerialTransport::write(const std::uint8_t* data, std::size_t n) {
  detail::timed_write(impl_->io, impl_->port, data, n, impl_->write_timeout, impl_->who);
}

std::size_t SerialTransport::read(std::uint8_t* buf, std::size_t max, std::chrono::milliseconds timeout) {
  try {
    return detail::timed_read(impl_->io, impl_->port, buf, max, timeout, impl_->who);
  } catch (const TransportError& e) {
    // A pty whose master went away reports EIO, an unplugged USB bridge EIO or ENODEV: say what that means.
    throw TransportError(std::string(e.what()) + " (device unplugged, or the simulator exited?)");
  }
}

std::string SerialTransport::describe() const { return impl_->who; }

unsigned SerialTransport::baud() const {
  if (impl_->custom) return detail::get_custom_baud(impl_->port.native_handle());
  asio::serial_port_base::baud_rate b;
  boost::system::error_code ec;
  impl_->port.get_option(b, ec);
  return ec ? detail::get_custom_baud(impl_->port.native_handle()) : b.value();
}

}  // namespace spikecore
