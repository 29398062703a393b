package dev.netwright.engine.backend;

/** Element-wise functions of two broadcast operands. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, MIN,
    /** 1 if a > b else 0 (no gradient). */
    GREATER
}
