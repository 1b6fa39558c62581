"""Use cases: one function each, plain values in, one transaction, a result out."""
