"""Labor standards (工时标准): labor times, labor rates, paint panels and paint rates."""
