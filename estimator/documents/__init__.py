"""Documents the application writes: the estimate sheet PDF (and, later, its signature)."""
