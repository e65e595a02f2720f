## Digilent Arty A7-35T. Source: Digilent/digilent-xdc, Arty-A7-35-Master.xdc: CLK100MHZ E3,
## ck_rst C2 (RESET button, active low), uart_txd_in A9 (host -> FPGA), uart_rxd_out D10
## (FPGA -> host), led[4] H5, led[5] J5, led[6] T9, led[7] T10.
## Port names: the board wrapper written by scripts/bitstream (docs/fpga.md §2).
set_property -dict { PACKAGE_PIN E3  IOSTANDARD LVCMOS33 } [get_ports { clk_i }]
create_clock -add -name sys_clk_pin -period 10.000 -waveform {0 5} [get_ports { clk_i }]
set_property -dict { PACKAGE_PIN C2  IOSTANDARD LVCMOS33 } [get_ports { rst_btn_i }]
set_property -dict { PACKAGE_PIN A9  IOSTANDARD LVCMOS33 } [get_ports { uart_rx_i }]
set_property -dict { PACKAGE_PIN D10 IOSTANDARD LVCMOS33 } [get_ports { uart_tx_o }]
set_property -dict { PACKAGE_PIN H5  IOSTANDARD LVCMOS33 } [get_ports { led_o[0] }]
set_property -dict { PACKAGE_PIN J5  IOSTANDARD LVCMOS33 } [get_ports { led_o[1] }]
set_property -dict { PACKAGE_PIN T9  IOSTANDARD LVCMOS33 } [get_ports { led_o[2] }]
set_property -dict { PACKAGE_PIN T10 IOSTANDARD LVCMOS33 } [get_ports { led_o[3] }]
set_false_path -from [get_ports { rst_btn_i uart_rx_i }]
set_false_path -to [get_ports { uart_tx_o led_o[*] }]
set_property CONFIG_VOLTAGE 3.3 [current_design]
set_property CFGBVS VCCO [current_design]
