## Digilent Basys 3. Source: Digilent/digilent-xdc, Basys-3-Master.xdc: clk W5 (100 MHz), btnC U18
## (active high), RsRx B18 (host -> FPGA), RsTx A18 (FPGA -> host), led[0] U16, led[1] E19,
## led[2] U19, led[3] V19.
## Port names: the board wrapper written by scripts/bitstream (docs/fpga.md §2).
set_property -dict { PACKAGE_PIN W5  IOSTANDARD LVCMOS33 } [get_ports { clk_i }]
create_clock -add -name sys_clk_pin -period 10.000 -waveform {0 5} [get_ports { clk_i }]
set_property -dict { PACKAGE_PIN U18 IOSTANDARD LVCMOS33 } [get_ports { rst_btn_i }]
set_property -dict { PACKAGE_PIN B18 IOSTANDARD LVCMOS33 } [get_ports { uart_rx_i }]
set_property -dict { PACKAGE_PIN A18 IOSTANDARD LVCMOS33 } [get_ports { uart_tx_o }]
set_property -dict { PACKAGE_PIN U16 IOSTANDARD LVCMOS33 } [get_ports { led_o[0] }]
set_property -dict { PACKAGE_PIN E19 IOSTANDARD LVCMOS33 } [get_ports { led_o[1] }]
set_property -dict { PACKAGE_PIN U19 IOSTANDARD LVCMOS33 } [get_ports { led_o[2] }]
set_property -dict { PACKAGE_PIN V19 IOSTANDARD LVCMOS33 } [get_ports { led_o[3] }]
set_false_path -from [get_ports { rst_btn_i uart_rx_i }]
set_false_path -to [get_ports { uart_tx_o led_o[*] }]
set_property CONFIG_VOLTAGE 3.3 [current_design]
set_property CFGBVS VCCO [current_design]
