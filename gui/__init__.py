"""Qt window of 年报助手 (depends on model/ and export/)."""
