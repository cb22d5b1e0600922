"""A diner's visit: the state machine (no I/O) and the runtime that wires the stages."""
