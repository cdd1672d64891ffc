"""Text input without a physical keyboard: pinyin candidates and matter search (no Qt here)."""
