"""The pair-protocol STDP window measured on the core equals the closed form within the quantization bound."""
import numpy as np

import stdp_window


def test_window_matches_closed_form_within_bound():
    d, dw, w_lsb = stdp_window.measure("golden", delays=range(-40, 41))
    expected = stdp_window.closed_form(d)
    assert np.all(np.abs(dw - expected) <= stdp_window.bound_pA(d, w_lsb))
    assert dw[d == 0] == 0
    # Sanity of the closed form itself at Δt = ±1 ms (docs/model.md §4: Δw(+1) = A_plus e^(-dt/tau_plus)).
    assert expected[d == 1][0] == stdp_window.A_PLUS * np.exp(-1 / stdp_window.TAU_PLUS)
    assert expected[d == -1][0] == -stdp_window.A_MINUS * np.exp(-1 / stdp_window.TAU_MINUS)
