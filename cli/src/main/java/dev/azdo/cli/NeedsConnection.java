package dev.azdo.cli;

/** Marks a command that takes the connection options. */
interface NeedsConnection {}
