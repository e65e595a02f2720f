## Digilent Cmod A7-35T. Source: Digilent/digilent-xdc, Cmod-A7-Master.xdc (Sch= names from the
## reference manual): sysclk L17 (12 MHz), btn[0] A18, uart_txd_in J17 (host -> FPGA),
## uart_rxd_out J18 (FPGA -> host), led[0] A17, led[1] C16, led0_r C17, led0_g B16.
## Port names: the board wrapper written by scripts/bitstream (docs/fpga.md §2).
set_property -dict { PACKAGE_PIN L17 IOSTANDARD LVCMOS33 } [get_ports { clk_i }]
create_clock -add -name sys_clk_pin -period 83.333 -waveform {0 41.667} [get_ports { clk_i }]
set_property -dict { PACKAGE_PIN A18 IOSTANDARD LVCMOS33 } [get_ports { rst_btn_i }]
set_property -dict { PACKAGE_PIN J17 IOSTANDARD LVCMOS33 } [get_ports { uart_rx_i }]
set_property -dict { PACKAGE_PIN J18 IOSTANDARD LVCMOS33 } [get_ports { uart_tx_o }]
set_property -dict { PACKAGE_PIN A17 IOSTANDARD LVCMOS33 } [get_ports { led_o[0] }]
set_property -dict { PACKAGE_PIN C16 IOSTANDARD LVCMOS33 } [get_ports { led_o[1] }]
set_property -dict { PACKAGE_PIN B16 IOSTANDARD LVCMOS33 } [get_ports { led_o[2] }]
set_property -dict { PACKAGE_PIN C17 IOSTANDARD LVCMOS33 } [get_ports { led_o[3] }]
## Asynchronous pins: button and UART RX go through 2-flop synchronizers, LEDs are slow.
set_false_path -from [get_ports { rst_btn_i uart_rx_i }]
set_false_path -to [get_ports { uart_tx_o led_o[*] }]
set_property CONFIG_VOLTAGE 3.3 [current_design]
set_property CFGBVS VCCO [current_design]
