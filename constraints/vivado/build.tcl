# Vivado non-project batch flow, called by scripts/bitstream when `vivado` is on PATH:
#   vivado -mode batch -source build.tcl -tclargs PART XDC OUTDIR NAME SRC...
# Synthesis, implementation, timing check (fails on negative slack or unconstrained endpoints),
# bitstream, and OUTDIR/vivado_report.txt (KEY=VALUE, same keys as the Yosys flows).
lassign $argv part xdc out name
set srcs [lrange $argv 4 end]
read_verilog -sv $srcs
read_xdc $xdc
synth_design -top spk_fpga_top -part $part
opt_design
place_design
phys_opt_design
route_design
report_utilization -file $out/utilization.txt
report_timing_summary -max_paths 10 -file $out/timing.txt
set wns [get_property SLACK [get_timing_paths -max_paths 1 -nworst 1 -setup]]
set period [get_property PERIOD [get_clocks sys_clk_pin]]
set fmax [expr {1000.0 / ($period - $wns)}]
check_timing -file $out/check_timing.txt
set f [open $out/check_timing.txt]; set ct [read $f]; close $f
set unconstrained [regexp {There (is|are) [1-9][0-9]* (register/latch pins with no clock|unconstrained internal endpoint)} $ct]
set u [open $out/vivado_report.txt w]
puts $u "CLK_MHZ=[format %.3f [expr {1000.0 / $period}]]"
puts $u "LUT=[llength [get_cells -hier -filter {PRIMITIVE_GROUP == LUT}]]"
puts $u "FF=[llength [get_cells -hier -filter {PRIMITIVE_GROUP == FLOP_LATCH}]]"
puts $u "RAMB36=[llength [get_cells -hier -filter {REF_NAME == RAMB36E1}]]"
puts $u "RAMB18=[llength [get_cells -hier -filter {REF_NAME == RAMB18E1}]]"
puts $u "DSP=[llength [get_cells -hier -filter {REF_NAME == DSP48E1}]]"
puts $u "WNS_NS=$wns"
puts $u "FMAX_MHZ=[format %.2f $fmax]"
puts $u "FMAX_SOURCE=vivado"
close $u
if {$wns < 0} { puts "ERROR: timing not met (WNS $wns ns)"; exit 1 }
if {$unconstrained > 0} { puts "ERROR: unconstrained timing paths (see $out/timing.txt)"; exit 1 }
write_bitstream -force $out/$name.bit
